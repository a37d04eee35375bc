//! Fetching the region manifest and its layer files over HTTP. A file that
//! fails to load or parse is reported by name; the rest still loads.

use crate::data::{DataError, Dataset, RawFiles, Region, parse};
use gloo_net::http::Request;

pub const DEFAULT_MANIFEST: &str = "data/region.json";

async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = Request::get(url).send().await.map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    resp.text().await.map_err(|e| e.to_string())
}

/// Resolve `name` against the manifest URL's folder.
fn sibling(manifest: &str, name: &str) -> String {
    if name.contains("://") || name.starts_with('/') {
        return name.to_string();
    }
    match manifest.rfind('/') {
        Some(i) => format!("{}{}", &manifest[..=i], name),
        None => name.to_string(),
    }
}

pub async fn load(manifest_url: &str) -> Result<Dataset, DataError> {
    let (region, raw) = fetch(manifest_url).await?;
    Ok(Dataset::assemble(region, &raw))
}

/// The map a fragment permalink carries (`#map=…`), on the bundled basemap.
pub async fn load_fragment(hash: &str) -> Result<Dataset, DataError> {
    let doc = crate::author::MapDoc::from_fragment(hash).map_err(|e| DataError::file("map link", e.to_string()))?;
    let (region, raw) = fetch(DEFAULT_MANIFEST).await?;
    let (region, raw) = doc.apply(&region, raw);
    Ok(Dataset::assemble(region, &raw))
}

/// The manifest and the text of each layer file it names, not yet parsed.
pub async fn fetch(manifest_url: &str) -> Result<(Region, RawFiles), DataError> {
    let manifest_name = manifest_url.rsplit('/').next().unwrap_or(manifest_url).to_string();
    let text = fetch_text(manifest_url)
        .await
        .map_err(|e| DataError::file(&manifest_name, format!("could not be loaded from {manifest_url}: {e}")))?;
    let region = parse::region(&manifest_name, &text)?;
    let l = region.layers.clone();
    let get = |name: Option<String>| async move {
        match name {
            Some(n) => fetch_text(&sibling(manifest_url, &n)).await.ok(),
            None => None,
        }
    };
    // The browser fetches the layer files in parallel.
    let (countries, water, deposits, flows, headlines) = futures::join!(
        get(Some(l.countries.clone())),
        get(l.water.clone()),
        get(Some(l.deposits.clone())),
        get(Some(l.flows.clone())),
        get(l.headlines.clone()),
    );
    Ok((region, RawFiles { countries, water, deposits, flows, headlines }))
}
