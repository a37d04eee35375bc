//! The pre-rendered first paint (scripts/prerender.mjs): the app's page laid out
//! with the app's classes, so that when the app takes over nothing moves.

use crate::support::Browser;
use serde_json::{Value, json};

/// Where the things a reader's eye is on sit, in page pixels: the title, the
/// map's box, a country, a capital and the largest arrow.
const PLACES: &str = "const q = s => { const e = document.querySelector(s); if (!e) return null; const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
return { h1: q('h1'), wrap: q('.map-wrap'), kaz: q(\"[data-iso3='KAZ']\"), astana: q(\"[data-place='astana']\"), flow: q(\"[data-flow='china-KAZ']\") };";

/// A browser whose page (not window) is exactly `width`×`height`.
async fn viewport(width: u32, height: u32) -> Browser {
    let b = Browser::new(width, height).await;
    let m = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500 });
    b.cdp("Emulation.setDeviceMetricsOverride", m).await;
    b
}

/// A page whose wasm is blocked, so the app never starts: what a reader sees before it.
async fn without_the_app(width: u32, height: u32) -> Browser {
    let b = viewport(width, height).await;
    b.cdp("Network.enable", json!({})).await;
    b.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] })).await;
    b
}

/// The picture alone: the wasm is blocked, so the app never starts.
async fn picture_only(width: u32, height: u32) -> (Browser, Value) {
    let b = without_the_app(width, height).await;
    b.c.goto(&format!("{}/", crate::support::server())).await.unwrap();
    b.wait_css("#prerender [data-iso3='KAZ']").await;
    let v = b.js(PLACES).await;
    (b, v)
}

fn close(a: &Value, b: &Value, tol: f64) -> Result<(), String> {
    for key in ["h1", "wrap", "kaz", "astana", "flow"] {
        let (x, y) = (a[key].as_array(), b[key].as_array());
        let (Some(x), Some(y)) = (x, y) else { return Err(format!("{key}: missing in {a} or {b}")) };
        for (p, q) in x.iter().zip(y) {
            let (p, q) = (p.as_f64().unwrap(), q.as_f64().unwrap());
            if (p - q).abs() > tol {
                return Err(format!("{key}: {x:?} before, {y:?} after"));
            }
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_app_takes_over_the_pre_rendered_map_without_moving_anything_at_1280_by_800() {
    let (shell, before) = picture_only(1280, 800).await;
    // The picture is there without the app: its map, a capital, the arrows, the credit.
    assert!(shell.js("return document.querySelector('.app:not(.prerender)') === null;").await.as_bool().unwrap());
    let credit = shell.wait_css("#prerender .credit").await.text().await.unwrap();
    assert!(credit.contains("GeoNames"), "{credit}");

    let app = viewport(1280, 800).await;
    app.open("/").await;
    app.wait_gone("#prerender").await;
    let after = app.js(PLACES).await;
    close(&before, &after, 1.0).unwrap_or_else(|e| panic!("{e}\nbefore {before}\nafter {after}"));
}

#[tokio::test]
async fn on_a_phone_the_pre_rendered_page_has_the_app_layout_and_its_map_box() {
    let (_shell, before) = picture_only(390, 844).await;
    let app = viewport(390, 844).await;
    app.open("/").await;
    app.wait_gone("#prerender").await;
    let after = app.js(PLACES).await;
    // The title, the map's box and the country do not move. The picture is the
    // desktop one scaled to the phone's map, so markers and arrows (laid out for
    // the map's size) are redrawn at their own size; a capital stays where it is.
    for key in ["h1", "wrap", "kaz"] {
        for (p, q) in before[key].as_array().unwrap().iter().zip(after[key].as_array().unwrap()) {
            assert!((p.as_f64().unwrap() - q.as_f64().unwrap()).abs() <= 1.0, "{key}: {before} before, {after} after");
        }
    }
    let centre = |v: &Value| {
        let r: Vec<f64> = v["astana"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        [r[0] + r[2] / 2.0, r[1] + r[3] / 2.0]
    };
    let (c0, c1) = (centre(&before), centre(&after));
    assert!((c0[0] - c1[0]).abs() <= 1.0 && (c0[1] - c1[1]).abs() <= 1.0, "Astana {c0:?} before, {c1:?} after");
}

/// The colours a reader sees: the page, a focus state and a neighbour, a
/// border, a lake, and the amount on the largest arrow with its halo.
const COLOURS: &str = "const c = (s, p) => { const e = document.querySelector(s); return e ? getComputedStyle(e)[p] : null; };
return { page: c('body', 'backgroundColor'), kaz: c(\"[data-iso3='KAZ']\", 'fill'), chn: c(\"[data-iso3='CHN']\", 'fill'),
  border: c(\"[data-iso3='KAZ']\", 'stroke'), caspian: c(\"[data-water='caspian']\", 'fill'),
  amount: c(\"text[data-flow-amount='china-KAZ'], [data-flow-amount='china-KAZ'] text\", 'fill'),
  halo: c(\"text[data-flow-amount='china-KAZ'], [data-flow-amount='china-KAZ'] text\", 'stroke') };";

#[tokio::test]
async fn in_the_dark_theme_the_pre_rendered_map_has_the_app_colours_so_the_takeover_changes_none() {
    let dark = json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] });
    let (shell, _) = {
        let b = viewport(1280, 800).await;
        b.cdp("Emulation.setEmulatedMedia", dark.clone()).await;
        b.cdp("Network.enable", json!({})).await;
        b.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] })).await;
        b.c.goto(&format!("{}/", crate::support::server())).await.unwrap();
        b.wait_css("#prerender [data-iso3='KAZ']").await;
        (b, ())
    };
    let before = shell.js(COLOURS).await;
    let app = viewport(1280, 800).await;
    app.cdp("Emulation.setEmulatedMedia", dark).await;
    app.open("/").await;
    app.wait_gone("#prerender").await;
    let after = app.js(COLOURS).await;
    for key in ["page", "kaz", "chn", "border", "caspian", "amount", "halo"] {
        assert!(before[key].is_string(), "{key} missing before: {before}");
        assert_eq!(before[key], after[key], "{key}: {before} before, {after} after");
    }
    // And it is the dark theme: the land is darker than in the light picture.
    assert_ne!(after["kaz"], json!("rgb(255, 253, 248)"), "{after}");
}

#[tokio::test]
async fn a_link_to_another_view_or_filter_never_shows_the_default_picture_in_its_place() {
    let b = without_the_app(1280, 800).await;
    for (query, picture) in [
        ("?embed=1", true),
        ("?embed=1&sel=d:muruntau", true),
        ("?tab=table", true),
        ("?fs=none", false),
        ("?embed=1&v=70.000,42.000,3.00", false),
        ("?lang=ru", true),
        ("?lang=ru&y=2010-2020", false),
        ("?inv=china&layers=-rivers", false),
    ] {
        b.c.goto(&format!("{}/{query}", crate::support::server())).await.unwrap();
        // The page around the map is there at once either way.
        let credit = b.wait_css("#prerender .credit").await.text().await.unwrap();
        assert!(credit.contains("Natural Earth"), "{query}: {credit}");
        let drawn =
            b.js("return document.querySelectorAll('#prerender [data-flow], #prerender [data-iso3]').length;").await;
        assert_eq!(drawn.as_u64().unwrap() > 0, picture, "{query}: {drawn} pre-rendered shapes");
    }
}

#[tokio::test]
async fn the_default_data_is_fetched_once_while_the_wasm_downloads() {
    let b = viewport(1280, 800).await;
    b.open("/").await;
    let v = b
        .js(r#"
            const all = performance.getEntriesByType('resource');
            const wasm = all.find(e => e.name.endsWith('.wasm'));
            const data = ['region.json', 'countries.topojson', 'deposits.geojson', 'flows.geojson'].map(f => {
              const es = all.filter(e => e.name.endsWith('/data/' + f));
              return [f, es.length, es.length ? es[0].initiatorType : '', es.length ? es[0].startTime < wasm.responseEnd : false];
            });
            return data;
        "#)
        .await;
    for row in v.as_array().unwrap() {
        // One request each (the app's fetch took the preloaded response), made by
        // the page's preload before the wasm had arrived. The preload script is
        // the first thing in the head, so on loopback too it runs before the
        // wasm (requested further down) can be complete.
        assert_eq!(row[1], 1, "{row}");
        assert_eq!(row[2], "link", "{row}");
        assert_eq!(row[3], true, "{row}");
    }
}
