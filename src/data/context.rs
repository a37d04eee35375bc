//! The context layers a reader orients by: places (capitals and cities),
//! rivers, and coarse world land for the locator inset. All three are
//! optional layers of the manifest (`layers.places`, `layers.rivers`,
//! `layers.world`); a region without them simply draws none. Parsed feature
//! by feature like the other layers, so a bad record is named and dropped.
//!
//! This module is a child of `parse` (declared there), so it shares the
//! per-feature reader and its error wording.

use super::{Parsed, Props, each};
use crate::data::error::DataError;
use crate::data::json::{self, Value};
use crate::data::schema::Text;
use crate::decimal::short;
use crate::i18n::Lang;
use geo::{Geometry, MultiLineString, MultiPolygon};

/// A capital or city.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub id: String,
    pub name_en: String,
    pub name_ru: String,
    /// ISO 3166-1 alpha-3.
    pub country: String,
    pub population: u64,
    /// A national capital.
    pub capital: bool,
    /// 1 = most important; the map walks down the ranks as it zooms in.
    pub rank: u32,
    pub lon: f64,
    pub lat: f64,
}

impl Place {
    pub fn name(&self, lang: Lang) -> &str {
        if lang == Lang::Ru && !self.name_ru.is_empty() { &self.name_ru } else { &self.name_en }
    }
}

/// A named river, as one or more lines in [lon, lat].
#[derive(Debug, Clone, PartialEq)]
pub struct River {
    pub id: String,
    pub name_en: String,
    pub name_ru: String,
    /// 1 = major (named from the first zoom), 2 = named once zoomed in.
    pub rank: u32,
    pub lines: MultiLineString<f64>,
}

impl River {
    pub fn name(&self, lang: Lang) -> &str {
        if lang == Lang::Ru && !self.name_ru.is_empty() { &self.name_ru } else { &self.name_en }
    }
}

/// Everything the context layers hold, plus the credit each file asks for
/// (its top-level `"attribution"`, e.g. GeoNames' CC BY), in each UI language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContextLayers {
    pub places: Vec<Place>,
    pub rivers: Vec<River>,
    /// World land for the inset.
    pub world: Vec<MultiPolygon<f64>>,
    pub attributions: Vec<Text>,
}

/// The raw text of the context files; `None` when not loaded.
#[derive(Debug, Clone, Default)]
pub struct ContextFiles {
    pub places: Option<String>,
    pub rivers: Option<String>,
    pub world: Option<String>,
}

fn positive_int(p: &Props, key: &str) -> Result<u64, DataError> {
    match p.map.get(key) {
        Some(Value::Number(n)) => n
            .as_i64()
            .and_then(|v| u64::try_from(v).ok())
            .ok_or_else(|| p.err(key, "must be a whole number, 0 or more")),
        Some(_) => Err(p.err(key, "must be a whole number, 0 or more")),
        None => Err(p.err(key, "missing field")),
    }
}

fn slug_id(p: &Props) -> Result<String, DataError> {
    let id = p.string("id")?;
    if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(p.err("id", format!("\"{id}\" must be a slug: a-z, 0-9 and '-'")));
    }
    Ok(id)
}

pub fn places(file: &str, text: &str) -> Parsed<Place> {
    let (mut out, mut errors) = each(file, text, ("places", "id"), |p| {
        let id = slug_id(p)?;
        let [lon, lat] = match p.geometry()? {
            Some(Geometry::Point(pt)) => p.lon_lat("geometry.coordinates", pt.x(), pt.y())?,
            _ => return Err(p.err("geometry", "expected a Point")),
        };
        let country = p.string("country")?;
        if country.len() != 3 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(p.err("country", format!("\"{country}\" is not an ISO 3166-1 alpha-3 code")));
        }
        let capital = match p.map.get("capital") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(p.err("capital", "must be true or false")),
        };
        let rank = positive_int(p, "rank")?;
        if rank == 0 || rank > u32::MAX as u64 {
            return Err(p.err("rank", "must be 1 or more (1 = most important)"));
        }
        Ok(Place {
            name_en: p.string("name_en")?,
            name_ru: p.text("name_ru")?,
            country,
            population: positive_int(p, "population")?,
            capital,
            rank: rank as u32,
            lon,
            lat,
            id,
        })
    });
    dedup(file, &mut out, &mut errors, |x: &Place| &x.id);
    (out, errors)
}

pub fn rivers(file: &str, text: &str) -> Parsed<River> {
    let (mut out, mut errors) = each(file, text, ("rivers", "id"), |p| {
        let id = slug_id(p)?;
        let lines = match p.geometry()? {
            Some(Geometry::LineString(l)) => MultiLineString::new(vec![l]),
            Some(Geometry::MultiLineString(m)) => m,
            _ => return Err(p.err("geometry", "expected a LineString or MultiLineString")),
        };
        if let Some(c) = lines.0.iter().flat_map(|l| l.0.iter()).find(|c| c.x.abs() > 180.0 || c.y.abs() > 90.0) {
            return Err(p.err(
                "geometry",
                format!("[{}, {}]: longitude or latitude out of range (is it [lon, lat]?)", short(c.x), short(c.y)),
            ));
        }
        let rank = match p.map.get("rank") {
            None | Some(Value::Null) => 1,
            Some(_) => positive_int(p, "rank")?.clamp(1, 9) as u32,
        };
        Ok(River { name_en: p.string("name_en")?, name_ru: p.text("name_ru")?, rank, lines, id })
    });
    dedup(file, &mut out, &mut errors, |x: &River| &x.id);
    (out, errors)
}

pub fn world(file: &str, text: &str) -> Parsed<MultiPolygon<f64>> {
    each(file, text, ("world", "id"), |p| p.polygons())
}

/// The file's top-level `"attribution"`, if any: a string (the same in every
/// language) or `{"en": …, "ru": …}` like the manifest's texts.
pub fn attribution(text: &str) -> Option<Text> {
    // Through the parser's own JSON reader (no second deserializer in the wasm).
    let root = json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let a = root.get("attribution")?;
    let field = |v: Option<&Value>| v.and_then(Value::as_str).map(str::trim).unwrap_or_default().to_string();
    let t = match a.as_str() {
        Some(s) => Text { en: s.trim().to_string(), ru: String::new() },
        None => Text { en: field(a.get("en")), ru: field(a.get("ru")) },
    };
    (!t.en.is_empty()).then_some(t)
}

/// Drop records whose id repeats an earlier one, naming each.
fn dedup<T>(file: &str, out: &mut Vec<T>, errors: &mut Vec<DataError>, id: impl Fn(&T) -> &String) {
    // A sorted list of the ids seen (binary search), not a hash set: smaller in wasm.
    let mut seen: Vec<String> = Vec::with_capacity(out.len());
    let mut keep = Vec::with_capacity(out.len());
    for (i, x) in out.drain(..).enumerate() {
        if let Err(at) = seen.binary_search(id(&x)) {
            seen.insert(at, id(&x).clone());
            keep.push(x);
        } else {
            errors.push(DataError {
                file: file.to_string(),
                index: None,
                id: Some(id(&x).clone()),
                field: Some("id".into()),
                message: format!("duplicate id (record {i} of the valid ones)"),
            });
        }
    }
    *out = keep;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fc(features: &[&str]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","attribution":"Places: GeoNames (CC BY 4.0)","features":[{}]}}"#,
            features.join(",")
        )
    }

    const ALMATY: &str = r#"{"type":"Feature","properties":{"id":"almaty","name_en":"Almaty","name_ru":"Алматы","country":"KAZ","population":1977011,"capital":false,"rank":6},"geometry":{"type":"Point","coordinates":[76.9115,43.2525]}}"#;

    #[test]
    fn a_good_place_parses_with_both_names() {
        let (ps, errs) = places("places.geojson", &fc(&[ALMATY]));
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(ps[0].name(Lang::Ru), "Алматы");
        assert_eq!(ps[0].name(Lang::En), "Almaty");
        assert_eq!((ps[0].population, ps[0].rank, ps[0].capital), (1_977_011, 6, false));
        let credit = attribution(&fc(&[])).expect("a plain string attribution");
        assert_eq!(
            (credit.get(Lang::En), credit.get(Lang::Ru)),
            ("Places: GeoNames (CC BY 4.0)", "Places: GeoNames (CC BY 4.0)")
        );
    }

    #[test]
    fn bad_places_are_named_by_file_feature_and_field() {
        let bad = [
            (ALMATY.replace("\"KAZ\"", "\"KZ\""), "country", "is not an ISO 3166-1 alpha-3 code"),
            (ALMATY.replace("1977011", "-5"), "population", "must be a whole number"),
            (ALMATY.replace("\"rank\":6", "\"rank\":0"), "rank", "must be 1 or more"),
            (ALMATY.replace("[76.9115,43.2525]", "[43.2525,976.9]"), "geometry.coordinates", "out of range"),
            (ALMATY.replace("\"capital\":false", "\"capital\":\"no\""), "capital", "true or false"),
            (ALMATY.replace("\"id\":\"almaty\"", "\"id\":\"Almaty City\""), "id", "must be a slug"),
            (ALMATY.replace(r#""name_en":"Almaty","#, ""), "name_en", "missing field"),
        ];
        for (f, field, msg) in bad {
            let (ps, errs) = places("places.geojson", &fc(&[ALMATY, &f]));
            assert_eq!(ps.len(), 1, "{field}: the good record stays");
            assert_eq!(errs.len(), 1, "{field}: {errs:?}");
            let e = errs[0].to_string();
            assert!(e.starts_with("places.geojson, feature 1"), "{e}");
            assert!(e.contains(&format!("field \"{field}\"")) && e.contains(msg), "{e}");
        }
        let (ps, errs) = places("places.geojson", &fc(&[ALMATY, ALMATY]));
        assert_eq!((ps.len(), errs.len()), (1, 1));
        assert!(errs[0].to_string().contains("duplicate id"));
        let (_, errs) = places("places.geojson", "{\"type\":\"Feature\"}");
        assert!(errs[0].to_string().contains("FeatureCollection"));
    }

    #[test]
    fn an_attribution_in_each_language_reads_in_the_readers_language() {
        let file = |a: &str| format!(r#"{{"type":"FeatureCollection","attribution":{a},"features":[]}}"#);
        let credit = attribution(&file(r#"{"en":"Places: GeoNames","ru":"Населённые пункты: GeoNames"}"#)).unwrap();
        assert_eq!(credit.get(Lang::Ru), "Населённые пункты: GeoNames");
        assert_eq!(credit.get(Lang::En), "Places: GeoNames");
        // Without a Russian text the English one stands in; without an English one there is none.
        assert_eq!(attribution(&file(r#"{"en":"Places: GeoNames"}"#)).unwrap().get(Lang::Ru), "Places: GeoNames");
        assert_eq!(attribution(&file(r#"{"ru":"Реки"}"#)), None);
        assert_eq!(attribution(&file(r#"" ""#)), None);
        assert_eq!(attribution(&file("42")), None);
    }

    #[test]
    fn rivers_take_lines_and_reject_other_geometry() {
        let river = r#"{"type":"Feature","properties":{"id":"ili","name_en":"Ili","name_ru":"Или","rank":2},"geometry":{"type":"LineString","coordinates":[[80,44],[77,44.2],[74.5,45.5]]}}"#;
        let point = river.replace(
            r#""type":"LineString","coordinates":[[80,44],[77,44.2],[74.5,45.5]]"#,
            r#""type":"Point","coordinates":[80,44]"#,
        );
        let (rs, errs) = rivers("rivers.geojson", &fc(&[river, &point]));
        assert_eq!(rs.len(), 1);
        assert_eq!(rs[0].lines.0[0].0.len(), 3);
        assert_eq!(rs[0].name(Lang::Ru), "Или");
        assert!(
            errs[0].to_string().contains("field \"geometry\": expected a LineString or MultiLineString"),
            "{errs:?}"
        );
    }
}
