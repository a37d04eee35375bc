//! The data tool.
//!
//! `atlas check [DIR]`  validates a dataset folder (default `public/data`);
//!                      prints each error with file, feature and field, exits 1 on any;
//!                      prints warnings (e.g. a Wikipedia-only "exact" point) in the same form, without failing.
//! `atlas sums [DIR]`   prints the per-investor, per-destination totals the map draws.
//! `atlas svg [DIR] [OUT.svg] [en|ru]`  writes the default view as a standalone SVG
//!                      (the same file the app's "Download SVG" makes).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use atlas::data::load;
    use atlas::flows::{FlowFilter, aggregate};
    use atlas::i18n::Lang;
    use atlas::render::format::usd;
    use std::path::PathBuf;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("help");
    if cmd == "css" {
        // styles/palette.css: the one palette (scene::style) as CSS custom properties.
        print!("{}", atlas::scene::style::palette_stylesheet());
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
            eprintln!("usage: atlas check [DIR] | atlas sums [DIR] | atlas svg [DIR] [OUT.svg] [en|ru] | atlas css");
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
            let svg = default_view_svg(ds, lang);
            if let Err(e) = std::fs::write(out, svg) {
                eprintln!("error: cannot write {out}: {e}");
                std::process::exit(1);
            }
            println!("wrote {out}");
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
    let svg = default_view_svg(ds, atlas::i18n::Lang::En);
    if svg.contains("NaN") {
        errors.push(format!("{manifest}: the default view draws NaN coordinates"));
    }
    (format!("{summary}; {} error(s)", errors.len()), errors)
}

/// The fitted view at 1200×760 with every layer and filter at its default:
/// the same `Frame` the app draws, through the same export.
#[cfg(not(target_arch = "wasm32"))]
fn default_view_svg(ds: atlas::data::Dataset, lang: atlas::i18n::Lang) -> String {
    let a = atlas::atlas::Atlas::new(ds);
    let frame = atlas::scene::frame::default_frame(&a, 1200.0, 760.0, None, lang);
    atlas::render::export::standalone_svg(&frame, "Sources: open the atlas and click any deposit or arrow").0
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(test)]
mod tests {
    use super::check;
    use atlas::data::load;
    use std::path::Path;

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
