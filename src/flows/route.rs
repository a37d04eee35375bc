//! Where an arrow starts. Investors sit far off the map (Beijing, Brussels,
//! Washington, Moscow), so an arrow enters from the frame edge in the true
//! direction of its origin: the initial great-circle bearing from the
//! destination. An origin inside the frame starts at its own location.

/// Initial great-circle bearing from `from` to `to`, degrees clockwise from north.
pub fn bearing(from: [f64; 2], to: [f64; 2]) -> f64 {
    let (l1, p1) = (from[0].to_radians(), from[1].to_radians());
    let (l2, p2) = (to[0].to_radians(), to[1].to_radians());
    let dl = l2 - l1;
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    y.atan2(x).to_degrees().rem_euclid(360.0)
}

/// The point `dist_deg` degrees of arc from `from` along `bearing_deg`.
pub fn destination(from: [f64; 2], bearing_deg: f64, dist_deg: f64) -> [f64; 2] {
    let (l1, p1) = (from[0].to_radians(), from[1].to_radians());
    let (b, d) = (bearing_deg.to_radians(), dist_deg.to_radians());
    let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * b.cos()).asin();
    let l2 = l1 + (b.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
    [l2.to_degrees(), p2.to_degrees()]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Top,
    Right,
    Bottom,
    Left,
}

/// Where a ray from `from` (inside `rect` = [xmin, ymin, xmax, ymax], screen
/// coordinates, y down) in direction `dir` leaves the rectangle.
pub fn exit_point(from: [f64; 2], dir: [f64; 2], rect: [f64; 4]) -> ([f64; 2], Edge) {
    let mut best = (f64::INFINITY, Edge::Top);
    let mut consider = |t: f64, e: Edge| {
        if t > 0.0 && t < best.0 {
            best = (t, e);
        }
    };
    if dir[0] > 0.0 {
        consider((rect[2] - from[0]) / dir[0], Edge::Right);
    }
    if dir[0] < 0.0 {
        consider((rect[0] - from[0]) / dir[0], Edge::Left);
    }
    if dir[1] > 0.0 {
        consider((rect[3] - from[1]) / dir[1], Edge::Bottom);
    }
    if dir[1] < 0.0 {
        consider((rect[1] - from[1]) / dir[1], Edge::Top);
    }
    let t = if best.0.is_finite() { best.0 } else { 0.0 };
    ([from[0] + dir[0] * t, from[1] + dir[1] * t], best.1)
}

/// The start of an arrow into `dest_ll` (lon/lat) from `origin_ll`.
/// `to_screen` maps lon/lat to screen pixels; `rect` is the frame in pixels.
/// Returns the start point and, for an off-frame origin, the edge it enters by.
pub fn start_point(
    dest_ll: [f64; 2],
    origin_ll: [f64; 2],
    rect: [f64; 4],
    to_screen: impl Fn([f64; 2]) -> [f64; 2],
) -> ([f64; 2], Option<Edge>) {
    let origin = to_screen(origin_ll);
    let inside = origin[0] > rect[0] && origin[0] < rect[2] && origin[1] > rect[1] && origin[1] < rect[3];
    if inside {
        return (origin, None);
    }
    let dest = to_screen(dest_ll);
    let b = bearing(dest_ll, origin_ll);
    let ahead = to_screen(destination(dest_ll, b, 0.5));
    let (dx, dy) = (ahead[0] - dest[0], ahead[1] - dest[1]);
    let n = (dx * dx + dy * dy).sqrt().max(1e-12);
    let (p, e) = exit_point(dest, [dx / n, dy / n], rect);
    (p, Some(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Bounds, ProjectionSpec};
    use crate::spatial::{Albers, View};

    /// Reference geodesics on the WGS84 ellipsoid (Karney 2013, "Algorithms
    /// for geodesics"), as (from lon/lat, to lon/lat, initial azimuth °, length m).
    /// JFK → Singapore Changi is the worked example in GeographicLib's
    /// GeodSolve(1) manual: `echo 40:38:23N 073:46:44W 01:21:33N 103:59:22E |
    /// GeodSolve -i -: -p 0` → azi1 003:18:29.9, s12 15347628 m. Beijing →
    /// Almaty and Astana → Moscow are from GeographicLib 2.1 (Python),
    /// `Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)`, computed for this test.
    const GEODESICS: [([f64; 2], [f64; 2], f64, f64); 4] = [
        (
            [-(73.0 + 46.0 / 60.0 + 44.0 / 3600.0), 40.0 + 38.0 / 60.0 + 23.0 / 3600.0],
            [103.0 + 59.0 / 60.0 + 22.0 / 3600.0, 1.0 + 21.0 / 60.0 + 33.0 / 3600.0],
            3.0 + 18.0 / 60.0 + 29.9 / 3600.0,
            15_347_628.0,
        ),
        // Beijing → Almaty: azi1 −70.4308° (289.5692°), 3,285,835 m.
        ([116.4074, 39.9042], [76.8897, 43.2389], 289.5692, 3_285_835.0),
        // Almaty → Beijing: azi1 82.7427°.
        ([76.8897, 43.2389], [116.4074, 39.9042], 82.7427, 3_285_835.0),
        // Astana → Moscow: azi1 −63.8249° (296.1751°), 2,279,739 m.
        ([71.4491, 51.1694], [37.6173, 55.7558], 296.1751, 2_279_739.0),
    ];

    /// Mean Earth radius (IUGG), metres: the sphere the arrows are routed on.
    const R: f64 = 6_371_008.8;

    /// Central angle between two lon/lat points, degrees (haversine; written
    /// here, not taken from the code under test).
    fn arc_deg(a: [f64; 2], b: [f64; 2]) -> f64 {
        let (p1, p2) = (a[1].to_radians(), b[1].to_radians());
        let (dp, dl) = (p2 - p1, (b[0] - a[0]).to_radians());
        let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        (2.0 * h.sqrt().asin()).to_degrees()
    }

    #[test]
    fn bearings_match_published_geodesics() {
        // The sphere differs from the ellipsoid by a few hundredths of a
        // degree on these routes; a rhumb line would be 13° off for Beijing
        // → Almaty, a planar bearing more.
        for (from, to, azi, _) in GEODESICS {
            let b = bearing(from, to);
            let diff = (b - azi + 540.0).rem_euclid(360.0) - 180.0;
            assert!(diff.abs() < 0.1, "{from:?} -> {to:?}: {b}° vs published {azi}°");
        }
    }

    #[test]
    fn travelling_the_published_azimuth_and_distance_arrives() {
        // Spherical and ellipsoidal lengths differ by under 0.5 %.
        for (from, to, azi, s12) in GEODESICS {
            let arc = (s12 / R).to_degrees();
            let end = destination(from, azi, arc);
            let miss = arc_deg(end, to);
            assert!(miss < arc * 0.005, "{from:?} -> {to:?}: lands {end:?}, {miss}° from the target");
        }
    }

    fn frame() -> (Albers, View, [f64; 4]) {
        let p = Albers::new(ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1: 38.0, lat2: 50.0 });
        let v = View::fit(&p, Bounds { west: 46.0, south: 35.0, east: 88.0, north: 56.0 }, 1280.0, 800.0, 0.0);
        (p, v, [0.0, 0.0, 1280.0, 800.0])
    }

    const BEIJING: [f64; 2] = [116.40, 39.90];
    const BRUSSELS: [f64; 2] = [4.35, 50.85];
    const WASHINGTON: [f64; 2] = [-77.04, 38.91];
    const MOSCOW: [f64; 2] = [37.62, 55.76];
    const KAZ: [f64; 2] = [67.5, 48.2];
    const TKM: [f64; 2] = [59.0, 39.0];
    const KGZ: [f64; 2] = [74.5, 41.5];
    const UZB: [f64; 2] = [64.0, 41.0];

    fn edge(dest: [f64; 2], origin: [f64; 2]) -> (Edge, [f64; 2]) {
        let (p, v, rect) = frame();
        let (pt, e) = start_point(dest, origin, rect, |ll| v.to_screen(p.project(ll[0], ll[1])));
        (e.expect("off-frame origin"), pt)
    }

    #[test]
    fn off_map_origins_enter_on_the_true_edge() {
        // China is east, the EU west; the great circle to Washington runs
        // over the Arctic, so it leaves through the top; Moscow is north-west.
        assert_eq!(edge(KAZ, BEIJING).0, Edge::Right);
        assert_eq!(edge(KGZ, BEIJING).0, Edge::Right);
        assert_eq!(edge(TKM, BRUSSELS).0, Edge::Left);
        assert_eq!(edge(UZB, BRUSSELS).0, Edge::Left);
        // From northern Kazakhstan the great circle to Brussels heads
        // north-west (≈ 300°) and, in a landscape frame, meets the top first.
        assert_eq!(edge(KAZ, BRUSSELS).0, Edge::Top);
        assert_eq!(edge(KAZ, WASHINGTON).0, Edge::Top);
        assert_eq!(edge(KGZ, WASHINGTON).0, Edge::Top);
        assert_eq!(edge(KAZ, MOSCOW).0, Edge::Top);
        // From Ashgabat, Moscow is further north than west (bearing ≈ 325°).
        assert_eq!(edge(TKM, MOSCOW).0, Edge::Top);
    }

    #[test]
    fn the_entry_direction_is_the_great_circle_bearing() {
        let (p, v, _) = frame();
        for dest in [KAZ, TKM, KGZ] {
            for o in [BEIJING, BRUSSELS, WASHINGTON, MOSCOW] {
                let (_, pt) = edge(dest, o);
                let d = v.to_screen(p.project(dest[0], dest[1]));
                let ahead = v.to_screen(p.project(
                    destination(dest, bearing(dest, o), 0.01)[0],
                    destination(dest, bearing(dest, o), 0.01)[1],
                ));
                let a1 = (pt[1] - d[1]).atan2(pt[0] - d[0]);
                let a2 = (ahead[1] - d[1]).atan2(ahead[0] - d[0]);
                assert!((a1 - a2).abs() < 0.02, "{dest:?} <- {o:?}: {a1} vs {a2}");
            }
        }
    }

    #[test]
    fn entry_points_lie_on_the_frame() {
        for dest in [KAZ, TKM, KGZ] {
            for o in [BEIJING, BRUSSELS, WASHINGTON, MOSCOW] {
                let (e, pt) = edge(dest, o);
                let on = match e {
                    Edge::Top => pt[1].abs() < 1e-6,
                    Edge::Bottom => (pt[1] - 800.0).abs() < 1e-6,
                    Edge::Left => pt[0].abs() < 1e-6,
                    Edge::Right => (pt[0] - 1280.0).abs() < 1e-6,
                };
                assert!(on, "{dest:?} <- {o:?}: {pt:?} not on {e:?}");
            }
        }
    }

    #[test]
    fn an_origin_inside_the_frame_starts_at_its_location() {
        let (p, v, rect) = frame();
        let almaty = [76.95, 43.24];
        let (pt, e) = start_point(KAZ, almaty, rect, |ll| v.to_screen(p.project(ll[0], ll[1])));
        assert!(e.is_none());
        let want = v.to_screen(p.project(almaty[0], almaty[1]));
        assert!((pt[0] - want[0]).abs() < 1e-9 && (pt[1] - want[1]).abs() < 1e-9);
    }
}
