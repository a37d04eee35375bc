//! Reading a dataset from a folder (the native CLI and tests). The browser
//! fetches the same files over HTTP and calls [`Dataset::assemble`].

use super::{DataError, Dataset, RawFiles, parse};
use std::path::Path;

pub const MANIFEST: &str = "region.json";

pub fn from_dir(dir: &Path) -> Result<Dataset, DataError> {
    let failures = std::cell::RefCell::new(Vec::new());
    let read = |name: &str| match std::fs::read_to_string(dir.join(name)) {
        Ok(t) => Some(t),
        Err(e) => {
            failures.borrow_mut().push(DataError::file(name, format!("cannot read {}: {e}", dir.join(name).display())));
            None
        }
    };
    let manifest = read(MANIFEST)
        .ok_or_else(|| DataError::file(MANIFEST, format!("cannot read {}", dir.join(MANIFEST).display())))?;
    let region = parse::region(MANIFEST, &manifest)?;
    let l = &region.layers;
    let raw = RawFiles {
        countries: read(&l.countries),
        water: l.water.as_deref().and_then(read),
        deposits: read(&l.deposits),
        flows: read(&l.flows),
        headlines: l.headlines.as_deref().and_then(read),
    };
    let context = super::ContextFiles {
        places: l.places.as_deref().and_then(read),
        rivers: l.rivers.as_deref().and_then(read),
        world: l.world.as_deref().and_then(read),
    };
    let details = l.details.clone().map(|f| {
        let text = read(&f);
        (f, text)
    });
    let failures = failures.borrow();
    let ds = Dataset::assemble_reporting(region, &raw, &failures).with_context(&context, &failures);
    // A split folder (`atlas split`) is read whole: the records get their text back.
    Ok(match details {
        Some((file, Some(text))) => {
            let (d, errors) = super::details::Details::parse(&file, &text);
            ds.with_details(&file, &d, errors)
        }
        Some((file, None)) => {
            let why = failures.iter().find(|e| e.file == file).cloned();
            ds.with_details(&file, &Default::default(), why.into_iter().collect())
        }
        None => ds,
    })
}
