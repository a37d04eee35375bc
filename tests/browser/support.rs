//! Test support: a static server for `dist/` on loopback, and a headless
//! Chromium (Debian's chromium + chromedriver) driven through WebDriver.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long a test waits for something it expects to happen (a map drawn, an
/// element gone, a condition true). Waits end as soon as it happens, so this
/// only bounds a failing test; it is generous because the suite runs on
/// shared 2-core machines under heavy load (two test threads, each with a
/// Chromium, beside other builds), where loading the wasm can take many seconds.
pub const WAIT: Duration = Duration::from_secs(60);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "geojson" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// How a test server differs from the plain one ([`server`]).
#[derive(Debug, Clone, Default)]
pub struct Serve {
    /// Send `Access-Control-Allow-Origin: *` (a data host other sites may read).
    pub cors: bool,
    /// A deployment whose bundled manifest allows this origin to supply data:
    /// `/data/region.json` gets `allowed_data_origins: [origin]` and the CSP in
    /// `index.html` lets the page connect to it, as `scripts/csp.mjs` would.
    pub allow_data_origin: Option<String>,
}

/// Start another server for `dist/` and the fixtures, on its own port (so
/// on its own origin), and return its base URL.
pub fn serve(opts: Serve) -> String {
    let dist = root().join("dist");
    assert!(dist.join("index.html").is_file(), "dist/ is missing: run `trunk build --release` (make build) first");
    let fixtures = root().join("tests/fixtures");
    let l = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}", l.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            let (d, f, o) = (dist.clone(), fixtures.clone(), opts.clone());
            std::thread::spawn(move || serve_with(s, &d, &f, &o));
        }
    });
    url
}

fn serve_with(mut s: TcpStream, dist: &Path, fixtures: &Path, opts: &Serve) {
    let mut line = String::new();
    let mut reader = BufReader::new(s.try_clone().expect("clone"));
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain headers.
    let mut h = String::new();
    while reader.read_line(&mut h).map(|n| n > 2).unwrap_or(false) {
        h.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file = if let Some(rest) = path.strip_prefix("/__fixtures/") {
        fixtures.join(rest)
    } else if path == "/" {
        dist.join("index.html")
    } else {
        dist.join(path.trim_start_matches('/'))
    };
    let ok = !path.contains("..") && file.is_file();
    let (status, mut body, ctype) = if ok {
        ("200 OK", std::fs::read(&file).unwrap_or_default(), content_type(&file))
    } else {
        ("404 Not Found", b"not found".to_vec(), "text/plain")
    };
    if let (Some(origin), true) = (&opts.allow_data_origin, ok) {
        if path == "/data/region.json" {
            let mut v: Value = serde_json::from_slice(&body).expect("bundled region.json");
            v["allowed_data_origins"] = json!([origin]);
            body = serde_json::to_vec(&v).expect("json");
        } else if ctype.starts_with("text/html") {
            let html =
                String::from_utf8_lossy(&body).replace("connect-src 'self'", &format!("connect-src 'self' {origin}"));
            body = html.into_bytes();
        }
    }
    let cors = if opts.cors { "Access-Control-Allow-Origin: *\r\n" } else { "" };
    let _ = write!(
        s,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{cors}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = s.write_all(&body);
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(dir) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Fail fast, and say why, when `dist/` was not built from the current
/// sources: its data differs from `public/data`, or a source file is newer.
fn check_dist_is_current(dist: &Path) {
    let stale = "dist/ is stale: run `trunk build --release` (make build) first";
    let public = root().join("public/data");
    // The build writes precompressed .gz/.br siblings next to each file (Trunk.toml).
    let precompressed = |f: &PathBuf| f.extension().is_some_and(|e| e == "gz" || e == "br");
    let got: Vec<PathBuf> = files_under(&dist.join("data")).into_iter().filter(|f| !precompressed(f)).collect();
    // The build ships public/data split (`atlas split`: the records' sources and notes in details.json).
    let split = std::env::temp_dir().join(format!("atlas-stale-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&split);
    for f in files_under(&public) {
        std::fs::create_dir_all(split.join(&f).parent().unwrap()).unwrap();
        std::fs::copy(public.join(&f), split.join(&f)).unwrap();
    }
    atlas::data::split::split_dir(&public, &split).expect("public/data splits");
    let want = files_under(&split);
    assert_eq!(want, got, "{stale}: dist/data and public/data (split) hold different files");
    for f in &want {
        let same = std::fs::read(split.join(f)).ok() == std::fs::read(dist.join("data").join(f)).ok();
        assert!(same, "{stale}: dist/data/{} differs from public/data/{}, split", f.display(), f.display());
    }
    let _ = std::fs::remove_dir_all(&split);
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let built = mtime(&dist.join("index.html")).expect("dist/index.html");
    for dir in ["src", "styles", "public"] {
        for f in files_under(&root().join(dir)) {
            let path = root().join(dir).join(&f);
            let newer = mtime(&path).is_some_and(|t| t > built);
            assert!(!newer, "{stale}: {dir}/{} is newer than the build", f.display());
        }
    }
    assert!(
        mtime(&root().join("index.html")).is_none_or(|t| t <= built),
        "{stale}: index.html is newer than the build"
    );
}

/// The base URL of `dist/`, served once per test process.
pub fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let dist = root().join("dist");
        assert!(dist.join("index.html").is_file(), "dist/ is missing: run `trunk build --release` (make build) first");
        check_dist_is_current(&dist);
        serve(Serve::default())
    })
}

/// A chromedriver process and a browser session; the driver is killed on drop.
pub struct Browser {
    pub c: Client,
    driver: Child,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Chromium outlives a killed chromedriver, so end the whole process
        // group (chromedriver was started as its leader).
        let pgid = self.driver.id() as i32;
        if pgid > 1 {
            // SAFETY: kill(2) with a negative pid signals exactly that process group.
            unsafe { libc::kill(-pgid, libc::SIGKILL) };
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Start chromedriver on a port it picks itself (`--port=0`), and read the
/// port back from its log: no window in which another test can take it.
fn start_driver(driver_bin: &str) -> (Child, u16) {
    let mut driver = Command::new(driver_bin)
        .arg("--port=0")
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e} (install chromium-driver)"));
    let out = driver.stdout.take().expect("chromedriver stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    // Keep draining the log so chromedriver never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(port) =
                line.split("on port ").nth(1).and_then(|p| p.trim_end_matches('.').trim().parse::<u16>().ok())
                && port != 0
                && let Some(tx) = tx.take()
            {
                let _ = tx.send(port);
            }
        }
    });
    let port = rx.recv_timeout(WAIT).unwrap_or_else(|_| panic!("{driver_bin} never said its port"));
    (driver, port)
}

impl Browser {
    pub async fn new(width: u32, height: u32) -> Browser {
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let (driver, port) = start_driver(&driver_bin);
        let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
        // A fresh profile per session: a reused one can be locked by a browser still closing.
        static SEQ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile = std::env::temp_dir().join(format!("atlas-chrome-{}-{seq}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let mut opts = json!({
            "binary": chrome,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                format!("--window-size={width},{height}"),
                format!("--user-data-dir={}", profile.display()),
            ]
        });
        // Headless windows have a minimum width; a phone is emulated instead.
        if width < 600 {
            opts["mobileEmulation"] =
                json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true } });
        }
        let caps = json!({ "goog:chromeOptions": opts });
        let caps = match caps {
            Value::Object(m) => m,
            _ => unreachable!(),
        };
        // Retry while chromedriver starts, or if Chromium itself fails to
        // start (the machine, not the atlas); assertions are never retried.
        let start = Instant::now();
        let c = loop {
            match ClientBuilder::rustls()
                .expect("tls")
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if start.elapsed() < Duration::from_secs(40) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("no WebDriver session: {e}"),
            }
        };
        Browser { c, driver, profile }
    }

    /// Open a page of the atlas (path plus query, e.g. "/?lang=ru") and wait for the map.
    pub async fn open(&self, path_and_query: &str) {
        self.c.goto(&format!("{}{}", server(), path_and_query)).await.expect("goto");
        self.wait_css("path[data-iso3='KAZ']").await;
        self.wait_css("[data-deposit-id]").await;
        // The pre-rendered picture carries the same hooks; the app's own map is
        // there once the app has removed it.
        self.wait_gone("#prerender").await;
    }

    pub async fn wait_css(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await {
                return e;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Wait until `css` matches nothing.
    pub async fn wait_gone(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.c.find_all(Locator::Css(css)).await.expect("find").is_empty() {
            assert!(Instant::now() < deadline, "{css} did not go away");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn js(&self, script: &str) -> Value {
        self.c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Poll a JS expression until it returns something truthy.
    pub async fn wait_js(&self, expr: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.js(&format!("return ({expr});")).await;
            let truthy = !matches!(v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for: {expr}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.c.find_all(Locator::Css(css)).await.expect("find_all") {
            out.push(e.text().await.expect("text"));
        }
        out
    }

    /// The attribute of every element matching `css`, read in one script:
    /// a snapshot of one moment, so a redraw between two reads cannot leave
    /// a stale element reference.
    pub async fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let v = self
            .c
            .execute(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]) ?? '');",
                vec![json!(css), json!(attr)],
            )
            .await
            .expect("attrs");
        v.as_array().expect("a list").iter().map(|x| x.as_str().unwrap_or_default().to_string()).collect()
    }

    /// Move the real (WebDriver) mouse to viewport coordinates.
    pub async fn mouse_to(&self, x: f64, y: f64) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let a = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(50)),
            x,
            y,
        });
        self.c.perform_actions(a).await.expect("mouse move");
    }

    pub async fn hover(&self, css: &str) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let el = self.wait_css(css).await;
        let a = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element: el,
            duration: Some(Duration::from_millis(50)),
            x: 0.0,
            y: 0.0,
        });
        self.c.perform_actions(a).await.expect("hover");
    }

    pub async fn key(&self, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let a = KeyActions::new("keys".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        self.c.perform_actions(a).await.expect("key");
    }

    /// Horizontal page overflow, in CSS pixels (0 when nothing overflows).
    pub async fn overflow_x(&self) -> f64 {
        self.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
            .await
            .as_f64()
            .unwrap_or(0.0)
    }

    /// A DevTools protocol command, through chromedriver's `goog/cdp/execute`.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.c.issue_cmd(Cdp { cmd: cmd.to_string(), params }).await.unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
    }

    /// `getBoundingClientRect()` of the first match: [left, top, width, height].
    pub async fn rect(&self, css: &str) -> [f64; 4] {
        self.wait_css(css).await;
        let v = self
            .js(&format!(
                "const r = document.querySelector({css:?}).getBoundingClientRect(); return [r.left, r.top, r.width, r.height];"
            ))
            .await;
        [0, 1, 2, 3].map(|i| v[i].as_f64().unwrap_or(f64::NAN))
    }

    /// A point in the map, as fractions of its box (0.5, 0.5 = the centre), in viewport pixels.
    pub async fn in_map(&self, fx: f64, fy: f64) -> (f64, f64) {
        let [l, t, w, h] = self.rect(".map").await;
        (l + w * fx, t + h * fy)
    }

    /// Wait until the page has painted two more frames (everything queued so far has run).
    pub async fn frames(&self) {
        self.c
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(0)));",
                vec![],
            )
            .await
            .expect("frames");
    }

    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.c.screenshot().await {
            let dir = root().join("target/screenshots");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }
}

/// A raw WebDriver command: `POST /session/{id}/goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

/// The shipped dataset, loaded natively with the same core the app uses.
pub fn dataset() -> atlas::data::Dataset {
    atlas::data::load::from_dir(&root().join("public/data")).expect("dataset")
}
