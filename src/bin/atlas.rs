//! The data tool.
//!
//! `atlas check [DIR]`  validates a dataset folder (default `public/data`);
//!                      prints each error with file, feature and field, exits 1 on any;
//!                      prints warnings (e.g. a Wikipedia-only "exact" point) in the same form, without failing.
//! `atlas sums [DIR]`   prints the per-investor, per-destination totals the map draws.
//! `atlas strings [en|ru]`  prints the UI strings as JSON (for the pre-rendered page shell).
//! `atlas svg [DIR] [OUT.svg] [en|ru] [WIDTHxHEIGHT] [light|dark]`  writes the default view as a standalone SVG
//!                      (the same file the app's "Download SVG" makes), its map WIDTH×HEIGHT px
//!                      (default 1200x760; the build's pre-render uses the app's map size).
//! `atlas split SRC DEST`  writes DEST's manifest, deposit and flow layers with the records'
//!                      sources and notes moved to DEST/details.json (the build's `dist/data`:
//!                      the app reads the details when a reader opens them; `data::split`).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use atlas::data::load;
    use atlas::flows::{FlowFilter, aggregate};
    use atlas::format::usd;
    use atlas::i18n::Lang;
    use std::path::PathBuf;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("help");
    if cmd == "strings" {
        // The UI strings as JSON {"Key": "text"}: the build's pre-rendered page shell
        // (scripts/prerender.mjs) labels its placeholders with the app's own words.
        let lang = args.get(1).and_then(|l| Lang::parse(l)).unwrap_or(Lang::En);
        let pairs: Vec<String> = atlas::i18n::Key::ALL
            .iter()
            .map(|k| format!("{:?}:{:?}", format!("{k:?}"), atlas::i18n::t(lang, *k)))
            .collect();
        println!("{{{}}}", pairs.join(","));
        return;
    }
    if cmd == "css" {
        // styles/palette.css: the one palette (scene::style) as CSS custom properties.
        print!("{}", atlas::scene::style::palette_stylesheet());
        return;
    }
    if cmd == "split" {
        let (Some(src), Some(dest)) = (args.get(1), args.get(2)) else {
            eprintln!("usage: atlas split SRC DEST");
            std::process::exit(2);
        };
        match atlas::data::split::split_dir(&PathBuf::from(src), &PathBuf::from(dest)) {
            Ok(s) => println!(
                "split {src} into {dest}: deposits {} B, flows {} B, details {} B",
                s.deposits.len(),
                s.flows.len(),
                s.details.len()
            ),
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let dir = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("public/data"));
    let ds = match (cmd, load::from_dir(&dir)) {
        ("check" | "sums" | "svg", Ok(ds)) => ds,
        ("check" | "sums" | "svg", Err(e)) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
        _ => {
            eprintln!(
                "usage: atlas check [DIR] | atlas sums [DIR] | atlas svg [DIR] [OUT.svg] [en|ru] | atlas strings [en|ru] | atlas css | atlas split SRC DEST"
            );
            std::process::exit(2);
        }
    };
    match cmd {
        "check" => {
            let warnings = atlas::data::validate::warnings(&ds);
            let (summary, errors) = check(&dir, ds);
            for e in &errors {
                eprintln!("error: {e}");
            }
            // Warnings do not fail the check.
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            println!("{summary}");
            if !errors.is_empty() {
                std::process::exit(1);
            }
        }
        "svg" => {
            let out = args.get(2).map(String::as_str).unwrap_or("atlas.svg");
            let lang = args.get(3).and_then(|l| Lang::parse(l)).unwrap_or(Lang::En);
            let size = match args.get(4).map(|s| parse_size(s)) {
                None => (1200.0, 760.0),
                Some(Some(size)) => size,
                Some(None) => {
                    eprintln!("error: \"{}\" is not a map size like 935x650 (pixels, 100 to 8000)", args[4]);
                    std::process::exit(2);
                }
            };
            let theme = match args.get(5).map(String::as_str) {
                None | Some("light") => atlas::scene::style::Theme::Light,
                Some("dark") => atlas::scene::style::Theme::Dark,
                Some(other) => {
                    eprintln!("error: \"{other}\" is not a theme (light or dark)");
                    std::process::exit(2);
                }
            };
            let (svg, fit) = default_view_svg(ds, lang, size, theme);
            if let Err(e) = std::fs::write(out, svg) {
                eprintln!("error: cannot write {out}: {e}");
                std::process::exit(1);
            }
            println!("wrote {out}");
            // The region's frame as drawn, in pixels: the build's pre-render scales the
            // picture as the app fits that frame into its map (View::fit).
            println!("frame {:.3}x{:.3}", fit[0], fit[1]);
        }
        _ => {
            let ids: Vec<String> = ds.region.investors.iter().map(|i| i.id.clone()).collect();
            println!("investor\tdestination\ttotal\trealized\tcommitted\tannounced\trecords\tundisclosed");
            let groups = aggregate(&ds.flows, &FlowFilter::all(&ids));
            for g in groups.iter().filter(|g| g.scope == atlas::data::FlowScope::Country) {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    g.investor,
                    g.destination,
                    usd(g.total_usd, Lang::En),
                    usd(g.realized_usd, Lang::En),
                    usd(g.committed_usd, Lang::En),
                    usd(g.announced_usd, Lang::En),
                    g.records.len(),
                    g.undisclosed
                );
            }
            // Region-wide and global figures are separate measures: listed, never summed.
            println!("\nregion-wide and global figures (not summed):");
            for f in ds.flows.iter().filter(|f| f.scope != atlas::data::FlowScope::Country) {
                let amount = f.amount_usd.map(|a| usd(a, Lang::En)).unwrap_or_else(|| "undisclosed".into());
                println!(
                    "{}	{}	{}	{}	{}	{}",
                    f.investor,
                    f.destination,
                    amount,
                    f.status.as_str(),
                    f.confidence.as_str(),
                    f.id
                );
            }
        }
    }
}

/// `atlas check`: the dataset's errors, after building the whole atlas the
/// way the page does (projection, R-trees, the laid-out default view at a
/// desktop and a very narrow size), so what would fail in the browser fails here.
#[cfg(not(target_arch = "wasm32"))]
fn check(dir: &std::path::Path, ds: atlas::data::Dataset) -> (String, Vec<String>) {
    use atlas::atlas::Atlas;
    let mut errors: Vec<String> = ds.errors.iter().map(ToString::to_string).collect();
    let summary = format!(
        "{}: {} countries, {} water bodies, {} deposits, {} flows, {} headline figures",
        dir.display(),
        ds.countries.len(),
        ds.water.len(),
        ds.deposits.len(),
        ds.flows.len(),
        ds.headlines.len(),
    );
    let manifest = atlas::data::load::MANIFEST;
    let a = Atlas::new(ds.clone());
    let finite = |p: &[f64; 2]| p[0].is_finite() && p[1].is_finite();
    if let Some(i) = a.deposits_plane.iter().position(|p| !finite(p)) {
        errors.push(format!("{manifest}, field \"projection\": deposit \"{}\" projects to NaN", a.ds.deposits[i].id));
    }
    for (w, h) in [(1200.0, 760.0), (12.0, 300.0)] {
        let v = a.base_view(w, h);
        if !(v.k.is_finite() && v.k > 0.0 && v.tx.is_finite() && v.ty.is_finite()) {
            errors.push(format!("{manifest}, field \"frame\": the fitted view at {w}×{h} is not finite"));
        }
        let _ = a.deposit_index(&(0..a.ds.deposits.len()).collect::<Vec<_>>()).in_rect(v.visible_plane(w, h)).count();
    }
    let (svg, _) = default_view_svg(ds, atlas::i18n::Lang::En, (1200.0, 760.0), atlas::scene::style::Theme::Light);
    if svg.contains("NaN") {
        errors.push(format!("{manifest}: the default view draws NaN coordinates"));
    }
    (format!("{summary}; {} error(s)", errors.len()), errors)
}

/// `935x650` → (935, 650), each side 100 to 8000 px.
#[cfg(not(target_arch = "wasm32"))]
fn parse_size(s: &str) -> Option<(f64, f64)> {
    let (w, h) = s.split_once('x')?;
    let side = |v: &str| v.parse::<f64>().ok().filter(|v| (100.0..=8000.0).contains(v));
    Some((side(w)?, side(h)?))
}

/// The fitted view of a `w`×`h` map with every layer and filter at its
/// default: the same `Frame` the app draws, through the same export.
/// Also the region's frame as drawn: its width and height in pixels.
#[cfg(not(target_arch = "wasm32"))]
fn default_view_svg(
    ds: atlas::data::Dataset,
    lang: atlas::i18n::Lang,
    (w, h): (f64, f64),
    theme: atlas::scene::style::Theme,
) -> (String, [f64; 2]) {
    let a = atlas::atlas::Atlas::new(ds);
    let view = a.base_view(w, h);
    let [x0, y0, x1, y1] = atlas::spatial::view::frame_extent(&a.proj, a.ds.region.frame);
    let frame = atlas::scene::frame::default_frame(&a, w, h, Some(view), lang);
    let note = "Sources: open the atlas and click any deposit or arrow";
    let svg = atlas::render::export::standalone_svg_in(&frame, note, theme, None).0;
    (svg, [(x1 - x0) * view.k, (y1 - y0) * view.k])
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(test)]
mod tests {
    use super::{check, parse_size};
    use atlas::data::load;
    use std::path::Path;

    #[test]
    fn a_map_size_is_read_as_width_by_height_in_a_sane_range() {
        assert_eq!(parse_size("935x650"), Some((935.0, 650.0)));
        for bad in ["935", "x650", "935x", "935X650", "50x650", "935x9000", "a x b", "NaNxNaN", "infxinf"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }

    /// Every case of the bad-input corpus: `atlas check` names the problem
    /// its `expect.json` describes (or, for the BOM case, accepts it).
    #[test]
    fn atlas_check_names_every_case_of_the_bad_input_corpus() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
        let mut cases = 0;
        for entry in std::fs::read_dir(&root).unwrap().flatten() {
            let dir = entry.path();
            let Ok(expect) = std::fs::read_to_string(dir.join("expect.json")) else { continue };
            let expect: serde_json::Value = serde_json::from_str(&expect).unwrap();
            let named: Vec<&str> = expect["named"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            let ds = load::from_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            let (summary, errors) = check(&dir, ds.clone());
            if named.is_empty() {
                assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
            } else {
                assert!(
                    errors.iter().any(|e| named.iter().all(|n| e.contains(n))),
                    "{}: no error names {named:?}: {errors:?}",
                    dir.display()
                );
            }
            assert!(summary.contains(&format!("{} error(s)", errors.len())));
            for id in expect["deposits"].as_array().unwrap() {
                assert!(ds.deposit(id.as_str().unwrap()).is_some(), "{}: {id} was dropped", dir.display());
            }
            cases += 1;
        }
        assert!(cases >= 11, "only {cases} corpus cases found");
    }

    #[test]
    fn atlas_check_passes_the_shipped_data() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let (_, errors) = check(&dir, load::from_dir(&dir).unwrap());
        assert!(errors.is_empty(), "{errors:?}");
    }
}
