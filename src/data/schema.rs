//! Typed records of the atlas. Field names match the files under
//! `public/data/`; docs/DATA.md documents them.

use geo::MultiPolygon;
use serde::{Deserialize, Serialize};

/// A string in each UI language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    #[serde(default)]
    pub ru: String,
}

impl Text {
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Ru if !self.ru.is_empty() => &self.ru,
            _ => &self.en,
        }
    }
}

pub use crate::spatial::region::{Bounds, ProjectionSpec};

/// File names of the layers, relative to the manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LayerFiles {
    pub countries: String,
    #[serde(default)]
    pub water: Option<String>,
    pub deposits: String,
    pub flows: String,
    #[serde(default)]
    pub headlines: Option<String>,
    /// Context layers (capitals and cities, rivers, world land for the inset).
    #[serde(default)]
    pub places: Option<String>,
    #[serde(default)]
    pub rivers: Option<String>,
    #[serde(default)]
    pub world: Option<String>,
    /// The reader-facing text of the deposits and flows (sources, notes,
    /// precision, amount and exchange-rate notes), keyed by id, when the
    /// layer files leave it out: read when a reader first opens a details
    /// panel or the table (`data::details`; `atlas split` writes it).
    #[serde(default)]
    pub details: Option<String>,
}

/// An investor bloc and where its money comes from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Investor {
    pub id: String,
    pub name: Text,
    /// Capital the arrow comes from, as [lon, lat].
    pub origin: [f64; 2],
    pub origin_label: Text,
    /// CSS colour of the bloc's arrows.
    pub color: String,
}

/// How arrow widths are scaled: `usd_per_px` dollars make one pixel of width
/// at the reference map size, so two maps on the same scale compare honestly.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FlowScaleSpec {
    pub usd_per_px: f64,
    pub min_px: f64,
    /// Amounts shown as reference arrows in the legend.
    pub reference_usd: [f64; 3],
}

impl Default for FlowScaleSpec {
    fn default() -> Self {
        FlowScaleSpec { usd_per_px: 5.0e8, min_px: 1.5, reference_usd: [1.0e9, 5.0e9, 20.0e9] }
    }
}

/// Where an annotation is pinned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AnnotationAnchor {
    /// A deposit, by id.
    Deposit(String),
    /// A point, `[lon, lat]`.
    Point([f64; 2]),
}

/// A short note on the map (`region.json` → `annotations`): plain text, at
/// most [`Annotation::MAX_CHARS`] characters, with a leader line to its anchor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Position in the manifest's `annotations` list (for messages).
    pub row: usize,
    pub text: Text,
    pub anchor: AnnotationAnchor,
}

impl Annotation {
    pub const MAX_CHARS: usize = 140;
}

/// The region manifest, `region.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub subtitle: Text,
    pub credit: Text,
    /// The frame the first view fits, and the edge flow arrows enter from.
    pub frame: Bounds,
    pub projection: ProjectionSpec,
    /// ISO3 codes of the states the atlas is about (drawn emphasised).
    pub focus: Vec<String>,
    /// Name of a region-scope destination (e.g. "CA5").
    pub region_code: String,
    pub region_name: Text,
    pub layers: LayerFiles,
    pub investors: Vec<Investor>,
    #[serde(default)]
    pub flow_scale: FlowScaleSpec,
    /// Origins (`https://host[:port]`) other than the atlas's own that may
    /// supply data through `?data=`. Read only from the bundled manifest of
    /// the deployment; a loaded manifest's own list is ignored.
    #[serde(default)]
    pub allowed_data_origins: Vec<String>,
    /// Short notes pinned to a deposit or a point (`annotations`).
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Bad fields found while parsing, each replaced by a safe value.
    #[serde(skip)]
    pub problems: Vec<super::DataError>,
}

impl Region {
    /// Replace a refused frame by the box around the focus countries (or
    /// all countries), and a degenerate projection by one fitted to the
    /// frame. The problems were named when the manifest was parsed.
    pub fn repair(&mut self, countries: &[Country]) {
        use geo::BoundingRect;
        let f = self.frame;
        let frame_ok =
            [f.west, f.south, f.east, f.north].iter().all(|v| v.is_finite()) && f.west < f.east && f.south < f.north;
        if !frame_ok {
            let focus: Vec<&Country> = countries.iter().filter(|c| self.focus.contains(&c.iso3)).collect();
            let pick = if focus.is_empty() { countries.iter().collect() } else { focus };
            let rect = pick.iter().filter_map(|c| c.geometry.bounding_rect()).reduce(|a, b| {
                geo::Rect::new(
                    geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                    geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
                )
            });
            self.frame = match rect {
                Some(r) if r.width() > 0.0 && r.height() > 0.0 => {
                    Bounds { west: r.min().x, south: r.min().y, east: r.max().x, north: r.max().y }
                }
                _ => Bounds::default(),
            };
        }
        if crate::spatial::Albers::check(self.projection).is_err() {
            self.projection = ProjectionSpec::fitted(self.frame);
        }
    }

    pub fn frame_center(&self) -> [f64; 2] {
        [(self.frame.west + self.frame.east) / 2.0, (self.frame.south + self.frame.north) / 2.0]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountryRole {
    Focus,
    Context,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub name_en: String,
    pub name_ru: String,
    pub role: CountryRole,
    /// Label point, [lon, lat], inside the polygon.
    pub label: [f64; 2],
    pub geometry: MultiPolygon<f64>,
}

impl Country {
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Ru if !self.name_ru.is_empty() => &self.name_ru,
            _ => &self.name_en,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Water {
    pub id: String,
    pub name_en: String,
    pub name_ru: String,
    pub kind: String,
    pub note: String,
    pub geometry: MultiPolygon<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub url: String,
    pub title: String,
}

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
            /// The allowed spellings, for error messages.
            pub fn expected() -> String {
                [$($s),+].join(", ")
            }
        }
    };
}

string_enum!(
    /// Whether the feature is a deposit, a mine, or a processing plant.
    SiteKind { Deposit => "deposit", Mine => "mine", Plant => "plant" }
);
string_enum!(
    DepositStatus {
        Operating => "operating",
        Development => "development",
        Exploration => "exploration",
        PastProducer => "past_producer",
    }
);
string_enum!(
    /// How well a coordinate is known.
    Precision { Exact => "exact", Approximate => "approximate", Region => "region" }
);
string_enum!(
    /// Where a foreign investor is from. `other` is kept but has no arrow.
    Home { China => "china", Eu => "eu", Us => "us", Russia => "russia", Other => "other" }
);
string_enum!(
    FlowStatus { Realized => "realized", Committed => "committed", Announced => "announced" }
);
string_enum!(
    /// Whether a figure was confirmed, or is only attributed to who reported it.
    Confidence { Confirmed => "confirmed", Attributed => "attributed" }
);
string_enum!(
    FlowScope { Country => "country", Region => "region", Global => "global" }
);

#[derive(Debug, Clone, PartialEq)]
pub struct Stake {
    pub name: String,
    pub home: Home,
    pub stake_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deposit {
    /// Position in the file's `features` array (for error messages).
    pub row: usize,
    pub id: String,
    pub name: String,
    pub name_ru: Option<String>,
    pub kind: SiteKind,
    pub country: String,
    /// Commodity symbols, primary first.
    pub commodities: Vec<String>,
    pub status: DepositStatus,
    pub operator: String,
    pub investors: Vec<Stake>,
    pub precision: Precision,
    /// Uncertainty radius of the coordinate.
    pub precision_km: f64,
    pub precision_note: String,
    pub sources: Vec<Source>,
    pub notes: String,
    pub lon: f64,
    pub lat: f64,
}

impl Deposit {
    pub fn primary(&self) -> &str {
        self.commodities.first().map(String::as_str).unwrap_or("")
    }

    pub fn display_name(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.name_ru) {
            (crate::i18n::Lang::Ru, Some(ru)) if !ru.is_empty() => ru,
            _ => &self.name,
        }
    }

    pub fn has_investor_from(&self, home: Home) -> bool {
        self.investors.iter().any(|s| s.home == home)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Position in the file's `features` array (for error messages).
    pub row: usize,
    pub id: String,
    /// Investor bloc id, one of the region's investors.
    pub investor: String,
    pub entity: String,
    pub scope: FlowScope,
    /// ISO3 for country scope; the region code or "GLOBAL" otherwise.
    pub destination: String,
    /// `None` when the amount was not disclosed: listed, never drawn.
    pub amount_usd: Option<f64>,
    pub amount_original: Option<f64>,
    pub currency: Option<String>,
    pub fx_note: Option<String>,
    pub amount_note: Option<String>,
    pub year_start: i32,
    pub year_end: i32,
    pub period: String,
    pub sector: String,
    pub status: FlowStatus,
    pub confidence: Confidence,
    pub attributed_to: Option<String>,
    pub deposit_ids: Vec<String>,
    /// Id of a larger record this one is part of: listed, not added again.
    pub part_of: Option<String>,
    pub sources: Vec<Source>,
    pub notes: String,
}

impl Flow {
    /// Does the flow's period overlap the years `from..=to`?
    pub fn overlaps(&self, from: i32, to: i32) -> bool {
        self.year_start <= to && self.year_end >= from
    }
}

/// A headline share of world reserves or production, with its attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    pub id: String,
    pub commodity: String,
    pub label_en: String,
    #[serde(default)]
    pub label_ru: String,
    pub value_pct: f64,
    pub measure: String,
    pub confidence: String,
    #[serde(default)]
    pub attributed_to: String,
    #[serde(default)]
    pub note: String,
    pub sources: Vec<Source>,
}
