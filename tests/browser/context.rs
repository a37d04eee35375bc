//! Context a reader orients by (issue 15): capitals and cities named in
//! English and Russian without overlapping any other label, a scale bar that
//! measures a known distance, and a locator inset that shows the frame.

use super::support::Browser;
use serde_json::Value;

/// Every map label's box in the top SVG's pixels, measured with getBBox and
/// carried through the label's own transform (river names are turned):
/// [text, x0, y0, x1, y1].
pub(super) const LABEL_BOXES: &str = r#"
const svg = document.querySelector('.map-svg.top');
return [...svg.querySelectorAll('.labels text, .context-labels text')]
  .filter(t => t.textContent.trim() !== '')
  .map(t => {
    const b = t.getBBox();
    const m = svg.getScreenCTM().inverse().multiply(t.getScreenCTM());
    const pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    const xs = pts.map(p => p.x), ys = pts.map(p => p.y);
    return [t.textContent, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
"#;

pub(super) fn boxes(v: &Value) -> Vec<(String, [f64; 4])> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|b| {
            let n = |i: usize| b[i].as_f64().unwrap();
            (b[0].as_str().unwrap().to_string(), [n(1), n(2), n(3), n(4)])
        })
        .collect()
}

/// Pairs of labels whose boxes overlap by more than half a pixel each way.
pub(super) fn overlapping(bs: &[(String, [f64; 4])]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, (ta, a)) in bs.iter().enumerate() {
        for (tb, b) in &bs[i + 1..] {
            let dx = a[2].min(b[2]) - a[0].max(b[0]);
            let dy = a[3].min(b[3]) - a[1].max(b[1]);
            if dx > 0.5 && dy > 0.5 {
                out.push((ta.clone(), tb.clone()));
            }
        }
    }
    out
}

#[tokio::test]
async fn at_the_default_view_the_five_capitals_are_named_in_english_and_russian_and_no_labels_overlap() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_css(".place-label").await;
    let names = b.texts(".place-label").await;
    for c in ["Astana", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat"] {
        assert!(names.iter().any(|n| n == c), "{c} not in {names:?}");
    }
    // Capitals are drawn distinctly: a ring with a dot, cities a plain dot.
    for c in ["astana", "tashkent", "bishkek", "dushanbe", "ashgabat"] {
        let class = b.attrs(&format!("[data-place='{c}']"), "class").await;
        assert!(class.first().is_some_and(|k| k.contains("capital")), "{c}: {class:?}");
        let circles = b.js(&format!("return document.querySelectorAll(\"[data-place='{c}'] circle\").length;")).await;
        assert_eq!(circles, 2, "{c}");
    }
    assert!(names.len() > 8, "larger cities are named too: {names:?}");
    assert!(
        b.js("return document.querySelectorAll('[data-place]:not(.capital) circle').length;").await.as_u64() > Some(0)
    );
    assert!(!b.attrs("path[data-river='syr-darya']", "d").await.is_empty(), "rivers are drawn");
    let en = boxes(&b.js(LABEL_BOXES).await);
    assert!(en.len() > 15, "{en:?}");
    assert!(overlapping(&en).is_empty(), "overlapping labels: {:?}", overlapping(&en));
    b.screenshot("context-1280").await;

    b.wait_css("button[data-lang='ru']").await.click().await.unwrap();
    b.wait_js("[...document.querySelectorAll('.place-label')].some(e => e.textContent === 'Бишкек')").await;
    let names = b.texts(".place-label").await;
    for c in ["Астана", "Ташкент", "Бишкек", "Душанбе", "Ашхабад"] {
        assert!(names.iter().any(|n| n == c), "{c} not in {names:?}");
    }
    let ru = boxes(&b.js(LABEL_BOXES).await);
    assert!(overlapping(&ru).is_empty(), "overlapping labels in Russian: {:?}", overlapping(&ru));
    assert!(b.texts(".scale-label").await.iter().any(|t| t.ends_with(" км")));
}

/// Great-circle distance (km) on the IUGG mean sphere, written here, not taken from the atlas.
fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (p1, p2) = (a[1].to_radians(), b[1].to_radians());
    let (dp, dl) = (p2 - p1, (b[0] - a[0]).to_radians());
    let s = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * s.sqrt().asin()
}

#[tokio::test]
async fn the_scale_bar_measures_almaty_to_bishkek_within_two_percent() {
    let b = Browser::new(1280, 800).await;
    // Centred between the two cities, zoomed in so both are marked apart.
    b.open("/?v=75.75,43.06,5").await;
    b.wait_css("[data-place='almaty']").await;
    b.wait_css("[data-place='bishkek']").await;
    let v = b
        .js(r#"
            const c = id => { const e = document.querySelector(`[data-place='${id}'] circle`); return [+e.getAttribute('cx'), +e.getAttribute('cy')]; };
            const bar = document.querySelector('.scale-bar');
            return [c('almaty'), c('bishkek'), +bar.dataset.scaleKm, bar.querySelector('path').getBBox().width];
        "#)
        .await;
    let p = |i: usize, j: usize| v[i][j].as_f64().unwrap();
    let px = (p(0, 0) - p(1, 0)).hypot(p(0, 1) - p(1, 1));
    let (km, bar_px) = (v[2].as_f64().unwrap(), v[3].as_f64().unwrap());
    assert!((100.0..=150.5).contains(&bar_px), "bar {bar_px} px");
    let measured = px * km / bar_px;
    let geodesic = haversine_km([76.9115, 43.2525], [74.59, 42.87]);
    assert!((geodesic - 195.0).abs() < 5.0);
    assert!((measured / geodesic - 1.0).abs() < 0.02, "{measured:.1} km on the map vs {geodesic:.1} km");
    // Zooming changes the bar to stay true.
    b.wait_css(".zoom-out").await.click().await.unwrap();
    b.wait_js(&format!("+document.querySelector('.scale-bar').dataset.scaleKm !== {km}")).await;
}

#[tokio::test]
async fn the_inset_shows_the_frame_and_the_investors_capitals_and_a_phone_hides_it() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_css(".inset").await;
    let v = b
        .js(r#"
            const inset = document.querySelector('.inset');
            const r = inset.querySelector('rect').getBBox();
            const f = inset.querySelector('[data-inset-frame]').getBBox();
            const land = inset.querySelector('.inset-land').getAttribute('d').length;
            const caps = [...inset.querySelectorAll('[data-inset-capital]')].map(c => c.dataset.insetCapital).sort();
            return [[r.width, r.height], [f.x, f.y, f.width, f.height], land, caps];
        "#)
        .await;
    let (w, h) = (v[0][0].as_f64().unwrap(), v[0][1].as_f64().unwrap());
    let f: Vec<f64> = (0..4).map(|i| v[1][i].as_f64().unwrap()).collect();
    assert!(w >= 100.0 && h >= 50.0, "{w}x{h}");
    assert!(f[0] > 0.0 && f[1] > 0.0 && f[0] + f[2] < w && f[1] + f[3] < h, "frame {f:?} inside {w}x{h}");
    assert!(f[2] > 5.0 && f[3] > 3.0, "the frame is visible: {f:?}");
    assert!(v[2].as_u64().unwrap() > 500, "land is drawn");
    assert_eq!(v[3], serde_json::json!(["china", "eu", "russia", "us"]));
    // The inset does not move with a pan (it sits outside the moving layers).
    assert!(b.js("return document.querySelector('.inset').closest('.layers') === null;").await.as_bool().unwrap());

    // A narrow phone hides it; the page still has the scale bar.
    let phone = Browser::new(390, 844).await;
    phone.open("/").await;
    phone.wait_css(".scale-bar").await;
    assert_eq!(phone.js("return document.querySelectorAll('.inset').length;").await, 0);
    phone.screenshot("context-390").await;
}

/// How far (px) a river's name sits from its own line: the centre of the
/// label's box to the nearest of 400 points along the river's path, both in
/// screen pixels.
const LABEL_TO_RIVER_PX: &str = r#"
const id = arguments[0];
const t = document.querySelector(`[data-river-label='${id}'] text`).getBoundingClientRect();
const c = [t.x + t.width / 2, t.y + t.height / 2];
const path = document.querySelector(`path[data-river='${id}']`);
const m = path.getScreenCTM(), len = path.getTotalLength();
let best = Infinity;
for (let i = 0; i <= 400; i++) {
  const p = path.getPointAtLength(len * i / 400).matrixTransform(m);
  best = Math.min(best, Math.hypot(p.x - c[0], p.y - c[1]));
}
return best;
"#;

async fn label_to_river_px(b: &Browser, id: &str) -> f64 {
    let v = b.c.execute(LABEL_TO_RIVER_PX, vec![Value::from(id)]).await.expect("script runs");
    v.as_f64().unwrap_or(f64::MAX)
}

#[tokio::test]
async fn the_ili_chu_and_zeravshan_are_drawn_and_named_beside_their_lines_once_zoomed_in() {
    let b = Browser::new(1280, 800).await;
    b.open("/").await;
    b.wait_css("path[data-river='zeravshan']").await;
    for id in ["ili", "chu", "zeravshan"] {
        let d = b.attrs(&format!("path[data-river='{id}']"), "d").await;
        let vertices = d.first().map_or(0, |d| atlas::scene::path::polyline_points(d).concat().len());
        assert!(vertices > 10, "{id} is drawn as a line, not a stub: {vertices} vertices");
    }
    // At the default zoom only major rivers (rank 1) may be named: the Chu and the
    // Zeravshan (rank 2) wait for a closer view.
    for id in ["chu", "zeravshan"] {
        let n = b.js(&format!("return document.querySelectorAll(\"[data-river-label='{id}']\").length;")).await;
        assert_eq!(n, 0, "{id} named at the default zoom");
    }

    // Zoomed in on the Balkhash basin: the Ili and the Chu are named, each beside its own line.
    b.open("/?v=76.5,44.6,3").await;
    b.wait_css("[data-river-label='chu']").await;
    b.wait_css("[data-river-label='ili']").await;
    assert_eq!(b.texts("[data-river-label='chu'] text").await, ["Chu"]);
    assert_eq!(b.texts("[data-river-label='ili'] text").await, ["Ili"]);
    for id in ["ili", "chu"] {
        let px = label_to_river_px(&b, id).await;
        assert!(px < 16.0, "{id}'s name is {px:.1} px from its line");
    }
    b.screenshot("rivers-ili-chu").await;
    b.wait_css("button[data-lang='ru']").await.click().await.unwrap();
    b.wait_js("document.querySelector(\"[data-river-label='chu'] text\")?.textContent === 'Чу'").await;
    b.wait_js("document.querySelector(\"[data-river-label='ili'] text\")?.textContent === 'Или'").await;
    // The credit line speaks Russian too (GeoNames' CC BY; the Ili, Chu and Zeravshan's source).
    let credit = b.wait_css(".footer .credit").await.text().await.unwrap();
    assert!(
        credit.contains("Населённые пункты: GeoNames (CC BY 4.0)")
            && credit.contains("Или, Чу, Зеравшан: GSHHG (WDB II)"),
        "{credit}"
    );

    // Zoomed in on Samarkand and Navoi: the Zeravshan.
    b.open("/?v=66.5,39.9,6&lang=ru").await;
    b.wait_js("document.querySelector(\"[data-river-label='zeravshan'] text\")?.textContent === 'Зеравшан'").await;
    let px = label_to_river_px(&b, "zeravshan").await;
    assert!(px < 16.0, "the Zeravshan's name is {px:.1} px from its line");
    b.screenshot("rivers-zeravshan").await;
}
