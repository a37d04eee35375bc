//! Parsing the layer files into typed records. Each feature is parsed on its
//! own, so one bad feature is reported (file, index, id, field) and dropped
//! while the rest of the file loads.

use super::commodity;
use super::error::DataError;
use super::schema::*;
use geo::{Geometry, MultiPolygon};
use serde_json::{Map, Value};

// Places, rivers and world land: a child module, so it shares `Props` and `each`.
#[path = "context.rs"]
pub mod context;

/// Good records and one error per rejected record.
pub type Parsed<T> = (Vec<T>, Vec<DataError>);

/// Parse `region.json`.
pub fn region(file: &str, text: &str) -> Result<Region, DataError> {
    serde_json::from_str(text).map_err(|e| DataError::file(file, format!("not a valid region manifest: {e}")))
}

/// The `features` array of a FeatureCollection, or a file-level error.
fn features(file: &str, text: &str) -> Result<Vec<Value>, DataError> {
    let root: Value = serde_json::from_str(text).map_err(|e| DataError::file(file, format!("not valid JSON: {e}")))?;
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(DataError::file(file, "expected a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\")"));
    }
    match root.get("features") {
        Some(Value::Array(a)) => Ok(a.clone()),
        _ => Err(DataError::file(file, "missing \"features\" array")),
    }
}

/// Reads one feature's properties, turning each problem into a named error.
struct Props<'a> {
    file: &'a str,
    index: usize,
    id: Option<String>,
    map: Map<String, Value>,
    feature: &'a Value,
}

impl<'a> Props<'a> {
    fn new(file: &'a str, index: usize, feature: &'a Value, id_key: &str) -> Result<Self, DataError> {
        if feature.get("type").and_then(Value::as_str) != Some("Feature") {
            return Err(DataError::feature(file, index, None, "type", "expected \"Feature\""));
        }
        let map = match feature.get("properties") {
            Some(Value::Object(m)) => m.clone(),
            _ => {
                return Err(DataError::feature(file, index, None, "properties", "missing or not an object"));
            }
        };
        let id = map.get(id_key).and_then(Value::as_str).map(str::to_string);
        Ok(Props { file, index, id, map, feature })
    }

    fn err(&self, field: &str, msg: impl Into<String>) -> DataError {
        DataError::feature(self.file, self.index, self.id.as_deref(), field, msg)
    }

    fn string(&self, key: &str) -> Result<String, DataError> {
        match self.map.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
            Some(Value::String(_)) => Err(self.err(key, "is empty")),
            Some(_) => Err(self.err(key, "must be a string")),
            None => Err(self.err(key, "missing field")),
        }
    }

    fn opt_string(&self, key: &str) -> Result<Option<String>, DataError> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.err(key, "must be a string")),
        }
    }

    /// A string that may be empty but must be present.
    fn text(&self, key: &str) -> Result<String, DataError> {
        match self.map.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            None | Some(Value::Null) => Ok(String::new()),
            Some(_) => Err(self.err(key, "must be a string")),
        }
    }

    fn number(&self, key: &str) -> Result<f64, DataError> {
        match self.map.get(key) {
            Some(Value::Number(n)) => n.as_f64().ok_or_else(|| self.err(key, "not a finite number")),
            Some(_) => Err(self.err(key, "must be a number")),
            None => Err(self.err(key, "missing field")),
        }
    }

    fn opt_number(&self, key: &str) -> Result<Option<f64>, DataError> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.number(key).map(Some),
        }
    }

    fn int(&self, key: &str) -> Result<i32, DataError> {
        match self.map.get(key) {
            Some(Value::Number(n)) => n
                .as_i64()
                .and_then(|v| i32::try_from(v).ok())
                .ok_or_else(|| self.err(key, "must be a whole number (a year)")),
            Some(_) => Err(self.err(key, "must be a whole number (a year)")),
            None => Err(self.err(key, "missing field")),
        }
    }

    fn enumerated<T>(&self, key: &str, parse: fn(&str) -> Option<T>, expected: String) -> Result<T, DataError> {
        let s = self.string(key)?;
        parse(&s).ok_or_else(|| self.err(key, format!("unknown value \"{s}\"; expected one of: {expected}")))
    }

    fn string_list(&self, key: &str) -> Result<Vec<String>, DataError> {
        match self.map.get(key) {
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| v.as_str().map(str::to_string).ok_or_else(|| self.err(key, "must be a list of strings")))
                .collect(),
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(_) => Err(self.err(key, "must be a list of strings")),
        }
    }

    fn sources(&self) -> Result<Vec<Source>, DataError> {
        let list = match self.map.get("sources") {
            Some(Value::Array(a)) => a,
            Some(_) => return Err(self.err("sources", "must be a list of {url, title}")),
            None => {
                return Err(self.err("sources", "missing field: every record needs at least one source"));
            }
        };
        if list.is_empty() {
            return Err(self.err("sources", "is empty: every record needs at least one source"));
        }
        list.iter()
            .enumerate()
            .map(|(i, v)| {
                let url = v.get("url").and_then(Value::as_str).unwrap_or("");
                let title = v.get("title").and_then(Value::as_str).unwrap_or("");
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(self.err(&format!("sources[{i}].url"), "must be an http(s) URL"));
                }
                if title.trim().is_empty() {
                    return Err(self.err(&format!("sources[{i}].title"), "missing title"));
                }
                Ok(Source { url: url.to_string(), title: title.to_string() })
            })
            .collect()
    }

    fn geometry(&self) -> Result<Geometry<f64>, DataError> {
        let g = self.feature.get("geometry").cloned().unwrap_or(Value::Null);
        if g.is_null() {
            return Err(self.err("geometry", "missing geometry"));
        }
        let gj: geojson::Geometry =
            serde_json::from_value(g).map_err(|e| self.err("geometry", format!("invalid GeoJSON geometry: {e}")))?;
        Geometry::<f64>::try_from(&gj.value).map_err(|e| self.err("geometry", format!("invalid geometry: {e}")))
    }

    fn polygons(&self) -> Result<MultiPolygon<f64>, DataError> {
        match self.geometry()? {
            Geometry::Polygon(p) => Ok(MultiPolygon::new(vec![p])),
            Geometry::MultiPolygon(m) => Ok(m),
            _ => Err(self.err("geometry", "expected a Polygon or MultiPolygon")),
        }
    }

    fn lon_lat(&self, key: &str, v: Option<&Value>) -> Result<[f64; 2], DataError> {
        let arr = v.and_then(Value::as_array).ok_or_else(|| self.err(key, "expected [longitude, latitude]"))?;
        let num = |i: usize| arr.get(i).and_then(Value::as_f64);
        match (num(0), num(1), arr.len()) {
            (Some(lon), Some(lat), 2 | 3) if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => {
                Ok([lon, lat])
            }
            (Some(_), Some(_), 2 | 3) => Err(self.err(key, "longitude or latitude out of range (is it [lon, lat]?)")),
            _ => Err(self.err(key, "expected [longitude, latitude]")),
        }
    }
}

/// Run `parse_one` over every feature, keeping the good ones.
fn each<T>(file: &str, text: &str, id_key: &str, parse_one: impl Fn(&Props) -> Result<T, DataError>) -> Parsed<T> {
    let list = match features(file, text) {
        Ok(l) => l,
        Err(e) => return (Vec::new(), vec![e]),
    };
    let mut out = Vec::with_capacity(list.len());
    let mut errors = Vec::new();
    for (i, f) in list.iter().enumerate() {
        match Props::new(file, i, f, id_key).and_then(|p| parse_one(&p)) {
            Ok(v) => out.push(v),
            Err(e) => errors.push(e),
        }
    }
    (out, errors)
}

pub fn countries(file: &str, text: &str) -> Parsed<Country> {
    each(file, text, "iso3", |p| {
        let iso3 = p.string("iso3")?;
        if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(p.err("iso3", format!("\"{iso3}\" is not an ISO 3166-1 alpha-3 code")));
        }
        Ok(Country {
            name_en: p.string("name_en")?,
            name_ru: p.text("name_ru")?,
            role: p.enumerated(
                "role",
                |s| match s {
                    "focus" => Some(CountryRole::Focus),
                    "context" => Some(CountryRole::Context),
                    _ => None,
                },
                "focus, context".into(),
            )?,
            label: p.lon_lat("label", p.map.get("label"))?,
            geometry: p.polygons()?,
            iso3,
        })
    })
}

pub fn water(file: &str, text: &str) -> Parsed<Water> {
    each(file, text, "name_en", |p| {
        let id = p
            .feature
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| p.err("id", "missing feature id"))?;
        Ok(Water {
            id,
            name_en: p.string("name_en")?,
            name_ru: p.text("name_ru")?,
            kind: p.text("kind")?,
            note: p.text("note")?,
            geometry: p.polygons()?,
        })
    })
}

pub fn deposits(file: &str, text: &str) -> Parsed<Deposit> {
    each(file, text, "id", |p| {
        let id = p.string("id")?;
        if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(p.err("id", format!("\"{id}\" must be a slug: a-z, 0-9 and '-'")));
        }
        let point = match p.geometry()? {
            Geometry::Point(pt) => [pt.x(), pt.y()],
            _ => return Err(p.err("geometry", "expected a Point")),
        };
        let [lon, lat] = p.lon_lat("geometry.coordinates", Some(&Value::from(vec![point[0], point[1]])))?;
        let commodities = p.string_list("commodities")?;
        if commodities.is_empty() {
            return Err(p.err("commodities", "needs at least one commodity"));
        }
        if let Some(bad) = commodities.iter().find(|c| !commodity::is_known(c)) {
            return Err(p.err(
                "commodities",
                format!("unknown commodity symbol \"{bad}\" (use element symbols such as Cu, or REE, PGE, potash)"),
            ));
        }
        let investors = match p.map.get("investors") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let name = v.get("name").and_then(Value::as_str).unwrap_or("");
                    if name.is_empty() {
                        return Err(p.err(&format!("investors[{i}].name"), "missing field"));
                    }
                    let home_s = v.get("home").and_then(Value::as_str).unwrap_or("");
                    let home = Home::parse(home_s).ok_or_else(|| {
                        p.err(
                            &format!("investors[{i}].home"),
                            format!("unknown value \"{home_s}\"; expected one of: {}", Home::expected()),
                        )
                    })?;
                    let stake_pct = v.get("stake_pct").and_then(Value::as_f64);
                    if stake_pct.is_some_and(|s| !(0.0..=100.0).contains(&s)) {
                        return Err(p.err(&format!("investors[{i}].stake_pct"), "must be between 0 and 100"));
                    }
                    Ok(Stake { name: name.to_string(), home, stake_pct })
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(p.err("investors", "must be a list")),
        };
        let precision_km = p.number("precision_km")?;
        if precision_km < 0.0 {
            return Err(p.err("precision_km", "must not be negative"));
        }
        Ok(Deposit {
            name: p.string("name")?,
            name_ru: p.opt_string("name_ru")?,
            kind: p.enumerated("kind", SiteKind::parse, SiteKind::expected())?,
            country: p.string("country")?,
            commodities,
            status: p.enumerated("status", DepositStatus::parse, DepositStatus::expected())?,
            operator: p.string("operator")?,
            investors,
            precision: p.enumerated("precision", Precision::parse, Precision::expected())?,
            precision_km,
            precision_note: p.text("precision_note")?,
            sources: p.sources()?,
            notes: p.text("notes")?,
            lon,
            lat,
            id,
            row: p.index,
        })
    })
}

pub fn flows(file: &str, text: &str) -> Parsed<Flow> {
    each(file, text, "id", |p| {
        let id = p.string("id")?;
        let amount_usd = p.opt_number("amount_usd")?;
        if amount_usd.is_some_and(|a| a < 0.0) {
            return Err(p.err("amount_usd", "must not be negative"));
        }
        let amount_original = p.opt_number("amount_original")?;
        if amount_original.is_some_and(|a| a < 0.0) {
            return Err(p.err("amount_original", "must not be negative"));
        }
        let currency = p.opt_string("currency")?;
        if amount_original.is_some() != currency.is_some() {
            return Err(p.err("currency", "amount_original and currency go together"));
        }
        let fx_note = p.opt_string("fx_note")?;
        if currency.is_some() && amount_usd.is_some() && fx_note.is_none() {
            return Err(p.err("fx_note", "a converted amount must say where its USD figure comes from"));
        }
        let year_start = p.int("year_start")?;
        let year_end = p.int("year_end")?;
        if year_end < year_start {
            return Err(p.err("year_end", "is before year_start"));
        }
        let confidence = p.enumerated("confidence", Confidence::parse, Confidence::expected())?;
        let attributed_to = p.opt_string("attributed_to")?;
        if confidence == Confidence::Attributed && attributed_to.is_none() {
            return Err(p.err("attributed_to", "an attributed figure must say who reported it"));
        }
        Ok(Flow {
            investor: p.string("investor")?,
            entity: p.string("entity")?,
            scope: p.enumerated("scope", FlowScope::parse, FlowScope::expected())?,
            destination: p.string("destination")?,
            amount_usd,
            amount_original,
            currency,
            fx_note,
            amount_note: p.opt_string("amount_note")?,
            year_start,
            year_end,
            period: p.string("period")?,
            sector: p.string("sector")?,
            status: p.enumerated("status", FlowStatus::parse, FlowStatus::expected())?,
            confidence,
            attributed_to,
            deposit_ids: p.string_list("deposit_ids")?,
            part_of: p.opt_string("part_of")?,
            sources: p.sources()?,
            notes: p.text("notes")?,
            id,
            row: p.index,
        })
    })
}

pub fn headlines(file: &str, text: &str) -> Parsed<Headline> {
    #[derive(serde::Deserialize)]
    struct File {
        figures: Vec<Value>,
    }
    let f: File = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            return (Vec::new(), vec![DataError::file(file, format!("not a valid headlines file: {e}"))]);
        }
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, v) in f.figures.into_iter().enumerate() {
        let id = v.get("id").and_then(Value::as_str).map(str::to_string);
        match serde_json::from_value::<Headline>(v) {
            Ok(h) if h.sources.is_empty() => errors.push(DataError::feature(
                file,
                i,
                id.as_deref(),
                "sources",
                "is empty: every figure needs a source",
            )),
            Ok(h) => out.push(h),
            Err(e) => errors.push(DataError::feature(file, i, id.as_deref(), "figures", e.to_string())),
        }
    }
    (out, errors)
}
