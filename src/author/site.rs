//! "Download map": the built atlas (its page, script, wasm and styles, as
//! served from the same origin) plus the journalist's `data/` folder, in one
//! zip that works unzipped on any static host.
//!
//! The zip container is written here (local headers, central directory,
//! CRC-32 from `crc32fast`, deflate from `miniz_oxide`): a writer is about
//! sixty lines, while the `zip` crate pulls in getrandom, zeroize, nix and
//! typed-path for features a static-site archive never needs.

use super::doc::MapDoc;
use crate::data::{RawFiles, Region};

/// Folder the site sits in inside the zip.
pub const FOLDER: &str = "map/";

/// The files the built page loads, as relative paths, read from the
/// `index.html` Trunk writes (`./atlas-web-<hash>.js`, `_bg.wasm`, `.css`, …),
/// plus `embed.js` for the embed code. Absolute and external URLs are left out.
pub fn app_files(index_html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Quoted values that start with "./" (Trunk's links and its loader
    // script), and href/src attributes. Text such as "Asia's" in the title
    // is not a quote to pair, so values are found by their opening only.
    let openers = ["\"./", "'./", "href=\"", "src=\"", "href='", "src='"];
    for opener in openers {
        let quote = if opener.contains('\'') { '\'' } else { '"' };
        let skip = if opener.ends_with("./") { 1 } else { opener.len() };
        for (i, _) in index_html.match_indices(opener) {
            let rest = &index_html[i + skip..];
            let Some(end) = rest.find(quote) else { continue };
            let v = &rest[..end];
            let path = v.strip_prefix("./").unwrap_or(v);
            let is_file = (v.starts_with("./") || looks_like_asset(v))
                && !path.is_empty()
                && !path.contains(':')
                && !path.starts_with('/')
                && !path.contains("..")
                && !path.ends_with('/')
                && !path.contains(['<', '>', ' ', '?', '#']);
            if is_file && !out.iter().any(|p| p == path) {
                out.push(path.to_string());
            }
        }
    }
    if !out.iter().any(|p| p == "embed.js") {
        out.push("embed.js".into());
    }
    out.sort();
    out
}

fn looks_like_asset(v: &str) -> bool {
    [".js", ".wasm", ".css", ".svg", ".ico", ".png", ".webmanifest"].iter().any(|e| v.ends_with(e))
}

/// The data files of the journalist's map: the manifest, their two layers,
/// and the basemap layers the manifest names, with the paths they go to.
pub fn data_files(doc: &MapDoc, base: &Region, basemap: &RawFiles) -> Vec<(String, Vec<u8>)> {
    let (region, raw) = doc.apply(base, basemap.clone());
    let l = &region.layers;
    let mut files = vec![("data/region.json".to_string(), serde_json::to_vec_pretty(&region).unwrap_or_default())];
    let layers = [
        (Some(&l.countries), &raw.countries),
        (l.water.as_ref(), &raw.water),
        (Some(&l.deposits), &raw.deposits),
        (Some(&l.flows), &raw.flows),
    ];
    for (name, text) in layers {
        if let (Some(n), Some(t)) = (name, text) {
            files.push((format!("data/{n}"), t.clone().into_bytes()));
        }
    }
    files
}

/// A zip archive of `files` (path, bytes), each deflated.
pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    fn u16le(v: &mut Vec<u8>, x: u16) {
        v.extend_from_slice(&x.to_le_bytes());
    }
    fn u32le(v: &mut Vec<u8>, x: u32) {
        v.extend_from_slice(&x.to_le_bytes());
    }
    // 1980-01-01 00:00, the zip epoch: the archive is the same for the same files.
    const DATE: u16 = (1 << 5) | 1;
    const UTF8: u16 = 1 << 11;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let crc = crc32fast::hash(data);
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let (method, body) = if packed.len() < data.len() { (8u16, &packed[..]) } else { (0u16, &data[..]) };
        let offset = out.len() as u32;
        let header = |v: &mut Vec<u8>| {
            u16le(v, 20); // version needed: 2.0
            u16le(v, UTF8);
            u16le(v, method);
            u16le(v, 0); // time
            u16le(v, DATE);
            u32le(v, crc);
            u32le(v, body.len() as u32);
            u32le(v, data.len() as u32);
            u16le(v, name.len() as u16);
            u16le(v, 0); // extra
        };
        u32le(&mut out, 0x0403_4b50);
        header(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);

        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20); // version made by
        header(&mut central);
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, files.len() as u16);
    u16le(&mut out, files.len() as u16);
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = r#"<!DOCTYPE html><html lang="en"><head>
<title>Central Asia's critical minerals</title>
<script type="module">
import init, * as bindings from './atlas-web-331473642aaa1b74.js';
const wasm = await init({ module_or_path: './atlas-web-331473642aaa1b74_bg.wasm' });
</script>
<link rel="stylesheet" href="./atlas-587b85c26df50ac6.css" integrity="sha384-x"/>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="modulepreload" href="./atlas-web-331473642aaa1b74.js" crossorigin="anonymous">
<link rel="preload" href="https://cdn.example/x.js">
</head><body><noscript>The data is in the <a href="data/">data folder</a>.</noscript></body></html>"#;

    #[test]
    fn the_built_page_names_its_script_wasm_and_styles() {
        assert_eq!(
            app_files(TRUNK_INDEX),
            [
                "atlas-587b85c26df50ac6.css",
                "atlas-web-331473642aaa1b74.js",
                "atlas-web-331473642aaa1b74_bg.wasm",
                "embed.js",
                "favicon.svg",
            ],
            "an apostrophe in the title does not hide the files after it"
        );
    }

    /// Read back a zip by its central directory, as unzip does.
    fn unzip(z: &[u8]) -> Vec<(String, Vec<u8>)> {
        let le16 = |i: usize| u16::from_le_bytes([z[i], z[i + 1]]) as usize;
        let le32 = |i: usize| u32::from_le_bytes([z[i], z[i + 1], z[i + 2], z[i + 3]]) as usize;
        let end = z.len() - 22;
        assert_eq!(le32(end), 0x0605_4b50);
        let (n, mut p) = (le16(end + 10), le32(end + 16));
        let mut out = Vec::new();
        for _ in 0..n {
            assert_eq!(le32(p), 0x0201_4b50);
            let (method, crc, csize, size, nlen, off) =
                (le16(p + 10), le32(p + 16), le32(p + 20), le32(p + 24), le16(p + 28), le32(p + 42));
            let name = String::from_utf8(z[p + 46..p + 46 + nlen].to_vec()).unwrap();
            assert_eq!(le32(off), 0x0403_4b50);
            let start = off + 30 + le16(off + 26) + le16(off + 28);
            let body = &z[start..start + csize];
            let data = if method == 8 { miniz_oxide::inflate::decompress_to_vec(body).unwrap() } else { body.to_vec() };
            assert_eq!(data.len(), size);
            assert_eq!(crc32fast::hash(&data) as usize, crc, "{name}");
            out.push((name, data));
            p += 46 + nlen;
        }
        out
    }

    #[test]
    fn the_zip_holds_every_file_byte_for_byte() {
        let files = vec![
            ("map/index.html".to_string(), TRUNK_INDEX.as_bytes().to_vec()),
            ("map/data/deposits.geojson".to_string(), "Актогай ".repeat(300).into_bytes()),
            ("map/x.bin".to_string(), vec![7]),
        ];
        let z = zip(&files);
        assert_eq!(unzip(&z), files);
        assert!(z.len() < 3000, "repetitive text is deflated: {} bytes", z.len());
        assert_eq!(zip(&files), z, "the same files give the same archive");
    }

    #[test]
    fn the_data_folder_holds_the_manifest_the_layers_it_names_and_the_journalist_labels() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let read = |n: &str| std::fs::read_to_string(dir.join(n)).ok();
        let base = crate::data::parse::region("region.json", &read("region.json").unwrap()).unwrap();
        let (countries, water) = (base.layers.countries.clone(), base.layers.water.clone().unwrap());
        let basemap = RawFiles { countries: read(&countries), water: read(&water), ..Default::default() };
        let empty = serde_json::json!({"type": "FeatureCollection", "features": []});
        let labels = super::super::Labels { title: "My map".into(), ..Default::default() };
        let files = data_files(&MapDoc::new(labels, &empty, &empty), &base, &basemap);
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "data/region.json",
                format!("data/{countries}").as_str(),
                format!("data/{water}").as_str(),
                "data/deposits.geojson",
                "data/flows.geojson"
            ]
        );
        let region = crate::data::parse::region("region.json", std::str::from_utf8(&files[0].1).unwrap()).unwrap();
        assert_eq!(region.title.en, "My map");
        // The folder loads as a dataset with the atlas's own loader, with no error.
        let tmp = std::env::temp_dir().join(format!("atlas-site-{}", std::process::id()));
        for (n, b) in &files {
            let p = tmp.join(n);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, b).unwrap();
        }
        let ds = crate::data::load::from_dir(&tmp.join("data")).unwrap();
        let _ = std::fs::remove_dir_all(&tmp);
        assert!(ds.errors.is_empty(), "{:?}", ds.errors);
        assert_eq!(ds.countries.len(), crate::data::load::from_dir(&dir).unwrap().countries.len());
    }
}
