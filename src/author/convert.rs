//! Rows → the atlas's own GeoJSON, then [`Dataset::assemble`], so a
//! journalist's rows pass exactly the checks the bundled data passes. Every
//! rejected row comes back with its spreadsheet row number, the column as the
//! journalist named it, and the reason; a swapped latitude and longitude is
//! detected and a fix offered.

use super::mapping::{Kind, Mapping};
use super::table::{AtlasFile, Input, Row, RowUnit, Table};
use crate::data::{DataError, Dataset, RawFiles, Region, commodity};
use geo::{Contains, Point};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// A fix the panel can offer for a rejected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// The point lies where it should once latitude and longitude are exchanged.
    SwapLatLon,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub kind: Kind,
    pub unit: RowUnit,
    /// As the journalist sees it; 0 for a problem with the whole table.
    pub row: usize,
    /// The column header as in the file (or the field, when no column fills it).
    pub column: String,
    pub reason: String,
    pub fix: Option<Fix>,
}

/// One table the journalist gave, with their mapping and the rows whose
/// latitude and longitude they chose to exchange.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub kind: Kind,
    pub input: Input,
    pub mapping: Mapping,
    pub swapped: BTreeSet<usize>,
}

impl Sheet {
    /// A sheet with the guessed mapping.
    pub fn new(input: Input) -> Sheet {
        let (kind, mapping) = match &input {
            Input::Table(t) => {
                let k = Kind::guess(&t.headers);
                (k, Mapping::guess(k, &t.headers))
            }
            Input::Atlas(AtlasFile::Flows(_)) => (Kind::Flows, Mapping::default()),
            Input::Atlas(_) => (Kind::Deposits, Mapping::default()),
        };
        Sheet { kind, input, mapping, swapped: BTreeSet::new() }
    }
}

/// The journalist's map, built and checked.
#[derive(Debug, Clone)]
pub struct Built {
    /// The dataset the preview draws: the basemap plus the accepted rows.
    pub dataset: Dataset,
    /// The accepted records as the atlas's own files.
    pub deposits: Value,
    pub flows: Value,
    pub rejected: Vec<Rejection>,
    /// The journalist's rows (or features) not on the map: all of a table's
    /// rows when a column is missing, else one per rejected row however
    /// many of its cells are wrong.
    pub rows_off: usize,
}

/// Names the converter resolves: countries (ISO3, English, Russian) and investor blocs.
struct Names<'a> {
    region: &'a Region,
    countries: Vec<(String, String, String)>,
}

impl Names<'_> {
    fn country(&self, v: &str) -> String {
        let n = super::mapping::normalize(v);
        self.countries
            .iter()
            .find(|(iso, en, ru)| {
                super::mapping::normalize(iso) == n
                    || super::mapping::normalize(en) == n
                    || super::mapping::normalize(ru) == n
            })
            .map(|c| c.0.clone())
            .unwrap_or_else(|| v.trim().to_uppercase())
    }

    fn investor(&self, v: &str) -> String {
        let n = super::mapping::normalize(v);
        self.region
            .investors
            .iter()
            .find(|i| {
                [&i.id, &i.name.en, &i.name.ru].iter().any(|s| !s.is_empty() && super::mapping::normalize(s) == n)
            })
            .map(|i| i.id.clone())
            .unwrap_or_else(|| v.trim().to_string())
    }

    /// Destination and scope: a focus state, the region code, or GLOBAL.
    fn destination(&self, v: &str) -> (String, &'static str) {
        let n = super::mapping::normalize(v);
        let r = self.region;
        // "Central Asia" names "Central Asia (all five states)".
        let names_region = |s: &String| {
            let s = super::mapping::normalize(s);
            !s.is_empty() && (s == n || n.chars().count() >= 4 && s.starts_with(&n))
        };
        if [&r.region_code, &r.region_name.en, &r.region_name.ru].into_iter().any(names_region)
            || ["region", "регион"].contains(&n.as_str())
        {
            return (r.region_code.clone(), "region");
        }
        if ["global", "world", "мир", "глобально"].contains(&n.as_str()) {
            return ("GLOBAL".into(), "global");
        }
        (self.country(v), "country")
    }
}

/// A number as a spreadsheet writes it: a decimal comma or point, spaces
/// (also no-break and thin) or apostrophes between thousands.
pub fn parse_number(s: &str) -> Option<f64> {
    let t: String =
        s.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')).collect();
    let t = t.replace('−', "-");
    let (commas, points) = (t.matches(',').count(), t.matches('.').count());
    let norm = match (commas, points) {
        (0, _) => t,
        // "1,234.5": commas group thousands.
        (_, 1..) if t.rfind('.') > t.rfind(',') => t.replace(',', ""),
        // "1.234,5": points group thousands.
        (1, _) => t.replace('.', "").replace(',', "."),
        // "1,234,567".
        (_, 0) => t.replace(',', ""),
        _ => return None,
    };
    norm.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// An amount in dollars: a number, optionally with `$` and a multiplier
/// (`k`, `m`/`mn`/`млн`, `bn`/`b`/`млрд`).
pub fn parse_amount(s: &str) -> Option<f64> {
    let t = s.trim().trim_start_matches(['$', '＄']).trim().to_lowercase();
    let t = t.strip_prefix("us$").unwrap_or(&t).trim_start_matches('$').trim().to_string();
    let mults: [(&str, f64); 8] =
        [("млрд", 1e9), ("bn", 1e9), ("b", 1e9), ("млн", 1e6), ("mn", 1e6), ("m", 1e6), ("тыс", 1e3), ("k", 1e3)];
    for (suffix, m) in mults {
        if let Some(num) = t.strip_suffix(suffix) {
            let num = num.trim_end_matches('.').trim();
            // Whole dollars: "2.7bn" is 2,700,000,000, not 2,700,000,000.0000005.
            return parse_number(num).map(|v| (v * m).round());
        }
    }
    parse_number(&t)
}

/// `2019` or `2019–2021` (any dash).
fn parse_years(s: &str) -> Option<(i32, i32)> {
    let parts: Vec<&str> = s.split(['-', '–', '—', '/']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let year = |p: &str| p.parse::<i32>().ok().filter(|y| (1800..=2200).contains(y));
    match parts.as_slice() {
        [a] => year(a).map(|y| (y, y)),
        [a, b] => Some((year(a)?, year(b)?)),
        _ => None,
    }
}

/// A slug for an id: Latin letters, digits and `-`; Cyrillic transliterated.
pub fn slug(s: &str) -> String {
    const RU: [(char, &str); 33] = [
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "e"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('й', "y"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "kh"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "yu"),
        ('я', "ya"),
    ];
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some((_, t)) = RU.iter().find(|(r, _)| *r == c) {
            out.push_str(t);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Commodity names or symbols in any case → the atlas's symbols.
fn commodities(s: &str) -> Vec<String> {
    const COMMON: [&str; 32] = [
        "Au", "Ag", "Cu", "Mo", "Pb", "Zn", "U", "W", "Sb", "Sn", "Li", "REE", "Fe", "Mn", "Cr", "Ti", "V", "Ni", "Co",
        "Al", "Bi", "Be", "Nb", "Ta", "Ga", "Ge", "PGE", "potash", "Hg", "Ba", "Sc", "Y",
    ];
    s.split([',', ';', '/', '|', '+'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            if commodity::is_known(p) {
                return p.to_string();
            }
            let n = super::mapping::normalize(p);
            let by_name = COMMON.iter().find(|sym| {
                [crate::i18n::Lang::En, crate::i18n::Lang::Ru].iter().any(|&l| {
                    let name = super::mapping::normalize(&commodity::name(sym, l));
                    name == n || name.starts_with(&n) && n.chars().count() >= 4
                }) || super::mapping::normalize(sym) == n
            });
            by_name.map(|s| s.to_string()).unwrap_or_else(|| p.to_string())
        })
        .collect()
}

/// Status words, English or Russian, → the schema's spelling.
fn status(kind: Kind, s: &str) -> String {
    let n = super::mapping::normalize(s);
    let word = match (kind, n.as_str()) {
        (
            Kind::Deposits,
            "действующий" | "действует" | "работает" | "эксплуатация" | "добыча" | "active" | "producing",
        ) => "operating",
        (Kind::Deposits, "разработка" | "строительство" | "освоение" | "construction") => {
            "development"
        }
        (Kind::Deposits, "разведка" | "геологоразведка") => "exploration",
        (Kind::Deposits, "закрыт" | "отработан" | "pastproducer" | "closed") => "past_producer",
        (Kind::Flows, "реализовано" | "реализован" | "вложено" | "disbursed" | "completed") => {
            "realized"
        }
        (Kind::Flows, "обязательство" | "подписано" | "signed" | "agreed") => "committed",
        (Kind::Flows, "объявлено" | "анонсировано" | "pledged") => "announced",
        _ => return s.trim().to_lowercase().replace([' ', '-'], "_"),
    };
    word.to_string()
}

fn site_kind(s: &str) -> String {
    match super::mapping::normalize(s).as_str() {
        "" | "месторождение" => "deposit".into(),
        "рудник" | "шахта" | "карьер" => "mine".into(),
        "завод" | "комбинат" | "фабрика" => "plant".into(),
        _ => s.trim().to_lowercase(),
    }
}

fn precision_word(s: &str) -> String {
    match super::mapping::normalize(s).as_str() {
        "" | "точно" | "точная" => "exact".into(),
        "приблизительно" | "примерно" | "approx" => "approximate".into(),
        "регион" | "район" => "region".into(),
        _ => s.trim().to_lowercase(),
    }
}

/// Default uncertainty radius when the sheet has none: the values the
/// bundled data uses for each precision.
fn default_precision_km(precision: &str) -> f64 {
    match precision {
        "approximate" => 25.0,
        "region" => 100.0,
        _ => 1.0,
    }
}

fn source(url: &str, title: &str) -> Value {
    let title = if title.is_empty() {
        // The host names the source when the sheet gives no title.
        url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or(url).to_string()
    } else {
        title.to_string()
    };
    json!([{ "url": url, "title": title }])
}

/// A converted table: features, and for each the row it came from.
struct Converted {
    features: Vec<Value>,
    rows: Vec<usize>,
    /// The point each deposit feature was given (for the swap check).
    points: Vec<[f64; 2]>,
    rejected: Vec<Rejection>,
}

fn put(props: &mut Map<String, Value>, key: &str, v: &str) {
    if !v.is_empty() {
        props.insert(key.into(), Value::String(v.to_string()));
    }
}

fn convert(sheet: &Sheet, t: &Table, names: &Names) -> Converted {
    let mut out = Converted { features: vec![], rows: vec![], points: vec![], rejected: vec![] };
    let kind = sheet.kind;
    let reject = |row: &Row, column: String, reason: String, fix: Option<Fix>| Rejection {
        kind,
        unit: t.unit,
        row: row.number,
        column,
        reason,
        fix,
    };
    let missing = sheet.mapping.missing(kind, &t.headers);
    // Without a column for a required field every row would fail alike: say it once.
    if !missing.is_empty() {
        out.rejected.extend(missing.iter().map(|k| Rejection {
            kind,
            unit: t.unit,
            row: 0,
            column: k.to_string(),
            reason: format!("no column is mapped to \"{k}\"; choose one in the mapping"),
            fix: None,
        }));
        return out;
    }
    let col = |key: &str| sheet.mapping.column(key, &t.headers);
    let get = |row: &Row, key: &str| col(key).map(|c| t.cell(row, c).to_string()).unwrap_or_default();
    let header = |key: &str| sheet.mapping.header(key).unwrap_or(key).to_string();
    let mut ids = BTreeSet::new();
    for row in &t.rows {
        let mut p = Map::new();
        let given_id = get(row, "id");
        let base = if given_id.is_empty() { slug(&get(row, "name")) } else { given_id.clone() };
        let base = if base.is_empty() { format!("row-{}", row.number) } else { base };
        // Two rows with one name are two places: the later gets its row number.
        let id = if given_id.is_empty() && !ids.insert(base.clone()) { format!("{base}-{}", row.number) } else { base };
        ids.insert(id.clone());
        p.insert("id".into(), Value::String(id));
        let url = get(row, "source_url");
        if !url.is_empty() {
            p.insert("sources".into(), source(&url, &get(row, "source_title")));
        }
        put(&mut p, "notes", &get(row, "notes"));
        match kind {
            Kind::Deposits => {
                let (lat_s, lon_s) = (get(row, "lat"), get(row, "lon"));
                let (Some(mut lat), Some(mut lon)) = (parse_number(&lat_s), parse_number(&lon_s)) else {
                    let (key, v) = if parse_number(&lat_s).is_none() { ("lat", lat_s) } else { ("lon", lon_s) };
                    let reason = if v.is_empty() { "is empty".into() } else { format!("\"{v}\" is not a number") };
                    out.rejected.push(reject(row, header(key), reason, None));
                    continue;
                };
                if sheet.swapped.contains(&row.number) {
                    std::mem::swap(&mut lat, &mut lon);
                }
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    let fix =
                        ((-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat)).then_some(Fix::SwapLatLon);
                    let why = if fix.is_some() { "; latitude and longitude look swapped" } else { "" };
                    out.rejected.push(reject(
                        row,
                        format!("{}, {}", header("lat"), header("lon")),
                        format!("latitude {lat} or longitude {lon} is out of range{why}"),
                        fix,
                    ));
                    continue;
                }
                put(&mut p, "name", &get(row, "name"));
                let country = get(row, "country");
                if !country.is_empty() {
                    p.insert("country".into(), Value::String(names.country(&country)));
                }
                let c = commodities(&get(row, "commodity"));
                p.insert("commodities".into(), json!(c));
                let st = get(row, "status");
                if !st.is_empty() {
                    p.insert("status".into(), Value::String(status(kind, &st)));
                }
                put(&mut p, "operator", &get(row, "operator"));
                p.insert("kind".into(), Value::String(site_kind(&get(row, "kind"))));
                let precision = precision_word(&get(row, "precision"));
                let km_s = get(row, "precision_km");
                let km = if km_s.is_empty() { Some(default_precision_km(&precision)) } else { parse_number(&km_s) };
                let Some(km) = km else {
                    out.rejected.push(reject(row, header("precision_km"), format!("\"{km_s}\" is not a number"), None));
                    continue;
                };
                p.insert("precision".into(), Value::String(precision));
                p.insert("precision_km".into(), json!(km));
                out.points.push([lon, lat]);
                out.features.push(json!({
                    "type": "Feature",
                    "geometry": { "type": "Point", "coordinates": [lon, lat] },
                    "properties": p,
                }));
            }
            Kind::Flows => {
                let inv = get(row, "investor");
                if !inv.is_empty() {
                    p.insert("investor".into(), Value::String(names.investor(&inv)));
                }
                let entity = get(row, "entity");
                put(&mut p, "entity", if entity.is_empty() { &inv } else { &entity });
                let dest = get(row, "destination");
                if !dest.is_empty() {
                    let (d, scope) = names.destination(&dest);
                    p.insert("destination".into(), Value::String(d));
                    p.insert("scope".into(), Value::String(scope.into()));
                }
                let amount = get(row, "amount_usd");
                if !amount.is_empty() {
                    let Some(a) = parse_amount(&amount) else {
                        out.rejected.push(reject(
                            row,
                            header("amount_usd"),
                            format!("\"{amount}\" is not an amount in dollars"),
                            None,
                        ));
                        continue;
                    };
                    p.insert("amount_usd".into(), json!(a));
                }
                let years = get(row, "year");
                if !years.is_empty() {
                    let Some((a, b)) = parse_years(&years) else {
                        out.rejected.push(reject(
                            row,
                            header("year"),
                            format!("\"{years}\" is not a year or a range such as 2019–2021"),
                            None,
                        ));
                        continue;
                    };
                    p.insert("year_start".into(), json!(a));
                    p.insert("year_end".into(), json!(b));
                    p.insert("period".into(), Value::String(years.clone()));
                }
                let st = get(row, "status");
                if !st.is_empty() {
                    p.insert("status".into(), Value::String(status(kind, &st)));
                }
                let sector = get(row, "sector");
                put(&mut p, "sector", if sector.is_empty() { "not stated" } else { &sector });
                p.insert("confidence".into(), Value::String("confirmed".into()));
                out.features.push(json!({ "type": "Feature", "geometry": null, "properties": p }));
            }
        }
        out.rows.push(row.number);
    }
    out
}

/// The schema field a parse or validation error names → the journalist's column.
fn column_of(kind: Kind, field: &str, mapping: &Mapping) -> String {
    let key = match (kind, field) {
        (Kind::Deposits, "geometry" | "geometry.coordinates") => {
            return format!("{}, {}", mapping.header("lat").unwrap_or("lat"), mapping.header("lon").unwrap_or("lon"));
        }
        (Kind::Deposits, "commodities") => "commodity",
        (Kind::Flows, "year_start" | "year_end" | "period") => "year",
        (Kind::Flows, "scope") => "destination",
        (_, f) if f.starts_with("sources") => "source_url",
        (_, f) => f,
    };
    match mapping.header(key) {
        Some(h) => h.to_string(),
        None => format!("{key} (no column)"),
    }
}

fn feature_collection(features: Vec<Value>) -> Value {
    json!({ "type": "FeatureCollection", "features": features })
}

/// Build the journalist's map on the bundled basemap: convert each sheet,
/// run the atlas's own parser and validator, and name every rejected row.
pub fn build(base: &Region, basemap: &RawFiles, deposits: Option<&Sheet>, flows: Option<&Sheet>) -> Built {
    let (countries, _) =
        crate::data::parse::countries(&base.layers.countries, basemap.countries.as_deref().unwrap_or(""));
    let names = Names {
        region: base,
        countries: countries.iter().map(|c| (c.iso3.clone(), c.name_en.clone(), c.name_ru.clone())).collect(),
    };
    let mut rejected = Vec::new();
    let mut layer = |sheet: Option<&Sheet>| -> Layer {
        let empty = |unit| Layer {
            gj: feature_collection(vec![]),
            rows: vec![],
            points: vec![],
            unit,
            mapping: Mapping::default(),
            given: 0,
        };
        let Some(sheet) = sheet else { return empty(RowUnit::Row) };
        match &sheet.input {
            Input::Table(t) => {
                let c = convert(sheet, t, &names);
                rejected.extend(c.rejected);
                Layer {
                    gj: feature_collection(c.features),
                    rows: c.rows,
                    points: c.points,
                    unit: t.unit,
                    mapping: sheet.mapping.clone(),
                    given: t.rows.len(),
                }
            }
            Input::Atlas(AtlasFile::Deposits(text) | AtlasFile::Flows(text)) => {
                let gj: Value = serde_json::from_str(text).unwrap_or_else(|_| feature_collection(vec![]));
                let n = gj["features"].as_array().map_or(0, Vec::len);
                Layer { gj, rows: (0..n).collect(), given: n, ..empty(RowUnit::Feature) }
            }
            Input::Atlas(AtlasFile::Region(_)) => empty(RowUnit::Row),
        }
    };
    let dep = layer(deposits);
    let flow = layer(flows);

    let mut region = base.clone();
    // The journalist's map carries only their figures.
    region.layers.headlines = None;
    region.layers.details = None;
    let raw = RawFiles {
        countries: basemap.countries.clone(),
        water: basemap.water.clone(),
        deposits: Some(dep.gj.to_string()),
        flows: Some(flow.gj.to_string()),
        headlines: None,
    };
    let mut ds = Dataset::assemble(region, &raw);
    let (dep_file, flow_file) = (ds.region.layers.deposits.clone(), ds.region.layers.flows.clone());
    let errors = std::mem::take(&mut ds.errors);
    let mut other = Vec::new();
    for e in errors {
        let (kind, l) = if e.file == dep_file {
            (Kind::Deposits, &dep)
        } else if e.file == flow_file {
            (Kind::Flows, &flow)
        } else {
            other.push(e);
            continue;
        };
        rejected.push(rejection(&ds, kind, &e, l));
    }
    ds.errors = other;
    // Keep only the accepted records in the files that get published.
    let keep = |gj: &Value, ids: &BTreeSet<&str>| {
        let f = gj["features"].as_array().map(|a| {
            a.iter().filter(|f| f["properties"]["id"].as_str().is_some_and(|id| ids.contains(id))).cloned().collect()
        });
        feature_collection(f.unwrap_or_default())
    };
    let dep_ids: BTreeSet<&str> = ds.deposits.iter().map(|d| d.id.as_str()).collect();
    let flow_ids: BTreeSet<&str> = ds.flows.iter().map(|f| f.id.as_str()).collect();
    let (deposits, flows) = (keep(&dep.gj, &dep_ids), keep(&flow.gj, &flow_ids));
    rejected.sort_by_key(|r| (r.kind == Kind::Flows, r.row));
    let rows_off = dep.given.saturating_sub(ds.deposits.len()) + flow.given.saturating_sub(ds.flows.len());
    Built { dataset: ds, deposits, flows, rejected, rows_off }
}

/// One layer as converted: its GeoJSON, and what names its rows.
struct Layer {
    gj: Value,
    /// Feature index → the row the journalist sees.
    rows: Vec<usize>,
    /// Feature index → the point it was given (deposits from a table).
    points: Vec<[f64; 2]>,
    unit: RowUnit,
    mapping: Mapping,
    /// How many rows (or features) the journalist gave.
    given: usize,
}

fn rejection(ds: &Dataset, kind: Kind, e: &DataError, l: &Layer) -> Rejection {
    let (rows, unit, mapping, points, features) = (&l.rows, l.unit, &l.mapping, &l.points, &l.gj);
    let row = e.index.and_then(|i| rows.get(i).copied()).unwrap_or(0);
    let field = e.field.as_deref().unwrap_or("");
    let column = if mapping.0.is_empty() { field.to_string() } else { column_of(kind, field, mapping) };
    // Outside its country, but inside once latitude and longitude are exchanged?
    let fix = (kind == Kind::Deposits && field == "geometry.coordinates").then_some(e.index).flatten().and_then(|i| {
        let [lon, lat] = *points.get(i)?;
        let country = features["features"][i]["properties"]["country"].as_str()?;
        let c = ds.country(country)?;
        c.geometry.contains(&Point::new(lat, lon)).then_some(Fix::SwapLatLon)
    });
    // Then say it in the sheet's own terms (latitude first, as its columns
    // are named), not as the validator's GeoJSON [lon, lat] pair.
    let reason = match (fix, e.index.and_then(|i| points.get(i))) {
        (Some(_), Some(&[lon, lat])) => format!(
            "latitude {}, longitude {} lies outside its country; latitude and longitude look swapped",
            crate::decimal::short(lat),
            crate::decimal::short(lon)
        ),
        _ => e.message.clone(),
    };
    Rejection { kind, unit, row, column, reason, fix }
}

/// The rejected rows as CSV, for the journalist to fix in their
/// spreadsheet, headers and reasons in `lang`.
pub fn rejections_csv(list: &[Rejection], lang: crate::i18n::Lang) -> String {
    use super::words;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(words::csv_header(lang));
    for r in list {
        let table = words::table(lang, r.kind);
        let row = if r.row == 0 && r.unit == RowUnit::Row {
            String::new()
        } else {
            format!("{} {}", words::unit(lang, r.unit), r.row)
        };
        let _ = w.write_record([table, &row, &r.column, &words::reason(lang, &r.reason)]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::author::table::read;

    /// A sheet built on the bundled basemap.
    pub(in crate::author) fn build_csv(text: &str) -> Built {
        let (region, raw) = base();
        build(&region, &raw, Some(&sheet(text)), None)
    }

    fn base() -> (Region, RawFiles) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let read = |n: &str| std::fs::read_to_string(dir.join(n)).ok();
        let region = crate::data::parse::region("region.json", &read("region.json").unwrap()).unwrap();
        let raw = RawFiles {
            countries: read(&region.layers.countries),
            water: region.layers.water.as_deref().and_then(read),
            ..RawFiles::default()
        };
        (region, raw)
    }

    fn sheet(text: &str) -> Sheet {
        Sheet::new(read(text.as_bytes()).unwrap())
    }

    const GOOD: &str = "name;lat;lon;country;commodity;status;operator;source_url\n\
        Aktogay;46,95;79,98;Kazakhstan;медь, Mo;operating;KAZ Minerals;https://example.org/aktogay\n\
        Мурунтау;41,5;64,57;Узбекистан;Gold;действующий;NMMC;https://example.org/muruntau\n";

    #[test]
    fn numbers_read_as_excel_writes_them() {
        assert_eq!(parse_number("46,95"), Some(46.95));
        assert_eq!(parse_number(" -12.5 "), Some(-12.5));
        assert_eq!(parse_number("1 234 567,5"), Some(1_234_567.5));
        assert_eq!(parse_number("1\u{a0}200"), Some(1200.0));
        assert_eq!(parse_number("1,234,567"), Some(1_234_567.0));
        assert_eq!(parse_number("1.234.567,5"), Some(1_234_567.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_amount("$17.2bn"), Some(17.2e9));
        assert_eq!(parse_amount("300 млн"), Some(300e6));
        assert_eq!(parse_amount("1,5 млрд"), Some(1.5e9));
        assert_eq!(parse_amount("2700000000"), Some(2.7e9));
        assert_eq!(parse_amount("lots"), None);
    }

    #[test]
    fn rows_off_the_map_are_counted_as_rows_not_as_problems() {
        // Two columns missing: two problems, and all three rows off the map.
        let no_cols = "name,lat,lon,country,commodity,status\n\
            A,46.9,79.9,Kazakhstan,Cu,operating\nB,41.5,64.5,Uzbekistan,Au,operating\nC,41.6,64.6,Uzbekistan,Au,operating\n";
        let b = build_csv(no_cols);
        assert_eq!((b.rejected.len(), b.rows_off), (2, 3), "{:?}", b.rejected);
        // One row with two bad cells is one row off the map.
        let two_bad = format!("{GOOD}Bad;abc;xyz;Kazakhstan;Cu;operating;X;https://example.org/x\n");
        let b = build_csv(&two_bad);
        assert_eq!(b.rows_off, 1, "{:?}", b.rejected);
        assert_eq!(build_csv(GOOD).rows_off, 0);
    }

    #[test]
    fn good_rows_become_deposits_that_pass_the_atlas_checks() {
        let (region, raw) = base();
        let b = build(&region, &raw, Some(&sheet(GOOD)), None);
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        assert_eq!(b.dataset.deposits.len(), 2);
        let akt = b.dataset.deposit("aktogay").expect("slug id from the name");
        assert_eq!((akt.lat, akt.lon), (46.95, 79.98));
        assert_eq!(akt.country, "KAZ");
        assert_eq!(akt.commodities, ["Cu", "Mo"]);
        assert_eq!(akt.sources[0].title, "example.org");
        let mur = b.dataset.deposit("muruntau").expect("transliterated id");
        assert_eq!(mur.country, "UZB");
        assert_eq!(mur.commodities, ["Au"]);
        assert_eq!(mur.status, crate::data::DepositStatus::Operating);
        assert!(b.dataset.headlines.is_empty(), "the atlas's own headline figures are not the journalist's");
        assert_eq!(b.deposits["features"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn each_bad_row_is_named_by_row_column_and_reason_and_the_good_ones_stay() {
        let (region, raw) = base();
        let csv = format!(
            "{GOOD}Nowhere;abc;70;KAZ;Cu;operating;X;https://e.org\n\
             Odd;45;70;KAZ;gas;operating;X;https://e.org\n\
             Nosource;45;70;KAZ;Cu;operating;X;\n\
             Outside;45;70;UZB;Cu;operating;X;https://e.org\n"
        );
        let b = build(&region, &raw, Some(&sheet(&csv)), None);
        assert_eq!(b.dataset.deposits.len(), 2);
        let got: Vec<(usize, &str)> = b.rejected.iter().map(|r| (r.row, r.column.as_str())).collect();
        assert_eq!(got, [(4, "lat"), (5, "commodity"), (6, "source_url"), (7, "lat, lon")]);
        assert!(b.rejected[0].reason.contains("\"abc\" is not a number"));
        assert!(b.rejected[1].reason.contains("unknown commodity symbol \"gas\""));
        assert!(b.rejected[3].reason.contains("outside"), "{}", b.rejected[3].reason);
        assert!(b.rejected.iter().all(|r| r.fix.is_none()));
        let out = rejections_csv(&b.rejected, crate::i18n::Lang::En);
        assert!(out.starts_with("table,row,column,reason\n"));
        assert!(out.contains("places,row 5,commodity,"), "{out}");
        assert!(out.contains("\"lat, lon\""), "a comma in a cell is quoted: {out}");
        let ru = rejections_csv(&b.rejected, crate::i18n::Lang::Ru);
        assert!(ru.starts_with("таблица,строка,столбец,причина\n"), "{ru}");
        assert!(ru.contains("места,строка 5,commodity,\"неизвестное обозначение сырья \"\"gas\"\""), "{ru}");
    }

    #[test]
    fn a_swapped_point_is_detected_and_the_fix_places_it() {
        let (region, raw) = base();
        // Aktogay with lat and lon exchanged (inside the box of nothing), and a
        // latitude above 90.
        let csv = "name,lat,lon,country,commodity,status,operator,source_url\n\
            Aktogay,79.98,46.95,KAZ,Cu,operating,KAZ Minerals,https://e.org\n\
            Kumtor,78.2,41.86,KGZ,Au,operating,Centerra,https://e.org\n\
            Far,120,41.86,KGZ,Au,operating,Centerra,https://e.org\n";
        let mut s = sheet(csv);
        let b = build(&region, &raw, Some(&s), None);
        let fixes: Vec<(usize, Option<Fix>)> = b.rejected.iter().map(|r| (r.row, r.fix)).collect();
        assert_eq!(fixes, [(2, Some(Fix::SwapLatLon)), (3, Some(Fix::SwapLatLon)), (4, Some(Fix::SwapLatLon))]);
        // In the sheet's terms: latitude first, as typed.
        assert_eq!(
            b.rejected[0].reason,
            "latitude 79.98, longitude 46.95 lies outside its country; latitude and longitude look swapped"
        );
        s.swapped.extend([2, 3]);
        let b = build(&region, &raw, Some(&s), None);
        assert_eq!(b.dataset.deposits.len(), 2, "{:?}", b.rejected);
        assert_eq!(b.rejected.len(), 1);
        assert_eq!(b.rejected[0].row, 4, "120 is not a longitude in Kyrgyzstan either");
    }

    #[test]
    fn a_point_simply_in_the_wrong_place_gets_no_swap_offer() {
        let (region, raw) = base();
        let csv = "name,lat,lon,country,commodity,status,operator,source_url\n\
            Wrong,41.3,69.2,KAZ,Cu,operating,X,https://e.org\n";
        let b = build(&region, &raw, Some(&sheet(csv)), None);
        assert_eq!(b.rejected.len(), 1);
        assert_eq!(b.rejected[0].fix, None, "Tashkent's point swapped is nowhere near Kazakhstan");
    }

    #[test]
    fn a_required_field_without_a_column_is_named_once_not_per_row() {
        let (region, raw) = base();
        let b = build(&region, &raw, Some(&sheet("name,where\nA,here\nB,there\n")), None);
        let cols: Vec<&str> = b.rejected.iter().map(|r| r.column.as_str()).collect();
        assert_eq!(cols, ["lat", "lon", "country", "commodity", "status", "operator", "source_url"]);
        assert!(b.rejected.iter().all(|r| r.row == 0 && r.reason.contains("no column is mapped")));
        assert!(b.dataset.deposits.is_empty());
    }

    #[test]
    fn investments_become_flows_drawn_on_the_atlas_scale() {
        let (region, raw) = base();
        let flows = "investor;destination;amount_usd;year;status;source_url\n\
            China;Kazakhstan;$2,7bn;2009;committed;https://e.org/a\n\
            Китай;KAZ;380 000 000;2019–2020;реализовано;https://e.org/b\n\
            EU;Central Asia;1 000 000 000;2025;announced;https://e.org/c\n\
            Mars;KAZ;5;2020;realized;https://e.org/d\n\
            US;KAZ;5;someday;realized;https://e.org/e\n";
        let s = sheet(flows);
        assert_eq!(s.kind, Kind::Flows);
        let b = build(&region, &raw, None, Some(&s));
        let bad: Vec<(usize, &str)> = b.rejected.iter().map(|r| (r.row, r.column.as_str())).collect();
        assert_eq!(bad, [(5, "investor"), (6, "year")], "{:?}", b.rejected);
        assert_eq!(b.dataset.flows.len(), 3);
        let f = &b.dataset.flows[1];
        assert_eq!((f.investor.as_str(), f.destination.as_str()), ("china", "KAZ"));
        assert_eq!((f.year_start, f.year_end), (2019, 2020));
        assert_eq!(f.status, crate::data::FlowStatus::Realized);
        assert_eq!(b.dataset.flows[2].scope, crate::data::FlowScope::Region);
        // The same aggregation and the same locked scale as the atlas.
        let groups = crate::flows::aggregate(&b.dataset.flows, &crate::flows::FlowFilter::all(&["china".to_string()]));
        let kaz = groups.iter().find(|g| g.key() == "china-KAZ").expect("china-KAZ");
        assert_eq!(kaz.total_usd, 2.7e9 + 380e6);
        assert_eq!(b.dataset.region.flow_scale, region.flow_scale);
    }

    #[test]
    fn the_atlas_own_deposits_file_is_used_as_it_is() {
        let (region, raw) = base();
        let text = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data/deposits.geojson"))
            .unwrap();
        let b = build(&region, &raw, Some(&Sheet::new(read(&text).unwrap())), None);
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        assert_eq!(b.dataset.deposits.len(), crate::data::load::from_dir(&region_dir()).unwrap().deposits.len());
    }

    fn region_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")
    }

    #[test]
    fn ids_are_slugs_and_two_places_with_one_name_both_stay() {
        assert_eq!(slug("Kuru-Tegerek (Au)"), "kuru-tegerek-au");
        assert_eq!(slug("Шахта №5"), "shakhta-5");
        let (region, raw) = base();
        let csv = "name,lat,lon,country,commodity,status,operator,source_url\n\
            Aktogay,46.95,79.98,KAZ,Cu,operating,X,https://e.org\n\
            Aktogay,46.9,79.9,KAZ,Cu,operating,X,https://e.org\n";
        let b = build(&region, &raw, Some(&sheet(csv)), None);
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        let ids: Vec<&str> = b.dataset.deposits.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["aktogay", "aktogay-3"]);
    }
}
