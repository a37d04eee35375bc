//! The embed as a newsroom uses it: the code from the Embed dialog, pasted
//! unchanged into an article on another origin, below the fold.

use crate::support::{self, Browser, Serve};
use fantoccini::Locator;
use serde_json::json;

const FRAME: &str = "document.querySelector('#slot iframe[data-ca-atlas]')";

/// The embed code the full app's Embed dialog shows.
async fn embed_code(b: &Browser) -> String {
    embed_code_of(b, "/").await
}

/// The embed code the Embed dialog shows on the app opened at `path`.
async fn embed_code_of(b: &Browser, path: &str) -> String {
    b.open(path).await;
    b.wait_css("button[data-action='embed']").await.click().await.unwrap();
    b.wait_css("textarea[data-embed-code]").await.prop("value").await.unwrap().unwrap()
}

/// Open the host article on its own origin and paste `code` into it.
async fn host_with(b: &Browser, code: &str) -> String {
    let host = support::serve(Serve::default());
    assert_ne!(host, support::server(), "the host must be another origin");
    b.c.goto(&format!("{host}/__fixtures/embed-host.html")).await.unwrap();
    b.js(&format!("window.__paste({}, document.getElementById('slot')); return 0;", json!(code))).await;
    host
}

/// The height embed.js applied, once it matches the frame's box (0 before).
fn applied_height() -> String {
    format!(
        "(() => {{ const f = {FRAME}; const h = parseFloat(f.getAttribute('data-ca-atlas-height') || '0');
           return h > 0 && Math.abs(f.getBoundingClientRect().height - h) < 1.5 ? h : 0; }})()"
    )
}

/// Run `script` inside the atlas frame (WebDriver switches into it without scrolling).
async fn in_frame(b: &Browser, script: &str) -> serde_json::Value {
    b.c.find(Locator::Css("#slot iframe[data-ca-atlas]")).await.unwrap().enter_frame().await.unwrap();
    let v = b.js(script).await;
    b.c.enter_parent_frame().await.unwrap();
    v
}

/// The content height inside the frame, once its map and legend are drawn (0 before).
async fn inner_height(b: &Browser) -> f64 {
    in_frame(
        b,
        "return document.querySelector('[data-deposit-id]') && document.querySelector('[data-ref-usd]')
           ? document.body.scrollHeight : 0;",
    )
    .await
    .as_f64()
    .unwrap()
}

#[tokio::test]
async fn the_embed_sizes_itself_below_the_fold_on_another_origin_and_ignores_foreign_messages() {
    let b = Browser::new(1280, 800).await;
    let code = embed_code(&b).await;
    assert!(code.contains(r#"loading="lazy""#) && code.contains(" async></script>"), "{code}");
    assert!(code.contains(&format!("src=\"{}/?embed=1", support::server())), "{code}");
    let host = host_with(&b, &code).await;

    // Below the fold, and nobody scrolls: the height must still arrive.
    let r = b.js(&format!("const r = {FRAME}.getBoundingClientRect(); return [r.top, innerHeight, scrollY];")).await;
    assert!(r[0].as_f64().unwrap() > r[1].as_f64().unwrap(), "the frame is not below the fold: {r}");
    assert_eq!(r[2], 0);
    let first = b.wait_js(&applied_height()).await.as_f64().unwrap();
    // It is the content's own height (read inside the frame, still without scrolling).
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    loop {
        let (inner, now) = (inner_height(&b).await, b.wait_js(&applied_height()).await.as_f64().unwrap());
        if inner > 450.0 && (inner - now).abs() <= 1.0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "frame {now}px (first {first}px), content {inner}px");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(b.js("return scrollY;").await, 0, "the test scrolled");

    // It grows and shrinks with its content while offscreen (a late line in
    // the footer, as a data problem adds), and with its width once in view.
    let full = b.wait_js(&applied_height()).await.as_f64().unwrap();
    in_frame(&b, "const d = document.createElement('div'); d.id = 'late'; d.style.height = '200px'; document.querySelector('.footer').appendChild(d); return 0;").await;
    b.wait_js(&format!("(h => Math.abs(h - {full} - 200) <= 1 ? h : 0)({})", applied_height())).await;
    in_frame(&b, "document.getElementById('late').remove(); return 0;").await;
    b.wait_js(&format!("(h => Math.abs(h - {full}) <= 1 ? h : 0)({})", applied_height())).await;
    assert_eq!(b.js("return scrollY;").await, 0, "the test scrolled");
    b.js(&format!("{FRAME}.scrollIntoView(); {FRAME}.style.width = '420px'; return 0;")).await;
    // A narrower frame has a shorter map but a taller legend: the height changes either way.
    let narrow = b.wait_js(&format!("(h => h > 0 && Math.abs(h - {full}) > 20 ? h : 0)({})", applied_height())).await;
    assert!((inner_height(&b).await - narrow.as_f64().unwrap()).abs() <= 1.0);
    b.js(&format!("{FRAME}.style.width = '100%'; return 0;")).await;
    b.wait_js(&format!("(h => Math.abs(h - {full}) <= 1 ? h : 0)({})", applied_height())).await;

    // Messages embed.js must ignore: from the host window itself, from a
    // data-ca-atlas frame that moved to another origin, and ill-shaped ones
    // from the atlas frame. Then a valid sentinel from the atlas frame: once
    // it is applied, everything posted before it has been handled.
    b.js("window.postMessage({type: 'ca-atlas:height', height: 5000}, '*'); return 0;").await;
    let poster = format!(
        "{}/__fixtures/poster.html?go={}",
        support::server(),
        urlencode(&format!("{host}/__fixtures/poster.html"))
    );
    b.js(&format!(
        "const f = document.createElement('iframe'); f.setAttribute('data-ca-atlas', ''); f.id = 'poster';
         f.src = {}; document.getElementById('slot').appendChild(f); return 0;",
        json!(poster)
    ))
    .await;
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    loop {
        b.c.find(Locator::Css("#poster")).await.unwrap().enter_frame().await.unwrap();
        let posted = b.js("return window.__posted === true && location.origin;").await;
        b.c.enter_parent_frame().await.unwrap();
        if posted.as_str() == Some(host.as_str()) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the poster frame never posted: {posted}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    in_frame(
        &b,
        "for (const h of [99, 20001, '800', NaN, Infinity, null]) parent.postMessage({type: 'ca-atlas:height', height: h}, '*');
         parent.postMessage({type: 'other', height: 900}, '*');
         parent.postMessage('ca-atlas:height 900', '*');
         parent.postMessage({type: 'ca-atlas:height', height: 777}, '*');
         return 0;",
    )
    .await;
    b.wait_js(&format!("{FRAME}.getAttribute('data-ca-atlas-height') === '777'")).await;
    let heights: Vec<String> =
        serde_json::from_value(b.js("return window.__heights.filter(h => h !== null);").await).unwrap();
    for bad in ["99", "20001", "800", "900", "5000", "NaN", "Infinity"] {
        assert!(!heights.iter().any(|h| h == bad), "embed.js applied {bad}: {heights:?}");
    }
    assert!(b.attrs("#poster", "style").await[0].is_empty(), "the moved frame was resized");
    b.screenshot("embed-cross-origin").await;
}

#[tokio::test]
async fn an_embedded_selection_on_a_phone_keeps_its_details_inside_the_map_and_the_credit_in_sight() {
    let b = Browser::new(390, 844).await;
    let code = embed_code_of(&b, "/?sel=d:muruntau").await;
    assert!(code.contains("sel=d%3Amuruntau") || code.contains("sel=d:muruntau"), "{code}");
    host_with(&b, &code).await;
    b.js(&format!("{FRAME}.scrollIntoView(); return 0;")).await;
    b.wait_js(&applied_height()).await;
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    let r = loop {
        let r = in_frame(
            &b,
            "const d = document.querySelector('.details'), m = document.querySelector('.map-wrap'),
                   f = document.querySelector('.footer');
             if (!d || !document.querySelector('[data-deposit-id]')) return null;
             const [dr, mr, fr] = [d, m, f].map(e => e.getBoundingClientRect());
             return [dr.top - mr.top, mr.bottom - dr.bottom, dr.left - mr.left, mr.right - dr.right, fr.top - dr.bottom];",
        )
        .await;
        if !r.is_null() {
            break r;
        }
        assert!(std::time::Instant::now() < deadline, "no details panel in the frame");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let r: Vec<f64> = r.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    assert!(
        r[..4].iter().all(|&x| x >= 0.0),
        "the details leave the map box (top, bottom, left, right margins): {r:?}"
    );
    assert!(r[4] > 0.0, "the details cover the credit: {r:?}");
    b.screenshot("embed-phone-selection").await;
}

#[tokio::test]
async fn over_the_embed_a_plain_wheel_scrolls_the_article_and_ctrl_wheel_zooms_the_map() {
    use fantoccini::actions::{Actions, InputSource, KeyAction, KeyActions, WheelAction, WheelActions};
    use std::time::Duration;
    let b = Browser::new(1280, 800).await;
    let code = embed_code(&b).await;
    host_with(&b, &code).await;
    b.wait_js(&applied_height()).await;
    // Bring the frame into view, leaving article below it to scroll to.
    b.js(&format!("window.scrollTo(0, {FRAME}.getBoundingClientRect().top + scrollY - 40); return 0;")).await;
    let kaz = "document.querySelector('path[data-iso3=\"KAZ\"]')";
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    while in_frame(&b, &format!("return !!{kaz};")).await != json!(true) {
        assert!(std::time::Instant::now() < deadline, "the embedded map never drew");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (x, y) = map_point(&b).await;
    let y0 = b.js("return scrollY;").await.as_f64().unwrap();
    let width = format!("return {kaz}.getBoundingClientRect().width;");
    let before = in_frame(&b, &width).await.as_f64().unwrap();

    let plain =
        WheelActions::new("wheel".into()).then(WheelAction::Scroll { duration: None, x, y, delta_x: 0, delta_y: 300 });
    b.c.perform_actions(plain).await.unwrap();
    b.wait_js(&format!("scrollY > {y0} + 50 ? scrollY : 0")).await;
    let after_plain = in_frame(&b, &width).await.as_f64().unwrap();
    assert!((after_plain - before).abs() < 0.5, "a plain wheel zoomed the embed: {before} -> {after_plain}");

    // Ctrl + wheel over the map (back in view) zooms it, and does not scroll the article.
    b.js(&format!("window.scrollTo(0, {FRAME}.getBoundingClientRect().top + scrollY - 40); return 0;")).await;
    let y1 = b.js("return scrollY;").await.as_f64().unwrap();
    let (x, y) = map_point(&b).await;
    const CONTROL: char = '\u{E009}';
    let keys = KeyActions::new("kb".into())
        .then(KeyAction::Down { value: CONTROL })
        .then(KeyAction::Pause { duration: Duration::ZERO })
        .then(KeyAction::Up { value: CONTROL });
    let wheel = WheelActions::new("wheel2".into())
        .then(WheelAction::Pause { duration: Duration::ZERO })
        .then(WheelAction::Scroll { duration: None, x, y, delta_x: 0, delta_y: -400 })
        .then(WheelAction::Pause { duration: Duration::ZERO });
    b.c.perform_actions(Actions::from(keys).and(wheel)).await.unwrap();
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    loop {
        let w = in_frame(&b, &width).await.as_f64().unwrap();
        if w > before * 1.5 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "Ctrl + wheel did not zoom: {before} -> {w}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let y2 = b.js("return scrollY;").await.as_f64().unwrap();
    assert!((y2 - y1).abs() < 1.0, "Ctrl + wheel also scrolled the article: {y1} -> {y2}");
}

/// The centre of the embedded map on screen, from the frame's and the map's boxes.
async fn map_point(b: &Browser) -> (i64, i64) {
    let map = in_frame(
        b,
        "const r = document.querySelector('.map').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];",
    )
    .await;
    let frame = b.js(&format!("const r = {FRAME}.getBoundingClientRect(); return [r.left, r.top];")).await;
    let at = |i: usize| (frame[i].as_f64().unwrap() + map[i].as_f64().unwrap()).round() as i64;
    (at(0), at(1))
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
