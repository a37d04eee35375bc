//! Bad input in the real browser: every case of the corpus under
//! `tests/fixtures/bad/` loaded through `?data=`, data from other origins
//! (allowed and refused), a very narrow embed and a flood of URL parameters.
//! Each must be named, and the map must stay alive.

use crate::support::{self, Browser, Serve, dataset};
use fantoccini::Locator;
use serde_json::{Value, json};
use std::path::PathBuf;

/// A corpus case and what its `expect.json` says the page must show.
struct Case {
    name: String,
    /// Substrings of one problem line (file, record, field, message).
    named: Vec<String>,
    deposits: Vec<String>,
    /// The case tries to run script from the data.
    script: bool,
}

fn cases() -> Vec<Case> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&root).unwrap().flatten() {
        let Ok(text) = std::fs::read_to_string(e.path().join("expect.json")) else { continue };
        let v: Value = serde_json::from_str(&text).unwrap();
        let strings = |k: &str| -> Vec<String> {
            v[k].as_array().map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect()).unwrap_or_default()
        };
        let mut named = strings("named");
        named.extend(strings("browser"));
        out.push(Case {
            name: e.file_name().to_string_lossy().into_owned(),
            named,
            deposits: strings("deposits"),
            script: v["script"] == json!(true),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Record every Content-Security-Policy violation from now on.
async fn watch_csp(b: &Browser) {
    b.js("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); return 0;").await;
}

async fn csp_violations(b: &Browser) -> Vec<String> {
    serde_json::from_value(b.js("return window.__csp || [];").await).unwrap()
}

/// Click "Download SVG" and return the file's text.
pub(crate) async fn export_svg(b: &Browser) -> String {
    b.js("window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (x) { window.__blobs.push(x); return o.call(URL, x); }; return 0;").await;
    b.wait_css("button[data-action='export-svg']").await.click().await.unwrap();
    b.wait_js("window.__blobs.length > 0").await;
    let text =
        b.c.execute_async("const done = arguments[arguments.length - 1]; window.__blobs[0].text().then(done);", vec![])
            .await
            .unwrap();
    text.as_str().unwrap().to_string()
}

/// The export parses as XML, is an SVG, and carries nothing that could run.
fn assert_well_formed_and_inert<'a>(svg: &'a str, case: &str) -> roxmltree::Document<'a> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{case}: the SVG export is not XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg", "{case}");
    for n in doc.descendants().filter(|n| n.is_element()) {
        assert_ne!(n.tag_name().name(), "script", "{case}: a <script> element in the export");
        assert!(n.attributes().all(|a| !a.name().starts_with("on")), "{case}: an event handler in the export");
    }
    doc
}

async fn problem_lines(b: &Browser) -> Vec<String> {
    b.texts(".problems li").await
}

async fn pwned(b: &Browser) -> Value {
    b.js("return typeof window.__pwned === 'undefined' ? null : String(window.__pwned);").await
}

#[tokio::test]
async fn every_case_of_the_bad_input_corpus_is_named_and_the_map_stays_alive() {
    let cases = cases();
    assert!(cases.len() >= 11, "only {} corpus cases", cases.len());
    let b = Browser::new(1280, 800).await;
    for case in &cases {
        let name = &case.name;
        b.c.goto(&format!("{}/?data=/__fixtures/bad/{name}/region.json", support::server())).await.unwrap();
        // Alive: the countries and the good deposits are drawn, with the manifest's title.
        b.wait_css("path[data-iso3='KAZ']").await;
        for id in &case.deposits {
            b.wait_css(&format!("[data-deposit-id='{id}']")).await;
        }
        let title = b.wait_css("h1").await.text().await.unwrap();
        assert!(title.contains("Bad-input corpus") || title.ends_with("Title"), "{name}: title {title:?}");
        watch_csp(&b).await;

        // Named, with file and field.
        if case.named.is_empty() {
            assert!(
                b.c.find_all(Locator::Css(".problems")).await.unwrap().is_empty(),
                "{name}: {:?}",
                problem_lines(&b).await
            );
        } else {
            b.wait_css(".problems li").await;
            let lines = problem_lines(&b).await;
            assert!(
                lines.iter().any(|l| case.named.iter().all(|n| l.contains(n.as_str()))),
                "{name}: no problem names {:?}: {lines:?}",
                case.named
            );
        }

        if case.script {
            // Text from data is text: the markup shows as characters, and nothing ran
            // while hovering it, opening its details and its sources.
            assert!(title.starts_with("<img src=x"), "{name}: the title was not shown as text: {title:?}");
            // The map's layers are set as markup (render::layers): the name is
            // escaped there, so it is the marker's label, and no element came of it.
            let label =
                b.js("return document.querySelector(\"[data-deposit-id='markup']\").getAttribute('aria-label');").await;
            assert!(label.as_str().unwrap_or("").starts_with("<img src=x"), "{name}: {label}");
            let injected = b.js("return document.querySelectorAll('.map img, .map script').length;").await;
            assert_eq!(injected, 0, "{name}: markup from the data became elements in the map");
            b.hover("[data-deposit-id='markup'] .marker").await;
            let tip = b.wait_css(".tooltip .tt-name").await.text().await.unwrap();
            assert!(tip.starts_with("<img src=x"), "{tip}");
            b.wait_css("[data-deposit-id='markup'] .marker").await.click().await.unwrap();
            let h2 = b.wait_css(".details h2").await.text().await.unwrap();
            assert!(h2.contains("<script>"), "{h2}");
            assert!(
                b.c.find_all(Locator::Css(".details img, .details script, .details svg[onload]"))
                    .await
                    .unwrap()
                    .is_empty()
            );
            b.key('\u{E00C}').await;
        }
        assert_eq!(pwned(&b).await, Value::Null, "{name}: script from the data ran");

        // The map still responds, and never writes NaN into the URL.
        b.wait_css(".zoom-controls .zoom-in").await.click().await.unwrap();
        let search = b.wait_js("location.search.includes('v=') && location.search").await;
        assert!(!search.as_str().unwrap().contains("NaN"), "{name}: {search}");

        let svg = export_svg(&b).await;
        let doc = assert_well_formed_and_inert(&svg, name);
        if name == "control-chars" {
            let text: String = doc.descendants().filter_map(|n| n.text()).collect();
            assert!(text.contains("Verticaltab mine") || svg.contains("data-deposit-id=\"vt-name\""), "{name}");
            // The PNG is drawn from that SVG: it must come out, or the failure must show.
            b.wait_css("button[data-action='export-png']").await.click().await.unwrap();
            b.wait_js("window.__blobs.some(x => x.type === 'image/png')").await;
        }
        assert_eq!(pwned(&b).await, Value::Null, "{name}: script from the data ran");
        assert_eq!(csp_violations(&b).await, Vec::<String>::new(), "{name}");
    }
}

#[tokio::test]
async fn data_from_an_allowed_origin_shows_its_host_and_other_origins_are_refused() {
    let b = Browser::new(1280, 800).await;
    let data_host = support::serve(Serve { cors: true, ..Default::default() });
    let deployment = support::serve(Serve { allow_data_origin: Some(data_host.clone()), ..Default::default() });
    // A complete, valid dataset (the corpus case whose only oddity is a BOM).
    let foreign = format!("{data_host}/__fixtures/bad/bom/region.json");
    let host = data_host.trim_start_matches("http://").to_string();

    // Allowed by the deployment's bundled manifest: shown, with a permanent "Data from" line.
    b.c.goto(&format!("{deployment}/?data={foreign}")).await.unwrap();
    b.wait_css("[data-deposit-id='good-one']").await;
    assert_eq!(b.wait_css("h1").await.text().await.unwrap(), "Bad-input corpus");
    assert_eq!(b.attrs(".data-from", "data-data-from").await, std::slice::from_ref(&host));
    assert!(b.wait_css(".data-from").await.text().await.unwrap().contains(&format!("Data from {host}")));
    assert!(b.c.find_all(Locator::Css(".problems")).await.unwrap().is_empty(), "{:?}", problem_lines(&b).await);
    watch_csp(&b).await;
    // Copy link and Embed keep the data URL; the export says whose data it is.
    b.wait_js("location.search.includes('data=')").await;
    b.wait_css("button[data-action='embed']").await.click().await.unwrap();
    let code = b.wait_css("textarea[data-embed-code]").await.prop("value").await.unwrap().unwrap();
    assert!(code.contains("data=") && code.contains(&host), "{code}");
    b.wait_css("button[data-action='embed']").await.click().await.unwrap();
    let svg = export_svg(&b).await;
    let doc = assert_well_formed_and_inert(&svg, "allowed");
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(text.contains(&format!("Data from {host}")), "the export does not say where the data is from");
    assert_eq!(csp_violations(&b).await, Vec::<String>::new());

    // The same URL on a deployment that does not allow that origin: refused by
    // name, and the default map is shown, with no "Data from" and no data= to copy.
    b.c.goto(&format!("{}/?data={foreign}", support::server())).await.unwrap();
    b.wait_css("[data-deposit-id='muruntau']").await;
    assert_eq!(b.wait_css("h1").await.text().await.unwrap(), dataset().region.title.en);
    let lines = problem_lines(&b).await;
    assert!(
        lines.iter().any(|l| l.starts_with("URL parameter \"data\"")
            && l.contains(&format!("{data_host} may not supply data"))
            && l.contains("showing the default map")),
        "{lines:?}"
    );
    assert!(b.c.find_all(Locator::Css(".data-from")).await.unwrap().is_empty());
    b.wait_js("!location.search.includes('data=')").await;

    // Not http(s) at all.
    b.c.goto(&format!("{}/?data=javascript:window.__pwned=1//x.json", support::server())).await.unwrap();
    b.wait_css("[data-deposit-id='muruntau']").await;
    let lines = problem_lines(&b).await;
    assert!(lines.iter().any(|l| l.contains("only http(s) URLs")), "{lines:?}");
    assert_eq!(pwned(&b).await, Value::Null);
}

#[tokio::test]
async fn a_very_narrow_embed_draws_without_panicking_and_recovers_when_widened() {
    use std::time::{Duration, Instant};
    let b = Browser::new(1280, 800).await;
    b.c.goto(&format!("{}/__fixtures/embed-host.html", support::server())).await.unwrap();
    b.js("const f = document.createElement('iframe'); f.id = 'narrow'; f.src = '/?embed=1'; f.style.cssText = 'width:300px;height:500px;border:0';
          document.getElementById('slot').appendChild(f); f.scrollIntoView(); return 0;")
        .await;
    // [map width, arrows drawn, Kazakhstan's drawn width], read inside the frame.
    let state = || async {
        b.c.find(Locator::Css("#narrow")).await.unwrap().enter_frame().await.unwrap();
        let v = b
            .js("const m = document.querySelector('.map'); const p = document.querySelector('path[data-iso3=\"KAZ\"]');
                 return [m ? m.getBoundingClientRect().width : 0, document.querySelectorAll('[data-flow]').length,
                         p ? p.getBoundingClientRect().width : 0];")
            .await;
        b.c.enter_parent_frame().await.unwrap();
        [0, 1, 2].map(|i| v[i].as_f64().unwrap_or(0.0))
    };
    let wait = |what: &'static str, ok: fn([f64; 3]) -> bool| async move {
        let deadline = std::time::Instant::now() + crate::support::WAIT;
        loop {
            let s = state().await;
            if ok(s) {
                return s;
            }
            assert!(Instant::now() < deadline, "{what}: [map width, arrows, KAZ width] = {s:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    let [w300, ..] = wait("drawn at 300 px", |s| s[0] > 0.0 && s[1] > 0.0).await;
    // A Rust panic shows as a console error (the panic hook) and an uncaught wasm trap.
    let b = &b;
    let errors = |script: &'static str| async move {
        b.c.find(Locator::Css("#narrow")).await.unwrap().enter_frame().await.unwrap();
        let v = b.js(script).await;
        b.c.enter_parent_frame().await.unwrap();
        v
    };
    errors(
        "window.__errors = []; addEventListener('error', e => __errors.push(String(e.message)));
         const ce = console.error; console.error = (...a) => { __errors.push(a.join(' ')); ce(...a); }; return 0;",
    )
    .await;
    // Squeeze the frame until its map is 10 px wide: below 16 px the arrow
    // layout used to call f64::clamp with min > max, and a panic kills the app.
    // The frame's width less the map's (borders, and a scrollbar that may come
    // and go as the squeezed page grows taller) is measured again at each step.
    let mut frame_w = 300.0 - w300 + 10.0;
    for _ in 0..4 {
        b.js(&format!("document.getElementById('narrow').style.width = '{frame_w}px'; return 0;")).await;
        let [map_w, ..] = wait("squeezed", |s| s[0] < 40.0).await;
        if map_w > 0.0 && map_w < 16.0 {
            break;
        }
        frame_w += 10.0 - map_w;
    }
    let [_, _, kaz] = wait("drawn at 10 px", |s| s[0] > 0.0 && s[0] < 16.0 && s[1] > 0.0).await;
    // Still alive: widened, it redraws.
    b.js("document.getElementById('narrow').style.width = '700px'; return 0;").await;
    let wide = wait("redrawn at 700 px", |s| s[0] > 600.0 && s[1] > 0.0).await;
    assert!(wide[2] > kaz * 10.0, "KAZ {kaz} -> {}", wide[2]);
    assert_eq!(errors("return window.__errors;").await, json!([]), "the embed failed at 10 px");
}

#[tokio::test]
async fn a_flood_of_unknown_url_parameters_is_echoed_only_in_part() {
    let b = Browser::new(1280, 800).await;
    let long = "x".repeat(4000);
    let many: Vec<String> = (0..40).map(|i| format!("junk{i}=1")).collect();
    b.open(&format!("/?{long}=1&{}&sel=d:{long}", many.join("&"))).await;
    let lines = problem_lines(&b).await;
    assert!(lines.len() <= 10, "{} lines", lines.len());
    assert!(lines.iter().all(|l| l.chars().count() <= 200), "{:?}", lines.iter().map(|l| l.len()).collect::<Vec<_>>());
    assert!(lines.iter().any(|l| l.contains("more URL parameters ignored")), "{lines:?}");
    let footer = b.wait_css(".footer").await.text().await.unwrap();
    assert!(footer.chars().count() < 3000, "the footer echoes {} characters", footer.chars().count());
}

#[tokio::test]
async fn the_svg_download_rings_the_selected_deposit_as_the_map_does() {
    let b = Browser::new(1280, 800).await;
    b.open("/?sel=d:muruntau").await;
    b.wait_css(".details h2").await;
    let ringed = export_svg(&b).await;
    b.c.goto(&format!("{}/", crate::support::server())).await.unwrap();
    b.wait_css("[data-deposit-id='muruntau']").await;
    let plain = export_svg(&b).await;
    let circles = |svg: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants().filter(|n| n.has_tag_name("circle")).count()
    };
    // The same map, and one circle more: the ring.
    assert_eq!(circles(&ringed), circles(&plain) + 1);
}
