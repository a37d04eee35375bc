//! The map maker (`dist/author/`), as a journalist uses it: a sheet with good
//! and bad rows set through the file picker, the rejected rows, the zip
//! unzipped and served by `python3 -m http.server`, and the fragment link.

use crate::support::{Browser, server};
use base64::Engine;
use fantoccini::Locator;
use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Places as Russian Excel writes them: semicolons, decimal commas, a BOM,
/// Cyrillic headers. Rows 4 and 5 are bad; row 6 has lat and lon swapped.
const PLACES: &str = "\u{feff}Название;Широта;Долгота;Страна;Полезное ископаемое;Статус;Компания;Источник\r\n\
Мурунтау;41,5;64,57;Узбекистан;Золото;действующий;NMMC;https://example.org/muruntau\r\n\
Kumtor;41,86;78,2;Kyrgyzstan;Au;operating;Centerra;https://example.org/kumtor\r\n\
Nowhere;abc;70;Kazakhstan;Cu;operating;X;https://example.org/x\r\n\
Gasfield;45;70;Kazakhstan;gas;operating;X;https://example.org/y\r\n\
Aktogay;79,98;46,95;Kazakhstan;Cu;operating;KAZ Minerals;https://example.org/aktogay\r\n";

/// Investments, comma separated; row 4 names an unknown investor.
const INVESTMENTS: &str = "investor,destination,amount_usd,year,status,source_url\n\
China,Kazakhstan,1500000000,2021,committed,https://example.org/a\n\
Китай,Кыргызстан,300 млн,2022,realized,https://example.org/b\n\
Mars,KAZ,5,2020,realized,https://example.org/c\n";

const TITLE: &str = "Who digs where";

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("atlas-author-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

async fn pick_file(b: &Browser, dir: &std::path::Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write sheet");
    let input = b.wait_css("input[data-author-file]").await;
    input.send_keys(&path.display().to_string()).await.expect("set the file input");
}

/// Open the map maker, its basemap drawn.
async fn open_author(b: &Browser) {
    b.c.goto(&format!("{}/author/index.html", server())).await.expect("goto");
    b.wait_css("path[data-iso3='KAZ']").await;
}

/// Open the map maker and give it both sheets and a title.
async fn author_with_data(b: &Browser, dir: &std::path::Path) {
    open_author(b).await;
    pick_file(b, dir, "places.csv", PLACES).await;
    b.wait_css("[data-deposit-id='muruntau']").await;
    pick_file(b, dir, "investments.csv", INVESTMENTS).await;
    b.wait_css("[data-flow='china-KAZ']").await;
    let title = b.wait_css("input[data-label='title']").await;
    title.send_keys(TITLE).await.expect("type the title");
    b.wait_js(&format!("document.querySelector('[data-preview-title]').textContent === {TITLE:?}")).await;
}

/// The text of the rejected-rows CSV the page offers for download.
async fn rejected_csv(b: &Browser) -> String {
    b.js("window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (x) { window.__blobs.push(x); return o.call(URL, x); }; return 0;").await;
    b.wait_css("button[data-action='download-rejected']").await.click().await.unwrap();
    b.wait_js("window.__blobs.length > 0").await;
    let csv =
        b.c.execute_async("const done = arguments[0]; window.__blobs[0].text().then(done);", vec![]).await.unwrap();
    csv.as_str().unwrap().to_string()
}

async fn drawn_deposits(b: &Browser) -> BTreeSet<String> {
    b.attrs("[data-deposit-id]", "data-deposit-id").await.into_iter().collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn a_sheet_with_good_and_bad_rows_maps_the_good_ones_and_lists_the_bad_by_row_and_column() {
    let dir = temp_dir("rows");
    let b = Browser::new(1280, 800).await;
    author_with_data(&b, &dir).await;
    assert_eq!(drawn_deposits(&b).await, set(&["muruntau", "kumtor"]));
    let listed: Vec<(String, String, String)> = {
        let mut v = Vec::new();
        for e in b.c.find_all(Locator::Css("li.rejection")).await.unwrap() {
            let a = |n: &'static str| {
                let e = e.clone();
                async move { e.attr(n).await.unwrap().unwrap_or_default() }
            };
            v.push((a("data-table").await, a("data-row").await, a("data-column").await));
        }
        v
    };
    let want = [
        ("places", "4", "Широта"),
        ("places", "5", "Полезное ископаемое"),
        ("places", "6", "Широта, Долгота"),
        ("investments", "4", "investor"),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(listed, want);
    // The heading counts rows (three places, one investment), not problems.
    assert_eq!(b.attrs(".rejected h2", "data-rows-off").await, vec!["4".to_string()]);
    let text = b.texts("li.rejection").await.join("\n");
    assert!(text.contains("\"abc\" is not a number"), "{text}");
    assert!(text.contains("unknown commodity symbol \"gas\""), "{text}");
    assert!(text.contains("look swapped"), "{text}");
    b.screenshot("author-rows").await;

    // The list downloads as CSV.
    let csv = rejected_csv(&b).await;
    let csv = csv.as_str();
    assert!(csv.starts_with("table,row,column,reason\n"), "{csv}");
    assert!(csv.contains("places,row 5,Полезное ископаемое,"), "{csv}");
    assert!(csv.contains("investments,row 4,investor,"), "{csv}");

    // The offered fix puts the swapped row on the map.
    b.wait_css("li.rejection[data-row='6'] button[data-action='swap-row']").await.click().await.unwrap();
    b.wait_css("[data-deposit-id='aktogay']").await;
    assert_eq!(b.texts("li.rejection").await.len(), 3);

    // Nothing is lost on reload: the working copy is in local storage.
    b.c.refresh().await.unwrap();
    b.wait_css("[data-deposit-id='aktogay']").await;
    assert_eq!(drawn_deposits(&b).await, set(&["muruntau", "kumtor", "aktogay"]));
    let title = b.wait_css("input[data-label='title']").await.prop("value").await.unwrap();
    assert_eq!(title.as_deref(), Some(TITLE));
    // Until it is cleared.
    b.wait_css("button[data-action='clear']").await.click().await.unwrap();
    b.wait_gone("[data-deposit-id]").await;
    b.c.refresh().await.unwrap();
    b.wait_css("path[data-iso3='KAZ']").await;
    assert!(drawn_deposits(&b).await.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_sheet_of_places_alone_names_no_investor_and_investments_name_only_their_own() {
    let dir = temp_dir("no-flows");
    let b = Browser::new(1280, 800).await;
    open_author(&b).await;
    pick_file(&b, &dir, "places.csv", PLACES).await;
    b.wait_css("[data-deposit-id='muruntau']").await;
    // No origin badges, no investor or arrow key, and the summary counts deposits only.
    assert!(b.attrs("[data-origin]", "data-origin").await.is_empty());
    assert_eq!(b.js("return document.querySelectorAll('.compact-legend .key-row[hidden]').length;").await, 2);
    let summary = b.js("return document.querySelector('#map-summary').textContent;").await;
    let summary = summary.as_str().unwrap();
    assert!(!summary.contains("investor"), "{summary}");
    // With the investments sheet: China's badge, and no other investor's.
    pick_file(&b, &dir, "investments.csv", INVESTMENTS).await;
    b.wait_css("[data-flow='china-KAZ']").await;
    assert_eq!(b.attrs("[data-origin]", "data-origin").await, vec!["china".to_string()]);
    assert_eq!(b.js("return document.querySelectorAll('.compact-legend .key-row[hidden]').length;").await, 0);
    let summary = b.js("return document.querySelector('#map-summary').textContent;").await;
    let summary = summary.as_str().unwrap();
    assert!(summary.contains("1 investor;"), "{summary}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A `python3 -m http.server` on a free loopback port; stopped on drop.
struct PyServer(std::process::Child, String);

impl Drop for PyServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn py_serve(dir: &std::path::Path) -> PyServer {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = std::process::Command::new("python3")
        .args(["-m", "http.server", &port.to_string(), "--bind", "127.0.0.1", "--directory"])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 -m http.server");
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "python3 -m http.server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    PyServer(child, format!("http://127.0.0.1:{port}"))
}

/// Click "Download map", catch the zip, and unzip it with Python's zipfile
/// (another implementation than the one that wrote it) into `dir/site`.
async fn download_and_unzip(b: &Browser, dir: &std::path::Path) -> PathBuf {
    b.js("window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (x) { window.__blobs.push(x); return o.call(URL, x); }; return 0;").await;
    b.wait_css("button[data-action='download-map']").await.click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while b.js("return window.__blobs.some(x => x.type === 'application/zip');").await != Value::Bool(true) {
        assert!(Instant::now() < deadline, "no zip after 60 s: {:?}", b.texts("[data-publish-status]").await);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let b64 =
        b.c.execute_async(
            r#"const done = arguments[0];
            const r = new FileReader();
            r.onload = () => done(r.result.split(',')[1]);
            r.readAsDataURL(window.__blobs.find(x => x.type === 'application/zip'));"#,
            vec![],
        )
        .await
        .unwrap();
    let zip = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap();
    std::fs::write(dir.join("map.zip"), &zip).unwrap();
    // Unzipped by another implementation than the one that wrote it.
    let out = dir.join("site");
    let st = std::process::Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(dir.join("map.zip"))
        .arg(&out)
        .status()
        .expect("python3 -m zipfile");
    assert!(st.success(), "python's zipfile could not extract the zip");
    assert!(out.join("map/index.html").is_file());
    out
}

#[tokio::test]
async fn the_downloaded_zip_unzipped_and_served_shows_the_journalists_map() {
    let dir = temp_dir("zip");
    let b = Browser::new(1280, 800).await;
    author_with_data(&b, &dir).await;
    // The atlas's capitals and inset are under the journalist's data, credited.
    b.wait_css("[data-place] circle").await;
    let credit = b.texts("[data-preview-attribution]").await.join(" ");
    assert!(credit.contains("GeoNames"), "{credit}");
    let out = download_and_unzip(&b, &dir).await;
    let region: Value = serde_json::from_slice(&std::fs::read(out.join("map/data/region.json")).unwrap()).unwrap();
    assert_eq!(region["title"]["en"], TITLE);

    let srv = py_serve(&out.join("map")).await;
    let reader = Browser::new(1280, 800).await;
    reader.c.goto(&format!("{}/", srv.1)).await.unwrap();
    reader.wait_css("[data-deposit-id='muruntau']").await;
    assert_eq!(drawn_deposits(&reader).await, set(&["muruntau", "kumtor"]));
    reader.wait_css("[data-flow='china-KAZ']").await;
    let flows: BTreeSet<String> = reader.attrs("[data-flow]", "data-flow").await.into_iter().collect();
    assert_eq!(flows, set(&["china-KAZ", "china-KGZ"]));
    assert_eq!(reader.wait_css(".header h1").await.text().await.unwrap(), TITLE);
    assert!(reader.c.find_all(Locator::Css(".problems")).await.unwrap().is_empty(), "the site shows data errors");
    // The context layers came along: the capitals with their labels, the inset, the credit.
    let labels = reader.wait_css(".place-labels").await.text().await.unwrap();
    assert!(labels.contains("Astana"), "{labels}");
    reader.wait_css(".inset .inset-land").await;
    let manifest_layers = &region["layers"];
    for l in ["places", "rivers", "world"] {
        let f = manifest_layers[l].as_str().unwrap_or_else(|| panic!("the manifest names no {l} layer"));
        assert!(out.join("map/data").join(f).is_file(), "{f} is not in the zip");
    }
    let credit = reader.wait_css(".credit").await.text().await.unwrap();
    assert!(credit.contains("GeoNames"), "{credit}");
    reader.screenshot("author-zip-served").await;
    drop(srv);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_fragment_link_opens_the_main_app_on_the_journalists_map() {
    let dir = temp_dir("link");
    let b = Browser::new(1280, 800).await;
    author_with_data(&b, &dir).await;
    let link = b.wait_css("input[data-permalink]").await.prop("value").await.unwrap().unwrap();
    assert!(link.starts_with(&format!("{}/", server())), "{link}");
    assert!(link.contains("#map="), "{link}");
    let amounts: BTreeSet<String> = b.attrs("[data-flow]", "data-amount").await.into_iter().collect();

    let reader = Browser::new(1280, 800).await;
    reader.c.goto(&link).await.unwrap();
    reader.wait_css("[data-deposit-id='muruntau']").await;
    assert_eq!(drawn_deposits(&reader).await, set(&["muruntau", "kumtor"]));
    let got: BTreeSet<String> = reader.attrs("[data-flow]", "data-amount").await.into_iter().collect();
    assert_eq!(got, amounts, "the arrows carry the same sums");
    assert_eq!(reader.wait_css(".header h1").await.text().await.unwrap(), TITLE);
    // The permanent line the atlas shows for data that is not its own.
    let origin = reader.wait_css("[data-data-from]").await.text().await.unwrap();
    assert_eq!(origin, "Data from this link");
    // The link survives the app rewriting its query string.
    reader.wait_css("[data-deposit-id='kumtor'] .marker").await.click().await.unwrap();
    reader.wait_js("location.search.includes('sel=') && location.hash.startsWith('#map=')").await;
    reader.screenshot("author-link").await;

    // The embed code is the same link in embed mode, with the sizing script:
    // opened, it is the journalist's map as a compact embed.
    let code = b.wait_css("textarea[data-author-embed]").await.prop("value").await.unwrap().unwrap();
    let fragment = &link[link.find('#').unwrap()..];
    assert!(code.contains(fragment) && code.contains("embed=1"), "{code}");
    assert!(code.contains(&format!("<script src=\"{}/embed.js\" async></script>", server())), "{code}");
    assert!(code.contains(&format!("title=\"{TITLE}\"")), "{code}");
    let src = code.split("src=\"").nth(1).unwrap().split('"').next().unwrap().replace("&amp;", "&");
    reader.c.goto(&src).await.unwrap();
    reader.c.refresh().await.unwrap();
    reader.wait_css(".app.embed [data-deposit-id='kumtor']").await;
    assert_eq!(drawn_deposits(&reader).await, set(&["muruntau", "kumtor"]));
    assert_eq!(reader.wait_css(".header h1").await.text().await.unwrap(), TITLE);

    // A link cut short is named, and the default map shows instead.
    let cut = &link[..link.len() - 40];
    reader.c.goto(cut).await.unwrap();
    reader.c.refresh().await.unwrap();
    let problems = reader.wait_css(".problems").await.text().await.unwrap();
    assert!(problems.contains("map link"), "{problems}");
    reader.wait_css("[data-deposit-id='muruntau']").await;
    assert!(drawn_deposits(&reader).await.len() > 10, "the bundled atlas");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn images_come_at_the_chosen_sizes_with_the_credit_and_source_line() {
    let dir = temp_dir("images");
    let b = Browser::new(1280, 800).await;
    author_with_data(&b, &dir).await;
    b.wait_css("input[data-label='credit']").await.send_keys("Map: A. Journalist").await.unwrap();
    b.wait_css("input[data-label='source']").await.send_keys("Source: company reports").await.unwrap();
    b.wait_js("document.querySelector('[data-preview-credit]').textContent.includes('company reports')").await;
    b.js("window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (x) { window.__blobs.push(x); return o.call(URL, x); }; return 0;").await;
    for (action, want) in [("export-social", [1200.0, 675.0]), ("export-print", [2000.0, 0.0])] {
        b.js("window.__blobs.length = 0; return 0;").await;
        b.wait_css(&format!("button[data-action='{action}']")).await.click().await.unwrap();
        b.wait_js("window.__blobs.some(x => x.type === 'image/png')").await;
        let r = b
            .c
            .execute_async(
                r#"const done = arguments[0];
                const png = window.__blobs.find(x => x.type === 'image/png');
                const svg = window.__blobs.find(x => x.type.startsWith('image/svg+xml'));
                Promise.all([createImageBitmap(png), svg.text()]).then(([i, t]) => {
                  const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
                  done([i.width, i.height, doc.getElementsByTagName('parsererror').length, doc.documentElement.textContent,
                        doc.querySelectorAll('[data-deposit-id]').length]);
                });"#,
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(r[0].as_f64().unwrap(), want[0], "{action} width");
        if want[1] > 0.0 {
            assert_eq!(r[1].as_f64().unwrap(), want[1], "{action} height");
        }
        assert_eq!(r[2], 0, "{action}: the SVG parses");
        let text = r[3].as_str().unwrap();
        assert!(text.contains(TITLE), "{action}: {text}");
        assert!(text.contains("Map: A. Journalist · Source: company reports"), "{action}: {text}");
        assert_eq!(r[4], 2, "{action}: both good places are drawn");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_paste_from_a_spreadsheet_and_a_dropped_geojson_both_reach_the_map() {
    let b = Browser::new(1280, 800).await;
    open_author(&b).await;
    // No verdict on rows before there are any.
    assert!(b.c.find_all(Locator::Css("[data-rejected-count]")).await.unwrap().is_empty());
    // A paste from a spreadsheet is tab separated; x/y are lon/lat.
    let tsv = "name\tx\ty\tcountry\tcommodity\tstatus\toperator\tsource\n\
               Kumtor\t78.2\t41.86\tKGZ\tAu\toperating\tCenterra\thttps://example.org/k\n";
    b.c.execute(
        "const t = document.querySelector('[data-author-paste]'); t.value = arguments[0]; \
         t.dispatchEvent(new Event('input', {bubbles: true})); return 0;",
        vec![Value::String(tsv.into())],
    )
    .await
    .unwrap();
    b.wait_css("button[data-action='use-paste']").await.click().await.unwrap();
    b.wait_css("[data-deposit-id='kumtor']").await;
    // One place: the count is singular.
    assert_eq!(b.wait_css(".in-view").await.text().await.unwrap(), "1 deposit in view");
    // A GeoJSON file dropped on the zone replaces the places table.
    let gj = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "geometry":{"type":"Point","coordinates":[64.57,41.5]},
        "properties":{"name":"Muruntau","country":"UZB","commodity":"Au","status":"operating",
                      "operator":"NMMC","source_url":"https://example.org/m"}}]}"#;
    b.c.execute(
        "const dt = new DataTransfer(); dt.items.add(new File([arguments[0]], 'places.geojson')); \
         document.querySelector('[data-drop-zone]').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); return 0;",
        vec![Value::String(gj.into())],
    )
    .await
    .unwrap();
    b.wait_css("[data-deposit-id='muruntau']").await;
    b.wait_gone("[data-deposit-id='kumtor']").await;
    assert_eq!(
        b.wait_css("[data-rejected-count]").await.attr("data-rejected-count").await.unwrap().as_deref(),
        Some("0")
    );
}

/// The `v=` (lon, lat, zoom) of a URL or query, as numbers.
fn view_of(url: &str) -> Option<[f64; 3]> {
    let q = url.split('#').next()?.split_once('?')?.1;
    let v = q.split('&').find_map(|p| p.strip_prefix("v="))?;
    let n: Vec<f64> = v.split("%2C").flat_map(|x| x.split(',')).filter_map(|x| x.parse().ok()).collect();
    (n.len() == 3).then(|| [n[0], n[1], n[2]])
}

fn same_view(a: [f64; 3], b: [f64; 3]) -> bool {
    (a[0] - b[0]).abs() < 0.01 && (a[1] - b[1]).abs() < 0.01 && (a[2] - b[2]).abs() < 0.02
}

#[tokio::test]
async fn the_zip_and_the_link_open_at_the_view_the_journalist_zoomed_to() {
    let dir = temp_dir("view");
    let b = Browser::new(1280, 800).await;
    author_with_data(&b, &dir).await;
    // Zoom the preview in twice and drag it.
    for _ in 0..2 {
        b.wait_css(".author-preview .zoom-in").await.click().await.unwrap();
    }
    b.frames().await;
    let (x, y) = b.in_map(0.45, 0.8).await;
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo { duration: None, x, y })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(150)), x: x + 80.0, y: y - 40.0 })
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(150)), x: x + 160.0, y: y - 80.0 })
        .then(PointerAction::Up { button: 0 });
    b.c.perform_actions(drag).await.unwrap();
    b.wait_js("document.querySelector('input[data-permalink]').value.includes('v=')").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let link = b.wait_css("input[data-permalink]").await.prop("value").await.unwrap().unwrap();
    let seen = view_of(&link).unwrap_or_else(|| panic!("no v= in {link}"));
    assert!(seen[2] > 1.5, "the preview was zoomed in: {seen:?}");

    let out = download_and_unzip(&b, &dir).await;
    let srv = py_serve(&out.join("map")).await;
    let reader = Browser::new(1280, 800).await;
    reader.c.goto(&format!("{}/", srv.1)).await.unwrap();
    reader.wait_css("[data-deposit-id='muruntau']").await;
    let served = reader.wait_js("location.search.includes('v=') && location.href").await;
    let served = view_of(served.as_str().unwrap()).unwrap();
    assert!(same_view(served, seen), "served {served:?}, preview {seen:?}");
    assert!(reader.c.find_all(Locator::Css(".problems")).await.unwrap().is_empty(), "the site shows URL errors");
    reader.screenshot("author-zip-view").await;
    drop(srv);

    // The link, too.
    reader.c.goto(&link).await.unwrap();
    reader.wait_css("[data-deposit-id='muruntau']").await;
    let opened = reader.wait_js("location.search.includes('v=') && location.href").await;
    let opened = view_of(opened.as_str().unwrap()).unwrap();
    assert!(same_view(opened, seen), "link {opened:?}, preview {seen:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_page_in_russian_names_a_rejected_row_and_its_reason_in_russian_and_keeps_the_choice() {
    let dir = temp_dir("ru");
    let b = Browser::new(1280, 800).await;
    open_author(&b).await;
    b.wait_css("button[data-lang='ru']").await.click().await.unwrap();
    pick_file(&b, &dir, "places.csv", PLACES).await;
    b.wait_css("[data-deposit-id='muruntau']").await;
    async fn check(b: &Browser) {
        {
            assert_eq!(b.wait_css(".author-panel h1").await.text().await.unwrap(), "Сделайте свою карту");
            assert_eq!(b.js("return document.documentElement.lang;").await, "ru");
            let row = b.wait_css("li.rejection[data-row='4']").await.text().await.unwrap();
            assert!(row.starts_with("Строка 4 · Широта"), "{row}");
            assert!(row.contains("\"abc\" — не число"), "{row}");
            let gas = b.wait_css("li.rejection[data-row='5'] [data-reason]").await.text().await.unwrap();
            assert!(gas.starts_with("неизвестное обозначение сырья \"gas\""), "{gas}");
            let publish = b.wait_css("button[data-action='download-map']").await.text().await.unwrap();
            assert_eq!(publish, "Скачать карту");
            // The preview's own controls follow.
            let zoom = b.wait_css(".author-preview .zoom-in").await.attr("aria-label").await.unwrap();
            assert_eq!(zoom.as_deref(), Some("Приблизить"));
            // Two places mapped: the Russian plural for 2–4.
            assert_eq!(b.wait_css(".in-view").await.text().await.unwrap(), "2 месторождения в видимой области");
        }
    }
    check(&b).await;
    let csv = rejected_csv(&b).await;
    let csv = csv.as_str();
    assert!(csv.starts_with("таблица,строка,столбец,причина\n"), "{csv}");
    assert!(csv.contains("места,строка 4,Широта,\"\"\"abc\"\" — не число\""), "{csv}");
    b.screenshot("author-ru").await;
    // The choice is kept with the working copy.
    b.c.refresh().await.unwrap();
    b.wait_css("[data-deposit-id='muruntau']").await;
    check(&b).await;
    // And English comes back.
    b.wait_css("button[data-lang='en']").await.click().await.unwrap();
    b.wait_js("document.querySelector('.author-panel h1').textContent === 'Make your own map'").await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The `#map=` document of a link, inflated in the page (`DecompressionStream`).
async fn link_doc(b: &Browser, link: &str) -> Value {
    b.c.execute_async(
        r#"const [link, done] = arguments;
        const data = link.split('#map=')[1].split('&')[0].replace(/-/g, '+').replace(/_/g, '/');
        const bytes = Uint8Array.from(atob(data + '==='.slice((data.length + 3) % 4)), c => c.charCodeAt(0));
        new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).json().then(done);"#,
        vec![Value::String(link.into())],
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn a_note_pinned_to_a_place_and_one_to_a_point_survive_a_reload_and_ride_in_the_link() {
    let dir = temp_dir("notes");
    let b = Browser::new(1280, 800).await;
    author_with_data(&b, &dir).await;
    // A note on Kumtor.
    b.wait_css("button[data-action='add-note']").await.click().await.unwrap();
    let first = "li.note[data-note='0']";
    b.wait_css(&format!("{first} select[data-note-deposit] option[value='kumtor']")).await.click().await.unwrap();
    b.wait_css(&format!("{first} textarea[data-note-text]")).await.send_keys("Gold since 1997").await.unwrap();
    // A note on a point.
    b.wait_css("button[data-action='add-note']").await.click().await.unwrap();
    let second = "li.note[data-note='1']";
    b.wait_css(&format!("{second} select[data-note-pin] option[value='point']")).await.click().await.unwrap();
    b.wait_css(&format!("{second} textarea[data-note-text]")).await.send_keys("Lake Balkhash").await.unwrap();
    for (field, v) in [("lon", "74.5"), ("lat", "46.25")] {
        let input = b.wait_css(&format!("{second} input[data-note-{field}]")).await;
        input.clear().await.unwrap();
        input.send_keys(v).await.unwrap();
    }
    let want = serde_json::json!([
        {"text": "Gold since 1997", "deposit": "kumtor"},
        {"text": "Lake Balkhash", "lon": 74.5, "lat": 46.25}
    ]);
    let deadline = Instant::now() + crate::support::WAIT;
    loop {
        let link = b.wait_css("input[data-permalink]").await.prop("value").await.unwrap().unwrap();
        let doc = link_doc(&b, &link).await;
        if doc["annotations"] == want {
            break;
        }
        assert!(Instant::now() < deadline, "the link's document: {}", doc["annotations"]);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The preview draws both, as the link will.
    b.wait_js("document.querySelectorAll('.author-preview [data-annotation]').length === 2").await;
    let drawn = b.js("return [...document.querySelectorAll('.author-preview [data-annotation]')].map(n => n.textContent).join('|');").await;
    let drawn = drawn.as_str().unwrap().to_string();
    assert!(drawn.contains("Gold since 1997") && drawn.contains("Lake Balkhash"), "preview notes: {drawn}");
    b.js("document.querySelector('section.notes').scrollIntoView(); return 0;").await;
    b.screenshot("author-notes").await;
    // Reload: both notes are back, as typed.
    b.c.refresh().await.unwrap();
    b.wait_css("[data-deposit-id='kumtor']").await;
    let text = b.wait_css(&format!("{first} textarea[data-note-text]")).await.prop("value").await.unwrap();
    assert_eq!(text.as_deref(), Some("Gold since 1997"));
    b.wait_css(&format!("{first} select[data-note-deposit] option[value='kumtor']:checked")).await;
    let lon = b.wait_css(&format!("{second} input[data-note-lon]")).await.prop("value").await.unwrap();
    assert_eq!(lon.as_deref(), Some("74.5"));
    let link = b.wait_css("input[data-permalink]").await.prop("value").await.unwrap().unwrap();
    assert_eq!(link_doc(&b, &link).await["annotations"], want);
    // A note with no text is named and left out of the published map.
    b.js(&format!(
        "const t = document.querySelector(\"{first} textarea[data-note-text]\"); t.value = ''; \
         t.dispatchEvent(new Event('input', {{bubbles: true}})); return 0;"
    ))
    .await;
    b.wait_css(&format!("{first} [data-note-problem]")).await;
    b.wait_js("!document.querySelector('input[data-permalink]').value.includes('Gold')").await;
    b.wait_js("document.querySelectorAll('.author-preview [data-annotation]').length === 1").await;
    let _ = std::fs::remove_dir_all(&dir);
}
