//! The shipped dataset passes validation, and each kind of bad input is
//! rejected with a message naming the file, the feature and the field.

use atlas::data::{Dataset, FlowScope, Precision, RawFiles, load, parse};
use geo::{Contains, Point};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public/data")
}

fn shipped() -> Dataset {
    load::from_dir(&dir()).expect("dataset loads")
}

#[test]
fn the_shipped_files_pass_the_validator() {
    let ds = shipped();
    let errors: Vec<String> = ds.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(ds.deposits.len() >= 60, "{} deposits", ds.deposits.len());
    let countries: BTreeSet<&str> = ds.deposits.iter().map(|d| d.country.as_str()).collect();
    assert_eq!(countries, BTreeSet::from(["KAZ", "KGZ", "TJK", "TKM", "UZB"]));
    let commodities: BTreeSet<&str> =
        ds.deposits.iter().flat_map(|d| d.commodities.iter().map(String::as_str)).collect();
    for c in ["Mn", "Cr", "Pb", "Zn", "Ti", "REE", "Sc", "Y", "U", "Cu", "Au", "W", "Li", "Sb", "potash"] {
        assert!(commodities.contains(c), "no deposit lists {c}");
    }
    assert!(ds.deposits.iter().all(|d| !d.sources.is_empty()));
    assert!(ds.flows.iter().all(|f| !f.sources.is_empty()));
    let blocs: BTreeSet<&str> = ds.flows.iter().map(|f| f.investor.as_str()).collect();
    assert_eq!(blocs, BTreeSet::from(["china", "eu", "russia", "us"]));
    for iso in ["KAZ", "UZB", "KGZ", "TJK", "TKM", "RUS", "CHN", "AFG", "IRN", "MNG", "PAK", "AZE"] {
        assert!(ds.country(iso).is_some(), "no boundary for {iso}");
    }
    for w in ["caspian", "aral", "balkhash", "issyk-kul"] {
        assert!(ds.water.iter().any(|x| x.id == w), "no {w}");
    }
}

#[test]
fn every_precise_deposit_lies_inside_its_country() {
    let ds = shipped();
    let mut checked = 0;
    for d in ds.deposits.iter().filter(|d| d.precision != Precision::Region) {
        let c = ds.country(&d.country).unwrap();
        assert!(
            c.geometry.contains(&Point::new(d.lon, d.lat)),
            "{} [{}, {}] is outside {}",
            d.id,
            d.lon,
            d.lat,
            d.country
        );
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} precise points");
}

#[test]
fn attributed_figures_say_who_reported_them_and_region_figures_stay_apart() {
    let ds = shipped();
    let headline = ds.flows.iter().find(|f| f.amount_usd == Some(63.0e9)).expect("China's $63bn claim is in the data");
    assert_eq!(headline.confidence, atlas::data::Confidence::Attributed);
    assert!(headline.attributed_to.as_deref().unwrap_or("").contains("Daily Sabah"));
    assert_eq!(headline.scope, FlowScope::Region);
    let pgii = ds.flows.iter().find(|f| f.amount_usd == Some(200.0e9)).expect("PGII");
    assert_eq!(pgii.scope, FlowScope::Global);
    assert!(ds.headlines.iter().all(|h| h.confidence == "attributed" && !h.attributed_to.is_empty()));
}

#[test]
fn the_worked_example_in_data_md_adds_up() {
    // China -> Kazakhstan, all statuses and years: the sum of the disclosed
    // amounts of the records not marked as part of another counted record.
    let ds = shipped();
    let by_hand: f64 = ds
        .flows
        .iter()
        .filter(|f| f.investor == "china" && f.destination == "KAZ" && f.part_of.is_none())
        .filter_map(|f| f.amount_usd)
        .sum();
    let ids: Vec<String> = ds.region.investors.iter().map(|i| i.id.clone()).collect();
    let g = atlas::flows::aggregate(&ds.flows, &atlas::flows::FlowFilter::all(&ids));
    let kaz = g.iter().find(|g| g.key() == "china-KAZ").unwrap();
    assert!((kaz.total_usd - by_hand).abs() < 1.0, "{} vs {by_hand}", kaz.total_usd);
}

// ---- rejections ----

fn region() -> atlas::data::Region {
    parse::region("region.json", &std::fs::read_to_string(dir().join("region.json")).unwrap()).unwrap()
}

fn countries() -> String {
    std::fs::read_to_string(dir().join("countries.geojson")).unwrap()
}

fn deposit(props: &str, coords: &str) -> String {
    format!(r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":{coords}}},"properties":{props}}}"#)
}

const GOOD: &str = r#"{"id":"ok","name":"OK","kind":"mine","country":"UZB","commodities":["Au"],"status":"operating",
 "operator":"X","investors":[],"precision":"exact","precision_km":1,"precision_note":"","sources":[{"url":"https://e.org","title":"T"}],"notes":""}"#;

fn with_deposits(features: &[String], flows: &str) -> Dataset {
    let deposits = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","));
    Dataset::assemble(
        region(),
        &RawFiles {
            countries: Some(countries()),
            water: Some(r#"{"type":"FeatureCollection","features":[]}"#.into()),
            deposits: Some(deposits),
            flows: Some(flows.to_string()),
            headlines: Some(r#"{"figures":[]}"#.into()),
        },
    )
}

const NO_FLOWS: &str = r#"{"type":"FeatureCollection","features":[]}"#;

fn messages(ds: &Dataset) -> Vec<String> {
    ds.errors.iter().map(ToString::to_string).collect()
}

#[test]
fn a_missing_field_is_named() {
    let props = GOOD.replace(r#""operator":"X","#, "");
    let ds = with_deposits(
        &[deposit(GOOD, "[64.57, 41.49]"), deposit(&props.replace("\"ok\"", "\"no-op\""), "[64.57, 41.49]")],
        NO_FLOWS,
    );
    assert_eq!(ds.deposits.len(), 1, "the good record stays");
    assert_eq!(messages(&ds), vec![r#"deposits.geojson, feature 1 ("no-op"), field "operator": missing field"#]);
}

#[test]
fn an_unknown_commodity_symbol_is_named() {
    let props = GOOD.replace(r#"["Au"]"#, r#"["Au","gas"]"#);
    let ds = with_deposits(&[deposit(&props, "[64.57, 41.49]")], NO_FLOWS);
    let m = messages(&ds);
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with(r#"deposits.geojson, feature 0 ("ok"), field "commodities": unknown commodity symbol "gas""#),
        "{}",
        m[0]
    );
}

#[test]
fn coordinates_outside_the_country_are_rejected() {
    // Swapped lat/lon falls outside Uzbekistan's bounding box.
    let ds = with_deposits(&[deposit(GOOD, "[41.49, 64.57]")], NO_FLOWS);
    let m = messages(&ds);
    assert_eq!(m.len(), 1);
    assert!(m[0].contains(r#"field "geometry.coordinates""#) && m[0].contains("bounding box of UZB"), "{}", m[0]);
    // Inside the box but across the border (Turkmenabat, TKM) is rejected too.
    let ds = with_deposits(&[deposit(GOOD, "[63.58, 39.08]")], NO_FLOWS);
    assert!(messages(&ds)[0].contains("outside UZB's border"), "{:?}", messages(&ds));
    // ...unless the point is marked as region-level.
    let region_level = GOOD.replace(r#""precision":"exact""#, r#""precision":"region""#);
    assert!(with_deposits(&[deposit(&region_level, "[63.58, 39.08]")], NO_FLOWS).errors.is_empty());
}

#[test]
fn a_duplicate_id_is_rejected_and_the_first_kept() {
    let ds = with_deposits(&[deposit(GOOD, "[64.57, 41.49]"), deposit(GOOD, "[64.6, 41.5]")], NO_FLOWS);
    assert_eq!(ds.deposits.len(), 1);
    assert_eq!(messages(&ds), vec![r#"deposits.geojson, feature 1 ("ok"), field "id": duplicate id"#]);
}

fn flow(amount: &str) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":null,"properties":{{
        "id":"f1","investor":"china","entity":"E","scope":"country","destination":"UZB","amount_usd":{amount},
        "year_start":2020,"year_end":2021,"period":"2020–21","sector":"gold","status":"realized","confidence":"confirmed",
        "sources":[{{"url":"https://e.org","title":"T"}}],"notes":""}}}}]}}"#
    )
}

#[test]
fn errors_name_the_features_position_in_the_file() {
    // Feature 0 fails parsing, feature 1 fails a cross-record rule: it is still feature 1.
    let bad = GOOD.replace(r#""kind":"mine""#, r#""kind":"quarry""#).replace("\"ok\"", "\"bad\"");
    let ds = with_deposits(&[deposit(&bad, "[64.57, 41.49]"), deposit(GOOD, "[41.49, 64.57]")], NO_FLOWS);
    let m = messages(&ds);
    assert!(m[0].starts_with(r#"deposits.geojson, feature 0 ("bad"), field "kind": unknown value "quarry""#), "{m:?}");
    assert!(m[1].starts_with(r#"deposits.geojson, feature 1 ("ok"), field "geometry.coordinates""#), "{m:?}");
}

#[test]
fn a_negative_amount_is_rejected() {
    let ds = with_deposits(&[deposit(GOOD, "[64.57, 41.49]")], &flow("-5"));
    assert!(ds.flows.is_empty());
    assert_eq!(messages(&ds), vec![r#"flows.geojson, feature 0 ("f1"), field "amount_usd": must not be negative"#]);
    let ok = with_deposits(&[deposit(GOOD, "[64.57, 41.49]")], &flow("5000000"));
    assert_eq!(ok.flows.len(), 1);
    assert!(ok.errors.is_empty());
}

#[test]
fn a_malformed_file_is_named_and_other_layers_still_load() {
    let ds = with_deposits(&[deposit(GOOD, "[64.57, 41.49]")], "{ not json");
    assert_eq!(ds.deposits.len(), 1);
    let m = messages(&ds);
    assert_eq!(m.len(), 1);
    assert!(m[0].starts_with("flows.geojson: not valid JSON"), "{}", m[0]);
}

#[test]
fn an_attributed_flow_must_say_who_reported_it() {
    let f = flow("100").replace(r#""confidence":"confirmed""#, r#""confidence":"attributed""#);
    let ds = with_deposits(&[deposit(GOOD, "[64.57, 41.49]")], &f);
    assert!(messages(&ds)[0].contains(r#"field "attributed_to""#), "{:?}", messages(&ds));
}
