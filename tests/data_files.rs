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

// ---- the figures documented in docs/DATA.md ----

fn data_md() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/DATA.md")).expect("docs/DATA.md")
}

/// "$2,086m", "$65.5m", "$12bn" as US dollars.
fn money(s: &str) -> f64 {
    let s = s.trim().trim_start_matches('$').replace(',', "");
    let (n, mult) = match s.strip_suffix("bn") {
        Some(n) => (n.to_string(), 1e9),
        None => (s.strip_suffix('m').unwrap_or_else(|| panic!("no unit in {s:?}")).to_string(), 1e6),
    };
    n.parse::<f64>().unwrap_or_else(|_| panic!("not a figure: {s:?}")) * mult
}

/// The bold figure on the line of section 5 that starts with `prefix`.
fn documented(section: &str, prefix: &str) -> f64 {
    let line = section.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line {prefix:?}"));
    let bold = line.split("**").nth(1).unwrap_or_else(|| panic!("no bold figure in {line:?}"));
    money(bold)
}

/// The first fenced block after the first line containing `marker`.
fn block_after<'a>(md: &'a str, marker: &str) -> Vec<&'a str> {
    let from = md.find(marker).unwrap_or_else(|| panic!("DATA.md has no {marker:?}"));
    md[from..].split("```").nth(1).expect("a fenced block").lines().filter(|l| !l.trim().is_empty()).collect()
}

fn run_atlas(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_atlas")).args(args).output().expect("atlas runs")
}

#[test]
fn the_worked_example_in_data_md_gives_the_figures_the_aggregation_computes() {
    let md = data_md();
    let from = md.find("## 5.").expect("DATA.md has a section 5");
    let section = &md[from..md[from..].find("\n## 6").map_or(md.len(), |e| from + e)];
    let ds = shipped();
    let ids: Vec<String> = ds.region.investors.iter().map(|i| i.id.clone()).collect();
    let groups = atlas::flows::aggregate(&ds.flows, &atlas::flows::FlowFilter::all(&ids));
    let kaz = groups.iter().find(|g| g.key() == "china-KAZ").unwrap();
    // Documented to the nearest $0.1m.
    let close = |doc: f64, got: f64, what: &str| {
        assert!((doc - got).abs() < 0.05e6, "{what}: DATA.md says {doc}, the data gives {got}")
    };
    close(documented(section, "- Realized:"), kaz.realized_usd, "realized");
    close(documented(section, "- Committed:"), kaz.committed_usd, "committed");
    close(documented(section, "- Announced:"), kaz.announced_usd, "announced");
    close(documented(section, "- Total:"), kaz.total_usd, "total");
    let total_line = section.lines().find(|l| l.starts_with("- Total:")).unwrap();
    let words: Vec<&str> = total_line.split_whitespace().collect();
    let before = |w: &str| -> usize {
        let at = words
            .iter()
            .position(|x| x.trim_end_matches(',') == w)
            .unwrap_or_else(|| panic!("no {w:?} in {total_line:?}"));
        words[at - 1].parse().unwrap_or_else(|_| panic!("no count before {w:?} in {total_line:?}"))
    };
    assert_eq!(before("records"), kaz.records.len(), "{total_line}");
    let undisclosed_at =
        words.iter().position(|x| x.trim_end_matches('.') == "undisclosed").expect("undisclosed count");
    assert_eq!(words[undisclosed_at - 3].parse::<usize>().unwrap(), kaz.undisclosed, "{total_line}");
    // Each row of the table is a record of the group, in file order, with its amount.
    let rows: Vec<Vec<&str>> = section
        .lines()
        .skip_while(|l| !l.starts_with("| # | id"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').map(str::trim).filter(|c| !c.is_empty()).collect())
        .collect();
    assert_eq!(rows.len(), kaz.records.len());
    for (row, &i) in rows.iter().zip(&kaz.records) {
        let f = &ds.flows[i];
        assert_eq!(row[0], i.to_string());
        assert_eq!(row[1].trim_matches('`'), f.id);
        assert_eq!(row[2], f.status.as_str());
        let amount = row[4].replace(',', "");
        assert_eq!(amount.parse::<f64>().ok(), f.amount_usd, "{}", f.id);
    }
}

#[test]
fn atlas_sums_prints_the_table_documented_in_data_md() {
    let out = run_atlas(&["sums", dir().to_str().unwrap()]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let printed: Vec<Vec<&str>> =
        stdout.lines().take_while(|l| !l.trim().is_empty()).map(|l| l.split_whitespace().collect()).collect();
    let md = data_md();
    let documented: Vec<Vec<&str>> =
        block_after(&md, "Country rows of `atlas sums`").iter().map(|l| l.split_whitespace().collect()).collect();
    assert!(printed.len() > 5, "{stdout}");
    assert_eq!(documented, printed);
}

#[test]
fn atlas_check_prints_the_counts_documented_in_data_md() {
    let out = run_atlas(&["check", dir().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let md = data_md();
    let documented = block_after(&md, "what `atlas check` reports for the current data");
    assert_eq!(documented, vec![stdout.trim().replace(&dir().display().to_string(), "public/data")]);
    // The overview table gives the same counts.
    let ds = shipped();
    assert!(md.contains(&format!("| {} deposits, mines and plants (points) |", ds.deposits.len())));
    assert!(md.contains(&format!("| {} investment records (no geometry) |", ds.flows.len())));
    let readme = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let claim = format!("{} deposits, mines and plants and {} investment records", ds.deposits.len(), ds.flows.len());
    assert!(readme.split_whitespace().collect::<Vec<_>>().join(" ").contains(&claim), "README.md should say {claim:?}");
}

#[test]
fn the_precision_table_in_data_md_counts_the_shipped_deposits() {
    let md = data_md();
    let ds = shipped();
    for (p, name) in
        [(Precision::Exact, "exact"), (Precision::Approximate, "approximate"), (Precision::Region, "region")]
    {
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| `{name}` | ")))
            .unwrap_or_else(|| panic!("DATA.md has no precision row for {name}"));
        let cells: Vec<&str> = row.split(" | ").collect();
        let documented: usize = cells[2].parse().unwrap_or_else(|_| panic!("no count in {row:?}"));
        let of_kind: Vec<f64> = ds.deposits.iter().filter(|d| d.precision == p).map(|d| d.precision_km).collect();
        assert_eq!(documented, of_kind.len(), "{name}");
        let (lo, hi) = cells[3].trim_end_matches(" |").split_once('–').expect("a km range");
        let (lo, hi): (f64, f64) = (lo.parse().unwrap(), hi.parse().unwrap());
        assert!(of_kind.iter().all(|km| (lo..=hi).contains(km)), "{name}: a radius outside {lo}–{hi} km");
    }
}

// ---- rejections ----

fn region() -> atlas::data::Region {
    parse::region("region.json", &std::fs::read_to_string(dir().join("region.json")).unwrap()).unwrap()
}

fn countries() -> String {
    std::fs::read_to_string(dir().join(region().layers.countries)).unwrap()
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
    assert_one_message_starting(
        &ds,
        r#"deposits.geojson, feature 0 ("ok"), field "commodities": unknown commodity symbol "gas""#,
    );
}

/// The dataset reports exactly one problem, and its message starts with `prefix`.
fn assert_one_message_starting(ds: &Dataset, prefix: &str) {
    let m = messages(ds);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with(prefix), "{}", m[0]);
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

fn two_flows(second: &str) -> String {
    let one = flow("2300000000").replace(r#""destination":"UZB""#, r#""destination":"KAZ""#);
    let inner = one.trim_start_matches(r#"{"type":"FeatureCollection","features":["#).trim_end_matches("]}");
    format!(r#"{{"type":"FeatureCollection","features":[{inner},{second}]}}"#)
}

fn part(investor: &str, amount: &str) -> String {
    format!(
        r#"{{"type":"Feature","geometry":null,"properties":{{"id":"f2","investor":"{investor}","entity":"E","scope":"country",
        "destination":"KGZ","amount_usd":{amount},"year_start":2020,"year_end":2020,"period":"2020","sector":"gold",
        "status":"committed","confidence":"confirmed","part_of":"f1","sources":[{{"url":"https://e.org","title":"T"}}]}}}}"#
    )
}

#[test]
fn a_part_must_belong_to_a_whole_of_the_same_investor() {
    let ds = with_deposits(&[deposit(GOOD, "[64.57, 41.49]")], &two_flows(&part("eu", "148500000")));
    assert_eq!(ds.flows.len(), 1, "the whole stays, the part is dropped");
    assert_eq!(
        messages(&ds),
        vec![
            r#"flows.geojson, feature 1 ("f2"), field "part_of": "f1" is a record of investor "china", not "eu"; a part belongs to a whole of the same investor"#
        ]
    );
    let ok = with_deposits(&[deposit(GOOD, "[64.57, 41.49]")], &two_flows(&part("china", "148500000")));
    assert!(ok.errors.is_empty(), "{:?}", messages(&ok));
    assert_eq!(ok.flows.len(), 2);
}

#[test]
fn parts_cannot_add_up_to_more_than_their_whole() {
    let ds = with_deposits(&[deposit(GOOD, "[64.57, 41.49]")], &two_flows(&part("china", "2400000000")));
    assert_eq!(ds.flows.len(), 1);
    assert_one_message_starting(
        &ds,
        r#"flows.geojson, feature 1 ("f2"), field "amount_usd": the parts of "f1" add up to"#,
    );
}

#[test]
fn an_attributed_flow_must_say_who_reported_it() {
    let f = flow("100").replace(r#""confidence":"confirmed""#, r#""confidence":"attributed""#);
    let ds = with_deposits(&[deposit(GOOD, "[64.57, 41.49]")], &f);
    assert!(messages(&ds)[0].contains(r#"field "attributed_to""#), "{:?}", messages(&ds));
}

// ---- warnings ----

#[test]
fn an_exact_point_resting_only_on_wikipedia_is_warned_about_but_kept() {
    let wiki = GOOD
        .replace(r#""precision_note":"""#, r#""precision_note":"Printed in the ru-wiki mirror (minute precision)""#);
    let agreed = wiki
        .replace("\"ok\"", "\"ok2\"")
        .replace("(minute precision)", "(minute precision); agrees with the operator's map");
    let approx = wiki.replace("\"ok\"", "\"ok3\"").replace(r#""precision":"exact""#, r#""precision":"approximate""#);
    let ds = with_deposits(
        &[deposit(&wiki, "[64.57, 41.49]"), deposit(&agreed, "[64.57, 41.49]"), deposit(&approx, "[64.57, 41.49]")],
        NO_FLOWS,
    );
    assert!(ds.errors.is_empty(), "a warning is not an error");
    assert_eq!(ds.deposits.len(), 3);
    let w: Vec<String> = atlas::data::validate::warnings(&ds).iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        vec![
            r#"deposits.geojson, feature 0 ("ok"), field "precision": an "exact" coordinate whose only source is Wikipedia; cite a primary or independent source ("agrees with …" in precision_note), or mark it "approximate""#
        ]
    );
}

#[test]
fn atlas_check_prints_warnings_in_the_error_format_and_still_passes() {
    let tmp = std::env::temp_dir().join(format!("atlas-warn-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    // Every file the manifest may name; deposits.geojson is rewritten below.
    for e in std::fs::read_dir(dir()).unwrap().flatten() {
        std::fs::copy(e.path(), tmp.join(e.file_name())).unwrap();
    }
    let mut deposits: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("deposits.geojson")).unwrap()).unwrap();
    let props = &mut deposits["features"][0]["properties"];
    let id = props["id"].as_str().unwrap().to_string();
    props["precision"] = "exact".into();
    props["precision_km"] = 1.into();
    props["precision_note"] = "Printed in the Wikipedia infobox".into();
    std::fs::write(tmp.join("deposits.geojson"), deposits.to_string()).unwrap();
    let out = run_atlas(&["check", tmp.to_str().unwrap()]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    std::fs::remove_dir_all(&tmp).ok();
    assert!(out.status.success(), "warnings do not fail the check: {stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].starts_with(&format!(
            r#"warning: deposits.geojson, feature 0 ("{id}"), field "precision": an "exact" coordinate whose only source is Wikipedia"#
        )),
        "{}",
        warnings[0]
    );
}

#[test]
fn the_shipped_data_has_no_exact_point_resting_only_on_wikipedia() {
    let ds = shipped();
    let w: Vec<String> = atlas::data::validate::warnings(&ds).iter().map(ToString::to_string).collect();
    assert!(w.is_empty(), "{w:#?}");
    assert!(ds.deposits.iter().any(|d| d.precision == Precision::Exact), "some points are exact");
}

/// Distance in km between two nearby [lon, lat] points, on a plane tangent at the first
/// (111.2 km a degree; within a fraction of a percent at these distances), written here
/// rather than taken from the atlas.
fn km_between(a: [f64; 2], b: [f64; 2]) -> f64 {
    let dx = (b[0] - a[0]) * a[1].to_radians().cos();
    111.2 * dx.hypot(b[1] - a[1])
}

#[test]
fn the_eight_rivers_of_issue_15_are_shipped_by_name_and_pass_the_towns_on_their_banks() {
    let ds = shipped();
    let rivers = &ds.context.rivers;
    for (en, ru) in [
        ("Amu Darya", "Амударья"),
        ("Syr Darya", "Сырдарья"),
        ("Irtysh", "Иртыш"),
        ("Ili", "Или"),
        ("Ural", "Урал"),
        ("Chu", "Чу"),
        ("Zeravshan", "Зеравшан"),
        ("Naryn", "Нарын"),
    ] {
        let r = rivers.iter().find(|r| r.name_en == en).unwrap_or_else(|| panic!("no river named {en}"));
        assert_eq!(r.name_ru, ru, "{en}");
        assert!(r.lines.0.iter().map(|l| l.0.len()).sum::<usize>() > 20, "{en} has a course, not a stub");
    }
    // Towns that stand on each river's bank (GeoNames coordinates, rounded): its line passes
    // within 15 km of each, so the lines are those rivers and not a neighbour's.
    let on_bank = [
        ("ili", [[81.32, 43.91], [77.07, 43.87], [76.28, 44.81]]), // Yining, Konaev (Kapchagay), Bakanas
        ("chu", [[75.75, 42.21], [75.30, 42.84], [73.76, 43.60]]), // Kochkor, Tokmok, Shu
        ("zeravshan", [[67.61, 39.49], [66.96, 39.65], [65.38, 40.10]]), // Panjakent, Samarkand, Navoi
    ];
    for (id, towns) in on_bank {
        let r = rivers.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no river {id}"));
        for t in towns {
            let near =
                r.lines.0.iter().flat_map(|l| l.0.iter()).map(|c| km_between([c.x, c.y], t)).fold(f64::MAX, f64::min);
            assert!(near < 15.0, "{id} passes {near:.1} km from {t:?}");
        }
    }
    // Bishkek is not on the Chu (it lies some 15-20 km south of it).
    let chu = rivers.iter().find(|r| r.id == "chu").unwrap();
    let bishkek = chu.lines.0.iter().flat_map(|l| l.0.iter()).map(|c| km_between([c.x, c.y], [74.59, 42.87]));
    assert!(bishkek.fold(f64::MAX, f64::min) > 10.0);
}

#[test]
fn the_credit_lines_read_in_russian_in_the_russian_ui() {
    use atlas::i18n::Lang;
    let a = atlas::atlas::Atlas::new(shipped());
    let (en, ru) = (a.credit_lines(Lang::En), a.credit_lines(Lang::Ru));
    assert_eq!(en.len(), ru.len());
    assert!(en.iter().any(|l| l.contains("GeoNames (CC BY 4.0)")), "{en:?}");
    assert!(ru.iter().any(|l| l.contains("GeoNames (CC BY 4.0)")), "{ru:?}");
    assert!(en.iter().chain(&ru).any(|l| l.contains("Natural Earth")));
    // Every Russian line is in Russian: it has Cyrillic words (names such as GeoNames stay Latin).
    let cyrillic = |l: &String| l.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)));
    assert!(ru.iter().all(cyrillic), "{ru:?}");
    assert!(!en.iter().any(cyrillic), "{en:?}");
    // The exported picture in Russian carries them.
    let out = std::env::temp_dir().join(format!("atlas-credit-ru-{}.svg", std::process::id()));
    let run = run_atlas(&["svg", dir().to_str().unwrap(), out.to_str().unwrap(), "ru"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    for line in &ru {
        assert!(svg.contains(line.as_str()), "the Russian export lacks {line:?}");
    }
    assert!(svg.contains("Населённые пункты: GeoNames (CC BY 4.0)"));
}
