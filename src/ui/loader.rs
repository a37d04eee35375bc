//! Fetching the region manifest and its layer files over HTTP, under the
//! deployment's data policy (`data::trust`): `?data=` and every layer URL
//! must be http(s) and on the atlas's own origin or on an origin the
//! bundled manifest allows. A refused `?data=` is named and the default
//! map loads instead; a layer that fails to load is named with the reason
//! (HTTP status, an HTML page, refused) and the rest still loads.

use crate::data::details::Details;
use crate::data::trust::{DataPolicy, bounded};
use crate::data::{ContextFiles, DataError, Dataset, RawFiles, Region, parse};
use gloo_net::http::Request;
use leptos::prelude::window;
use wasm_bindgen::JsCast;

pub const DEFAULT_MANIFEST: &str = "data/region.json";

/// The outcome of [`load`].
pub struct Loaded {
    pub dataset: Result<Dataset, DataError>,
    /// Why `?data=` was not used, worded for the page (the default map loaded instead).
    pub refused: Option<String>,
    /// Whether the dataset is the one `?data=` asked for (false: the bundled default).
    pub from_param: bool,
}

fn resolve(url: &str, base: &str) -> Result<web_sys::Url, String> {
    web_sys::Url::new_with_base(url, base).map_err(|_| format!("\"{}\" is not a URL", bounded(url, 120)))
}

/// The text of `url`, or why not: the HTTP status, an HTML page served in
/// place of JSON (a 404 page, a login page), or a network error.
///
/// Read as bytes and decoded in Rust (as `Response.text()` would: invalid
/// UTF-8 becomes U+FFFD), not as a JS string: a 47 MB layer would
/// otherwise be decoded to UTF-16 by the browser and encoded back to UTF-8
/// when crossing into wasm.
async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = Request::get(url).send().await.map_err(|e| format!("could not be loaded from {url}: {e}"))?;
    if !resp.ok() {
        return Err(format!("could not be loaded from {url}: HTTP {} {}", resp.status(), resp.status_text()));
    }
    let html = resp.headers().get("content-type").is_some_and(|c| c.to_ascii_lowercase().contains("text/html"));
    if html {
        return Err(format!("got an HTML page, not JSON, from {url} (is the file name or its folder right?)"));
    }
    // The body copied once into a new Vec (`Uint8Array::to_vec`), not into
    // one zeroed first (gloo's `binary()`: a 47 MB memset).
    let read = web_sys::Response::from(resp).array_buffer().map(wasm_bindgen_futures::JsFuture::from);
    let body = match read {
        Ok(body) => body.await,
        Err(e) => Err(e),
    };
    let body = body.map_err(|e| {
        let why = e.dyn_ref::<js_sys::Error>().map(|e| format!("{}: {}", e.name(), e.message()));
        format!("could not be read from {url}: {}", why.unwrap_or_else(|| format!("{e:?}")))
    })?;
    let bytes = js_sys::Uint8Array::new(&body).to_vec();
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The file name at the end of a URL's path, for error messages.
fn file_name(url: &web_sys::Url) -> String {
    url.pathname().rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or("region.json").to_string()
}

/// A User Timing mark (`performance.mark`), so a profile or `make
/// bench-browser` can tell the load's phases apart: `atlas-load-start` (the
/// manifest and the layers are requested), `atlas-fetched` (their text is
/// here), `atlas-parsed` (parsed and validated: the dataset is ready).
fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Expose the wasm linear memory as `window.__atlasWasmMemory` (a
/// `WebAssembly.Memory`), for `make bench-browser`: the JS heap figure
/// leaves it out, and it holds every parsed record.
fn expose_memory() {
    let _ = js_sys::Reflect::set(&window(), &"__atlasWasmMemory".into(), &wasm_bindgen::memory());
}

/// Load the dataset `?data=` names (if the policy admits it) or the bundled default.
pub async fn load(data_param: Option<&str>) -> Loaded {
    expose_memory();
    let loc = window().location();
    let page = loc.href().unwrap_or_default();
    let own = loc.origin().unwrap_or_default();
    let default_url = match resolve(DEFAULT_MANIFEST, &page) {
        Ok(u) => u,
        Err(e) => {
            return Loaded { dataset: Err(DataError::file(DEFAULT_MANIFEST, e)), refused: None, from_param: false };
        }
    };
    // The deployment's allowlist lives in the bundled manifest, never in the loaded one.
    let bundled = fetch_text(&default_url.href()).await;
    let allowed = match bundled.as_deref().map(|t| parse::region("region.json", t)) {
        Ok(Ok(r)) => r.allowed_data_origins,
        _ => Vec::new(),
    };
    let policy = DataPolicy { own, allowed };

    let mut refused = None;
    if let Some(d) = data_param {
        let judged = resolve(d, &page).and_then(|u| policy.admits(&u.protocol(), &u.origin()).map(|()| u));
        match judged {
            Ok(u) if u.href() == default_url.href() => {}
            Ok(u) => {
                let host = u.host();
                match load_from(&u, None, &policy).await {
                    Ok(mut ds) => {
                        ds.data_from = Some(host);
                        return Loaded { dataset: Ok(ds), refused: None, from_param: true };
                    }
                    Err(e) => refused = Some(format!("URL parameter \"data\": {e}; showing the default map instead")),
                }
            }
            Err(e) => refused = Some(format!("URL parameter \"data\": {e}; showing the default map instead")),
        }
    }
    Loaded { dataset: load_from(&default_url, Some(bundled), &policy).await, refused, from_param: false }
}

/// Load the manifest at `manifest` (its text if already fetched) and its layers.
async fn load_from(
    manifest: &web_sys::Url,
    text: Option<Result<String, String>>,
    policy: &DataPolicy,
) -> Result<Dataset, DataError> {
    mark("atlas-load-start");
    let (region, raw, context, failures) = fetch_from(manifest, text, policy).await?;
    mark("atlas-fetched");
    let mut ds = Dataset::assemble_reporting(region, &raw, &failures).with_context(&context, &failures);
    drop((raw, context));
    details_url(&mut ds, manifest, policy);
    mark("atlas-parsed");
    Ok(ds)
}

/// Where the records' sources and notes are when the manifest names a
/// details file: resolved against the manifest and admitted by the same
/// policy as the layers (read later, by [`load_details`]). A refused URL is named.
fn details_url(ds: &mut Dataset, manifest: &web_sys::Url, policy: &DataPolicy) {
    let Some(file) = ds.region.layers.details.clone() else { return };
    let judged = resolve(&file, &manifest.href())
        .and_then(|u| policy.admits(&u.protocol(), &u.origin()).map(|()| u).map_err(|e| format!("refused: {e}")));
    match judged {
        Ok(u) => ds.details_url = Some(u.href()),
        Err(e) => ds.errors.push(DataError::file(&file, e)),
    }
}

/// The details file at `url` (named `file` in errors), read and parsed: a
/// file that cannot be loaded is named, and the map goes on without it.
pub async fn load_details(url: &str, file: &str) -> (Details, Vec<DataError>) {
    match fetch_text(url).await {
        Ok(t) if t.len() > crate::data::MAX_LAYER_BYTES => {
            (Details::default(), vec![crate::data::too_large(file, t.len())])
        }
        Ok(t) => Details::parse(file, &t),
        Err(e) => (Details::default(), vec![DataError::file(file, e)]),
    }
}

/// The bundled manifest (`manifest`, relative to the page) and the text of
/// its layer files, unparsed, from the atlas's own origin; with the layers
/// that failed to load.
pub async fn fetch(manifest: &str) -> Result<(Region, RawFiles, Vec<DataError>), DataError> {
    let (region, raw, _context, failures) = fetch_own(manifest).await?;
    Ok((region, raw, failures))
}

/// [`fetch`], with the context layers (places, rivers, inset land).
async fn fetch_own(manifest: &str) -> Result<(Region, RawFiles, ContextFiles, Vec<DataError>), DataError> {
    let loc = window().location();
    let url = resolve(manifest, &loc.href().unwrap_or_default()).map_err(|e| DataError::file(manifest, e))?;
    let policy = DataPolicy { own: loc.origin().unwrap_or_default(), allowed: Vec::new() };
    fetch_from(&url, None, &policy).await
}

/// The map a fragment permalink carries (`#map=…`), on the bundled basemap.
/// It is not the atlas's own data, so the page says "Data from this link".
pub async fn load_fragment(hash: &str) -> Result<Dataset, DataError> {
    let doc = crate::author::MapDoc::from_fragment(hash).map_err(|e| DataError::file("map link", e.to_string()))?;
    let (region, raw, context, failures) = fetch_own(DEFAULT_MANIFEST).await?;
    let (region, raw) = doc.apply(&region, raw);
    let mut ds = Dataset::assemble_reporting(region, &raw, &failures).with_context(&context, &failures);
    ds.data_from = Some("this link".into());
    Ok(ds)
}

async fn fetch_from(
    manifest: &web_sys::Url,
    text: Option<Result<String, String>>,
    policy: &DataPolicy,
) -> Result<(Region, RawFiles, ContextFiles, Vec<DataError>), DataError> {
    let name = file_name(manifest);
    let href = manifest.href();
    let text = match text {
        Some(t) => t,
        None => fetch_text(&href).await,
    };
    let region = parse::region(&name, &text.map_err(|e| DataError::file(&name, e))?)?;
    let l = region.layers.clone();
    let get = |file: Option<String>| {
        let href = href.clone();
        async move {
            let file = file?;
            let got = match resolve(&file, &href) {
                Ok(u) => match policy.admits(&u.protocol(), &u.origin()) {
                    Ok(()) => fetch_text(&u.href()).await,
                    Err(e) => Err(format!("refused: {e}")),
                },
                Err(e) => Err(e),
            };
            Some(got.map_err(|e| DataError::file(&file, e)))
        }
    };
    // The browser fetches the layer files in parallel.
    let (countries, water, deposits, flows, headlines, places, rivers, world) = futures::join!(
        get(Some(l.countries.clone())),
        get(l.water.clone()),
        get(Some(l.deposits.clone())),
        get(Some(l.flows.clone())),
        get(l.headlines.clone()),
        get(l.places.clone()),
        get(l.rivers.clone()),
        get(l.world.clone()),
    );
    let mut failures = Vec::new();
    let mut text = |r: Option<Result<String, DataError>>| match r {
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            failures.push(e);
            None
        }
        None => None,
    };
    let raw = RawFiles {
        countries: text(countries),
        water: text(water),
        deposits: text(deposits),
        flows: text(flows),
        headlines: text(headlines),
    };
    let context = ContextFiles { places: text(places), rivers: text(rivers), world: text(world) };
    Ok((region, raw, context, failures))
}
