//! "Download map": the built atlas (its page, script, wasm and styles, as
//! served from the same origin) plus the journalist's `data/` folder, in one
//! zip that works unzipped on any static host.
//!
//! The zip container is written here (local headers, central directory,
//! CRC-32 from `crc32fast`, deflate from `miniz_oxide`): a writer is about
//! sixty lines, while the `zip` crate pulls in getrandom, zeroize, nix and
//! typed-path for features a static-site archive never needs.

use super::doc::MapDoc;
use crate::data::{ContextFiles, RawFiles, Region};

/// Folder the site sits in inside the zip.
pub const FOLDER: &str = "map/";
/// The atlas's page in the zip when `index.html` must open it with a state.
pub const APP_PAGE: &str = "app.html";

/// The zip's `index.html` when the journalist's view differs from the
/// fitted one: it opens the atlas's page with the app's own URL state
/// (`query`, as [`crate::url_state::UrlState::to_query`] writes it: `v=`,
/// `lang=`, `layers=` …), so a reader lands where the journalist was. No
/// script: a meta refresh, and a link for the rare browser without one.
pub fn index_redirect(query: &str) -> String {
    let target = format!("{APP_PAGE}?{query}");
    let attr = target.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={attr}\">\n\
         <title>Map</title></head>\n<body><p><a href=\"{attr}\">Open the map</a></p></body></html>\n"
    )
}

/// The pages of the site: the atlas's page as `index.html`, or, when the
/// journalist's view is not the default (`query` not empty), the page as
/// [`APP_PAGE`] and an `index.html` that opens it at that view.
pub fn pages(app_index: &[u8], query: &str) -> Vec<(String, Vec<u8>)> {
    if query.is_empty() {
        vec![("index.html".into(), app_index.to_vec())]
    } else {
        vec![("index.html".into(), index_redirect(query).into_bytes()), (APP_PAGE.into(), app_index.to_vec())]
    }
}

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

/// The data files of the journalist's map: the manifest (with their
/// `annotations`), their two layers, and the basemap and context layers the
/// manifest names, with the paths they go to.
pub fn data_files(doc: &MapDoc, base: &Region, basemap: &RawFiles, context: &ContextFiles) -> Vec<(String, Vec<u8>)> {
    let (region, raw) = doc.apply(base, basemap.clone());
    let l = &region.layers;
    let mut manifest = serde_json::to_value(&region).unwrap_or_default();
    if let Some(m) = manifest.as_object_mut() {
        // The notes in the manifest's own format (the region's typed copy is not it).
        m.remove("annotations");
        if !doc.annotations.is_empty() {
            m.insert("annotations".into(), serde_json::to_value(&doc.annotations).unwrap_or_default());
        }
    }
    let mut files = vec![("data/region.json".to_string(), serde_json::to_vec_pretty(&manifest).unwrap_or_default())];
    let layers = [
        (Some(&l.countries), &raw.countries),
        (l.water.as_ref(), &raw.water),
        (Some(&l.deposits), &raw.deposits),
        (Some(&l.flows), &raw.flows),
        (l.places.as_ref(), &context.places),
        (l.rivers.as_ref(), &context.rivers),
        (l.world.as_ref(), &context.world),
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
        let l = &base.layers;
        let (places, rivers, world) = (l.places.clone().unwrap(), l.rivers.clone().unwrap(), l.world.clone().unwrap());
        let context = ContextFiles { places: read(&places), rivers: read(&rivers), world: read(&world) };
        let empty = serde_json::json!({"type": "FeatureCollection", "features": []});
        let labels = super::super::Labels { title: "My map".into(), ..Default::default() };
        let doc = MapDoc::new(labels, &empty, &empty);
        let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        let without = data_files(&doc.clone().with_context(false), &base, &basemap, &context);
        assert_eq!(
            names(&without),
            [
                "data/region.json".to_string(),
                format!("data/{countries}"),
                format!("data/{water}"),
                "data/deposits.geojson".into(),
                "data/flows.geojson".into()
            ]
        );
        let files = data_files(&doc, &base, &basemap, &context);
        assert_eq!(names(&files)[5..], [format!("data/{places}"), format!("data/{rivers}"), format!("data/{world}")]);
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
        let own = crate::data::load::from_dir(&dir).unwrap();
        assert_eq!(ds.countries.len(), own.countries.len());
        // The capitals, rivers and inset land come along, with their credit.
        assert_eq!(ds.context.places.len(), own.context.places.len());
        assert!(ds.context.places.iter().any(|p| p.name_en == "Astana"));
        assert!(!ds.context.world.is_empty() && !ds.context.rivers.is_empty());
        assert!(ds.context.attributions.iter().any(|a| a.en.contains("GeoNames")), "{:?}", ds.context.attributions);
    }

    #[test]
    fn the_manifest_carries_the_journalists_notes_in_the_annotations_format() {
        use super::super::doc::{Annotation, Pin};
        let base = super::super::doc::tests::bundled_region();
        let empty = serde_json::json!({"type": "FeatureCollection", "features": []});
        let notes = vec![
            Annotation {
                text: "Here".into(), text_ru: "Здесь".into(), pin: Pin::Deposit { deposit: "kumtor".into() }
            },
            Annotation { text: "Lake".into(), text_ru: String::new(), pin: Pin::Point { lon: 77.25, lat: 42.5 } },
        ];
        let doc = MapDoc::new(Default::default(), &empty, &empty).with_annotations(&notes);
        let files = data_files(&doc, &base, &RawFiles::default(), &ContextFiles::default());
        let m: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
        assert_eq!(
            m["annotations"],
            serde_json::json!([
                {"text": "Here", "text_ru": "Здесь", "deposit": "kumtor"},
                {"text": "Lake", "lon": 77.25, "lat": 42.5}
            ])
        );
        let back: Vec<Annotation> = serde_json::from_value(m["annotations"].clone()).unwrap();
        assert_eq!(back, notes);
        // The atlas's own reader still takes the manifest.
        assert!(crate::data::parse::region("region.json", std::str::from_utf8(&files[0].1).unwrap()).is_ok());
        let none = data_files(
            &MapDoc::new(Default::default(), &empty, &empty),
            &base,
            &RawFiles::default(),
            &ContextFiles::default(),
        );
        let m: serde_json::Value = serde_json::from_slice(&none[0].1).unwrap();
        assert!(m.get("annotations").is_none());
    }

    #[test]
    fn the_site_opens_at_the_journalists_view_through_the_apps_own_url_state() {
        let app = b"<html>app</html>";
        assert_eq!(pages(app, ""), [("index.html".to_string(), app.to_vec())], "the fitted view: the page itself");
        let q = crate::url_state::UrlState {
            view: Some((64.5, 41.5, 2.5)),
            lang: crate::i18n::Lang::Ru,
            ..Default::default()
        }
        .to_query();
        let p = pages(app, &q);
        assert_eq!(p[1], (APP_PAGE.to_string(), app.to_vec()));
        let index = String::from_utf8(p[0].1.clone()).unwrap();
        // The target the refresh names, read back as the app reads its query.
        let start = index.find("url=").unwrap() + 4;
        let target = index[start..index[start..].find('"').unwrap() + start].replace("&amp;", "&");
        let query = target.strip_prefix("app.html?").unwrap();
        let (st, errs) = crate::url_state::UrlState::parse(query);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!((st.view, st.lang), (Some((64.5, 41.5, 2.5)), crate::i18n::Lang::Ru));
        assert!(index.contains(&format!("href=\"{}\"", &index[start..index[start..].find('"').unwrap() + start])));
    }
}
