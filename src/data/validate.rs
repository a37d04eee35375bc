//! Rules that span records or files: unique ids, coordinates inside their
//! country, flows that point at known investors, countries and deposits.
//! Invalid records are removed from the dataset and reported by name.

use super::Dataset;
use super::error::DataError;
use super::schema::*;
use crate::decimal::short;
use geo::{BoundingRect, Contains, Coord, GeoNum, Kernel, MultiPolygon, Orientation, Point, Rect};
use std::collections::{HashMap, HashSet};

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

    // Judged in one pass that borrows (no copy of each id), then filtered in
    // place; the set of kept ids serves the flow and note checks too.
    let mut deposits = std::mem::take(&mut ds.deposits);
    let flows = std::mem::take(&mut ds.flows);
    let notes = std::mem::take(&mut ds.region.annotations);
    let (keep, flows, notes) = {
        let borders: HashMap<&str, Option<Border>> =
            ds.countries.iter().map(|c| (c.iso3.as_str(), Border::new(&c.geometry))).collect();
        // The ids of the deposits kept: each one passed its checks and came first.
        let mut ids = HashSet::with_capacity(deposits.len());
        let mut keep = Vec::with_capacity(deposits.len());
        for d in &deposits {
            let bad = match check_deposit(&ds.region, &borders, d) {
                Err((field, msg)) => Some(DataError::feature(&files.deposits, d.row, Some(&d.id), field, msg)),
                Ok(()) if !ids.insert(d.id.as_str()) => {
                    Some(DataError::feature(&files.deposits, d.row, Some(&d.id), "id", "duplicate id"))
                }
                Ok(()) => None,
            };
            keep.push(bad.is_none());
            errors.extend(bad);
        }

        let mut kept = Vec::with_capacity(flows.len());
        let mut seen = HashSet::new();
        for f in flows {
            let i = f.row;
            match check_flow(&ds.region, &ids, &kept, &f) {
                Err((field, msg)) => errors.push(DataError::feature(&files.flows, i, Some(&f.id), field, msg)),
                Ok(()) if !seen.insert(f.id.clone()) => {
                    errors.push(DataError::feature(&files.flows, i, Some(&f.id), "id", "duplicate id"))
                }
                Ok(()) => kept.push(f),
            }
        }
        // Annotations pinned to a deposit: the deposit must exist.
        let (notes, gone): (Vec<Annotation>, Vec<Annotation>) = notes
            .into_iter()
            .partition(|a| !matches!(&a.anchor, AnnotationAnchor::Deposit(d) if !ids.contains(d.as_str())));
        for a in gone {
            if let AnnotationAnchor::Deposit(d) = &a.anchor {
                errors.push(DataError {
                    field: Some(format!("annotations[{}].deposit", a.row)),
                    ..DataError::file("region.json", format!("no deposit with id \"{d}\"; the note is dropped"))
                });
            }
        }
        (keep, kept, notes)
    };
    let mut keep = keep.into_iter();
    deposits.retain(|_| keep.next().unwrap_or(false));
    ds.deposits = deposits;
    ds.flows = flows;
    ds.region.annotations = notes;
    ds.errors.extend(errors);
    // The map names the investors its flows use: a map of deposits alone (a
    // journalist's sheet without investments) has no investor badges, chips
    // or arrow key, and one investor's flows name only that investor.
    let used: HashSet<&str> = ds.flows.iter().map(|f| f.investor.as_str()).collect();
    ds.region.investors.retain(|i| used.contains(i.id.as_str()));
}

type Rule = Result<(), (&'static str, String)>;

fn check_deposit(region: &Region, borders: &HashMap<&str, Option<Border>>, d: &Deposit) -> Rule {
    if !region.focus.contains(&d.country) {
        return Err((
            "country",
            format!("\"{}\" is not one of the region's states ({})", d.country, region.focus.join(", ")),
        ));
    }
    let Some(border) = borders.get(d.country.as_str()) else {
        return Err(("country", format!("no boundary for \"{}\" in the countries file", d.country)));
    };
    let Some(border) = border else {
        return Err(("country", format!("the boundary of \"{}\" is empty", d.country)));
    };
    let bbox = border.bbox;
    let (lon, lat) = (d.lon, d.lat);
    if lon < bbox.min().x || lon > bbox.max().x || lat < bbox.min().y || lat > bbox.max().y {
        return Err((
            "geometry.coordinates",
            format!(
                "[{}, {}] lies outside the bounding box of {} (is it [lon, lat]?)",
                short(lon),
                short(lat),
                d.country
            ),
        ));
    }
    if d.precision != Precision::Region && !border.contains(Coord { x: lon, y: lat }) {
        return Err((
            "geometry.coordinates",
            format!(
                "[{}, {}] lies outside {}'s border; fix it, or mark precision \"region\"",
                short(lon),
                short(lat),
                d.country
            ),
        ));
    }
    Ok(())
}

fn check_flow(region: &Region, deposit_ids: &HashSet<&str>, earlier: &[Flow], f: &Flow) -> Rule {
    if !region.investors.iter().any(|i| i.id == f.investor) {
        let known: Vec<_> = region.investors.iter().map(|i| i.id.as_str()).collect();
        return Err((
            "investor",
            format!("unknown investor \"{}\"; expected one of: {}", f.investor, known.join(", ")),
        ));
    }
    match f.scope {
        FlowScope::Country if !region.focus.contains(&f.destination) => {
            return Err(("destination", format!("\"{}\" is not one of the region's states", f.destination)));
        }
        FlowScope::Region if f.destination != region.region_code => {
            return Err(("destination", format!("a region-scope flow goes to \"{}\"", region.region_code)));
        }
        FlowScope::Global if f.destination != "GLOBAL" => {
            return Err(("destination", "a global-scope flow goes to \"GLOBAL\"".to_string()));
        }
        _ => {}
    }
    if let Some(missing) = f.deposit_ids.iter().find(|id| !deposit_ids.contains(id.as_str())) {
        return Err(("deposit_ids", format!("no deposit with id \"{missing}\"")));
    }
    if let Some(parent) = &f.part_of {
        let Some(whole) = earlier.iter().find(|g| &g.id == parent) else {
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
            let earlier: f64 = earlier
                .iter()
                .filter(|g| g.part_of.as_deref() == Some(parent.as_str()))
                .filter_map(|g| g.amount_usd)
                .sum();
            if earlier + own > total * (1.0 + 1e-9) {
                return Err((
                    "amount_usd",
                    format!(
                        "the parts of \"{parent}\" add up to {} USD, more than its {} USD",
                        short(earlier + own),
                        short(total)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// A country's border, ready for many point-in-country questions: its
/// bounding box, and its ring edges sorted into horizontal bands, so a
/// point is tested against the few edges of its band instead of every
/// vertex of the country (100,000 deposits × a detailed border was most of
/// the validation time).
struct Border<'a> {
    bbox: Rect,
    geometry: &'a MultiPolygon,
    /// `(polygon, ring, from, to)` of each edge, by band.
    bands: Vec<Vec<(u32, u32, Coord, Coord)>>,
    /// Where each polygon's rings (exterior first) start in the parity
    /// list, and one past the last.
    first_ring: Vec<usize>,
}

impl<'a> Border<'a> {
    fn new(geometry: &'a MultiPolygon) -> Option<Self> {
        let bbox = geometry.bounding_rect()?;
        let rings = |p: &'a geo::Polygon| std::iter::once(p.exterior()).chain(p.interiors());
        let mut first_ring = vec![0];
        for p in &geometry.0 {
            first_ring.push(first_ring[first_ring.len() - 1] + 1 + p.interiors().len());
        }
        let edges: usize = geometry.0.iter().flat_map(rings).map(|r| r.0.len()).sum();
        let n = (edges / 8).clamp(1, 4096);
        let mut bands = vec![Vec::new(); n];
        for (pi, p) in geometry.0.iter().enumerate() {
            for (ri, ring) in rings(p).enumerate() {
                for l in ring.lines() {
                    let (lo, hi) = (l.start.y.min(l.end.y), l.start.y.max(l.end.y));
                    for band in &mut bands[Self::band_of(bbox, n, lo)..=Self::band_of(bbox, n, hi)] {
                        band.push((pi as u32, ri as u32, l.start, l.end));
                    }
                }
            }
        }
        Some(Border { bbox, geometry, bands, first_ring })
    }

    fn band_of(bbox: Rect, n: usize, y: f64) -> usize {
        let h = bbox.max().y - bbox.min().y;
        if h <= 0.0 {
            return 0;
        }
        (((y - bbox.min().y) / h * n as f64) as usize).min(n - 1)
    }

    /// What `geometry.contains(point)` says (a point on the border is not
    /// inside), by ray-casting over the edges of the point's band with the
    /// same robust orientation test geo uses; a point on an edge is left to
    /// geo itself.
    fn contains(&self, p: Coord) -> bool {
        let (min, max) = (self.bbox.min(), self.bbox.max());
        if p.x < min.x || p.x > max.x || p.y < min.y || p.y > max.y {
            return false;
        }
        let band = &self.bands[Self::band_of(self.bbox, self.bands.len(), p.y)];
        let mut odd = vec![false; self.first_ring[self.first_ring.len() - 1]];
        for &(pi, ri, a, b) in band {
            let o = <f64 as GeoNum>::Ker::orient2d(a, b, p);
            let within = p.x >= a.x.min(b.x) && p.x <= a.x.max(b.x) && p.y >= a.y.min(b.y) && p.y <= a.y.max(b.y);
            if o == Orientation::Collinear && within {
                return self.geometry.contains(&Point::from(p));
            }
            let crosses = (a.y > p.y) != (b.y > p.y);
            let right = if b.y > a.y { o == Orientation::CounterClockwise } else { o == Orientation::Clockwise };
            if crosses && right {
                let r = &mut odd[self.first_ring[pi as usize] + ri as usize];
                *r = !*r;
            }
        }
        self.first_ring.windows(2).any(|w| odd[w[0]] && !odd[w[0] + 1..w[1]].iter().any(|&h| h))
    }
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
    // The words looked for are ASCII.
    let n = note.to_ascii_lowercase();
    n.contains("wiki") && !n.contains("agrees with")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banded_border_test_agrees_with_geo_inside_outside_and_on_the_border() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let ds = crate::data::load::from_dir(&dir).expect("the shipped data loads");
        assert!(ds.countries.len() > 5);
        let mut inside = 0;
        for c in &ds.countries {
            let border = Border::new(&c.geometry).expect("a shipped border is not empty");
            let (min, max) = (border.bbox.min(), border.bbox.max());
            let mut points = Vec::new();
            for i in 0..=80 {
                for j in 0..=80 {
                    let (fx, fy) = (i as f64 / 80.0, j as f64 / 80.0);
                    points.push(Coord { x: min.x + fx * (max.x - min.x), y: min.y + fy * (max.y - min.y) });
                }
            }
            // Vertices and edge midpoints: on the border, which geo does not count as inside.
            for p in &c.geometry.0 {
                for l in p.exterior().lines().chain(p.interiors().iter().flat_map(|r| r.lines())) {
                    points.push(l.start);
                    points.push(Coord { x: (l.start.x + l.end.x) / 2.0, y: (l.start.y + l.end.y) / 2.0 });
                }
            }
            for p in points {
                let want = c.geometry.contains(&Point::from(p));
                assert_eq!(border.contains(p), want, "{} at {p:?}", c.iso3);
                inside += want as usize;
            }
        }
        assert!(inside > 1000, "the grid hits the inside of countries too: {inside}");
    }
}
