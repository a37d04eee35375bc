//! The journalist's map as one document: their title, subtitle, credit and
//! source line, and the accepted records as the atlas's own GeoJSON. It is
//! what a fragment permalink carries (deflate + base64url, bounded in size)
//! and what the zip's `data/` folder holds, so both open to the same map.

use crate::data::{RawFiles, Region, Text};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The fragment key: `#map=<base64url of deflated JSON>`.
pub const FRAGMENT_KEY: &str = "map=";
/// Longest fragment written or read, in characters. Links well beyond a few
/// thousand characters break in mail clients and chat apps; larger data goes
/// in the zip.
pub const MAX_FRAGMENT: usize = 12_000;
/// Largest document a fragment may inflate to (a guard against a deflate bomb).
const MAX_INFLATED: usize = 2_000_000;
const VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub credit: String,
    /// "Source: …", printed after the credit.
    #[serde(default)]
    pub source: String,
}

impl Labels {
    /// The manifest with this title, subtitle and credit line, in one
    /// language (Russian falls back to it).
    pub fn apply(&self, base: &Region) -> Region {
        let text = |s: String| Text { en: s, ru: String::new() };
        Region {
            title: text(self.title.clone()),
            subtitle: text(self.subtitle.clone()),
            credit: text(self.credit_line()),
            ..base.clone()
        }
    }

    /// The credit line as the atlas prints it: credit, then the source line.
    pub fn credit_line(&self) -> String {
        [self.credit.trim(), self.source.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// Longest annotation text, in characters: the manifest's own limit.
pub const MAX_NOTE_CHARS: usize = crate::data::Annotation::MAX_CHARS;

/// A short note on the map, pinned to one of the journalist's deposits or to
/// a point. Written as the manifest's `annotations` entries:
/// `{"text": "...", "deposit": "<id>"}` or `{"text": "...", "lon": .., "lat": ..}`,
/// with an optional `"text_ru"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_ru: String,
    #[serde(flatten)]
    pub pin: Pin,
}

impl Annotation {
    /// The note as the atlas reads it from a manifest, at position `row` of its list.
    pub fn to_region(&self, row: usize) -> crate::data::Annotation {
        use crate::data::AnnotationAnchor;
        crate::data::Annotation {
            row,
            text: Text { en: self.text.clone(), ru: self.text_ru.clone() },
            anchor: match &self.pin {
                Pin::Deposit { deposit } => AnnotationAnchor::Deposit(deposit.clone()),
                Pin::Point { lon, lat } => AnnotationAnchor::Point([*lon, *lat]),
            },
        }
    }
}

/// The notes as the atlas draws them: those with a problem left out, each at
/// its position among the rest (the preview, the link and the zip alike).
pub fn notes_on_map(notes: &[Annotation]) -> Vec<crate::data::Annotation> {
    notes.iter().filter(|a| a.problem().is_none()).enumerate().map(|(i, a)| a.to_region(i)).collect()
}

/// Where an annotation is pinned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Pin {
    Deposit { deposit: String },
    Point { lon: f64, lat: f64 },
}

/// Why a note cannot go on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NoteProblem {
    TooLong { ru: bool, chars: usize },
    Empty,
    NoDeposit,
    OffGlobe { lon: f64, lat: f64 },
}

impl fmt::Display for NoteProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteProblem::TooLong { ru, chars } => {
                let which = if *ru { "text_ru" } else { "text" };
                write!(f, "{which} is {chars} characters; at most {MAX_NOTE_CHARS}")
            }
            NoteProblem::Empty => write!(f, "text is empty"),
            NoteProblem::NoDeposit => write!(f, "no deposit chosen"),
            NoteProblem::OffGlobe { lon, lat } => write!(f, "[{lon}, {lat}] is not a longitude and latitude"),
        }
    }
}

impl Annotation {
    /// What is wrong with this note, if anything.
    pub fn problem(&self) -> Option<NoteProblem> {
        for (t, ru) in [(&self.text, false), (&self.text_ru, true)] {
            let chars = t.chars().count();
            if chars > MAX_NOTE_CHARS {
                return Some(NoteProblem::TooLong { ru, chars });
            }
        }
        if self.text.trim().is_empty() {
            return Some(NoteProblem::Empty);
        }
        match self.pin {
            Pin::Deposit { ref deposit } if deposit.is_empty() => Some(NoteProblem::NoDeposit),
            Pin::Point { lon, lat } if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) => {
                Some(NoteProblem::OffGlobe { lon, lat })
            }
            _ => None,
        }
    }
}

fn yes() -> bool {
    true
}

/// The layers are kept as JSON text, so the main app passes them to the
/// parser as they are and never carries a JSON writer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapDoc {
    pub v: u32,
    pub labels: Labels,
    /// `deposits.geojson`, accepted records only.
    pub deposits: String,
    /// `flows.geojson`, accepted records only.
    pub flows: String,
    /// The atlas's context layers (capitals and cities, rivers, the locator
    /// inset) under the journalist's data.
    #[serde(default = "yes")]
    pub context: bool,
    /// Notes on the map, in the manifest's `annotations` format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FragmentError {
    /// The link is longer than [`MAX_FRAGMENT`]: download the zip instead.
    TooLong {
        len: usize,
        max: usize,
    },
    /// No `map=` in the fragment.
    Missing,
    NotBase64,
    NotDeflate,
    NotAMap(String),
    /// Made by a newer version of the atlas.
    Version(u32),
}

impl fmt::Display for FragmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FragmentError::TooLong { len, max } => write!(
                f,
                "map link: the data needs {len} characters, more than the {max} a link can safely carry; download the map as a zip instead"
            ),
            FragmentError::Missing => write!(f, "map link: no map data in the link"),
            FragmentError::NotBase64 => {
                write!(f, "map link: the data is damaged (not base64url); was the link cut short?")
            }
            FragmentError::NotDeflate => {
                write!(f, "map link: the data is damaged (does not inflate); was the link cut short?")
            }
            FragmentError::NotAMap(e) => write!(f, "map link: not a map: {e}"),
            FragmentError::Version(v) => write!(f, "map link: made by a newer atlas (version {v})"),
        }
    }
}

impl std::error::Error for FragmentError {}

impl MapDoc {
    pub fn new(labels: Labels, deposits: &Value, flows: &Value) -> MapDoc {
        MapDoc {
            v: VERSION,
            labels,
            deposits: deposits.to_string(),
            flows: flows.to_string(),
            context: true,
            annotations: Vec::new(),
        }
    }

    /// With the context layers, or without.
    pub fn with_context(mut self, on: bool) -> MapDoc {
        self.context = on;
        self
    }

    /// With these notes (those with a problem are left out).
    pub fn with_annotations(mut self, notes: &[Annotation]) -> MapDoc {
        self.annotations = notes.iter().filter(|a| a.problem().is_none()).cloned().collect();
        self
    }

    /// The bundled manifest with the journalist's title, subtitle and credit,
    /// and no layer of the atlas's own figures (headlines).
    pub fn region(&self, base: &Region) -> Region {
        let mut r = self.labels.apply(base);
        r.layers.headlines = None;
        // The journalist's records carry their own sources (no details file).
        r.layers.details = None;
        // The context layers (cities, rivers, inset land) stay, unless the
        // journalist turned them off.
        if !self.context {
            r.layers.places = None;
            r.layers.rivers = None;
            r.layers.world = None;
        }
        // The journalist's notes, drawn by the scene as the manifest's would be.
        r.annotations = notes_on_map(&self.annotations);
        r
    }

    /// The manifest and files the atlas loads for this map, on the bundled basemap.
    pub fn apply(&self, base: &Region, basemap: RawFiles) -> (Region, RawFiles) {
        let raw = RawFiles {
            deposits: Some(self.deposits.clone()),
            flows: Some(self.flows.clone()),
            headlines: None,
            ..basemap
        };
        (self.region(base), raw)
    }

    /// `map=<data>`, to put after `#`.
    pub fn to_fragment(&self) -> Result<String, FragmentError> {
        let json = serde_json::to_vec(self).map_err(|e| FragmentError::NotAMap(e.to_string()))?;
        let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
        let s = format!("{FRAGMENT_KEY}{}", URL_SAFE_NO_PAD.encode(packed));
        if s.len() > MAX_FRAGMENT {
            return Err(FragmentError::TooLong { len: s.len(), max: MAX_FRAGMENT });
        }
        Ok(s)
    }

    /// Read a location hash (`#map=…`, with or without the `#`). Other
    /// `&`-separated parts of the fragment are ignored.
    pub fn from_fragment(hash: &str) -> Result<MapDoc, FragmentError> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let data = hash.split('&').find_map(|p| p.strip_prefix(FRAGMENT_KEY)).ok_or(FragmentError::Missing)?;
        if data.len() + FRAGMENT_KEY.len() > MAX_FRAGMENT {
            return Err(FragmentError::TooLong { len: data.len() + FRAGMENT_KEY.len(), max: MAX_FRAGMENT });
        }
        let packed = URL_SAFE_NO_PAD.decode(data.trim_end_matches('=')).map_err(|_| FragmentError::NotBase64)?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
            .map_err(|_| FragmentError::NotDeflate)?;
        // With the atlas's own JSON reader, as the layer parser reads: the
        // main app carries no serde_json.
        let text = std::str::from_utf8(&json).map_err(|e| FragmentError::NotAMap(e.to_string()))?;
        let doc = read_doc(text).map_err(FragmentError::NotAMap)?;
        if doc.v > VERSION {
            return Err(FragmentError::Version(doc.v));
        }
        Ok(doc)
    }
}

/// A map document from its JSON text, read with [`crate::data::json`]
/// (the writer is serde's; the fields and defaults are the same).
fn read_doc(text: &str) -> Result<MapDoc, String> {
    use crate::data::json::{self, Value as J};
    let v = json::from_str(text)?;
    let missing = |k: &str| format!("missing field `{k}`");
    let string = |o: &J, k: &str| -> Result<String, String> {
        match o.get(k) {
            Some(J::String(s)) => Ok(s.to_string()),
            Some(_) => Err(format!("`{k}` must be a string")),
            None => Err(missing(k)),
        }
    };
    let optional = |o: &J, k: &str| -> Result<String, String> {
        if o.get(k).is_some() { string(o, k) } else { Ok(String::new()) }
    };
    let number = |o: &J, k: &str| o.get(k).and_then(J::as_f64).ok_or_else(|| format!("`{k}` must be a number"));
    if !matches!(v, J::Object(_)) {
        return Err("expected a JSON object".into());
    }
    let version = v.get("v").and_then(J::as_f64).ok_or_else(|| missing("v"))?;
    if !(0.0..=u32::MAX as f64).contains(&version) || version.fract() != 0.0 {
        return Err("`v` must be a whole number".into());
    }
    let l = v.get("labels").filter(|l| matches!(l, J::Object(_))).ok_or_else(|| missing("labels"))?;
    let labels = Labels {
        title: string(l, "title")?,
        subtitle: optional(l, "subtitle")?,
        credit: optional(l, "credit")?,
        source: optional(l, "source")?,
    };
    let context = match v.get("context") {
        None => true,
        Some(J::Bool(b)) => *b,
        Some(_) => return Err("`context` must be true or false".into()),
    };
    let mut annotations = Vec::new();
    if let Some(list) = v.get("annotations") {
        for a in list.as_array().ok_or("`annotations` must be a list")? {
            let pin = if a.get("deposit").is_some() {
                Pin::Deposit { deposit: string(a, "deposit")? }
            } else {
                Pin::Point { lon: number(a, "lon")?, lat: number(a, "lat")? }
            };
            annotations.push(Annotation { text: string(a, "text")?, text_ru: optional(a, "text_ru")?, pin });
        }
    }
    Ok(MapDoc {
        v: version as u32,
        labels,
        deposits: string(&v, "deposits")?,
        flows: string(&v, "flows")?,
        context,
        annotations,
    })
}

/// Does the journalist's data lie in the atlas's region (every deposit inside
/// its frame)? Then the atlas's context layers belong under it.
pub fn lies_in(frame: &crate::data::Bounds, deposits: &[crate::data::Deposit]) -> bool {
    deposits.iter().all(|d| inside(frame, d.lon, d.lat))
}

fn inside(frame: &crate::data::Bounds, lon: f64, lat: f64) -> bool {
    (frame.west..=frame.east).contains(&lon) && (frame.south..=frame.north).contains(&lat)
}

/// Does this location hash carry a map?
pub fn has_map(hash: &str) -> bool {
    hash.strip_prefix('#').unwrap_or(hash).split('&').any(|p| p.starts_with(FRAGMENT_KEY))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> MapDoc {
        let labels = Labels {
            title: "Who mines Kazakhstan's copper".into(),
            subtitle: "Mines and plants, 2025".into(),
            credit: "Map: Aigerim N. / The Daily".into(),
            source: "Source: company reports".into(),
        };
        let deposits = json!({"type": "FeatureCollection", "features": [{"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [79.98, 46.95]},
            "properties": {"id": "aktogay", "name": "Актогай <b>"}}]});
        MapDoc::new(labels, &deposits, &json!({"type": "FeatureCollection", "features": []}))
    }

    #[test]
    fn a_map_survives_the_round_trip_through_a_fragment() {
        let d = doc();
        let f = d.to_fragment().unwrap();
        assert!(f.starts_with("map="));
        assert!(f[4..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "URL-safe: {f}");
        assert_eq!(MapDoc::from_fragment(&format!("#{f}")).unwrap(), d);
        assert_eq!(MapDoc::from_fragment(&format!("x=1&{f}")).unwrap(), d);
        assert!(has_map(&format!("#{f}")) && !has_map("#other"));
    }

    /// The bundled atlas's manifest (`public/data/region.json`).
    pub(in crate::author) fn bundled_region() -> Region {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data/region.json");
        crate::data::parse::region("region.json", &std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn notes() -> Vec<Annotation> {
        vec![
            Annotation {
                text: "Biggest copper mine".into(),
                text_ru: "Крупнейший медный рудник".into(),
                pin: Pin::Deposit { deposit: "aktogay".into() },
            },
            Annotation {
                text: "Lake Balkhash".into(),
                text_ru: String::new(),
                pin: Pin::Point { lon: 74.5, lat: 46.25 },
            },
        ]
    }

    #[test]
    fn a_journalists_notes_reach_the_region_the_atlas_draws() {
        use crate::data::AnnotationAnchor;
        let empty = json!({"type": "FeatureCollection", "features": []});
        let notes = vec![
            Annotation {
                text: "Here".into(), text_ru: "Здесь".into(), pin: Pin::Deposit { deposit: "kumtor".into() }
            },
            Annotation { text: "Lake".into(), text_ru: String::new(), pin: Pin::Point { lon: 77.25, lat: 42.5 } },
        ];
        let doc = MapDoc::new(Default::default(), &empty, &empty).with_annotations(&notes);
        let r = doc.region(&Region::default());
        assert_eq!(r.annotations.len(), 2);
        assert_eq!(r.annotations[0].anchor, AnnotationAnchor::Deposit("kumtor".into()));
        assert_eq!((r.annotations[0].text.en.as_str(), r.annotations[0].text.ru.as_str()), ("Here", "Здесь"));
        assert_eq!(r.annotations[1].anchor, AnnotationAnchor::Point([77.25, 42.5]));
        assert_eq!(r.annotations[1].row, 1);
    }

    #[test]
    fn annotations_are_written_in_the_manifest_format_and_survive_the_link() {
        let d = doc().with_annotations(&notes());
        let v: Value = serde_json::to_value(&d).unwrap();
        assert_eq!(
            v["annotations"],
            json!([
                {"text": "Biggest copper mine", "text_ru": "Крупнейший медный рудник", "deposit": "aktogay"},
                {"text": "Lake Balkhash", "lon": 74.5, "lat": 46.25}
            ])
        );
        let back = MapDoc::from_fragment(&d.to_fragment().unwrap()).unwrap();
        assert_eq!(back.annotations, notes());
        // A document written before notes and context existed still reads.
        let old = json!({"v": 1, "labels": {"title": "t"}, "deposits": "{}", "flows": "{}"});
        let old = read_doc(&old.to_string()).unwrap();
        assert!(old.annotations.is_empty() && old.context);
        // The app's reader and serde's agree on every field.
        let d = doc().with_context(false).with_annotations(&notes());
        let text = serde_json::to_string(&d).unwrap();
        assert_eq!(read_doc(&text).unwrap(), serde_json::from_str::<MapDoc>(&text).unwrap());
        assert_eq!(read_doc(&text).unwrap(), d);
        for (bad, why) in [
            (r#"{"v": 1, "labels": {"title": "t"}, "flows": "{}"}"#, "missing field `deposits`"),
            (r#"{"v": 1, "labels": {"title": 3}, "deposits": "{}", "flows": "{}"}"#, "`title` must be a string"),
            (
                r#"{"v": 1, "labels": {"title": "t"}, "deposits": "{}", "flows": "{}", "annotations": [{"text": "x", "lon": "a"}]}"#,
                "`lon` must be a number",
            ),
            ("[1]", "expected a JSON object"),
        ] {
            assert_eq!(read_doc(bad).unwrap_err(), why);
        }
    }

    #[test]
    fn a_note_that_is_empty_too_long_or_off_the_globe_is_named_and_left_out() {
        let mut bad = notes();
        bad[0].text = "x".repeat(MAX_NOTE_CHARS + 1);
        bad[1].pin = Pin::Point { lon: 200.0, lat: 10.0 };
        bad.push(Annotation { text: " ".into(), text_ru: String::new(), pin: Pin::Deposit { deposit: "a".into() } });
        bad.push(Annotation {
            text: "ok".into(),
            text_ru: String::new(),
            pin: Pin::Deposit { deposit: String::new() },
        });
        let problems: Vec<String> = bad.iter().map(|a| a.problem().unwrap().to_string()).collect();
        assert!(problems[0].contains("141 characters"), "{problems:?}");
        assert!(problems[1].contains("[200, 10]"), "{problems:?}");
        assert_eq!(problems[2], "text is empty");
        assert_eq!(problems[3], "no deposit chosen");
        assert_eq!(notes()[0].text.chars().count() <= MAX_NOTE_CHARS, notes()[0].problem().is_none());
        assert!(doc().with_annotations(&bad).annotations.is_empty());
    }

    #[test]
    fn the_context_layers_stay_unless_the_journalist_turns_them_off() {
        let base = bundled_region();
        assert!(base.layers.places.is_some() && base.layers.world.is_some(), "the bundled atlas has them");
        let on = doc().region(&base).layers;
        assert_eq!(
            (on.places, on.rivers, on.world),
            (base.layers.places.clone(), base.layers.rivers.clone(), base.layers.world.clone())
        );
        let off = doc().with_context(false).region(&base).layers;
        assert_eq!((off.places, off.rivers, off.world), (None, None, None));
        let back = MapDoc::from_fragment(&doc().with_context(false).to_fragment().unwrap()).unwrap();
        assert!(!back.context);
    }

    #[test]
    fn data_lies_in_the_region_when_every_deposit_is_inside_its_frame() {
        let frame = crate::data::Bounds { west: 46.0, south: 35.0, east: 88.0, north: 56.0 };
        assert!(inside(&frame, 64.5, 41.5) && inside(&frame, 78.2, 41.9));
        assert!(!inside(&frame, -70.0, -33.0), "a mine in Chile");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let ds = crate::data::load::from_dir(&dir).unwrap();
        assert!(lies_in(&ds.region.frame, &ds.deposits), "the atlas's own deposits");
        let mut far = ds.deposits[..1].to_vec();
        (far[0].lon, far[0].lat) = (-70.0, -33.0);
        assert!(!lies_in(&ds.region.frame, &far));
    }

    #[test]
    fn a_damaged_or_foreign_fragment_gets_a_named_error() {
        let f = doc().to_fragment().unwrap();
        assert_eq!(MapDoc::from_fragment("#nothing"), Err(FragmentError::Missing));
        assert_eq!(MapDoc::from_fragment("#map=not*base64"), Err(FragmentError::NotBase64));
        // Cut short, as a chat app might.
        let half = 4 + (f.len() - 4) / 8 * 4;
        assert_eq!(MapDoc::from_fragment(&f[..half]), Err(FragmentError::NotDeflate));
        assert_eq!(MapDoc::from_fragment(&f[..half + 1]), Err(FragmentError::NotBase64), "a stray last character");
        let not_a_map = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"{\"a\":1}", 6));
        assert!(matches!(MapDoc::from_fragment(&format!("map={not_a_map}")), Err(FragmentError::NotAMap(_))));
        let mut newer = doc();
        newer.v = 99;
        let g = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&serde_json::to_vec(&newer).unwrap(), 6));
        assert_eq!(MapDoc::from_fragment(&format!("map={g}")), Err(FragmentError::Version(99)));
        let long = format!("map={}", "A".repeat(MAX_FRAGMENT));
        assert!(matches!(MapDoc::from_fragment(&long), Err(FragmentError::TooLong { .. })));
        assert!(FragmentError::NotDeflate.to_string().contains("cut short"));
    }

    #[test]
    fn data_too_large_for_a_link_is_refused_by_name() {
        // Incompressible names: the link would exceed the limit.
        let mut seed = 7u64;
        let features: Vec<Value> = (0..1000)
            .map(|i| {
                let name: String = (0..24)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        (b'a' + (seed >> 59) as u8 % 26) as char
                    })
                    .collect();
                json!({"type": "Feature", "properties": {"id": format!("d{i}"), "name": name}})
            })
            .collect();
        let mut d = doc();
        d.deposits = json!({"type": "FeatureCollection", "features": features}).to_string();
        match d.to_fragment() {
            Err(FragmentError::TooLong { len, max }) => assert!(len > max),
            other => panic!("expected TooLong, got {other:?}"),
        }
    }

    #[test]
    fn the_journalist_labels_replace_the_atlas_own_and_its_headlines_go() {
        let base = bundled_region();
        let (r, raw) = doc().apply(&base, RawFiles { countries: Some("c".into()), ..RawFiles::default() });
        assert_eq!(r.title.get(crate::i18n::Lang::Ru), "Who mines Kazakhstan's copper", "one language for both");
        assert_eq!(r.credit.en, "Map: Aigerim N. / The Daily · Source: company reports");
        assert_eq!(r.layers.headlines, None);
        assert_eq!((r.projection, r.flow_scale, &r.investors), (base.projection, base.flow_scale, &base.investors));
        assert_eq!(raw.countries.as_deref(), Some("c"));
        assert!(raw.deposits.unwrap().contains("aktogay"));
    }

    #[test]
    fn a_journalist_map_on_the_shipped_split_manifest_names_no_details_file() {
        // dist/data names details.json (`atlas split`); the journalist's rows carry their own sources.
        let mut base = bundled_region();
        base.layers.details = Some("details.json".into());
        assert_eq!(doc().region(&base).layers.details, None);
        let (r, _) = doc().apply(&base, RawFiles::default());
        assert_eq!(r.layers.details, None);
    }
}
