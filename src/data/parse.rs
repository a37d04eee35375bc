//! Parsing the layer files into typed records. Each feature is parsed on its
//! own, so one bad feature is reported (file, index, id, field) and dropped
//! while the rest of the file loads.

use super::commodity;
use super::error::DataError;
use super::geometry;
use super::json::{self, Map, Value};
use super::schema::*;
use crate::decimal::{fixed, sci, short};
use geo::{Geometry, MultiPolygon};
use std::borrow::Cow;

// Places, rivers and world land: a child module, so it shares `Props` and `each`.
#[path = "context.rs"]
pub mod context;

/// Good records and one error per rejected record.
pub type Parsed<T> = (Vec<T>, Vec<DataError>);

/// The largest amount a record may carry, in US dollars (one trillion):
/// more than any single investment on record, so a larger figure is a typo
/// (or an attempt to draw a map-sized arrow).
pub const MAX_AMOUNT_USD: f64 = 1e12;
/// The largest `amount_original`, in any currency (covers a trillion dollars
/// in every currency with a denomination above ~0.001 USD).
pub const MAX_AMOUNT_ORIGINAL: f64 = 1e15;
/// The largest `precision_km`: an uncertainty beyond this is not a location.
pub const MAX_PRECISION_KM: f64 = 1000.0;

/// The text of a file as the browser's `Response.text()` gives it: a leading
/// UTF-8 byte order mark removed, so `atlas check` and the page agree.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Parse a JSON file, naming the two common ways a server hands over
/// something else: an HTML page (a 404 page, a login page) and not-JSON.
fn json<'a>(file: &str, text: &'a str) -> Result<Value<'a>, DataError> {
    let t = strip_bom(text);
    if t.trim_start().starts_with('<') {
        return Err(DataError::file(file, "got an HTML page, not JSON (is the file name or its folder right?)"));
    }
    json::from_str(t).map_err(|e| DataError::file(file, format!("not valid JSON: {e}")))
}

/// A control character (other than tab and line breaks) in text makes an
/// exported SVG ill-formed XML; so do U+FFFE and U+FFFF.
fn is_unwanted(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Remove unwanted characters from every string in `v`; true if any were.
pub fn strip_control(v: &mut Value) -> bool {
    match v {
        // Every unwanted character has a byte below 0x20, 0x7F, or starts
        // with 0xC2 (U+0080–U+009F) or 0xEF (U+FFFE, U+FFFF) in UTF-8: a
        // quick look at the bytes clears almost every string.
        Value::String(s)
            if s.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xEF) && s.chars().any(is_unwanted) =>
        {
            s.to_mut().retain(|c| !is_unwanted(c));
            true
        }
        Value::Array(a) => a.iter_mut().fold(false, |acc, x| strip_control(x) | acc),
        Value::Object(m) => m.iter_mut().fold(false, |acc, (_, x)| strip_control(x) | acc),
        _ => false,
    }
}

pub(crate) const CONTROL_REMOVED: &str =
    "control characters removed (e.g. a vertical tab pasted from a word processor)";

/// Strip control characters from each field of `map`, naming each field that had some.
fn clean_fields(map: &mut Map, mut named: impl FnMut(&str) -> DataError) -> Vec<DataError> {
    map.iter_mut().filter_map(|(k, v)| strip_control(v).then(|| named(k))).collect()
}

/// Is `s` exactly `#rrggbb`? Only such colours are accepted from data: a
/// CSS keyword breaks the badge contrast, and `url(...)` would make every
/// reader's browser fetch a third-party URL.
pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// What an investor colour is replaced with when it is refused.
pub const FALLBACK_COLOR: &str = "#666666";

/// Is `s` a web origin, `http(s)://host[:port]`, with nothing after it?
pub fn is_origin(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else {
        return false;
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || p.is_empty() => (h, Some(p)),
        _ => (rest, None),
    };
    !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'[' | b']' | b':'))
        && port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn frame_ok(f: &Bounds) -> bool {
    [f.west, f.south, f.east, f.north].iter().all(|v| v.is_finite())
        && (-180.0..=180.0).contains(&f.west)
        && (-180.0..=180.0).contains(&f.east)
        && (-90.0..=90.0).contains(&f.south)
        && (-90.0..=90.0).contains(&f.north)
        && f.west < f.east
        && f.south < f.north
}

/// The fields of a JSON object, read into typed values; an error names the
/// field by its path (`investors[0].origin`). Absent and `null` are the same.
struct Fields<'a> {
    map: &'a Map<'a>,
    path: String,
}

impl<'a> Fields<'a> {
    fn of(v: &'a Value<'a>, path: String) -> Result<Self, String> {
        match v {
            Value::Object(map) => Ok(Fields { map, path }),
            _ if path.is_empty() => Err("expected a JSON object".into()),
            _ => Err(format!("`{path}` must be an object")),
        }
    }

    fn path(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    fn opt(&self, key: &str) -> Option<&'a Value<'a>> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn req(&self, key: &str) -> Result<&'a Value<'a>, String> {
        self.opt(key).ok_or_else(|| format!("missing field `{}`", self.path(key)))
    }

    fn obj(&self, key: &str) -> Result<Fields<'a>, String> {
        Fields::of(self.req(key)?, self.path(key))
    }

    fn string(&self, key: &str) -> Result<String, String> {
        self.req(key)?.as_str().map(str::to_string).ok_or_else(|| format!("`{}` must be a string", self.path(key)))
    }

    fn opt_string(&self, key: &str) -> Result<Option<String>, String> {
        self.opt(key).map(|_| self.string(key)).transpose()
    }

    fn number(&self, key: &str) -> Result<f64, String> {
        self.req(key)?.as_f64().ok_or_else(|| format!("`{}` must be a number", self.path(key)))
    }

    /// The numbers under each of `keys`.
    fn each_number<const N: usize>(&self, keys: [&str; N]) -> Result<[f64; N], String> {
        let mut out = [0.0; N];
        for (o, k) in out.iter_mut().zip(keys) {
            *o = self.number(k)?;
        }
        Ok(out)
    }

    fn numbers<const N: usize>(&self, key: &str) -> Result<[f64; N], String> {
        let bad = || format!("`{}` must be a list of {N} numbers", self.path(key));
        let list = self.req(key)?.as_array().filter(|a| a.len() == N).ok_or_else(bad)?;
        let mut out = [0.0; N];
        for (o, v) in out.iter_mut().zip(list) {
            *o = v.as_f64().ok_or_else(bad)?;
        }
        Ok(out)
    }

    fn strings(&self, key: &str) -> Result<Vec<String>, String> {
        let bad = || format!("`{}` must be a list of strings", self.path(key));
        let list = self.req(key)?.as_array().ok_or_else(bad)?;
        list.iter().map(|v| v.as_str().map(str::to_string).ok_or_else(bad)).collect()
    }

    /// A `{"en": …, "ru": …}` text; `ru` may be absent.
    fn text(&self, key: &str) -> Result<Text, String> {
        let t = self.obj(key)?;
        Ok(Text { en: t.string("en")?, ru: t.opt_string("ru")?.unwrap_or_default() })
    }

    fn list(&self, key: &str) -> Result<impl Iterator<Item = Result<Fields<'a>, String>>, String> {
        let list = self.req(key)?.as_array().ok_or_else(|| format!("`{}` must be a list", self.path(key)))?;
        let path = self.path(key);
        Ok(list.iter().enumerate().map(move |(i, v)| Fields::of(v, format!("{path}[{i}]"))))
    }
}

/// The manifest's fields into a [`Region`]; the checks of each value are in [`region`].
fn manifest(v: &Value) -> Result<Region, String> {
    let f = Fields::of(v, String::new())?;
    let [west, south, east, north] = f.obj("frame")?.each_number(["west", "south", "east", "north"])?;
    let [lon0, lat0, lat1, lat2] = f.obj("projection")?.each_number(["lon0", "lat0", "lat1", "lat2"])?;
    let layers = f.obj("layers")?;
    let investors = f
        .list("investors")?
        .map(|i| {
            let i = i?;
            Ok(Investor {
                id: i.string("id")?,
                name: i.text("name")?,
                origin: i.numbers("origin")?,
                origin_label: i.text("origin_label")?,
                color: i.string("color")?,
            })
        })
        .collect::<Result<_, String>>()?;
    let flow_scale = match f.opt("flow_scale") {
        None => FlowScaleSpec::default(),
        Some(_) => {
            let s = f.obj("flow_scale")?;
            FlowScaleSpec {
                usd_per_px: s.number("usd_per_px")?,
                min_px: s.number("min_px")?,
                reference_usd: s.numbers("reference_usd")?,
            }
        }
    };
    Ok(Region {
        id: f.string("id")?,
        title: f.text("title")?,
        subtitle: if f.opt("subtitle").is_some() { f.text("subtitle")? } else { Text::default() },
        credit: f.text("credit")?,
        frame: Bounds { west, south, east, north },
        projection: ProjectionSpec { lon0, lat0, lat1, lat2 },
        focus: f.strings("focus")?,
        region_code: f.string("region_code")?,
        region_name: f.text("region_name")?,
        layers: LayerFiles {
            countries: layers.string("countries")?,
            water: layers.opt_string("water")?,
            deposits: layers.string("deposits")?,
            flows: layers.string("flows")?,
            headlines: layers.opt_string("headlines")?,
            places: layers.opt_string("places")?,
            rivers: layers.opt_string("rivers")?,
            world: layers.opt_string("world")?,
            details: layers.opt_string("details")?,
        },
        investors,
        flow_scale,
        allowed_data_origins: if f.opt("allowed_data_origins").is_some() {
            f.strings("allowed_data_origins")?
        } else {
            Vec::new()
        },
        annotations: Vec::new(),
        problems: Vec::new(),
    })
}

/// The manifest's `annotations`: each good note kept, each bad one named
/// (`annotations[i]` and its field) and dropped. Whether a named deposit
/// exists is checked once the deposits are loaded (`validate`).
fn annotations(v: Option<&Value>, problem: &mut impl FnMut(&str, String)) -> Vec<Annotation> {
    let Some(v) = v.filter(|v| !v.is_null()) else { return Vec::new() };
    let Some(list) = v.as_array() else {
        problem("annotations", "must be a list of notes like {\"text\": …, \"deposit\": …}; ignored".into());
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let at = |k: &str| if k.is_empty() { format!("annotations[{i}]") } else { format!("annotations[{i}].{k}") };
        let Value::Object(m) = item else {
            problem(&at(""), "must be an object like {\"text\": …, \"deposit\": …}; dropped".into());
            continue;
        };
        let get = |k: &str| m.get(k).filter(|v| !v.is_null());
        let text = |k: &str, required: bool| -> Result<String, (String, String)> {
            match get(k) {
                None if required => Err((at(k), "missing: a note needs its text; dropped".into())),
                None => Ok(String::new()),
                Some(Value::String(t)) if t.trim().is_empty() && required => Err((at(k), "is empty; dropped".into())),
                Some(Value::String(t)) if t.chars().count() > Annotation::MAX_CHARS => Err((
                    at(k),
                    format!(
                        "is {} characters long; a note has at most {}; dropped",
                        t.chars().count(),
                        Annotation::MAX_CHARS
                    ),
                )),
                Some(Value::String(t)) => Ok(t.trim().to_string()),
                Some(_) => Err((at(k), "must be a string; dropped".into())),
            }
        };
        let coord = |k: &str, limit: f64| -> Result<Option<f64>, (String, String)> {
            match get(k) {
                None => Ok(None),
                Some(v) => match v.as_f64() {
                    Some(x) if x.is_finite() && x.abs() <= limit => Ok(Some(x)),
                    Some(x) => Err((
                        at(k),
                        format!("{} is out of range (-{limit} to {limit}); dropped", short(x), limit = short(limit)),
                    )),
                    None => Err((at(k), "must be a number; dropped".into())),
                },
            }
        };
        let note = (|| {
            let en = text("text", true)?;
            let ru = text("text_ru", false)?;
            let (lon, lat) = (coord("lon", 180.0)?, coord("lat", 90.0)?);
            let deposit = match get("deposit") {
                None => None,
                Some(Value::String(d)) if !d.trim().is_empty() => Some(d.trim().to_string()),
                Some(_) => return Err((at("deposit"), "must be a deposit id (a string); dropped".into())),
            };
            let anchor = match (deposit, lon, lat) {
                (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                    return Err((at(""), "gives both \"deposit\" and \"lon\"/\"lat\": pin it to one; dropped".into()));
                }
                (Some(d), None, None) => AnnotationAnchor::Deposit(d),
                (None, Some(lon), Some(lat)) => AnnotationAnchor::Point([lon, lat]),
                _ => return Err((at(""), "needs a \"deposit\" id, or both \"lon\" and \"lat\"; dropped".into())),
            };
            Ok(Annotation { row: i, text: Text { en, ru }, anchor })
        })();
        match note {
            Ok(a) => out.push(a),
            Err((field, msg)) => problem(&field, msg),
        }
    }
    out
}

/// Parse `region.json`. A file that is not a manifest is an error; a bad
/// field in it is named in `Region::problems` and replaced by a safe value
/// (the frame and projection are fitted to the countries once they load,
/// see [`Region::repair`]), so the map still draws.
pub fn region(file: &str, text: &str) -> Result<Region, DataError> {
    let mut v =
        json(file, text).map_err(|e| DataError::file(file, format!("not a valid region manifest: {}", e.message)))?;
    let mut problems = match &mut v {
        Value::Object(m) => {
            clean_fields(m, |k| DataError { field: Some(k.into()), ..DataError::file(file, CONTROL_REMOVED) })
        }
        _ => Vec::new(),
    };
    let mut r = manifest(&v).map_err(|e| DataError::file(file, format!("not a valid region manifest: {e}")))?;
    let err = |field: &str, msg: String| DataError { field: Some(field.to_string()), ..DataError::file(file, msg) };
    if !frame_ok(&r.frame) {
        let f = r.frame;
        problems.push(err(
            "frame",
            format!(
                "west {} / east {}, south {} / north {} is empty or inverted: it needs west < east and south < north, in degrees; the map fits the focus countries instead",
                short(f.west),
                short(f.east),
                short(f.south),
                short(f.north)
            ),
        ));
    }
    if let Err(why) = crate::spatial::Albers::check(r.projection) {
        problems.push(err("projection", format!("{why}; the map uses standard parallels fitted to the frame instead")));
    }
    let centre = r.frame_center();
    for (i, inv) in r.investors.iter_mut().enumerate() {
        if !is_hex_color(&inv.color) {
            problems.push(err(
                &format!("investors[{i}].color"),
                format!("\"{}\" is not a colour of the form #rrggbb; drawn in grey instead", inv.color),
            ));
            inv.color = FALLBACK_COLOR.to_string();
        } else {
            // The origin badge darkens this colour and writes white text on it.
            let c = crate::color::badge_text_contrast(&inv.color);
            if c < 4.5 {
                problems.push(err(
                    &format!("investors[{i}].color"),
                    format!("{} is too light: white badge text on it has contrast {c}:1, below 4.5:1 (WCAG AA); drawn in grey instead", inv.color, c = fixed(c, 1)),
                ));
                inv.color = FALLBACK_COLOR.to_string();
            }
        }
        let [lon, lat] = inv.origin;
        if !((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)) {
            problems.push(err(
                &format!("investors[{i}].origin"),
                "longitude or latitude out of range (is it [lon, lat]?)".into(),
            ));
            inv.origin = centre;
        }
    }
    let s = r.flow_scale;
    let positive = |x: f64| x.is_finite() && x > 0.0;
    if !(positive(s.usd_per_px)
        && s.min_px.is_finite()
        && s.min_px >= 0.0
        && s.min_px <= 50.0
        && s.reference_usd.iter().all(|&x| positive(x) && x <= MAX_AMOUNT_USD))
    {
        problems.push(err(
            "flow_scale",
            format!("usd_per_px must be > 0, min_px between 0 and 50, reference_usd between 0 and {}; the default scale is used", sci(MAX_AMOUNT_USD)),
        ));
        r.flow_scale = FlowScaleSpec::default();
    }
    let mut allowed = Vec::new();
    for (i, o) in r.allowed_data_origins.drain(..).enumerate() {
        if is_origin(&o) {
            allowed.push(o.to_ascii_lowercase());
        } else {
            problems.push(err(
                &format!("allowed_data_origins[{i}]"),
                format!("\"{o}\" is not an origin like https://data.example.org (scheme, host and port only); ignored"),
            ));
        }
    }
    r.allowed_data_origins = allowed;
    r.annotations = annotations(v.get("annotations"), &mut |field, msg| problems.push(err(field, msg)));
    r.problems = problems;
    Ok(r)
}

/// A TopoJSON object's features, each with the error that stopped its geometry from being decoded.
type TopoFeatures<'a> = Vec<(Value<'a>, Option<String>)>;

/// The features of a layer file, or a file-level error. A GeoJSON
/// FeatureCollection hands each of its `features` to `each` as it is read
/// (one feature in memory at a time, not the whole array) and gives `None`;
/// a TopoJSON Topology gives the features of its object named `object`
/// (or of its only object), each with the error that stopped its geometry
/// from being decoded. `each` starts over when it is given index 0.
fn features<'a>(
    file: &str,
    text: &'a str,
    object: &str,
    each: &mut dyn FnMut(usize, Value<'a>),
) -> Result<Option<TopoFeatures<'a>>, DataError> {
    let t = strip_bom(text);
    if t.trim_start().starts_with('<') {
        return Err(DataError::file(file, "got an HTML page, not JSON (is the file name or its folder right?)"));
    }
    let (root, streamed) = json::from_str_streaming(t, "features", each)
        .map_err(|e| DataError::file(file, format!("not valid JSON: {e}")))?;
    if geometry::is_topology(&root) {
        let list =
            geometry::features(&root, object).map_err(|e| DataError::file(file, format!("invalid TopoJSON: {e}")))?;
        return Ok(Some(list));
    }
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(DataError::file(file, "expected a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\")"));
    }
    if !streamed {
        return Err(DataError::file(file, "missing \"features\" array"));
    }
    Ok(None)
}

/// Sources must be web links a reader can follow, never `javascript:` or a file.
fn is_http(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// An optional string field of a record: absent, null or blank is `None`.
/// `err(field, message)` names the record (a layer feature, a details entry).
pub(crate) fn opt_string_field(
    map: &Map,
    key: &str,
    err: impl Fn(&str, &str) -> DataError,
) -> Result<Option<String>, DataError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.to_string())),
        Some(_) => Err(err(key, "must be a string")),
    }
}

/// A record's `sources`: a non-empty list of `{url, title}` with http(s)
/// links, each problem named through `err(field, message)`.
pub(crate) fn sources_field(map: &Map, err: impl Fn(&str, &str) -> DataError) -> Result<Vec<Source>, DataError> {
    let list = match map.get("sources") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err(err("sources", "must be a list of {url, title}")),
        None => return Err(err("sources", "missing field: every record needs at least one source")),
    };
    if list.is_empty() {
        return Err(err("sources", "is empty: every record needs at least one source"));
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let url = v.get("url").and_then(Value::as_str).unwrap_or("");
            let title = v.get("title").and_then(Value::as_str).unwrap_or("");
            if !is_http(url) {
                return Err(err(&format!("sources[{i}].url"), "must be an http(s) URL"));
            }
            if title.trim().is_empty() {
                return Err(err(&format!("sources[{i}].title"), "missing title"));
            }
            Ok(Source { url: url.to_string(), title: title.to_string() })
        })
        .collect()
}

/// Reads one feature's properties, turning each problem into a named error.
struct Props<'a> {
    file: &'a str,
    index: usize,
    id: Option<Cow<'a, str>>,
    map: Map<'a>,
    /// The rest of the feature (`type`, `id`, `geometry`).
    feature: Map<'a>,
}

impl<'a> Props<'a> {
    /// The feature's properties, with control characters stripped; the
    /// second value names each field that had some (the record is kept).
    fn new(file: &'a str, index: usize, feature: Value<'a>, id_key: &str) -> Result<(Self, Vec<DataError>), DataError> {
        let mut feature = match feature {
            Value::Object(f) if f.get("type").and_then(Value::as_str) == Some("Feature") => f,
            _ => return Err(DataError::feature(file, index, None, "type", "expected \"Feature\"")),
        };
        let mut map = match feature.take("properties") {
            Some(Value::Object(m)) => m,
            _ => {
                return Err(DataError::feature(file, index, None, "properties", "missing or not an object"));
            }
        };
        let id = match map.get(id_key) {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        let cleaned = clean_fields(&mut map, |k| DataError::feature(file, index, id.as_deref(), k, CONTROL_REMOVED));
        Ok((Props { file, index, id, map, feature }, cleaned))
    }

    fn err(&self, field: &str, msg: impl Into<String>) -> DataError {
        DataError::feature(self.file, self.index, self.id.as_deref(), field, msg)
    }

    fn string(&self, key: &str) -> Result<String, DataError> {
        self.str(key).map(str::to_string)
    }

    /// [`Props::string`], borrowed.
    fn str(&self, key: &str) -> Result<&str, DataError> {
        match self.map.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
            Some(Value::String(_)) => Err(self.err(key, "is empty")),
            Some(_) => Err(self.err(key, "must be a string")),
            None => Err(self.err(key, "missing field")),
        }
    }

    fn opt_string(&self, key: &str) -> Result<Option<String>, DataError> {
        opt_string_field(&self.map, key, |f, m| self.err(f, m))
    }

    /// A string that may be empty but must be present.
    fn text(&self, key: &str) -> Result<String, DataError> {
        match self.map.get(key) {
            Some(Value::String(s)) => Ok(s.to_string()),
            None | Some(Value::Null) => Ok(String::new()),
            Some(_) => Err(self.err(key, "must be a string")),
        }
    }

    fn number(&self, key: &str) -> Result<f64, DataError> {
        match self.map.get(key) {
            Some(Value::Number(n)) => Ok(n.as_f64()),
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

    /// A value from a fixed list; `expected` spells the list, only for the error.
    fn enumerated<T>(&self, key: &str, parse: fn(&str) -> Option<T>, expected: fn() -> String) -> Result<T, DataError> {
        let s = self.str(key)?;
        parse(s).ok_or_else(|| self.err(key, format!("unknown value \"{s}\"; expected one of: {}", expected())))
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
        sources_field(&self.map, |f, m| self.err(f, m))
    }

    /// The feature's geometry; `None` for a GeoJSON type no layer draws.
    fn geometry(&self) -> Result<Option<Geometry<f64>>, DataError> {
        let g = self.feature.get("geometry").filter(|g| !g.is_null());
        let g = g.ok_or_else(|| self.err("geometry", "missing geometry"))?;
        geometry::from_geojson(g).map_err(|e| self.err("geometry", format!("invalid GeoJSON geometry: {e}")))
    }

    fn polygons(&self) -> Result<MultiPolygon<f64>, DataError> {
        match self.geometry()? {
            Some(Geometry::Polygon(p)) => Ok(MultiPolygon::new(vec![p])),
            Some(Geometry::MultiPolygon(m)) => Ok(m),
            _ => Err(self.err("geometry", "expected a Polygon or MultiPolygon")),
        }
    }

    /// `[lon, lat]` from the property `key`.
    fn lon_lat_field(&self, key: &str) -> Result<[f64; 2], DataError> {
        let arr = self.map.get(key).and_then(Value::as_array);
        let num = |i: usize| arr.and_then(|a| a.get(i)).and_then(Value::as_f64);
        match (num(0), num(1), arr.map_or(0, Vec::len)) {
            (Some(lon), Some(lat), 2 | 3) => self.lon_lat(key, lon, lat),
            _ => Err(self.err(key, "expected [longitude, latitude]")),
        }
    }

    fn lon_lat(&self, key: &str, lon: f64, lat: f64) -> Result<[f64; 2], DataError> {
        if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) {
            Ok([lon, lat])
        } else {
            Err(self.err(key, "longitude or latitude out of range (is it [lon, lat]?)"))
        }
    }
}

/// Run `parse_one` over every feature of the layer `object`, keeping the
/// good ones. A GeoJSON feature is parsed as soon as it is read and its
/// JSON dropped, so the layer is never held both as JSON and as records.
fn each<T>(
    file: &str,
    text: &str,
    (object, id_key): (&str, &str),
    parse_one: impl Fn(&Props) -> Result<T, DataError>,
) -> Parsed<T> {
    // Sized once from a quick count of features: growing by doubling would
    // briefly hold the old and the new buffer (1.5 times the records).
    let hint = text.matches("\"Feature\"").count().min(text.len() / 64);
    let mut out = Vec::with_capacity(hint);
    let mut errors = Vec::new();
    let mut one = |i: usize, f: Value, arcs_error: Option<String>| {
        if i == 0 {
            out.clear();
            errors.clear();
        }
        let parsed = Props::new(file, i, f, id_key).and_then(|(p, cleaned)| match arcs_error {
            Some(e) => Err(p.err("arcs", format!("invalid TopoJSON geometry: {e}"))),
            None => Ok((parse_one(&p)?, cleaned)),
        });
        match parsed {
            Ok((v, cleaned)) => {
                out.push(v);
                errors.extend(cleaned);
            }
            Err(e) => errors.push(e),
        }
    };
    match features(file, text, object, &mut |i, f| one(i, f, None)) {
        Ok(None) => {}
        Ok(Some(list)) => {
            for (i, (f, arcs_error)) in list.into_iter().enumerate() {
                one(i, f, arcs_error);
            }
        }
        Err(e) => return (Vec::new(), vec![e]),
    }
    (out, errors)
}

pub fn countries(file: &str, text: &str) -> Parsed<Country> {
    each(file, text, ("countries", "iso3"), |p| {
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
                || "focus, context".into(),
            )?,
            label: p.lon_lat_field("label")?,
            geometry: p.polygons()?,
            iso3,
        })
    })
}

pub fn water(file: &str, text: &str) -> Parsed<Water> {
    each(file, text, ("water", "name_en"), |p| {
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
    deposits_in(file, text, false)
}

/// The reader-facing fields a layer may leave to a details file
/// (`layers.details`, [`crate::data::details`]): present, they are read and
/// checked as always; absent, they are filled when the details are read.
fn detail_sources(p: &Props, elsewhere: bool) -> Result<Vec<Source>, DataError> {
    if elsewhere && p.map.get("sources").is_none() { Ok(Vec::new()) } else { p.sources() }
}

/// [`deposits`]; `elsewhere`: the manifest names a details file.
pub fn deposits_in(file: &str, text: &str, elsewhere: bool) -> Parsed<Deposit> {
    each(file, text, ("deposits", "id"), |p| {
        let id = p.string("id")?;
        if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(p.err("id", format!("\"{id}\" must be a slug: a-z, 0-9 and '-'")));
        }
        let [lon, lat] = match p.geometry()? {
            Some(Geometry::Point(pt)) => p.lon_lat("geometry.coordinates", pt.x(), pt.y())?,
            _ => return Err(p.err("geometry", "expected a Point")),
        };
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
        if !(0.0..=MAX_PRECISION_KM).contains(&precision_km) {
            return Err(p.err("precision_km", format!("must be between 0 and {} km", short(MAX_PRECISION_KM))));
        }
        Ok(Deposit {
            name: p.string("name")?,
            name_ru: p.opt_string("name_ru")?,
            kind: p.enumerated("kind", SiteKind::parse, SiteKind::expected)?,
            country: p.string("country")?,
            commodities,
            status: p.enumerated("status", DepositStatus::parse, DepositStatus::expected)?,
            operator: p.string("operator")?,
            investors,
            precision: p.enumerated("precision", Precision::parse, Precision::expected)?,
            precision_km,
            precision_note: p.text("precision_note")?,
            sources: detail_sources(p, elsewhere)?,
            notes: p.text("notes")?,
            lon,
            lat,
            id,
            row: p.index,
        })
    })
}

pub fn flows(file: &str, text: &str) -> Parsed<Flow> {
    flows_in(file, text, false)
}

/// [`flows`]; `elsewhere`: the manifest names a details file, which then
/// holds the sources and the notes (and checks the exchange-rate note).
pub fn flows_in(file: &str, text: &str, elsewhere: bool) -> Parsed<Flow> {
    each(file, text, ("flows", "id"), |p| {
        let id = p.string("id")?;
        let amount_usd = p.opt_number("amount_usd")?;
        if amount_usd.is_some_and(|a| a < 0.0) {
            return Err(p.err("amount_usd", "must not be negative"));
        }
        if let Some(a) = amount_usd.filter(|&a| a > MAX_AMOUNT_USD) {
            return Err(p.err(
                "amount_usd",
                format!(
                    "{} is beyond the sane range (at most {} US dollars, one trillion)",
                    sci(a),
                    sci(MAX_AMOUNT_USD)
                ),
            ));
        }
        let amount_original = p.opt_number("amount_original")?;
        if amount_original.is_some_and(|a| a < 0.0) {
            return Err(p.err("amount_original", "must not be negative"));
        }
        if let Some(a) = amount_original.filter(|&a| a > MAX_AMOUNT_ORIGINAL) {
            return Err(p.err(
                "amount_original",
                format!("{} is beyond the sane range (at most {})", sci(a), sci(MAX_AMOUNT_ORIGINAL)),
            ));
        }
        let currency = p.opt_string("currency")?;
        if amount_original.is_some() != currency.is_some() {
            return Err(p.err("currency", "amount_original and currency go together"));
        }
        let fx_note = p.opt_string("fx_note")?;
        if currency.is_some() && amount_usd.is_some() && fx_note.is_none() && !elsewhere {
            return Err(p.err("fx_note", "a converted amount must say where its USD figure comes from"));
        }
        let year_start = p.int("year_start")?;
        let year_end = p.int("year_end")?;
        if year_end < year_start {
            return Err(p.err("year_end", "is before year_start"));
        }
        let confidence = p.enumerated("confidence", Confidence::parse, Confidence::expected)?;
        let attributed_to = p.opt_string("attributed_to")?;
        if confidence == Confidence::Attributed && attributed_to.is_none() {
            return Err(p.err("attributed_to", "an attributed figure must say who reported it"));
        }
        Ok(Flow {
            investor: p.string("investor")?,
            entity: p.string("entity")?,
            scope: p.enumerated("scope", FlowScope::parse, FlowScope::expected)?,
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
            status: p.enumerated("status", FlowStatus::parse, FlowStatus::expected)?,
            confidence,
            attributed_to,
            deposit_ids: p.string_list("deposit_ids")?,
            part_of: p.opt_string("part_of")?,
            sources: detail_sources(p, elsewhere)?,
            notes: p.text("notes")?,
            id,
            row: p.index,
        })
    })
}

pub fn headlines(file: &str, text: &str) -> Parsed<Headline> {
    let figures = match json(file, text).map(|v| match v {
        Value::Object(mut m) => match m.take("figures") {
            Some(Value::Array(a)) => Ok(a),
            Some(_) => Err("`figures` must be a list"),
            None => Err("missing field `figures`"),
        },
        _ => Err("expected a JSON object"),
    }) {
        Ok(Ok(figures)) => figures,
        Ok(Err(why)) => return (Vec::new(), vec![DataError::file(file, format!("not a valid headlines file: {why}"))]),
        Err(e) => return (Vec::new(), vec![e]),
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, mut v) in figures.into_iter().enumerate() {
        let id = v.get("id").and_then(Value::as_str).map(str::to_string);
        let named = |field: &str, msg: &str| DataError::feature(file, i, id.as_deref(), field, msg);
        if let Value::Object(m) = &mut v {
            errors.extend(clean_fields(m, |k| named(k, CONTROL_REMOVED)));
        }
        match figure(&v) {
            Ok(h) if h.sources.is_empty() => errors.push(named("sources", "is empty: every figure needs a source")),
            Ok(h) => match h.sources.iter().position(|s| !is_http(&s.url)) {
                Some(j) => errors.push(named(&format!("sources[{j}].url"), "must be an http(s) URL")),
                None if !(0.0..=100.0).contains(&h.value_pct) => {
                    errors.push(named("value_pct", "must be a percentage between 0 and 100"))
                }
                None => out.push(h),
            },
            Err(e) => errors.push(named("figures", &e)),
        }
    }
    (out, errors)
}

/// One headline figure's fields (the checks of their values are in [`headlines`]).
fn figure(v: &Value) -> Result<Headline, String> {
    let f = Fields::of(v, String::new())?;
    let or_empty = |key: &str| f.opt_string(key).map(Option::unwrap_or_default);
    Ok(Headline {
        id: f.string("id")?,
        commodity: f.string("commodity")?,
        label_en: f.string("label_en")?,
        label_ru: or_empty("label_ru")?,
        value_pct: f.number("value_pct")?,
        measure: f.string("measure")?,
        confidence: f.string("confidence")?,
        attributed_to: or_empty("attributed_to")?,
        note: or_empty("note")?,
        sources: f
            .list("sources")?
            .map(|s| {
                let s = s?;
                Ok(Source { url: s.string("url")?, title: s.string("title")? })
            })
            .collect::<Result<_, String>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGION: &str = r##"{"id":"t","title":{"en":"T"},"credit":{"en":"C"},
      "frame":{"west":46,"south":35,"east":88,"north":56},
      "projection":{"lon0":67,"lat0":45,"lat1":39,"lat2":52},
      "focus":["KAZ"],"region_code":"CA5","region_name":{"en":"CA"},
      "layers":{"countries":"c","deposits":"d","flows":"f"},
      "investors":[{"id":"china","name":{"en":"China"},"origin":[116.4,39.9],"origin_label":{"en":"Beijing"},"color":"#CC3311"}]}"##;

    fn region_with(from: &str, to: &str) -> Region {
        assert!(REGION.contains(from), "{from}");
        region("region.json", &REGION.replace(from, to)).expect("still a manifest")
    }

    fn named(r: &Region, field: &str) -> String {
        let e = r.problems.iter().find(|e| e.field.as_deref() == Some(field));
        let e = e.unwrap_or_else(|| panic!("no problem for {field}: {:?}", r.problems));
        assert_eq!(e.file, "region.json");
        e.to_string()
    }

    #[test]
    fn a_good_manifest_has_no_problems() {
        assert!(region("region.json", REGION).unwrap().problems.is_empty());
    }

    #[test]
    fn standard_parallels_with_a_zero_cone_constant_are_named() {
        let r = region_with(r#""lat1":39,"lat2":52"#, r#""lat1":-40,"lat2":40"#);
        assert!(named(&r, "projection").contains("cone constant"));
        let r = region_with(r#""lat1":39,"lat2":52"#, r#""lat1":0,"lat2":0"#);
        assert!(named(&r, "projection").contains("cone constant"));
    }

    #[test]
    fn an_empty_or_inverted_frame_is_named() {
        let r = region_with(r#""west":46,"south":35,"east":88"#, r#""west":46,"south":35,"east":46"#);
        assert!(named(&r, "frame").contains("empty or inverted"));
        let r = region_with(r#""south":35,"east":88,"north":56"#, r#""south":56,"east":88,"north":35"#);
        assert!(named(&r, "frame").contains("empty or inverted"));
    }

    #[test]
    fn an_investor_colour_must_be_rrggbb_and_dark_enough_for_white_text() {
        for bad in ["yellow", "url(https://tracker.example/p.png)", "#fff", "#CC331", "#GGGGGG", "rgb(1,2,3)"] {
            let r = region_with("#CC3311", bad);
            assert!(named(&r, "investors[0].color").contains("#rrggbb"), "{bad}");
            assert_eq!(r.investors[0].color, FALLBACK_COLOR);
        }
        let r = region_with("#CC3311", "#FFFF00");
        assert!(named(&r, "investors[0].color").contains("too light"));
        assert!(region_with("#CC3311", "#0077bb").problems.is_empty());
    }

    #[test]
    fn allowed_data_origins_accept_only_bare_http_origins() {
        let r = region_with(
            r#""id":"t","#,
            r#""id":"t","allowed_data_origins":["https://Data.Example.org","http://127.0.0.1:8081","https://x.org/path","javascript:1","ftp://x.org"],"#,
        );
        assert_eq!(r.allowed_data_origins, ["https://data.example.org", "http://127.0.0.1:8081"]);
        for i in 2..5 {
            named(&r, &format!("allowed_data_origins[{i}]"));
        }
    }

    #[test]
    fn a_bad_flow_scale_is_named_and_the_default_used() {
        let r = region_with(
            r#""id":"t","#,
            r#""id":"t","flow_scale":{"usd_per_px":0,"min_px":1,"reference_usd":[1,2,3]},"#,
        );
        named(&r, "flow_scale");
        assert_eq!(r.flow_scale, FlowScaleSpec::default());
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        assert!(region("region.json", &format!("\u{FEFF}{REGION}")).is_ok());
        let (d, e) = deposits("d.geojson", &format!("\u{FEFF}{}", fc(&[DEPOSIT.to_string()])));
        assert_eq!((d.len(), e.len()), (1, 0), "{e:?}");
    }

    #[test]
    fn an_html_page_in_place_of_a_layer_is_named() {
        let (_, e) = flows("flows.geojson", "\n  <!DOCTYPE html><html><body>Not found</body></html>");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].file, "flows.geojson");
        assert!(e[0].message.contains("got an HTML page, not JSON"), "{}", e[0]);
        let err = region("region.json", "<html></html>").unwrap_err();
        assert!(err.to_string().contains("got an HTML page"), "{err}");
    }

    const DEPOSIT: &str = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[66,48]},"properties":
        {"id":"x","name":"X","kind":"mine","country":"KAZ","commodities":["Au"],"status":"operating","operator":"O",
         "precision":"exact","precision_km":1,"sources":[{"url":"https://e.org","title":"T"}]}}"#;

    const FLOW: &str = r#"{"type":"Feature","geometry":null,"properties":{"id":"f","investor":"china","entity":"E",
        "scope":"country","destination":"KAZ","amount_usd":1e9,"year_start":2015,"year_end":2016,"period":"p",
        "sector":"s","status":"realized","confidence":"confirmed","sources":[{"url":"https://e.org","title":"T"}]}}"#;

    fn fc(features: &[String]) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
    }

    #[test]
    fn control_characters_are_stripped_and_named_and_the_record_kept() {
        let f = DEPOSIT.replace(r#""name":"X""#, r#""name":"Ver\u000btical\u0007 \uFFFF""#);
        let (d, e) = deposits("deposits.geojson", &fc(&[f]));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].name, "Vertical ");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].file.as_str(), e[0].field.as_deref()), ("deposits.geojson", Some("name")));
        assert!(e[0].message.contains("control characters removed"));
        // Tabs and line breaks are text, not control problems.
        let f = DEPOSIT.replace(r#""name":"X""#, r#""name":"X","notes":"a\tb\nc""#);
        assert!(deposits("deposits.geojson", &fc(&[f])).1.is_empty());
        let r = region_with(r#""title":{"en":"T"}"#, r#""title":{"en":"T\u000b"}"#);
        assert_eq!(r.title.en, "T");
        assert!(named(&r, "title").contains("control characters"));
    }

    #[test]
    fn features_are_parsed_as_they_are_read_and_the_last_features_key_counts() {
        let bad = DEPOSIT.replace(r#""id":"x""#, r#""id":"X Y""#);
        let good = DEPOSIT.replace(r#""id":"x""#, r#""id":"y""#);
        let text = format!(r#"{{"features":[{bad}],"type":"FeatureCollection","features":[{good},{DEPOSIT}]}}"#);
        let (d, e) = deposits("deposits.geojson", &text);
        assert_eq!(d.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["y", "x"]);
        assert!(e.is_empty(), "the first features list no longer counts: {e:?}");
        let text = format!(r#"{{"type":"FeatureCollection","features":[{good}],"features":5}}"#);
        let (d, e) = deposits("deposits.geojson", &text);
        assert!(d.is_empty());
        assert!(e[0].message.contains("missing \"features\" array"), "{e:?}");
        let (d, e) = deposits("deposits.geojson", &format!(r#"{{"type":"Topic","features":[{good}]}}"#));
        assert!(d.is_empty() && e[0].message.contains("expected a GeoJSON FeatureCollection"), "{e:?}");
    }

    #[test]
    fn absurd_amounts_are_refused_by_name() {
        for (field, v) in [("amount_usd", "1e308"), ("amount_usd", "2e12")] {
            let f = FLOW.replace(r#""amount_usd":1e9"#, &format!(r#""{field}":{v}"#));
            let (ok, e) = flows("flows.geojson", &fc(&[f]));
            assert!(ok.is_empty());
            assert_eq!(e[0].field.as_deref(), Some(field));
            assert!(e[0].message.contains("sane range"), "{}", e[0]);
        }
        let f = FLOW.replace(
            r#""amount_usd":1e9"#,
            r#""amount_usd":1e9,"amount_original":1e300,"currency":"EUR","fx_note":"x""#,
        );
        assert_eq!(flows("flows.geojson", &fc(&[f])).1[0].field.as_deref(), Some("amount_original"));
        let (ok, e) = flows("flows.geojson", &fc(&[FLOW.replace("1e9", "1e12")]));
        assert_eq!((ok.len(), e.len()), (1, 0), "a trillion is still allowed: {e:?}");
        let d = DEPOSIT.replace(r#""precision_km":1"#, r#""precision_km":1e9"#);
        assert_eq!(deposits("deposits.geojson", &fc(&[d])).1[0].field.as_deref(), Some("precision_km"));
    }

    #[test]
    fn headline_sources_must_be_http_links() {
        let h = |url: &str, pct: f64| {
            format!(
                r#"{{"figures":[{{"id":"h","commodity":"Au","label_en":"Gold","value_pct":{pct},"measure":"m","confidence":"confirmed","sources":[{{"url":"{url}","title":"T"}}]}}]}}"#
            )
        };
        let (ok, e) = headlines("headlines.json", &h("javascript:alert(1)", 5.0));
        assert!(ok.is_empty());
        assert_eq!(
            e[0].to_string(),
            "headlines.json, feature 0 (\"h\"), field \"sources[0].url\": must be an http(s) URL"
        );
        let (_, e) = headlines("headlines.json", &h("https://e.org", 140.0));
        assert_eq!(e[0].field.as_deref(), Some("value_pct"));
        assert_eq!(headlines("headlines.json", &h("https://e.org", 5.0)).0.len(), 1);
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        for good in ["https://a.org", "http://127.0.0.1:8080", "https://x-y.example.org:443"] {
            assert!(is_origin(good), "{good}");
        }
        for bad in [
            "https://",
            "https://a.org/",
            "https://a.org/x.json",
            "//a.org",
            "https://a.org:",
            "https://a.org:abc",
            "data:x",
            "https://a b",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
    }
}
