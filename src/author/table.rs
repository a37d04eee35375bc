//! Reading what a journalist drops or pastes: a CSV (UTF-8 with or without a
//! BOM; comma, semicolon or tab separated, sniffed), a GeoJSON file of
//! points, or one of the atlas's own files. Everything but the atlas's own
//! layer files becomes a [`Table`] of text cells, with each row numbered as
//! the spreadsheet shows it.

use serde_json::Value;
use std::fmt;

/// How a row is counted in messages: a spreadsheet row (the header is row 1)
/// or a GeoJSON feature (0-based, as `atlas check` counts them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowUnit {
    Row,
    Feature,
}

impl RowUnit {
    pub fn word(self) -> &'static str {
        match self {
            RowUnit::Row => "row",
            RowUnit::Feature => "feature",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The number the journalist sees: the spreadsheet row, or the feature index.
    pub number: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub unit: RowUnit,
}

impl Table {
    pub fn cell<'a>(&self, row: &'a Row, col: usize) -> &'a str {
        row.cells.get(col).map(|s| s.trim()).unwrap_or("")
    }
}

/// One of the atlas's own files, used as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum AtlasFile {
    /// `deposits.geojson` text.
    Deposits(String),
    /// `flows.geojson` text.
    Flows(String),
    /// A `region.json`: its title, subtitle and credit are taken.
    Region(Box<crate::data::Region>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Table(Table),
    Atlas(AtlasFile),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    Empty,
    /// Not UTF-8 at this byte offset (Excel's "CSV" in a Russian locale writes Windows-1251).
    NotUtf8 {
        offset: usize,
    },
    Csv(String),
    Json(String),
    /// JSON, but not a FeatureCollection nor a region manifest.
    NotGeoJson,
    NoHeader,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Empty => write!(f, "the file is empty"),
            ReadError::NotUtf8 { offset } => {
                write!(f, "the file is not UTF-8 text (byte {offset}); in Excel use \"Save as → CSV UTF-8\"")
            }
            ReadError::Csv(e) => write!(f, "not a readable CSV: {e}"),
            ReadError::Json(e) => write!(f, "not valid JSON: {e}"),
            ReadError::NotGeoJson => {
                write!(f, "JSON, but neither a GeoJSON FeatureCollection nor the atlas's region.json")
            }
            ReadError::NoHeader => write!(f, "the first row must name the columns"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Read dropped or pasted bytes.
pub fn read(bytes: &[u8]) -> Result<Input, ReadError> {
    let text = decode(bytes)?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ReadError::Empty);
    }
    if trimmed.starts_with('{') {
        let v: Value = serde_json::from_str(trimmed).map_err(|e| ReadError::Json(e.to_string()))?;
        return read_json(v, trimmed);
    }
    read_csv(text).map(Input::Table)
}

/// UTF-8 text without its byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 { offset: e.valid_up_to() })
}

/// The separator the header line uses most: `;` (Excel in locales with a
/// decimal comma), `,` or a tab (a paste from a spreadsheet). Quoted text is skipped.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 1)).unwrap_or(1);
    [b';', b',', b'\t'][best]
}

fn read_csv(text: &str) -> Result<Table, ReadError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> =
        rdr.headers().map_err(|e| ReadError::Csv(e.to_string()))?.iter().map(|h| h.trim().to_string()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(ReadError::NoHeader);
    }
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| ReadError::Csv(e.to_string()))?;
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        // Excel writes empty rows as ";;;": skip them, but keep counting.
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The header is spreadsheet row 1; a quoted line break stays in its cell.
        rows.push(Row { number: i + 2, cells });
    }
    Ok(Table { headers, rows, unit: RowUnit::Row })
}

fn read_json(v: Value, text: &str) -> Result<Input, ReadError> {
    if v.get("layers").is_some() && v.get("investors").is_some() {
        let region = crate::data::parse::region("region.json", text).map_err(|e| ReadError::Json(e.message))?;
        return Ok(Input::Atlas(AtlasFile::Region(Box::new(region))));
    }
    if v.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(ReadError::NotGeoJson);
    }
    let features = v.get("features").and_then(Value::as_array).ok_or(ReadError::NotGeoJson)?;
    let props = |f: &Value| f.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
    if let Some(first) = features.first().map(props) {
        // The atlas's own layers carry these fields; they are used as they are.
        if first.contains_key("precision") && first.contains_key("kind") && first.contains_key("commodities") {
            return Ok(Input::Atlas(AtlasFile::Deposits(text.to_string())));
        }
        if first.contains_key("investor") && first.contains_key("scope") && first.contains_key("year_start") {
            return Ok(Input::Atlas(AtlasFile::Flows(text.to_string())));
        }
    }
    // Any other GeoJSON: properties become columns, a Point gives lon and lat.
    let mut headers = vec!["lon".to_string(), "lat".to_string()];
    for f in features {
        for k in props(f).keys() {
            if !headers.contains(k) {
                headers.push(k.clone());
            }
        }
    }
    let rows = features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = props(f);
            let coords = f
                .get("geometry")
                .filter(|g| g.get("type").and_then(Value::as_str) == Some("Point"))
                .and_then(|g| g.get("coordinates"))
                .and_then(Value::as_array);
            let coord = |j: usize| coords.and_then(|c| c.get(j)).map(cell_text).unwrap_or_default();
            let mut cells = vec![coord(0), coord(1)];
            cells.extend(headers[2..].iter().map(|h| p.get(h).map(cell_text).unwrap_or_default()));
            Row { number: i, cells }
        })
        .collect();
    Ok(Input::Table(Table { headers, rows, unit: RowUnit::Feature }))
}

/// A JSON value as the text a spreadsheet cell would hold.
fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(cell_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(bytes: &[u8]) -> Table {
        match read(bytes).expect("reads") {
            Input::Table(t) => t,
            other => panic!("expected a table, got {other:?}"),
        }
    }

    #[test]
    fn a_semicolon_csv_with_a_bom_and_decimal_commas_reads_as_excel_writes_it() {
        let t = table("\u{feff}название;широта;долгота\r\nАктогай;46,95;79,98\r\n".as_bytes());
        assert_eq!(t.headers, ["название", "широта", "долгота"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells, ["Актогай", "46,95", "79,98"]);
        assert_eq!(t.rows[0].number, 2, "the first data row is spreadsheet row 2");
    }

    #[test]
    fn a_comma_csv_keeps_quoted_commas_and_line_breaks_in_their_cell() {
        let t = table(b"name,commodity,notes\nAktogay,\"Cu, Mo\",\"two\nlines\"\nKumtor,Au,\n");
        assert_eq!(t.rows[0].cells, ["Aktogay", "Cu, Mo", "two\nlines"]);
        assert_eq!(t.rows[1].number, 3, "a line break inside quotes does not shift the row number");
    }

    #[test]
    fn a_paste_from_a_spreadsheet_is_tab_separated() {
        assert_eq!(sniff_delimiter("name\tlat\tlon\nA\t1,5\t2,5"), b'\t');
        assert_eq!(sniff_delimiter("name;lat;lon\nA;1,5;2,5"), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c,d\n"), b',');
    }

    #[test]
    fn empty_rows_are_skipped_but_still_counted() {
        let t = table(b"name;lat\nA;1\n;\nB;2\n");
        let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 4]);
    }

    #[test]
    fn a_windows_1251_file_is_named_not_garbled() {
        // "Медь" in Windows-1251.
        let err = read(b"name\n\xcc\xe5\xe4\xfc\n").unwrap_err();
        assert!(matches!(err, ReadError::NotUtf8 { offset: 5 }), "{err:?}");
        assert!(err.to_string().contains("CSV UTF-8"));
    }

    #[test]
    fn geojson_points_become_rows_with_lon_and_lat() {
        let gj = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[66.5,41.5]},"properties":{"name":"A","minerals":["Au","Ag"]}},
            {"type":"Feature","geometry":null,"properties":{"name":"B","size":3}}]}"#;
        let t = table(gj.as_bytes());
        assert_eq!(t.headers, ["lon", "lat", "minerals", "name", "size"]);
        assert_eq!(t.rows[0].cells, ["66.5", "41.5", "Au, Ag", "A", ""]);
        assert_eq!(t.rows[1].cells, ["", "", "", "B", "3"]);
        assert_eq!(t.unit, RowUnit::Feature);
    }

    #[test]
    fn the_atlas_own_files_are_recognised() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let read_file = |n: &str| read(&std::fs::read(dir.join(n)).unwrap()).unwrap();
        assert!(matches!(read_file("deposits.geojson"), Input::Atlas(AtlasFile::Deposits(_))));
        assert!(matches!(read_file("flows.geojson"), Input::Atlas(AtlasFile::Flows(_))));
        assert!(matches!(read_file("region.json"), Input::Atlas(AtlasFile::Region(_))));
    }

    #[test]
    fn json_that_is_not_geojson_is_named() {
        assert_eq!(read(b"{\"a\": 1}").unwrap_err(), ReadError::NotGeoJson);
        assert!(matches!(read(b"{oops").unwrap_err(), ReadError::Json(_)));
        assert_eq!(read(b"  \n").unwrap_err(), ReadError::Empty);
    }
}
