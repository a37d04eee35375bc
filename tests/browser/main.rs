//! Real-browser tests: headless Chromium against the built `dist/`, served on
//! loopback. They assert on the rendered DOM through its `data-*` hooks.
//! Run with `make browser-test` (it builds `dist/` first).

mod arrows;
mod author;
mod bad_input;
mod behaviours;
mod context;
mod embed;
mod firstpaint;
mod scale;
mod support;

use atlas::flows::{FlowFilter, WidthScale, aggregate};
use atlas::i18n::{Key, Lang, t};
use fantoccini::Locator;
use std::collections::BTreeSet;
use support::{Browser, dataset};

const ESCAPE: char = '\u{E00C}';

#[tokio::test]
async fn the_map_renders_countries_water_and_deposits() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    let ds = dataset();
    // The five states, emphasised, and their neighbours, muted.
    for iso in ["KAZ", "UZB", "KGZ", "TJK", "TKM"] {
        let class = b.attrs(&format!("path[data-iso3='{iso}']"), "class").await;
        assert_eq!(class.len(), 1, "{iso}");
        assert!(class[0].contains("focus"), "{iso}: {class:?}");
    }
    for iso in ["RUS", "CHN", "AFG", "IRN", "MNG", "PAK", "AZE"] {
        let class = b.attrs(&format!("path[data-iso3='{iso}']"), "class").await;
        assert!(class.first().is_some_and(|c| c.contains("context")), "{iso}: {class:?}");
    }
    // The country outlines are real shapes, not empty paths.
    let d = b.attrs("path[data-iso3='KAZ']", "d").await;
    let vertices = atlas::scene::path::polyline_points(&d[0]).concat().len();
    assert!(vertices > 100, "Kazakhstan's outline is too simple: {vertices} vertices");
    assert_eq!(b.attrs("path[data-water='caspian']", "d").await.len(), 1);
    // Labels for the focus states.
    let labels = b.texts(".country-label.focus").await;
    for name in ["KAZAKHSTAN", "UZBEKISTAN", "KYRGYZSTAN", "TAJIKISTAN", "TURKMENISTAN"] {
        assert!(labels.iter().any(|l| l == name), "{name} not in {labels:?}");
    }
    // Every deposit is drawn, and drawn once: the same set, and as many markers as deposits.
    let ids = b.attrs("[data-deposit-id]", "data-deposit-id").await;
    let drawn: BTreeSet<String> = ids.iter().cloned().collect();
    let want: BTreeSet<String> = ds.deposits.iter().map(|d| d.id.clone()).collect();
    assert_eq!(drawn, want);
    assert_eq!(ids.len(), ds.deposits.len(), "some deposit is drawn more than once");
    assert!(b.c.find_all(Locator::Css(".problems")).await.unwrap().is_empty(), "the shipped data shows errors");
    b.screenshot("map-1280").await;
}

#[tokio::test]
async fn a_broken_data_file_is_named_and_the_rest_of_the_map_works() {
    let b = Browser::new(1280, 800).await;
    b.open("/?data=/__fixtures/bad/region.json").await;
    let problems = b.wait_css(".problems").await.text().await.unwrap();
    // The bad deposit is named by file, feature and field.
    assert!(problems.contains("deposits.geojson"), "{problems}");
    assert!(problems.contains("\"bad-symbol\""), "{problems}");
    assert!(problems.contains("field \"commodities\""), "{problems}");
    assert!(problems.contains("unknown commodity symbol \"gas\""), "{problems}");
    // The good deposit is still on the map.
    b.wait_css("[data-deposit-id='good-one']").await;
    assert!(b.c.find_all(Locator::Css("[data-deposit-id='bad-symbol']")).await.unwrap().is_empty());
}

#[tokio::test]
async fn hovering_a_deposit_shows_its_name() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.hover("[data-deposit-id='muruntau'] .marker").await;
    let name = b.wait_css(".tooltip .tt-name").await.text().await.unwrap();
    assert_eq!(name, "Muruntau");
    b.screenshot("hover-muruntau").await;
}

#[tokio::test]
async fn clicking_a_deposit_opens_its_details_with_sources_and_escape_closes_them() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    // Muruntau: a site with no other record at its point (Kumtor now shares its
    // point with Togolok, whose marker is drawn over it).
    b.wait_css("[data-deposit-id='muruntau'] .marker").await.click().await.unwrap();
    let title = b.wait_css(".details h2").await.text().await.unwrap();
    assert_eq!(title, "Muruntau");
    let ds = dataset();
    let muruntau = ds.deposit("muruntau").unwrap();
    let hrefs = b.attrs(".details .sources a", "href").await;
    assert_eq!(hrefs.len(), muruntau.sources.len());
    assert_eq!(hrefs[0], muruntau.sources[0].url);
    assert_eq!(b.attrs(".details .sources a", "target").await[0], "_blank");
    // The marker is highlighted, with its ring, and the selection is in the URL.
    assert!(b.attrs("[data-deposit-id='muruntau']", "class").await[0].contains("selected"));
    b.wait_css("[data-deposit-id='muruntau'] .selection-ring").await;
    assert!(b.c.current_url().await.unwrap().as_str().contains("sel=d:muruntau"));
    b.screenshot("details-muruntau").await;
    b.key(ESCAPE).await;
    b.wait_gone(".details").await;
    // Closed: no marker keeps the highlight or a ring.
    b.wait_gone(".deposit.selected, .selection-ring").await;
}

#[tokio::test]
async fn the_sources_are_read_only_when_a_reader_opens_a_deposit_and_then_shown_in_full() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    let requested = "performance.getEntriesByType('resource').some(e => e.name.endsWith('/data/details.json'))";
    let loaded = "performance.getEntriesByType('resource').filter(e => e.name.includes('/data/')).length";
    b.wait_js(&format!("{loaded} >= 6")).await;
    assert_eq!(
        b.js(&format!("return {requested}")).await,
        serde_json::json!(false),
        "the default map does not read the details"
    );
    // The shipped layer leaves the sources to details.json (`atlas split`).
    let slim =
        b.js("return fetch('data/deposits.geojson').then(r => r.text()).then(t => t.includes('\"sources\"'))").await;
    assert_eq!(slim, serde_json::json!(false));
    b.wait_css("[data-deposit-id='muruntau'] .marker").await.click().await.unwrap();
    b.wait_js(requested).await;
    let ds = dataset();
    let muruntau = ds.deposit("muruntau").unwrap();
    let hrefs = b.attrs(".details .sources a", "href").await;
    assert_eq!(hrefs, muruntau.sources.iter().map(|s| s.url.clone()).collect::<Vec<_>>());
    let text = b.wait_css(".details dl").await.text().await.unwrap();
    assert!(text.contains(muruntau.precision_note.trim()), "the precision note comes with them: {text}");
    assert!(b.texts(".sources-loading").await.is_empty(), "no loading line once they are here");
}

#[tokio::test]
async fn a_commodity_filter_hides_the_others() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_css("[data-filter-group='commodities'] summary").await.click().await.unwrap();
    b.wait_css("input[data-filter='commodity'][data-value='U']").await.click().await.unwrap();
    let ds = dataset();
    let want: BTreeSet<String> =
        ds.deposits.iter().filter(|d| d.commodities.iter().any(|c| c == "U")).map(|d| d.id.clone()).collect();
    assert!(want.len() >= 5);
    let expr = format!("document.querySelectorAll('[data-deposit-id]').length === {}", want.len());
    b.wait_js(&expr).await;
    let ids = b.attrs("[data-deposit-id]", "data-deposit-id").await;
    assert_eq!(ids.len(), want.len());
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), want);
    let in_view = b.wait_css(".in-view strong").await.text().await.unwrap();
    assert_eq!(in_view, want.len().to_string());
}

#[tokio::test]
async fn search_finds_muruntau_and_opens_it() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    let before = b
        .js("return document.querySelector('path[data-iso3=\"UZB\"]').getBoundingClientRect().width;")
        .await
        .as_f64()
        .unwrap();
    let input = b.wait_css("#search-input").await;
    input.send_keys("Murun").await.unwrap();
    b.wait_css("[data-result-id='muruntau']").await;
    input.send_keys("\u{E007}").await.unwrap();
    let title = b.wait_css(".details h2").await.text().await.unwrap();
    assert_eq!(title, "Muruntau");
    // It flew there: the map is zoomed in (and, after the flight, redrawn at that zoom).
    let grown = format!(
        "(() => {{ const w = document.querySelector('path[data-iso3=\"UZB\"]').getBoundingClientRect().width; return w > {before} * 2 ? w : 0; }})()"
    );
    b.wait_js(&grown).await;
    b.wait_js("location.search.includes('v=')").await;
    // Cyrillic spelling finds it too.
    input.send_keys("Мурун").await.unwrap();
    b.wait_css("[data-result-id='muruntau']").await;
}

#[tokio::test]
async fn the_wheel_zooms_the_map() {
    use fantoccini::actions::{InputSource, WheelAction, WheelActions};
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    let width = "document.querySelector('path[data-iso3=\"KAZ\"]').getBoundingClientRect().width";
    let before = b.js(&format!("return {width};")).await.as_f64().unwrap();
    let (x, y) = b.in_map(0.5, 0.5).await;
    let wheel = WheelActions::new("wheel".into()).then(WheelAction::Scroll {
        duration: None,
        x: x as i64,
        y: y as i64,
        delta_x: 0,
        delta_y: -400,
    });
    b.c.perform_actions(wheel).await.unwrap();
    let grown = b.wait_js(&format!("{width} > {before} * 1.5 ? {width} : 0")).await;
    assert!(grown.as_f64().unwrap() > before * 1.5);
    // The zoom lands in the URL once the gesture ends.
    b.wait_js("location.search.includes('v=')").await;
}

fn country_groups() -> Vec<atlas::flows::FlowGroup> {
    let ds = dataset();
    let ids: Vec<String> = ds.region.investors.iter().map(|i| i.id.clone()).collect();
    aggregate(&ds.flows, &FlowFilter::all(&ids))
        .into_iter()
        .filter(|g| g.scope == atlas::data::FlowScope::Country)
        .collect()
}

#[tokio::test]
async fn flows_are_drawn_in_four_investor_colours() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_css("[data-flow='china-KAZ']").await;
    let ds = dataset();
    let drawn: BTreeSet<String> = b.attrs(".flow-outer", "stroke").await.into_iter().collect();
    let want: BTreeSet<String> = ds.region.investors.iter().map(|i| i.color.clone()).collect();
    assert_eq!(want.len(), 4);
    assert_eq!(drawn, want);
    // One arrow per country-level (investor, destination) pair.
    let keys: BTreeSet<String> = b.attrs("[data-flow]", "data-flow").await.into_iter().collect();
    let want_keys: BTreeSet<String> = country_groups().iter().map(|g| g.key()).collect();
    assert_eq!(keys, want_keys);
    b.screenshot("flows-1280").await;
}

#[tokio::test]
async fn hovering_the_china_kazakhstan_arrow_shows_its_amount() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_css("[data-flow='china-KAZ']").await;
    // A point inside the arrow's shape, away from deposit markers.
    let (x, y) = behaviours::point_in_flow(&b, "china-KAZ").await;
    b.mouse_to(x, y).await;
    let name = b.wait_css(".tooltip .tt-name").await.text().await.unwrap();
    assert_eq!(name, "China → Kazakhstan");
    let g = country_groups().into_iter().find(|g| g.key() == "china-KAZ").unwrap();
    let amount = b.wait_css(".tooltip .tt-amount").await.text().await.unwrap();
    let want = atlas::format::usd(g.total_usd, atlas::i18n::Lang::En);
    assert!(amount.starts_with(&want), "{amount} vs {want}");
    assert!(amount.contains(&format!("{} records", g.records.len())), "{amount}");
}

#[tokio::test]
async fn realized_only_changes_widths_and_the_legend_matches_the_scale() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    let ds = dataset();
    // The scale the page uses: the region's locked scale at the map's size.
    let (w, h) = (
        b.js("return document.querySelector('.map').clientWidth;").await,
        b.js("return document.querySelector('.map').clientHeight;").await,
    );
    let (w, h) = (w.as_f64().unwrap(), h.as_f64().unwrap());
    let scale = WidthScale::locked(&ds.region.flow_scale, atlas::flows::scale::size_factor(w, h));
    let shown: f64 = b.attrs("[data-px-per-usd]", "data-px-per-usd").await[0].parse().unwrap();
    assert!((shown / scale.px_per_usd - 1.0).abs() < 1e-9, "{shown} vs {}", scale.px_per_usd);
    // Legend reference arrows are drawn at the map's scale.
    let refs = b.attrs("[data-ref-usd]", "data-ref-usd").await;
    let ref_widths = b.attrs("[data-ref-usd]", "data-width").await;
    assert_eq!(refs.len(), 3);
    for (usd, w) in refs.iter().zip(&ref_widths) {
        let usd: f64 = usd.parse().unwrap();
        let w: f64 = w.parse().unwrap();
        assert!((w - scale.width(usd).0).abs() < 0.01, "{usd}: {w}");
    }
    // The map's arrow for China → Kazakhstan is on the same scale.
    let sel = "[data-flow='china-KAZ']";
    let w_all: f64 = b.attrs(sel, "data-width").await[0].parse().unwrap();
    let amount: f64 = b.attrs(sel, "data-amount").await[0].parse().unwrap();
    let per_usd_map = w_all / amount;
    let per_usd_legend = ref_widths[2].parse::<f64>().unwrap() / refs[2].parse::<f64>().unwrap();
    assert!((per_usd_map / per_usd_legend - 1.0).abs() < 1e-3, "{per_usd_map} vs {per_usd_legend}");

    // Realized only: untick committed and announced.
    b.wait_css("input[data-flow-status='committed']").await.click().await.unwrap();
    b.wait_css("input[data-flow-status='announced']").await.click().await.unwrap();
    let expr = format!(
        "(() => {{ const e = document.querySelector(\"{sel}\"); return e && Math.abs(parseFloat(e.dataset.width) - {w_all}) > 0.01; }})()"
    );
    b.wait_js(&expr).await;
    let w_real: f64 = b.attrs(sel, "data-width").await[0].parse().unwrap();
    let realized = country_groups().into_iter().find(|g| g.key() == "china-KAZ").unwrap().realized_usd;
    assert!((w_real - scale.width(realized).0).abs() < 0.01, "{w_real} vs {}", scale.width(realized).0);
    assert!(w_real < w_all);
    assert!(b.c.current_url().await.unwrap().as_str().contains("fs=realized"));
}

#[tokio::test]
async fn switching_to_russian_changes_country_names() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_css("button[data-lang='ru']").await.click().await.unwrap();
    b.wait_js("[...document.querySelectorAll('.country-label.focus')].some(e => e.textContent === 'КАЗАХСТАН')").await;
    let labels = b.texts(".country-label.focus").await;
    assert!(labels.iter().any(|l| l == "УЗБЕКИСТАН"), "{labels:?}");
    assert!(b.c.current_url().await.unwrap().as_str().contains("lang=ru"));
    assert_eq!(b.js("return document.documentElement.lang;").await, "ru");
}

#[tokio::test]
async fn a_url_restores_filters_and_the_selection() {
    let b = Browser::new(1280, 800).await;
    b.open("/?c=Au&k=KGZ&sel=d:kumtor&fs=realized").await;
    assert_eq!(b.wait_css(".details h2").await.text().await.unwrap(), "Kumtor");
    let ds = dataset();
    let want: BTreeSet<String> = ds
        .deposits
        .iter()
        .filter(|d| d.country == "KGZ" && d.commodities.iter().any(|c| c == "Au"))
        .map(|d| d.id.clone())
        .collect();
    let drawn: BTreeSet<String> = b.attrs("[data-deposit-id]", "data-deposit-id").await.into_iter().collect();
    assert_eq!(drawn, want);
    assert_eq!(b.js("return document.querySelector(\"input[data-flow-status='committed']\").checked;").await, false);
    // Reloading the URL the app wrote gives the same state.
    assert!(b.c.find_all(Locator::Css(".problems")).await.unwrap().is_empty());
    let url = b.c.current_url().await.unwrap().to_string();
    let query = b.js("return location.search;").await;
    let checked = "[...document.querySelectorAll('input[data-filter], input[data-flow-status]')].filter(e => e.checked).map(e => (e.dataset.value || e.dataset.flowStatus)).sort().join(',')";
    let ticked = b.js(&format!("return {checked};")).await;
    assert_eq!(ticked, "Au,KGZ,realized");
    let fresh = Browser::new(1280, 800).await;
    fresh.c.goto(&url).await.unwrap();
    fresh.wait_css("[data-deposit-id]").await;
    assert_eq!(fresh.wait_css(".details h2").await.text().await.unwrap(), "Kumtor");
    assert_eq!(fresh.js(&format!("return {checked};")).await, ticked, "the filters");
    let ids = fresh.attrs("[data-deposit-id]", "data-deposit-id").await;
    assert_eq!(ids.len(), want.len());
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), want, "the deposits");
    assert_eq!(fresh.js("return location.search;").await, query, "the query string");
}

#[tokio::test]
async fn nothing_overflows_on_a_phone() {
    let b = Browser::new(390, 844).await;
    b.open("/").await;
    assert!(b.overflow_x().await <= 0.5, "page overflows horizontally by {}px", b.overflow_x().await);
    b.screenshot("phone-390").await;
    // One scrolling page: the filters are not a short box scrolling inside it,
    // and the page ends with the footer.
    let v = b
        .js("const s = document.querySelector('.sidebar'), f = document.querySelector('.footer').getBoundingClientRect();              return [s.scrollHeight - s.clientHeight, document.documentElement.scrollHeight - (f.bottom + scrollY)];")
        .await;
    assert!(v[0].as_f64().unwrap() <= 1.0, "the sidebar scrolls inside the page: {v}");
    assert!(v[1].as_f64().unwrap().abs() <= 1.0, "space below the footer: {v}");
    // A tap (touch pointer) opens the details as a bottom sheet.
    {
        use fantoccini::actions::{InputSource, PointerAction, TouchActions};
        let marker = b.wait_css("[data-deposit-id='muruntau'] .marker").await;
        let tap = TouchActions::new("finger".into())
            .then(PointerAction::MoveToElement { element: marker, duration: None, x: 0.0, y: 0.0 })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::Up { button: 0 });
        b.c.perform_actions(tap).await.unwrap();
    }
    assert_eq!(b.wait_css(".details h2").await.text().await.unwrap(), "Muruntau");
    let sheet = b.js("const r = document.querySelector('.details').getBoundingClientRect(); return [r.left, r.bottom, r.width, innerWidth, innerHeight];").await;
    assert!(sheet[0].as_f64().unwrap().abs() < 1.0, "sheet spans the width: {sheet}");
    assert!((sheet[1].as_f64().unwrap() - sheet[4].as_f64().unwrap()).abs() < 1.0, "sheet sits at the bottom: {sheet}");
    assert!(b.overflow_x().await <= 0.5);
    b.screenshot("phone-390-details").await;
    // Controls are at least 44px tall.
    let small = b.js("return [...document.querySelectorAll('.zoom-controls button, .lang, .close')].filter(e => e.getBoundingClientRect().height < 44).length;").await;
    assert_eq!(small, 0);
}

#[tokio::test]
async fn pinching_with_two_fingers_zooms_the_map_on_a_phone() {
    use fantoccini::actions::{Actions, InputSource, PointerAction, TouchActions};
    use std::time::Duration;
    let b = Browser::new(390, 844).await;
    b.open("/").await;
    let width = "document.querySelector('path[data-iso3=\"KAZ\"]').getBoundingClientRect().width";
    let before = b.js(&format!("return {width};")).await.as_f64().unwrap();
    let r = b.js("const r = document.querySelector('.map').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];").await;
    let (cx, cy) = (r[0].as_f64().unwrap(), r[1].as_f64().unwrap());
    let finger = |id: &str, from: f64, to: f64| {
        TouchActions::new(id.into())
            .then(PointerAction::MoveTo { duration: None, x: cx + from, y: cy })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(300)), x: cx + to, y: cy })
            .then(PointerAction::Up { button: 0 })
    };
    b.c.perform_actions(Actions::from(finger("f1", -30.0, -90.0)).and(finger("f2", 30.0, 90.0))).await.unwrap();
    b.wait_js(&format!("{width} > {before} * 1.8")).await;
}

#[tokio::test]
async fn embed_mode_needs_ctrl_to_zoom_with_the_wheel() {
    use fantoccini::actions::{Actions, InputSource, KeyAction, KeyActions, WheelAction, WheelActions};
    let b = Browser::new(1000, 800).await;
    b.open("/?embed=1").await;
    let width = "document.querySelector('path[data-iso3=\"KAZ\"]').getBoundingClientRect().width";
    let before = b.js(&format!("return {width};")).await.as_f64().unwrap();
    let (x, y) = b.in_map(0.5, 0.5).await;
    let (x, y) = (x as i64, y as i64);
    let plain =
        WheelActions::new("wheel".into()).then(WheelAction::Scroll { duration: None, x, y, delta_x: 0, delta_y: -400 });
    b.c.perform_actions(plain).await.unwrap();
    // The hint is the sentinel: the wheel was handled (and not as a zoom);
    // two painted frames later any zoom would show.
    b.wait_css(".ctrl-hint").await;
    b.frames().await;
    let after_plain = b.js(&format!("return {width};")).await.as_f64().unwrap();
    assert!((after_plain - before).abs() < 0.5, "plain wheel zoomed the embed: {before} -> {after_plain}");
    // With Ctrl held, the wheel zooms.
    const CONTROL: char = '\u{E009}';
    let keys = KeyActions::new("kb".into())
        .then(KeyAction::Down { value: CONTROL })
        .then(KeyAction::Pause { duration: std::time::Duration::from_millis(0) })
        .then(KeyAction::Up { value: CONTROL });
    let wheel = WheelActions::new("wheel2".into())
        .then(WheelAction::Pause { duration: std::time::Duration::from_millis(0) })
        .then(WheelAction::Scroll { duration: None, x, y, delta_x: 0, delta_y: -400 })
        .then(WheelAction::Pause { duration: std::time::Duration::from_millis(0) });
    b.c.perform_actions(Actions::from(keys).and(wheel)).await.unwrap();
    b.wait_js(&format!("{width} > {before} * 1.5")).await;
}

#[tokio::test]
async fn the_svg_download_is_valid_svg_with_arrows_and_legend() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_css("[data-flow='china-KAZ']").await;
    b.js("window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (x) { window.__blobs.push(x); return o.call(URL, x); }; return 0;").await;
    b.wait_css("button[data-action='export-svg']").await.click().await.unwrap();
    b.wait_js("window.__blobs.length > 0").await;
    let report =
        b.c.execute_async(
            r#"const done = arguments[arguments.length - 1];
            window.__blobs[0].text().then(t => {
              const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
              done({
                type: window.__blobs[0].type,
                error: doc.getElementsByTagName('parsererror').length,
                root: doc.documentElement.localName,
                ns: doc.documentElement.namespaceURI,
                flows: doc.querySelectorAll('[data-flow]').length,
                legend: doc.querySelectorAll('#legend [data-ref-usd]').length,
                deposits: doc.querySelectorAll('[data-deposit-id]').length,
                text: doc.documentElement.textContent,
                w: parseFloat(doc.documentElement.getAttribute('width')),
                h: parseFloat(doc.documentElement.getAttribute('height')),
              });
            });"#,
            vec![],
        )
        .await
        .unwrap();
    assert!(report["type"].as_str().unwrap().starts_with("image/svg+xml"));
    assert_eq!(report["error"], 0, "the SVG does not parse");
    assert_eq!(report["root"], "svg");
    assert_eq!(report["ns"], "http://www.w3.org/2000/svg");
    let on_map = b.attrs("[data-flow]", "data-flow").await.len() as u64;
    assert_eq!(report["flows"].as_u64().unwrap(), on_map);
    assert_eq!(report["legend"], 3);
    let deposits_on_map = b.attrs("[data-deposit-id]", "data-deposit-id").await.len() as u64;
    assert_eq!(report["deposits"].as_u64().unwrap(), deposits_on_map);
    assert!(report["text"].as_str().unwrap().contains("Data: Natural Earth"));

    // PNG: the same SVG drawn on a canvas at twice its size.
    let (svg_w, svg_h) = (report["w"].as_f64().unwrap(), report["h"].as_f64().unwrap());
    // Where the China → Kazakhstan arrow is solid in the exported SVG: lay
    // the SVG over the page and keep points inside the arrow's last (solid)
    // path, 2 px from its edge, where nothing is drawn on top of it.
    let spots =
        b.c.execute_async(
            r#"const done = arguments[arguments.length - 1];
            const blob = window.__blobs.find(x => x.type.startsWith('image/svg'));
            blob.text().then(t => {
              const svg = document.importNode(new DOMParser().parseFromString(t, 'image/svg+xml').documentElement, true);
              const host = document.createElement('div');
              host.style.cssText = 'position:fixed;left:0;top:0;z-index:2147483647;background:#fff';
              host.appendChild(svg); document.body.appendChild(host);
              const paths = svg.querySelectorAll("[data-flow='china-KAZ'] path");
              const p = paths[paths.length - 1];
              const bb = p.getBBox(); const m = p.getScreenCTM(); const pts = [];
              const inside = (x, y) => p.isPointInFill(new DOMPoint(x, y));
              for (let i = 1; i < 120; i++) for (let j = 1; j < 120; j++) {
                const x = bb.x + bb.width * i / 120, y = bb.y + bb.height * j / 120;
                if (![[0, 0], [1.5, 0], [-1.5, 0], [0, 1.5], [0, -1.5]].every(([dx, dy]) => inside(x + dx, y + dy))) continue;
                // The host sits at the viewport's origin: screen = the SVG's own pixels.
                const s = new DOMPoint(x, y).matrixTransform(m);
                if (document.elementFromPoint(s.x, s.y) !== p) continue;
                pts.push([s.x, s.y]);
              }
              host.remove();
              done({ fill: p.getAttribute('fill'), pts });
            });"#,
            vec![],
        )
        .await
        .unwrap();
    let china = dataset().investor("china").unwrap().color.clone();
    assert_eq!(spots["fill"].as_str().unwrap().to_lowercase(), china.to_lowercase(), "the arrow's solid part");
    let spots: Vec<(f64, f64)> =
        spots["pts"].as_array().unwrap().iter().map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap())).collect();
    assert!(spots.len() >= 5, "only {} clear points inside the arrow: {spots:?}", spots.len());

    // PNG: the same SVG drawn on a canvas at twice its size.
    b.wait_css("button[data-action='export-png']").await.click().await.unwrap();
    b.wait_js("window.__blobs.some(x => x.type === 'image/png')").await;
    let bytes =
        b.c.execute_async(
            r#"const done = arguments[arguments.length - 1];
            window.__blobs.find(x => x.type === 'image/png').arrayBuffer().then(a => done(Array.from(new Uint8Array(a))));"#,
            vec![],
        )
        .await
        .unwrap();
    let bytes: Vec<u8> = bytes.as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u8).collect();
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("PNG pixels");
    assert_eq!(f64::from(info.width), svg_w * 2.0);
    assert_eq!(f64::from(info.height), svg_h * 2.0);
    assert_eq!((info.color_type, info.bit_depth), (png::ColorType::Rgba, png::BitDepth::Eight));
    let hex = |i: usize| u8::from_str_radix(&china[1 + 2 * i..3 + 2 * i], 16).unwrap();
    let want = [hex(0), hex(1), hex(2)];
    let px = |x: f64, y: f64| {
        let at = ((y * 2.0).round() as usize * info.width as usize + (x * 2.0).round() as usize) * 4;
        [buf[at], buf[at + 1], buf[at + 2], buf[at + 3]]
    };
    let matching = spots
        .iter()
        .filter(|&&(x, y)| {
            let p = px(x, y);
            p[3] == 255 && (0..3).all(|c| (i32::from(p[c]) - i32::from(want[c])).abs() <= 12)
        })
        .count();
    assert!(
        matching * 10 >= spots.len() * 9,
        "{matching} of {} pixels under the China → Kazakhstan arrow are {china}; e.g. {:?}",
        spots.len(),
        px(spots[0].0, spots[0].1)
    );
}

#[tokio::test]
async fn the_table_lists_every_deposit_in_view() {
    let b = Browser::new(1280, 800).await;
    // Zoomed in on the Fergana valley: only part of the dataset is in view.
    b.open("/?v=71.5,40.8,5").await;
    let on_map: BTreeSet<String> = b.attrs("[data-deposit-id]", "data-deposit-id").await.into_iter().collect();
    assert!(!on_map.is_empty() && on_map.len() < dataset().deposits.len(), "{}", on_map.len());
    b.wait_css("button[data-action='table']").await.click().await.unwrap();
    b.wait_css("[data-deposit-row]").await;
    let rows: BTreeSet<String> = b.attrs("[data-deposit-row]", "data-deposit-row").await.into_iter().collect();
    assert_eq!(rows, on_map);
    // Sorting by name, both ways.
    let names = b.texts("[data-deposit-row] th").await;
    let mut sorted = names.clone();
    sorted.sort_by_key(|s| s.to_lowercase());
    assert_eq!(names, sorted);
    b.wait_css("th[aria-sort='ascending'] .sort").await.click().await.unwrap();
    b.wait_css("th[aria-sort='descending']").await;
    let names = b.texts("[data-deposit-row] th").await;
    sorted.reverse();
    assert_eq!(names, sorted);
    assert!(b.attrs("[data-flow-row]", "data-flow-row").await.len() >= 30);
}

#[tokio::test]
async fn the_table_pages_through_more_deposits_than_fit_one_page() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    let on_map: BTreeSet<String> = b.attrs("[data-deposit-id]", "data-deposit-id").await.into_iter().collect();
    b.wait_css("button[data-action='table']").await.click().await.unwrap();
    b.wait_css("[data-deposit-row]").await;
    let first: Vec<String> = b.attrs("[data-deposit-row]", "data-deposit-row").await;
    assert!(first.len() < on_map.len(), "{} deposits in view fit one page of {}", on_map.len(), first.len());
    let (prev, next) = (b.wait_css("[data-page='prev']").await, b.wait_css("[data-page='next']").await);
    assert!(prev.attr("disabled").await.unwrap().is_some());
    assert_eq!(next.attr("disabled").await.unwrap(), None);
    // The button says "Next" and nothing else (no stray markup or code).
    assert_eq!(next.text().await.unwrap().trim(), t(Lang::En, Key::Next));
    next.click().await.unwrap();
    b.wait_js(&format!("document.querySelectorAll('[data-deposit-row]').length === {}", on_map.len() - first.len()))
        .await;
    let second: Vec<String> = b.attrs("[data-deposit-row]", "data-deposit-row").await;
    let all: BTreeSet<String> = first.iter().chain(&second).cloned().collect();
    assert_eq!(all.len(), first.len() + second.len(), "a deposit on both pages");
    assert_eq!(all, on_map);
    // The caption counts them, as the map's own count does.
    let caption = b.wait_css(".deposits-table caption").await.text().await.unwrap();
    let count = format!("{} {}", on_map.len(), atlas::i18n::deposits_in_view(Lang::En, on_map.len()));
    assert!(caption.ends_with(&count), "caption {caption:?} without {count:?}");
    let pager = b.wait_css(".pager span").await.text().await.unwrap();
    assert_eq!(pager, format!("{}–{} / {}", first.len() + 1, on_map.len(), on_map.len()));
    assert!(b.wait_css("[data-page='next']").await.attr("disabled").await.unwrap().is_some());
    b.wait_css("[data-page='prev']").await.click().await.unwrap();
    b.wait_js(&format!("document.querySelectorAll('[data-deposit-row]').length === {}", first.len())).await;
}

#[tokio::test]
async fn the_zoom_buttons_sit_inside_the_corner_the_labels_keep_off() {
    // The scene keeps amounts, names and notes off `controls_rect`; the page
    // must put the buttons inside it (stacked on a wide map, in a row on a phone).
    for (w, h) in [(1280, 800), (390, 844)] {
        let b = Browser::new(w, h).await;
        b.open("/").await;
        let v = b
            .js("const m = document.querySelector('.map-wrap').getBoundingClientRect(), \
                 c = document.querySelector('.zoom-controls').getBoundingClientRect(); \
                 return [m.width, m.height, c.left - m.left, c.top - m.top, c.right - m.left, c.bottom - m.top];")
            .await;
        let v: Vec<f64> = v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        let k = atlas::scene::context::controls_rect(v[0], v[1]);
        let inside = v[2] >= k.x - 0.5 && v[3] >= k.y - 0.5 && v[4] <= k.x + k.w + 0.5 && v[5] <= k.y + k.h + 0.5;
        assert!(inside, "{w}x{h}: buttons at {v:?}, scene corner {k:?}");
    }
}

#[tokio::test]
async fn a_closed_filter_group_shows_how_many_of_its_options_are_ticked() {
    let b = Browser::new(1280, 800).await;
    b.open("/?c=Cu,Au&k=KAZ&layers=-rivers").await;
    let count = |g: &str| {
        format!(
            "const e = document.querySelector(\"[data-filter-group='{g}'] summary .active-count\"); return e ? e.textContent : '';"
        )
    };
    assert_eq!(b.js(&count("commodities")).await, "2 selected");
    assert_eq!(b.js(&count("countries")).await, "1 selected");
    assert_eq!(b.js(&count("statuses")).await, "");
    assert_eq!(b.js(&count("layers")).await, "1 hidden");
    // Their screen-reader words stay inside the sidebar: the page itself does not scroll.
    let page = b.js("const d = document.documentElement; return [d.scrollHeight, d.clientHeight];").await;
    assert_eq!(page[0], page[1], "page height vs window: {page}");
    // Clearing the filters clears their counts; a hidden layer is not a filter.
    b.wait_css(".filters-head .link").await.click().await.unwrap();
    b.wait_js("!document.querySelector(\"[data-filter-group='commodities'] .active-count\")").await;
    assert_eq!(b.js(&count("countries")).await, "");
    assert_eq!(b.js(&count("layers")).await, "1 hidden");
}

#[tokio::test]
async fn bad_url_parameters_are_named_and_the_rest_applies() {
    let b = Browser::new(1280, 800).await;
    b.open("/?lang=fr&y=2025-2010&sel=d:atlantis&c=Au").await;
    let problems = b.wait_css(".problems").await.text().await.unwrap();
    assert!(problems.contains("URL parameter \"lang\""), "{problems}");
    assert!(problems.contains("URL parameter \"y\""), "{problems}");
    assert!(problems.contains("no deposit with id \"atlantis\""), "{problems}");
    // No empty panel, and the good parameter still filters the map.
    assert!(b.c.find_all(Locator::Css(".details")).await.unwrap().is_empty());
    let ds = dataset();
    let gold = ds.deposits.iter().filter(|d| d.commodities.iter().any(|c| c == "Au")).count();
    assert_eq!(b.attrs("[data-deposit-id]", "data-deposit-id").await.len(), gold);
}

/// Pairs of country labels whose painted boxes (`getBBox`, in screen pixels) overlap.
const LABEL_OVERLAPS: &str = r#"
    const boxes = [...document.querySelectorAll('.country-label')].map(e => {
      const b = e.getBBox(), m = e.getScreenCTM();
      const p = new DOMPoint(b.x, b.y).matrixTransform(m), q = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(m);
      return { t: e.textContent, l: Math.min(p.x, q.x), r: Math.max(p.x, q.x), top: Math.min(p.y, q.y), bot: Math.max(p.y, q.y) };
    }).filter(b => b.r > b.l);
    const out = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], c = boxes[j];
      if (a.l < c.r && c.l < a.r && a.top < c.bot && c.top < a.bot) out.push(a.t + ' / ' + c.t);
    }
    return [boxes.length, out];"#;

#[tokio::test]
async fn country_labels_do_not_overlap_in_english_or_russian() {
    let b = Browser::new(1280, 800).await;
    for (lang, name) in [("en", "KAZAKHSTAN"), ("ru", "КАЗАХСТАН")] {
        b.open(&format!("/?lang={lang}")).await;
        b.wait_js(&format!("[...document.querySelectorAll('.country-label')].some(e => e.textContent === '{name}')"))
            .await;
        let r = b.js(LABEL_OVERLAPS).await;
        assert!(r[0].as_u64().unwrap() >= 5, "{lang}: {r}");
        assert_eq!(r[1], serde_json::json!([]), "{lang}: overlapping labels");
        b.screenshot(&format!("labels-{lang}")).await;
    }
}

#[tokio::test]
async fn a_deposit_chosen_where_its_panel_opens_slides_into_view_beside_it_and_one_in_sight_stays() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_gone("#prerender").await;
    // Marker centre, in map pixels, of a deposit (null when not drawn).
    let at = |id: &str| {
        format!(
            "const m = document.querySelector('.map').getBoundingClientRect(), \
                   e = document.querySelector(\"[data-deposit-id='{id}'] .marker\"); \
             if (!e) return null; const r = e.getBoundingClientRect(); \
             return [r.left + r.width / 2 - m.left, r.top + r.height / 2 - m.top];"
        )
    };
    // One in sight: Muruntau, in the map's west. Choosing it opens its panel and moves nothing.
    let before = b.js(&at("muruntau")).await;
    b.wait_css("[data-deposit-id='muruntau'] .marker").await.click().await.unwrap();
    b.wait_css(".details h2").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert_eq!(b.js(&at("muruntau")).await, before, "the map moved for a deposit in sight");
    b.wait_css(".details .close").await.click().await.unwrap();
    b.wait_gone(".details").await;
    // The easternmost marker well inside the map: where the panel opens.
    let east = b
        .js("const m = document.querySelector('.map').getBoundingClientRect(); let best = null, bx = 0; \
             for (const e of document.querySelectorAll('[data-deposit-id] .marker')) { \
               const r = e.getBoundingClientRect(), x = r.left + r.width / 2 - m.left; \
               if (x > bx && r.top > m.top + 80 && r.bottom < m.bottom - 80) { bx = x; best = e.closest('[data-deposit-id]').getAttribute('data-deposit-id'); } } \
             return [best, bx, m.width];")
        .await;
    let id = east[0].as_str().unwrap().to_string();
    assert!(east[1].as_f64().unwrap() > east[2].as_f64().unwrap() - 380.0, "no deposit under the panel: {east}");
    b.wait_css(&format!("[data-deposit-id='{id}'] .marker")).await.click().await.unwrap();
    let panel_left = b
        .wait_js(
            "(() => { const d = document.querySelector('.details'), m = document.querySelector('.map'); \
                  return d ? d.getBoundingClientRect().left - m.getBoundingClientRect().left : 0; })()",
        )
        .await
        .as_f64()
        .unwrap();
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    loop {
        let p = b.js(&at(&id)).await;
        if p.as_array().is_some_and(|p| p[0].as_f64().unwrap() < panel_left - 20.0) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{id} at {p}, the panel from x = {panel_left}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The zoom buttons stay in reach beside the open panel.
    let hit = b
        .js("const r = document.querySelector('.zoom-controls button').getBoundingClientRect(); \
             return !!document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.zoom-controls');")
        .await;
    assert_eq!(hit, true, "the panel covers the zoom buttons");
    b.screenshot("selection-beside-panel").await;
}
