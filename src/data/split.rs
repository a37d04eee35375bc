//! `atlas split SRC DEST`: the shipped copy of a dataset folder, with the
//! records' reader-facing text moved to a details file ([`super::details`]).
//!
//! The folder under `public/data` stays whole (one file per layer, every
//! record with its sources: what a newsroom edits and `atlas check`
//! validates). The build writes the split copy into `dist/data`: the deposit
//! and flow files without `sources`, `notes`, `precision_note`,
//! `amount_note` and `fx_note` (minified), `details.json` with them, keyed
//! by id, and the manifest naming it (`layers.details`). Reading the split
//! folder back ([`super::load::from_dir`]) gives the same dataset.

use serde_json::{Map, Value};
use std::path::Path;

/// The details file's name in a split folder.
pub const DETAILS_FILE: &str = "details.json";
pub const DEPOSIT_FIELDS: [&str; 3] = ["precision_note", "sources", "notes"];
pub const FLOW_FIELDS: [&str; 4] = ["sources", "notes", "amount_note", "fx_note"];

/// The split files' text: the manifest, the deposit and flow layers, the details.
#[derive(Debug, Clone)]
pub struct Split {
    pub region: String,
    pub deposits: String,
    pub flows: String,
    pub details: String,
}

fn read_json(name: &str, text: &str) -> Result<Value, String> {
    serde_json::from_str(super::parse::strip_bom(text)).map_err(|e| format!("{name}: not valid JSON: {e}"))
}

/// Move `fields` out of each feature's properties into `out[id]`. A feature
/// without a unique string id keeps its fields (the details are keyed by id).
fn take(name: &str, layer: &mut Value, fields: &[&str], out: &mut Map<String, Value>) -> Result<(), String> {
    let features = layer
        .get_mut("features")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| format!("{name}: not a FeatureCollection with a features list"))?;
    let id_of = |f: &Value| f.pointer("/properties/id").and_then(Value::as_str).map(str::to_string);
    let mut seen = std::collections::HashMap::new();
    for f in features.iter() {
        if let Some(id) = id_of(f) {
            *seen.entry(id).or_insert(0) += 1;
        }
    }
    for f in features.iter_mut() {
        let Some(id) = id_of(f).filter(|id| !id.is_empty() && seen[id] == 1) else { continue };
        let Some(props) = f.get_mut("properties").and_then(Value::as_object_mut) else { continue };
        let moved: Map<String, Value> =
            fields.iter().filter_map(|k| props.remove(*k).map(|v| (k.to_string(), v))).collect();
        if !moved.is_empty() {
            out.insert(id, Value::Object(moved));
        }
    }
    Ok(())
}

/// Split the text of a whole folder's manifest, deposit and flow layers.
pub fn split(region: &str, deposits: &str, flows: &str) -> Result<Split, String> {
    let mut manifest = read_json("region.json", region)?;
    let layers = manifest.get_mut("layers").and_then(Value::as_object_mut).ok_or("region.json: no layers object")?;
    if layers.contains_key("details") {
        return Err("region.json already names a details file: the folder is split".into());
    }
    layers.insert("details".into(), Value::String(DETAILS_FILE.into()));
    let (mut dep, mut flo) = (read_json("deposits", deposits)?, read_json("flows", flows)?);
    let (mut dep_details, mut flow_details) = (Map::new(), Map::new());
    take("deposits", &mut dep, &DEPOSIT_FIELDS, &mut dep_details)?;
    take("flows", &mut flo, &FLOW_FIELDS, &mut flow_details)?;
    let mut details = Map::new();
    details.insert("deposits".into(), Value::Object(dep_details));
    details.insert("flows".into(), Value::Object(flow_details));
    let text = |v: &Value| serde_json::to_string(v).map_err(|e| e.to_string());
    Ok(Split {
        region: serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n",
        deposits: text(&dep)?,
        flows: text(&flo)?,
        details: text(&Value::Object(details))?,
    })
}

/// Split the folder `src` into `dest`: writes the manifest, the deposit and
/// flow layers and the details file (the other layers are not touched: the
/// build has already copied them). `src` and `dest` may be the same folder.
pub fn split_dir(src: &Path, dest: &Path) -> Result<Split, String> {
    let read = |name: &str| std::fs::read_to_string(src.join(name)).map_err(|e| format!("{name}: {e}"));
    let region_text = read(super::load::MANIFEST)?;
    let region = super::parse::region(super::load::MANIFEST, &region_text).map_err(|e| e.to_string())?;
    let (dep_file, flow_file) = (region.layers.deposits.clone(), region.layers.flows.clone());
    let s = split(&region_text, &read(&dep_file)?, &read(&flow_file)?)?;
    std::fs::create_dir_all(dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    for (name, text) in [
        (super::load::MANIFEST, &s.region),
        (dep_file.as_str(), &s.deposits),
        (flow_file.as_str(), &s.flows),
        (DETAILS_FILE, &s.details),
    ] {
        std::fs::write(dest.join(name), text).map_err(|e| format!("{}: {e}", dest.join(name).display()))?;
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::from_dir;

    fn public() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")
    }

    /// A copy of public/data, split, in a fresh temporary folder.
    fn split_copy(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("atlas-split-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for e in std::fs::read_dir(public()).unwrap().flatten() {
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
        split_dir(&dir.clone(), &dir).unwrap();
        dir
    }

    #[test]
    fn a_split_folder_reads_back_as_the_whole_dataset() {
        let whole = from_dir(&public()).unwrap();
        let dir = split_copy("same");
        let split = from_dir(&dir).unwrap();
        assert!(split.errors.is_empty(), "{:?}", split.errors);
        assert_eq!(whole.errors, split.errors);
        assert_eq!(whole.deposits, split.deposits);
        assert_eq!(whole.flows, split.flows);
        assert!(whole.deposits.iter().all(|d| !d.sources.is_empty()));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_split_layers_carry_no_sources_or_notes_and_the_manifest_names_the_details() {
        let dir = split_copy("slim");
        let deposits = std::fs::read_to_string(dir.join("deposits.geojson")).unwrap();
        let flows = std::fs::read_to_string(dir.join("flows.geojson")).unwrap();
        for field in DEPOSIT_FIELDS {
            assert!(!deposits.contains(&format!("\"{field}\"")), "{field} left in the deposits");
        }
        for field in FLOW_FIELDS {
            assert!(!flows.contains(&format!("\"{field}\"")), "{field} left in the flows");
        }
        let region =
            crate::data::parse::region("region.json", &std::fs::read_to_string(dir.join("region.json")).unwrap());
        assert_eq!(region.unwrap().layers.details.as_deref(), Some(DETAILS_FILE));
        let whole = std::fs::read_to_string(public().join("deposits.geojson")).unwrap();
        assert!(deposits.len() * 3 < whole.len(), "{} vs {} bytes", deposits.len(), whole.len());
        assert!(split_dir(&dir, &dir).is_err(), "a split folder is not split again");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_record_the_details_file_leaves_out_is_named_and_the_rest_keeps_its_sources() {
        let dir = split_copy("gap");
        let text = std::fs::read_to_string(dir.join(DETAILS_FILE)).unwrap();
        let mut v: Value = serde_json::from_str(&text).unwrap();
        let deposits = v["deposits"].as_object_mut().unwrap();
        let gone = deposits.keys().next().unwrap().clone();
        deposits.remove(&gone);
        let first_flow = v["flows"].as_object_mut().unwrap().values_mut().next().unwrap();
        first_flow["sources"] = serde_json::json!([{"url": "ftp://x", "title": "t"}]);
        std::fs::write(dir.join(DETAILS_FILE), v.to_string()).unwrap();
        let ds = from_dir(&dir).unwrap();
        let msgs: Vec<String> = ds.errors.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.contains(&format!(
                "details.json, \"{gone}\", field \"sources\": missing: every deposit needs at least one source"
            )),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.contains("field \"sources[0].url\": must be an http(s) URL")), "{msgs:?}");
        let others = ds.deposits.iter().filter(|d| d.id != gone);
        assert!(others.clone().count() > 100 && others.clone().all(|d| !d.sources.is_empty()));
        let _ = std::fs::remove_dir_all(dir);
    }
}
