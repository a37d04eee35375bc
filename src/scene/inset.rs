//! The locator inset: the world on an Equal Earth projection (equal-area, so
//! the region is not inflated), the map's frame outlined on it, and the
//! investors' capitals marked. It is centred on the circular mean of the
//! frame's centre and the capitals, so every one of them is on it and the
//! world's cut falls away from them. Drawn from the manifest's coarse world
//! land (`layers.world`), with no third-party request.

use crate::data::{Bounds, Investor};
use geo::MultiPolygon;

/// Equal Earth (Šavrič, Patterson & Jenny 2018) polynomial coefficients.
const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// Half-width and half-height of the whole world in Equal Earth units.
const HALF_W: f64 = 2.706_629_5;
const HALF_H: f64 = 1.317_362_8;

/// Equal Earth on the unit sphere, longitude relative to `lon0`; y up.
pub fn equal_earth(lon: f64, lat: f64, lon0: f64) -> [f64; 2] {
    // Points on the cut itself (±180°, from `split_at_cut`) keep their side.
    let d = lon - lon0;
    let lam = if (-180.0..=180.0).contains(&d) { d } else { wrap(d) }.to_radians();
    let th = ((3f64).sqrt() / 2.0 * lat.to_radians().sin()).asin();
    let (t2, t6) = (th * th, th.powi(6));
    let x = 2.0 * (3f64).sqrt() * lam * th.cos() / (3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1));
    let y = th * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    [x, y]
}

fn wrap(d: f64) -> f64 {
    (d + 180.0).rem_euclid(360.0) - 180.0
}

#[derive(Debug, Clone, PartialEq)]
pub struct InsetPoint {
    pub investor: String,
    pub at: [f64; 2],
    pub color: String,
    pub label: String,
}

/// The inset in its own pixels, (0, 0) at its top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Inset {
    pub width: f64,
    pub height: f64,
    pub lon0: f64,
    /// Land, filled.
    pub land: String,
    /// The map's frame, outlined.
    pub frame: String,
    /// The frame's box in inset pixels [x0, y0, x1, y1].
    pub frame_box: [f64; 4],
    pub capitals: Vec<InsetPoint>,
}

/// The longitude the inset is centred on: the circular mean of the frame's
/// centre and the capitals.
pub fn centre_lon(frame: Bounds, origins: &[[f64; 2]]) -> f64 {
    let lons = std::iter::once((frame.west + frame.east) / 2.0).chain(origins.iter().map(|o| o[0]));
    let (s, c) = lons.fold((0.0, 0.0), |(s, c), l: f64| (s + l.to_radians().sin(), c + l.to_radians().cos()));
    s.atan2(c).to_degrees()
}

/// Build the inset `width` px wide (its height follows the world's shape).
pub fn build(
    world: &[MultiPolygon<f64>],
    frame: Bounds,
    investors: &[Investor],
    label: impl Fn(&Investor) -> String,
    width: f64,
) -> Inset {
    let origins: Vec<[f64; 2]> = investors.iter().map(|i| i.origin).collect();
    let lon0 = centre_lon(frame, &origins);
    let pad = 2.0;
    let s = (width - 2.0 * pad) / (2.0 * HALF_W);
    let height = (2.0 * HALF_H * s + 2.0 * pad).round();
    let px = |lon: f64, lat: f64| {
        let [x, y] = equal_earth(lon, lat, lon0);
        [width / 2.0 + x * s, height / 2.0 - y * s]
    };
    let mut land = String::new();
    for mp in world {
        for poly in &mp.0 {
            let ring: Vec<[f64; 2]> = poly.exterior().0.iter().map(|c| [c.x, c.y]).collect();
            for part in split_at_cut(&ring, lon0) {
                let pts: Vec<[f64; 2]> = part.iter().map(|p| px(p[0], p[1])).collect();
                ring_d(&mut land, &pts);
            }
        }
    }
    // The frame: its four edges, sampled (parallels and meridians curve).
    let n = 24;
    let mut edge: Vec<[f64; 2]> = Vec::new();
    let f = frame;
    for i in 0..=n {
        edge.push([f.west + (f.east - f.west) * i as f64 / n as f64, f.south]);
    }
    for i in 0..=n {
        edge.push([f.east, f.south + (f.north - f.south) * i as f64 / n as f64]);
    }
    for i in 0..=n {
        edge.push([f.east - (f.east - f.west) * i as f64 / n as f64, f.north]);
    }
    for i in 0..=n {
        edge.push([f.west, f.north - (f.north - f.south) * i as f64 / n as f64]);
    }
    let pts: Vec<[f64; 2]> = edge.iter().map(|p| px(p[0], p[1])).collect();
    let mut frame_d = String::new();
    ring_d(&mut frame_d, &pts);
    let frame_box = pts.iter().fold([f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY], |b, p| {
        [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]
    });
    let capitals = investors
        .iter()
        .map(|i| InsetPoint {
            investor: i.id.clone(),
            at: px(i.origin[0], i.origin[1]),
            color: i.color.clone(),
            label: label(i),
        })
        .collect();
    Inset { width, height, lon0, land, frame: frame_d, frame_box, capitals }
}

fn ring_d(d: &mut String, pts: &[[f64; 2]]) {
    if pts.len() >= 3 {
        super::path::push_polyline(d, pts, true);
    }
}

/// A ring split where it crosses the antimeridian of `lon0` (the inset's
/// cut), each piece closed along the cut, so no polygon streaks across the
/// world. Longitudes come back in degrees, each piece on one side.
pub fn split_at_cut(ring: &[[f64; 2]], lon0: f64) -> Vec<Vec<[f64; 2]>> {
    let rel: Vec<[f64; 2]> = ring.iter().map(|p| [wrap(p[0] - lon0), p[1]]).collect();
    let crosses = rel.windows(2).any(|w| (w[1][0] - w[0][0]).abs() > 180.0);
    if !crosses {
        return vec![ring.to_vec()];
    }
    // Unwrap the ring so it is continuous, then clip it to each side of the cut.
    let mut cont = vec![rel[0]];
    for p in &rel[1..] {
        let prev = cont[cont.len() - 1][0];
        let mut x = p[0];
        while x - prev > 180.0 {
            x -= 360.0;
        }
        while x - prev < -180.0 {
            x += 360.0;
        }
        cont.push([x, p[1]]);
    }
    let mut out = Vec::new();
    for shift in [-360.0, 0.0, 360.0] {
        let moved: Vec<[f64; 2]> = cont.iter().map(|p| [p[0] + shift, p[1]]).collect();
        let west = clip(&moved, |x| x >= -180.0, -180.0);
        let both = clip(&west, |x| x <= 180.0, 180.0);
        if both.len() >= 3 {
            out.push(both.iter().map(|p| [p[0] + lon0, p[1]]).collect());
        }
    }
    out
}

/// Sutherland–Hodgman against the vertical line x = `at`, keeping `keep`.
fn clip(pts: &[[f64; 2]], keep: impl Fn(f64) -> bool, at: f64) -> Vec<[f64; 2]> {
    let mut out = Vec::with_capacity(pts.len() + 4);
    for (i, &b) in pts.iter().enumerate() {
        let a = pts[(i + pts.len() - 1) % pts.len()];
        let cross = |a: [f64; 2], b: [f64; 2]| {
            let t = (at - a[0]) / (b[0] - a[0]);
            [at, a[1] + t * (b[1] - a[1])]
        };
        match (keep(a[0]), keep(b[0])) {
            (true, true) => out.push(b),
            (true, false) => out.push(cross(a, b)),
            (false, true) => {
                out.push(cross(a, b));
                out.push(b);
            }
            (false, false) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::Atlas;
    use crate::data::load;

    fn atlas() -> Atlas {
        Atlas::new(load::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")).unwrap())
    }

    fn numbers(d: &str) -> Vec<[f64; 2]> {
        crate::scene::path::polyline_points(d).concat()
    }

    #[test]
    fn equal_earth_matches_its_published_extent_and_is_equal_area() {
        // The world's edge: x at the equator and ±180°, y at the pole.
        assert!((equal_earth(180.0, 0.0, 0.0)[0].abs() - HALF_W).abs() < 1e-5);
        assert!((equal_earth(0.0, 90.0, 0.0)[1] - HALF_H).abs() < 1e-5);
        // Equal-area: a 1°×1° cell at 60°N has half the area of one at the equator
        // (cos 60° = 0.5 on the sphere), within 1%.
        let cell = |lat: f64| {
            let q = [
                equal_earth(10.0, lat, 0.0),
                equal_earth(11.0, lat, 0.0),
                equal_earth(11.0, lat + 1.0, 0.0),
                equal_earth(10.0, lat + 1.0, 0.0),
            ];
            (0..4).map(|i| q[i][0] * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * q[i][1]).sum::<f64>().abs() / 2.0
        };
        let ratio = cell(59.5) / cell(-0.5);
        let sphere =
            ((60.5f64).to_radians().sin() - (59.5f64).to_radians().sin()) / ((0.5f64).to_radians().sin() * 2.0);
        assert!((ratio / sphere - 1.0).abs() < 0.01, "{ratio} vs {sphere}");
    }

    #[test]
    fn the_inset_shows_the_frame_and_all_four_capitals_inside_it() {
        let a = atlas();
        assert!(!a.ds.context.world.is_empty(), "world land ships");
        let inset =
            build(&a.ds.context.world, a.ds.region.frame, &a.ds.region.investors, |i| i.origin_label.en.clone(), 200.0);
        assert!(inset.height > 80.0 && inset.height < 110.0, "{}", inset.height);
        let inside = |p: [f64; 2]| p[0] >= 0.0 && p[0] <= inset.width && p[1] >= 0.0 && p[1] <= inset.height;
        assert_eq!(inset.capitals.len(), 4);
        for c in &inset.capitals {
            assert!(inside(c.at), "{} at {:?}", c.investor, c.at);
        }
        let [x0, y0, x1, y1] = inset.frame_box;
        assert!(inside([x0, y0]) && inside([x1, y1]) && x1 - x0 > 8.0 && y1 - y0 > 5.0, "{:?}", inset.frame_box);
        // Moscow is north-west of the frame's centre, Beijing east, Washington far west.
        let at = |id: &str| inset.capitals.iter().find(|c| c.investor == id).unwrap().at;
        let cx = (x0 + x1) / 2.0;
        assert!(at("russia")[0] < cx && at("russia")[1] < y0 + (y1 - y0) / 2.0);
        assert!(at("china")[0] > x1 && at("us")[0] < at("eu")[0]);
        // Land is drawn, and no edge streaks across the world (the cut is split).
        let pts = numbers(&inset.land);
        assert!(pts.len() > 200);
        for p in crate::scene::path::polyline_points(&inset.land) {
            for w in p.windows(2) {
                assert!(
                    (w[1][0] - w[0][0]).abs() < inset.width / 3.0,
                    "streak {w:?} in ring of {} points starting {:?}",
                    p.len(),
                    &p[..p.len().min(6)]
                );
            }
        }
        // The frame's centre projects inside its outline's box.
        let c = a.ds.region.frame_center();
        let [fx, fy] = equal_earth(c[0], c[1], inset.lon0);
        let s = (200.0 - 4.0) / (2.0 * HALF_W);
        let p = [100.0 + fx * s, inset.height / 2.0 - fy * s];
        assert!(p[0] > x0 && p[0] < x1 && p[1] > y0 && p[1] < y1);
    }

    #[test]
    fn a_ring_across_the_cut_is_split_into_two_closed_pieces() {
        // A square from 170°E to 170°W, centred on lon0 = 0: the cut is at 180°.
        let ring = [[170.0, 10.0], [-170.0, 10.0], [-170.0, 20.0], [170.0, 20.0], [170.0, 10.0]];
        let parts = split_at_cut(&ring, 0.0);
        assert_eq!(parts.len(), 2, "{parts:?}");
        for p in &parts {
            let xs: Vec<f64> = p.iter().map(|q| q[0]).collect();
            let span =
                xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max) - xs.iter().cloned().fold(f64::INFINITY, f64::min);
            assert!(span <= 10.0 + 1e-9, "{p:?}");
        }
        // One that does not cross stays whole.
        assert_eq!(split_at_cut(&[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]], 0.0).len(), 1);
    }
}
