//! Rules that span records or files: unique ids, coordinates inside their
//! country, flows that point at known investors, countries and deposits.
//! Invalid records are removed from the dataset and reported by name.

use super::Dataset;
use super::error::DataError;
use super::schema::*;
use geo::{BoundingRect, Contains, Point};
use std::collections::HashSet;

/// Remove every record that breaks a cross-record rule, reporting why.
pub fn retain_valid(ds: &mut Dataset) {
    let files = ds.region.layers.clone();
    let mut errors = Vec::new();

    // Countries: unique ISO3.
    let mut seen = HashSet::new();
    let mut keep = Vec::new();
    for (i, c) in ds.countries.drain(..).enumerate() {
        if seen.insert(c.iso3.clone()) {
            keep.push(c);
        } else {
            errors.push(DataError::feature(&files.countries, i, Some(&c.iso3), "iso3", "duplicate country code"));
        }
    }
    ds.countries = keep;

    let deposits = std::mem::take(&mut ds.deposits);
    let mut seen = HashSet::new();
    for d in deposits {
        let i = d.row;
        match check_deposit(ds, &d) {
            Err((field, msg)) => errors.push(DataError::feature(&files.deposits, i, Some(&d.id), field, msg)),
            Ok(()) if !seen.insert(d.id.clone()) => {
                errors.push(DataError::feature(&files.deposits, i, Some(&d.id), "id", "duplicate id"))
            }
            Ok(()) => ds.deposits.push(d),
        }
    }

    let flows = std::mem::take(&mut ds.flows);
    let mut seen = HashSet::new();
    for f in flows {
        let i = f.row;
        match check_flow(ds, &f) {
            Err((field, msg)) => errors.push(DataError::feature(&files.flows, i, Some(&f.id), field, msg)),
            Ok(()) if !seen.insert(f.id.clone()) => {
                errors.push(DataError::feature(&files.flows, i, Some(&f.id), "id", "duplicate id"))
            }
            Ok(()) => ds.flows.push(f),
        }
    }
    // Annotations pinned to a deposit: the deposit must exist.
    let ids: HashSet<&str> = ds.deposits.iter().map(|d| d.id.as_str()).collect();
    let (keep, gone): (Vec<Annotation>, Vec<Annotation>) = std::mem::take(&mut ds.region.annotations)
        .into_iter()
        .partition(|a| !matches!(&a.anchor, AnnotationAnchor::Deposit(d) if !ids.contains(d.as_str())));
    ds.region.annotations = keep;
    for a in gone {
        if let AnnotationAnchor::Deposit(d) = &a.anchor {
            errors.push(DataError {
                field: Some(format!("annotations[{}].deposit", a.row)),
                ..DataError::file("region.json", format!("no deposit with id \"{d}\"; the note is dropped"))
            });
        }
    }
    ds.errors.extend(errors);
}

type Rule = Result<(), (&'static str, String)>;

fn check_deposit(ds: &Dataset, d: &Deposit) -> Rule {
    if !ds.region.focus.contains(&d.country) {
        return Err((
            "country",
            format!("\"{}\" is not one of the region's states ({})", d.country, ds.region.focus.join(", ")),
        ));
    }
    let Some(country) = ds.country(&d.country) else {
        return Err(("country", format!("no boundary for \"{}\" in the countries file", d.country)));
    };
    let Some(bbox) = country.geometry.bounding_rect() else {
        return Err(("country", format!("the boundary of \"{}\" is empty", d.country)));
    };
    let (lon, lat) = (d.lon, d.lat);
    if lon < bbox.min().x || lon > bbox.max().x || lat < bbox.min().y || lat > bbox.max().y {
        return Err((
            "geometry.coordinates",
            format!("[{lon}, {lat}] lies outside the bounding box of {} (is it [lon, lat]?)", d.country),
        ));
    }
    if d.precision != Precision::Region && !country.geometry.contains(&Point::new(lon, lat)) {
        return Err((
            "geometry.coordinates",
            format!("[{lon}, {lat}] lies outside {}'s border; fix it, or mark precision \"region\"", d.country),
        ));
    }
    Ok(())
}

fn check_flow(ds: &Dataset, f: &Flow) -> Rule {
    if ds.investor(&f.investor).is_none() {
        let known: Vec<_> = ds.region.investors.iter().map(|i| i.id.as_str()).collect();
        return Err((
            "investor",
            format!("unknown investor \"{}\"; expected one of: {}", f.investor, known.join(", ")),
        ));
    }
    match f.scope {
        FlowScope::Country if !ds.region.focus.contains(&f.destination) => {
            return Err(("destination", format!("\"{}\" is not one of the region's states", f.destination)));
        }
        FlowScope::Region if f.destination != ds.region.region_code => {
            return Err(("destination", format!("a region-scope flow goes to \"{}\"", ds.region.region_code)));
        }
        FlowScope::Global if f.destination != "GLOBAL" => {
            return Err(("destination", "a global-scope flow goes to \"GLOBAL\"".to_string()));
        }
        _ => {}
    }
    if let Some(missing) = f.deposit_ids.iter().find(|id| ds.deposit(id).is_none()) {
        return Err(("deposit_ids", format!("no deposit with id \"{missing}\"")));
    }
    if let Some(parent) = &f.part_of {
        let Some(whole) = ds.flows.iter().find(|g| &g.id == parent) else {
            return Err(("part_of", format!("no earlier flow with id \"{parent}\" (list the whole before its part)")));
        };
        if whole.investor != f.investor {
            return Err((
                "part_of",
                format!(
                    "\"{parent}\" is a record of investor \"{}\", not \"{}\"; a part belongs to a whole of the same investor",
                    whole.investor, f.investor
                ),
            ));
        }
        // The whole counts only what its parts leave, so the parts cannot add up to more than it.
        if let (Some(total), Some(own)) = (whole.amount_usd, f.amount_usd) {
            let earlier: f64 = ds
                .flows
                .iter()
                .filter(|g| g.part_of.as_deref() == Some(parent.as_str()))
                .filter_map(|g| g.amount_usd)
                .sum();
            if earlier + own > total * (1.0 + 1e-9) {
                return Err((
                    "amount_usd",
                    format!("the parts of \"{parent}\" add up to {} USD, more than its {total} USD", earlier + own),
                ));
            }
        }
    }
    Ok(())
}

/// Things worth a second look that do not stop a record from loading, in
/// the same form as errors. Today: an "exact" coordinate whose only source
/// is Wikipedia (or a mirror of it). A `precision_note` that names Wikipedia
/// is taken as Wikipedia-sourced unless it also says which independent
/// source the coordinate "agrees with".
pub fn warnings(ds: &Dataset) -> Vec<DataError> {
    ds.deposits
        .iter()
        .filter(|d| d.precision == Precision::Exact && wikipedia_only(&d.precision_note))
        .map(|d| {
            DataError::feature(
                &ds.region.layers.deposits,
                d.row,
                Some(&d.id),
                "precision",
                "an \"exact\" coordinate whose only source is Wikipedia; cite a primary or independent source \
                 (\"agrees with …\" in precision_note), or mark it \"approximate\"",
            )
        })
        .collect()
}

fn wikipedia_only(note: &str) -> bool {
    let n = note.to_lowercase();
    n.contains("wiki") && !n.contains("agrees with")
}
