//! The data tool.
//!
//! `atlas check [DIR]`  validates a dataset folder (default `public/data`);
//!                      prints each error with file, feature and field, exits 1 on any.
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
    let dir = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("public/data"));
    let ds = match (cmd, load::from_dir(&dir)) {
        ("check" | "sums" | "svg", Ok(ds)) => ds,
        ("check" | "sums" | "svg", Err(e)) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
        _ => {
            eprintln!("usage: atlas check [DIR] | atlas sums [DIR] | atlas svg [DIR] [OUT.svg] [en|ru]");
            std::process::exit(2);
        }
    };
    match cmd {
        "check" => {
            for e in &ds.errors {
                eprintln!("error: {e}");
            }
            println!(
                "{}: {} countries, {} water bodies, {} deposits, {} flows, {} headline figures; {} error(s)",
                dir.display(),
                ds.countries.len(),
                ds.water.len(),
                ds.deposits.len(),
                ds.flows.len(),
                ds.headlines.len(),
                ds.errors.len()
            );
            if !ds.errors.is_empty() {
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

/// The fitted view at 1200×760 with every layer and filter at its default.
#[cfg(not(target_arch = "wasm32"))]
fn default_view_svg(ds: atlas::data::Dataset, lang: atlas::i18n::Lang) -> String {
    use atlas::flows::{FlowFilter, aggregate};
    let a = atlas::atlas::Atlas::new(ds);
    let ids: Vec<String> = a.ds.region.investors.iter().map(|i| i.id.clone()).collect();
    let groups = aggregate(&a.ds.flows, &FlowFilter::all(&ids));
    let visible: Vec<usize> = (0..a.ds.deposits.len()).collect();
    let url = "Sources: open the atlas and click any deposit or arrow";
    let picture =
        atlas::author::image::Picture { atlas: &a, groups: &groups, visible: &visible, place: None, lang, url };
    picture.svg(1200.0, 760.0).0
}

#[cfg(target_arch = "wasm32")]
fn main() {}
