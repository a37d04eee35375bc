//! One case per validator message in docs/DATA.md §3: each feeds a minimal
//! dataset with exactly one mistake to `Dataset::assemble` and expects the
//! message text documented there, naming file, feature and field.
//!
//! The good dataset is written here from scratch (a triangular "Uzbekistan",
//! one lake, one deposit, one flow, one headline figure), not read from
//! `public/data`, so a case breaks only the rule it names.

use atlas::data::{Dataset, RawFiles, Region, parse};
use serde_json::{Value, json};
use std::path::PathBuf;

/// The shipped manifest, with `annotations` set to `notes` when given.
fn region_with(notes: Option<&Value>) -> Region {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public/data/region.json");
    let mut text = std::fs::read_to_string(path).expect("region.json");
    if let Some(notes) = notes {
        let mut v: Value = serde_json::from_str(&text).expect("manifest JSON");
        v["annotations"] = notes.clone();
        text = v.to_string();
    }
    parse::region("region.json", &text).expect("manifest")
}

fn collection(features: &[Value]) -> String {
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

/// A right triangle with its right angle at (60°E, 38°N): its bounding box
/// is 60–70°E × 38–44°N, and (69°E, 43°N) is in the box but outside the border.
fn country() -> Value {
    json!({ "type": "Feature",
        "geometry": { "type": "Polygon", "coordinates": [[[60.0, 38.0], [70.0, 38.0], [60.0, 44.0], [60.0, 38.0]]] },
        "properties": { "iso3": "UZB", "name_en": "Uzbekistan", "role": "focus", "label": [62.0, 40.0] } })
}

fn lake() -> Value {
    json!({ "type": "Feature", "id": "lake",
        "geometry": { "type": "Polygon", "coordinates": [[[61.0, 39.0], [62.0, 39.0], [61.0, 40.0], [61.0, 39.0]]] },
        "properties": { "name_en": "Lake" } })
}

fn source() -> Value {
    json!([{ "url": "https://example.org/a", "title": "A source" }])
}

fn deposit() -> Value {
    json!({ "type": "Feature", "geometry": { "type": "Point", "coordinates": [61.0, 39.0] },
        "properties": { "id": "ok", "name": "OK", "kind": "mine", "country": "UZB", "commodities": ["Au"],
            "status": "operating", "operator": "X", "investors": [], "precision": "exact", "precision_km": 1,
            "sources": source() } })
}

fn flow() -> Value {
    json!({ "type": "Feature", "geometry": null,
        "properties": { "id": "f1", "investor": "china", "entity": "E", "scope": "country", "destination": "UZB",
            "amount_usd": 5.0e6, "year_start": 2020, "year_end": 2021, "period": "2020–21", "sector": "gold",
            "status": "realized", "confidence": "confirmed", "sources": source() } })
}

fn headline() -> Value {
    json!({ "id": "h", "commodity": "Mn", "label_en": "Manganese", "value_pct": 1.5, "measure": "share",
        "confidence": "attributed", "attributed_to": "Someone", "sources": source() })
}

/// The files of a dataset, each as JSON values until assembled.
struct Files {
    countries: Vec<Value>,
    water: Vec<Value>,
    deposits: Vec<Value>,
    flows: Vec<Value>,
    headlines: Vec<Value>,
    /// Raw text that replaces a whole file (file-level errors).
    raw: Vec<(&'static str, Option<String>)>,
    /// The manifest's `annotations`, when set.
    notes: Option<Value>,
}

fn good() -> Files {
    Files {
        countries: vec![country()],
        water: vec![lake()],
        deposits: vec![deposit()],
        flows: vec![flow()],
        headlines: vec![headline()],
        raw: Vec::new(),
        notes: None,
    }
}

/// Set `props.key` (or the feature's own `key` when it starts with `/`) to `v`;
/// `Value::Null` removes a property.
fn set(feature: &mut Value, key: &str, v: Value) {
    let target = match key.strip_prefix('/') {
        Some(k) => (feature, k),
        None => (&mut feature["properties"], key),
    };
    match v {
        Value::Null => {
            target.0.as_object_mut().expect("object").remove(target.1);
        }
        v => target.0[target.1] = v,
    }
}

impl Files {
    fn deposit(mut self, key: &str, v: Value) -> Self {
        set(&mut self.deposits[0], key, v);
        self
    }
    fn flow(mut self, key: &str, v: Value) -> Self {
        set(&mut self.flows[0], key, v);
        self
    }
    fn country(mut self, key: &str, v: Value) -> Self {
        set(&mut self.countries[0], key, v);
        self
    }
    fn headline(mut self, key: &str, v: Value) -> Self {
        self.headlines[0].as_object_mut().expect("object").remove(key);
        if !v.is_null() {
            self.headlines[0][key] = v;
        }
        self
    }
    /// A rejected country would also reject the deposits in it: drop them.
    fn without_deposits(mut self) -> Self {
        self.deposits.clear();
        self
    }
    /// Replace a whole file's text; `None` is a file that could not be loaded.
    fn file(mut self, which: &'static str, text: Option<&str>) -> Self {
        self.raw.push((which, text.map(str::to_string)));
        self
    }

    /// The manifest's `annotations` list.
    fn notes(mut self, v: Value) -> Self {
        self.notes = Some(v);
        self
    }

    fn assemble(self) -> Dataset {
        let mut raw = RawFiles {
            countries: Some(collection(&self.countries)),
            water: Some(collection(&self.water)),
            deposits: Some(collection(&self.deposits)),
            flows: Some(collection(&self.flows)),
            headlines: Some(json!({ "figures": self.headlines }).to_string()),
        };
        for (which, text) in self.raw {
            let slot = match which {
                "countries" => &mut raw.countries,
                "water" => &mut raw.water,
                "deposits" => &mut raw.deposits,
                "flows" => &mut raw.flows,
                "headlines" => &mut raw.headlines,
                _ => panic!("no file {which}"),
            };
            *slot = text;
        }
        Dataset::assemble(region_with(self.notes.as_ref()), &raw)
    }
}

/// The only error is `want` (a trailing `…` means "starts with").
fn rejects(files: Files, want: &str) {
    let ds = files.assemble();
    let got: Vec<String> = ds.errors.iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), 1, "expected one error, {want:?}; got {got:#?}");
    match want.strip_suffix('…') {
        Some(prefix) => assert!(got[0].starts_with(prefix), "got {:?}\nwant {want:?}", got[0]),
        None => assert_eq!(got[0], want),
    }
}

#[test]
fn the_minimal_dataset_itself_is_valid() {
    let ds = good().assemble();
    let errs: Vec<String> = ds.errors.iter().map(ToString::to_string).collect();
    assert!(errs.is_empty(), "{errs:#?}");
    assert_eq!((ds.countries.len(), ds.water.len(), ds.deposits.len()), (1, 1, 1));
    assert_eq!((ds.flows.len(), ds.headlines.len()), (1, 1));
}

/// `name: files => "expected message"`, one test each.
macro_rules! messages {
    ($($name:ident: $files:expr => $want:expr;)*) => {
        $( #[test] fn $name() { rejects($files, $want) } )*
    };
}

const DEP: &str = r#"deposits.geojson, feature 0 ("ok"), field"#;
const FLOW: &str = r#"flows.geojson, feature 0 ("f1"), field"#;

fn dep(field: &str, msg: &str) -> String {
    format!("{DEP} \"{field}\": {msg}")
}

fn fl(field: &str, msg: &str) -> String {
    format!("{FLOW} \"{field}\": {msg}")
}

/// A one-note `annotations` list whose note is `note`.
fn one(note: Value) -> Files {
    good().notes(json!([note]))
}

fn note(field: &str, msg: &str) -> String {
    format!("region.json, field \"{field}\": {msg}")
}

messages! {
    // ---- per file (parse.rs) ----
    a_file_that_is_not_json: good().file("flows", Some("{ not json")) => "flows.geojson: not valid JSON: …";
    a_layer_that_is_not_a_feature_collection: good().file("deposits", Some(r#"{"type":"Feature"}"#))
        => r#"deposits.geojson: expected a GeoJSON FeatureCollection ("type": "FeatureCollection")"#;
    a_feature_collection_without_features: good().file("deposits", Some(r#"{"type":"FeatureCollection"}"#))
        => r#"deposits.geojson: missing "features" array"#;
    an_item_that_is_not_a_feature: good().deposit("/type", json!("Point"))
        => r#"deposits.geojson, feature 0, field "type": expected "Feature""#;
    a_feature_without_properties: good().deposit("/properties", json!([1]))
        => r#"deposits.geojson, feature 0, field "properties": missing or not an object"#;
    a_missing_required_string: good().deposit("operator", Value::Null) => &dep("operator", "missing field");
    a_blank_required_string: good().deposit("name", json!("  ")) => &dep("name", "is empty");
    a_required_string_of_another_type: good().deposit("operator", json!(5)) => &dep("operator", "must be a string");
    a_number_given_as_text: good().deposit("precision_km", json!("1")) => &dep("precision_km", "must be a number");
    a_fractional_year: good().flow("year_start", json!(2020.5)) => &fl("year_start", "must be a whole number (a year)");
    an_unknown_enumerated_value: good().flow("status", json!("pledged"))
        => &fl("status", r#"unknown value "pledged"; expected one of: realized, committed, announced"#);
    a_list_with_a_non_string: good().deposit("commodities", json!(["Au", 5])) => &dep("commodities", "must be a list of strings");
    investors_that_are_not_a_list: good().deposit("investors", json!("China")) => &dep("investors", "must be a list");
    a_record_without_sources: good().deposit("sources", Value::Null)
        => &dep("sources", "missing field: every record needs at least one source");
    a_record_with_an_empty_source_list: good().flow("sources", json!([]))
        => &fl("sources", "is empty: every record needs at least one source");
    a_source_url_that_is_not_http: good().deposit("sources", json!([{ "url": "ftp://example.org", "title": "T" }]))
        => &dep("sources[0].url", "must be an http(s) URL");
    a_source_without_a_title: good().deposit("sources", json!([{ "url": "https://example.org" }]))
        => &dep("sources[0].title", "missing title");
    a_deposit_without_geometry: good().deposit("/geometry", Value::Null) => &dep("geometry", "missing geometry");
    an_invalid_geojson_geometry: good().deposit("/geometry", json!({ "type": "Blob" }))
        => &format!("{}…", dep("geometry", "invalid GeoJSON geometry: "));
    a_country_that_is_not_a_polygon: good().without_deposits().country("/geometry", json!({ "type": "Point", "coordinates": [61.0, 39.0] }))
        => r#"countries.topojson, feature 0 ("UZB"), field "geometry": expected a Polygon or MultiPolygon"#;
    a_deposit_that_is_not_a_point: good().deposit("/geometry", country()["geometry"].clone())
        => &dep("geometry", "expected a Point");
    a_label_that_is_not_a_coordinate_pair: good().without_deposits().country("label", json!("62, 40"))
        => r#"countries.topojson, feature 0 ("UZB"), field "label": expected [longitude, latitude]"#;
    a_coordinate_out_of_range: good().deposit("/geometry", json!({ "type": "Point", "coordinates": [200.0, 39.0] }))
        => &dep("geometry.coordinates", "longitude or latitude out of range (is it [lon, lat]?)");
    a_country_code_that_is_not_iso3: good().without_deposits().country("iso3", json!("Uzb"))
        => r#"countries.topojson, feature 0 ("Uzb"), field "iso3": "Uzb" is not an ISO 3166-1 alpha-3 code"#;
    a_water_body_without_an_id: { let mut f = good(); f.water[0].as_object_mut().unwrap().remove("id"); f }
        => r#"water.topojson, feature 0 ("Lake"), field "id": missing feature id"#;
    a_deposit_id_that_is_not_a_slug: good().deposit("id", json!("Bad_Id"))
        => r#"deposits.geojson, feature 0 ("Bad_Id"), field "id": "Bad_Id" must be a slug: a-z, 0-9 and '-'"#;
    a_deposit_without_commodities: good().deposit("commodities", json!([])) => &dep("commodities", "needs at least one commodity");
    an_unknown_commodity_symbol: good().deposit("commodities", json!(["Au", "gas"]))
        => &dep("commodities", r#"unknown commodity symbol "gas" (use element symbols such as Cu, or REE, PGE, potash)"#);
    an_investor_without_a_name: good().deposit("investors", json!([{ "home": "china" }]))
        => &dep("investors[0].name", "missing field");
    an_investor_from_an_unknown_home: good().deposit("investors", json!([{ "name": "N", "home": "mars" }]))
        => &format!("{}…", dep("investors[0].home", r#"unknown value "mars"; expected one of: "#));
    a_stake_above_100_percent: good().deposit("investors", json!([{ "name": "N", "home": "china", "stake_pct": 120 }]))
        => &dep("investors[0].stake_pct", "must be between 0 and 100");
    a_negative_precision: good().deposit("precision_km", json!(-1)) => &dep("precision_km", "must be between 0 and 1000 km");
    a_negative_usd_amount: good().flow("amount_usd", json!(-5)) => &fl("amount_usd", "must not be negative");
    a_negative_original_amount: good().flow("amount_original", json!(-5)).flow("currency", json!("CNY"))
        => &fl("amount_original", "must not be negative");
    an_original_amount_without_a_currency: good().flow("amount_original", json!(5))
        => &fl("currency", "amount_original and currency go together");
    a_converted_amount_without_an_fx_note: good().flow("amount_original", json!(5)).flow("currency", json!("CNY"))
        => &fl("fx_note", "a converted amount must say where its USD figure comes from");
    a_period_that_ends_before_it_starts: good().flow("year_end", json!(2019)) => &fl("year_end", "is before year_start");
    an_attributed_figure_without_its_reporter: good().flow("confidence", json!("attributed"))
        => &fl("attributed_to", "an attributed figure must say who reported it");
    a_headlines_file_that_is_not_valid: good().file("headlines", Some(r#"{"figs":[]}"#))
        => "headlines.json: not a valid headlines file: …";
    a_headline_figure_the_parser_rejects: good().headline("label_en", Value::Null)
        => r#"headlines.json, feature 0 ("h"), field "figures": missing field `label_en`…"#;
    a_headline_figure_without_sources: good().headline("sources", json!([]))
        => r#"headlines.json, feature 0 ("h"), field "sources": is empty: every figure needs a source"#;
    a_layer_file_that_could_not_be_loaded: good().file("water", None) => "water.topojson: file could not be loaded";

    // ---- the manifest's annotations (parse.rs) ----
    annotations_that_are_not_a_list: good().notes(json!({ "text": "T", "deposit": "ok" }))
        => &note("annotations", r#"must be a list of notes like {"text": …, "deposit": …}; ignored"#);
    an_annotation_that_is_not_an_object: good().notes(json!(["Look here"]))
        => &note("annotations[0]", r#"must be an object like {"text": …, "deposit": …}; dropped"#);
    an_annotation_without_text: one(json!({ "deposit": "ok" }))
        => &note("annotations[0].text", "missing: a note needs its text; dropped");
    an_annotation_with_blank_text: one(json!({ "text": "  ", "deposit": "ok" }))
        => &note("annotations[0].text", "is empty; dropped");
    an_annotation_longer_than_140_characters: one(json!({ "text": "ж".repeat(141), "deposit": "ok" }))
        => &note("annotations[0].text", "is 141 characters long; a note has at most 140; dropped");
    an_annotation_text_that_is_not_a_string: one(json!({ "text": { "en": "T" }, "deposit": "ok" }))
        => &note("annotations[0].text", "must be a string; dropped");
    a_russian_annotation_text_that_is_too_long: one(json!({ "text": "T", "text_ru": "ж".repeat(150), "deposit": "ok" }))
        => &note("annotations[0].text_ru", "is 150 characters long; a note has at most 140; dropped");
    an_annotation_longitude_out_of_range: one(json!({ "text": "T", "lon": 200.0, "lat": 40.0 }))
        => &note("annotations[0].lon", "200 is out of range (-180 to 180); dropped");
    an_annotation_latitude_out_of_range: one(json!({ "text": "T", "lon": 61.0, "lat": -95.5 }))
        => &note("annotations[0].lat", "-95.5 is out of range (-90 to 90); dropped");
    an_annotation_coordinate_given_as_text: one(json!({ "text": "T", "lon": "61", "lat": 40.0 }))
        => &note("annotations[0].lon", "must be a number; dropped");
    an_annotation_deposit_that_is_not_a_string: one(json!({ "text": "T", "deposit": 5 }))
        => &note("annotations[0].deposit", "must be a deposit id (a string); dropped");
    an_annotation_pinned_to_a_deposit_and_a_point: one(json!({ "text": "T", "deposit": "ok", "lon": 61.0, "lat": 39.0 }))
        => &note("annotations[0]", r#"gives both "deposit" and "lon"/"lat": pin it to one; dropped"#);
    an_annotation_pinned_to_nothing: one(json!({ "text": "T", "lon": 61.0 }))
        => &note("annotations[0]", r#"needs a "deposit" id, or both "lon" and "lat"; dropped"#);

    // ---- across records (validate.rs) ----
    a_duplicate_country_code: { let mut f = good(); f.countries.push(country()); f }
        => r#"countries.topojson, feature 1 ("UZB"), field "iso3": duplicate country code"#;
    a_deposit_outside_the_regions_states: good().deposit("country", json!("AFG"))
        => &dep("country", r#""AFG" is not one of the region's states (KAZ, UZB, KGZ, TJK, TKM)"#);
    a_deposit_in_a_state_without_a_boundary: good().deposit("country", json!("KAZ"))
        => &dep("country", r#"no boundary for "KAZ" in the countries file"#);
    swapped_coordinates_outside_the_bounding_box: good().deposit("/geometry", json!({ "type": "Point", "coordinates": [39.0, 61.0] }))
        => &dep("geometry.coordinates", "[39, 61] lies outside the bounding box of UZB (is it [lon, lat]?)");
    a_point_across_the_border: good().deposit("/geometry", json!({ "type": "Point", "coordinates": [69.0, 43.0] }))
        => &dep("geometry.coordinates", r#"[69, 43] lies outside UZB's border; fix it, or mark precision "region""#);
    a_duplicate_deposit_id: { let mut f = good(); f.deposits.push(deposit()); f }
        => r#"deposits.geojson, feature 1 ("ok"), field "id": duplicate id"#;
    an_unknown_investor: good().flow("investor", json!("mars"))
        => &fl("investor", r#"unknown investor "mars"; expected one of: china, eu, us, russia"#);
    a_country_flow_to_a_state_outside_the_region: good().flow("destination", json!("AFG"))
        => &fl("destination", r#""AFG" is not one of the region's states"#);
    a_region_flow_to_a_single_state: good().flow("scope", json!("region"))
        => &fl("destination", r#"a region-scope flow goes to "CA5""#);
    a_global_flow_to_a_single_state: good().flow("scope", json!("global"))
        => &fl("destination", r#"a global-scope flow goes to "GLOBAL""#);
    a_flow_naming_a_missing_deposit: good().flow("deposit_ids", json!(["atlantis"]))
        => &fl("deposit_ids", r#"no deposit with id "atlantis""#);
    a_part_of_a_flow_not_listed_before_it: good().flow("part_of", json!("f0"))
        => &fl("part_of", r#"no earlier flow with id "f0" (list the whole before its part)"#);
    a_duplicate_flow_id: { let mut f = good(); f.flows.push(flow()); f }
        => r#"flows.geojson, feature 1 ("f1"), field "id": duplicate id"#;
    an_annotation_pinned_to_an_unknown_deposit: one(json!({ "text": "T", "deposit": "atlantis" }))
        => &note("annotations[0].deposit", r#"no deposit with id "atlantis"; the note is dropped"#);
}

#[test]
fn a_bad_annotation_is_dropped_and_the_good_ones_around_it_are_kept() {
    let ds = good()
        .notes(json!([
            { "text": "On the mine", "deposit": "ok" },
            { "text": "Nowhere", "deposit": "atlantis" },
            { "text": "Too far", "lon": 61.0, "lat": 91.0 },
            { "text": "A point", "text_ru": "Точка", "lon": 61.5, "lat": 39.5 },
        ]))
        .assemble();
    let kept: Vec<(usize, &str)> = ds.region.annotations.iter().map(|a| (a.row, a.text.en.as_str())).collect();
    assert_eq!(kept, vec![(0, "On the mine"), (3, "A point")]);
    assert_eq!(ds.region.annotations[1].text.ru, "Точка");
    let named: Vec<String> = ds.errors.iter().filter_map(|e| e.field.clone()).collect();
    assert_eq!(named, vec!["annotations[2].lat", "annotations[1].deposit"]);
}

#[test]
fn an_invalid_manifest_is_named_and_fatal() {
    let e = parse::region("region.json", r#"{"id":"x"}"#).expect_err("a manifest without its fields");
    assert!(e.to_string().starts_with("region.json: not a valid region manifest: "), "{e}");
}

/// The minimal dataset split as `atlas split` ships it (sources and notes in
/// `details.json`), with `details` as that file's text; the errors once read.
fn split_with(details: &str, flow_extra: Value) -> Vec<String> {
    let mut region = region_with(None);
    region.layers.details = Some("details.json".into());
    let mut d = deposit();
    set(&mut d, "sources", Value::Null);
    let mut f = flow();
    set(&mut f, "sources", Value::Null);
    if let Value::Object(extra) = flow_extra {
        for (k, v) in extra {
            set(&mut f, &k, v);
        }
    }
    let raw = RawFiles {
        countries: Some(collection(&[country()])),
        water: Some(collection(&[lake()])),
        deposits: Some(collection(&[d])),
        flows: Some(collection(&[f])),
        headlines: Some(json!({ "figures": [headline()] }).to_string()),
    };
    let ds = Dataset::assemble(region, &raw);
    assert!(ds.errors.is_empty(), "the split layers alone are valid: {:?}", ds.errors);
    assert_eq!((ds.deposits.len(), ds.flows.len()), (1, 1));
    let (parsed, errors) = atlas::data::details::Details::parse("details.json", details);
    ds.with_details("details.json", &parsed, errors).errors.iter().map(ToString::to_string).collect()
}

fn good_details() -> Value {
    json!({ "deposits": { "ok": { "sources": source(), "precision_note": "P" } }, "flows": { "f1": { "sources": source() } } })
}

#[test]
fn a_split_dataset_with_its_details_is_valid() {
    assert_eq!(split_with(&good_details().to_string(), json!({})), Vec::<String>::new());
}

#[test]
fn a_record_the_details_file_leaves_out_is_named() {
    let mut d = good_details();
    d["deposits"].as_object_mut().unwrap().remove("ok");
    assert_eq!(
        split_with(&d.to_string(), json!({})),
        vec![r#"details.json, "ok", field "sources": missing: every deposit needs at least one source"#]
    );
}

#[test]
fn a_details_record_with_an_empty_or_bad_source_list_is_named() {
    let mut d = good_details();
    d["flows"]["f1"]["sources"] = json!([]);
    assert_eq!(
        split_with(&d.to_string(), json!({})),
        vec![
            r#"details.json, "f1", field "sources": is empty: every record needs at least one source"#,
            r#"details.json, "f1", field "sources": missing: every flow needs at least one source"#,
        ]
    );
    d["flows"]["f1"]["sources"] = json!([{ "url": "javascript:alert(1)", "title": "x" }]);
    assert_eq!(
        split_with(&d.to_string(), json!({}))[0],
        r#"details.json, "f1", field "sources[0].url": must be an http(s) URL"#
    );
}

#[test]
fn a_converted_amount_whose_exchange_rate_note_is_in_no_file_is_named() {
    let converted = json!({ "amount_original": 9.0e6, "currency": "CNY" });
    assert_eq!(
        split_with(&good_details().to_string(), converted.clone()),
        vec![r#"details.json, "f1", field "fx_note": a converted amount must say where its USD figure comes from"#]
    );
    let mut d = good_details();
    d["flows"]["f1"]["fx_note"] = json!("PBoC rate of the day");
    assert_eq!(split_with(&d.to_string(), converted), Vec::<String>::new());
}

#[test]
fn a_details_file_that_is_not_an_object_is_named_and_the_map_keeps_its_records() {
    assert_eq!(
        split_with("[1, 2]", json!({})),
        vec![
            "details.json: not a details file: expected a JSON object",
            r#"details.json, "ok", field "sources": missing: every deposit needs at least one source"#,
            r#"details.json, "f1", field "sources": missing: every flow needs at least one source"#,
        ]
    );
}
