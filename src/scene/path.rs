//! Path data in screen pixels, written once for every renderer: rings and
//! multipolygons (simplified to about half a pixel, so the level of detail
//! follows the zoom) and the deposit marker shapes. The SVG renderers use
//! the `d` strings; the canvas renderer walks the same [`Shape`] or hands the
//! same `d` string to `Path2D`.

use crate::data::DepositStatus;
use crate::decimal::fixed;
use geo::{MultiPolygon, Simplify};
use std::fmt::Write;

/// Write `v` tenths as the shortest SVG number: `30` → `3`, `5` → `.5`,
/// `-34` → `-3.4`.
fn push_tenths(d: &mut String, v: i64) {
    if v < 0 {
        d.push('-');
    }
    let (whole, tenth) = (v.unsigned_abs() / 10, v.unsigned_abs() % 10);
    if whole > 0 || tenth == 0 {
        let _ = write!(d, "{whole}");
    }
    if tenth > 0 {
        d.push('.');
        d.push(char::from(b'0' + tenth as u8));
    }
}

/// Append a polyline as path data: a move to the first point, then
/// relative line-tos (`M12.3,45.6l1.2-3.4 5,.7`), closed by `z` when
/// `closed`. Every point is rounded to 0.1 px first and each step is the
/// difference of two rounded points, so the path ends exactly where
/// absolute coordinates would put it (no drift along a long border), at
/// about two thirds of their bytes.
///
/// ```
/// use atlas::scene::path::push_polyline;
/// let mut d = String::new();
/// push_polyline(&mut d, &[[10.0, 20.0], [12.04, 18.5], [12.0, 21.0]], true);
/// assert_eq!(d, "M10,20l2-1.5 0,2.5z");
/// ```
pub fn push_polyline(d: &mut String, points: &[[f64; 2]], closed: bool) {
    let tenths = |v: f64| (v * 10.0).round() as i64;
    let mut last = [0i64; 2];
    for (i, p) in points.iter().enumerate() {
        let at = [tenths(p[0]), tenths(p[1])];
        let (step, lead) = if i == 0 { (at, 'M') } else { ([at[0] - last[0], at[1] - last[1]], ' ') };
        match i {
            0 => d.push('M'),
            1 => d.push('l'),
            // A minus sign separates two numbers by itself.
            _ if step[0] < 0 => {}
            _ => d.push(lead),
        }
        push_tenths(d, step[0]);
        if step[1] >= 0 {
            d.push(',');
        }
        push_tenths(d, step[1]);
        last = at;
    }
    if closed && !points.is_empty() {
        d.push('z');
    }
}

/// A closed ring as path data ([`push_polyline`]).
pub fn ring_path(points: &[[f64; 2]]) -> String {
    let mut d = String::with_capacity(points.len() * 8);
    push_polyline(&mut d, points, true);
    d
}

/// The points of path data written by [`push_polyline`], one list per
/// subpath (the inverse, to 0.1 px: for tests and tools).
pub fn polyline_points(d: &str) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut nums: Vec<f64> = Vec::new();
    let mut relative = false;
    let flush = |nums: &mut Vec<f64>, out: &mut Vec<Vec<[f64; 2]>>, relative: bool| {
        let Some(line) = out.last_mut() else { return };
        for pair in nums.chunks_exact(2) {
            let p = match (relative, line.last()) {
                (true, Some(l)) => [l[0] + pair[0], l[1] + pair[1]],
                _ => [pair[0], pair[1]],
            };
            line.push(p);
        }
        nums.clear();
    };
    let mut token = String::new();
    for c in d.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == '.' || (c == '-' && token.is_empty()) {
            token.push(c);
            continue;
        }
        if !token.is_empty() {
            nums.push(token.parse().unwrap_or(0.0));
            token.clear();
        }
        if c == '-' {
            token.push(c);
        }
        match c {
            'M' => {
                flush(&mut nums, &mut out, relative);
                out.push(Vec::new());
                relative = false;
            }
            'l' | 'z' | 'L' | 'Z' => {
                flush(&mut nums, &mut out, relative);
                relative = c == 'l';
            }
            _ => {}
        }
    }
    flush(&mut nums, &mut out, relative);
    // Steps add up in tenths: round away the float sums' last bits.
    out.iter_mut().flatten().for_each(|p| *p = [(p[0] * 10.0).round() / 10.0, (p[1] * 10.0).round() / 10.0]);
    out
}

/// Path data for a multipolygon in screen coordinates, simplified with
/// Ramer–Douglas–Peucker at `tolerance` pixels. Parts whose bounding box
/// misses `clip` (screen rect, [xmin, ymin, xmax, ymax]) are skipped.
pub fn multipolygon_path(mp: &MultiPolygon<f64>, tolerance: f64, clip: Option<[f64; 4]>) -> String {
    use geo::BoundingRect;
    let mut d = String::new();
    for poly in mp.0.iter() {
        if let (Some(c), Some(b)) = (clip, poly.bounding_rect())
            && (b.max().x < c[0] || b.min().x > c[2] || b.max().y < c[1] || b.min().y > c[3])
        {
            continue;
        }
        let simple = if tolerance > 0.0 { poly.simplify(tolerance) } else { poly.clone() };
        for ring in std::iter::once(simple.exterior()).chain(simple.interiors()) {
            let pts: Vec<[f64; 2]> = ring.0.iter().map(|c| [c.x, c.y]).collect();
            // Drop the closing point: Z closes the ring.
            let n = if pts.len() > 1 && pts.first() == pts.last() { pts.len() - 1 } else { pts.len() };
            if n >= 3 {
                d.push_str(&ring_path(&pts[..n]));
            }
        }
    }
    d
}

/// A marker's outline: the shape tells the status, so colour (the
/// commodity) is never the only cue.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Circle { c: [f64; 2], r: f64 },
    Polygon(Vec<[f64; 2]>),
}

impl Shape {
    /// The shape for `status`, radius `r`, centred on `c`.
    pub fn marker(status: DepositStatus, c: [f64; 2], r: f64) -> Shape {
        let [x, y] = c;
        match status {
            DepositStatus::Operating => Shape::Circle { c, r },
            DepositStatus::Development => {
                let s = r * 1.25;
                Shape::Polygon(vec![[x, y - s], [x + s, y], [x, y + s], [x - s, y]])
            }
            DepositStatus::Exploration => {
                let s = r * 1.3;
                Shape::Polygon(vec![[x, y - s], [x + s * 0.94, y + s * 0.7], [x - s * 0.94, y + s * 0.7]])
            }
            DepositStatus::PastProducer => {
                let s = r * 0.9;
                Shape::Polygon(vec![[x - s, y - s], [x + s, y - s], [x + s, y + s], [x - s, y + s]])
            }
        }
    }

    /// SVG path data.
    pub fn d(&self) -> String {
        match self {
            Shape::Circle { c: [x, y], r } => format!(
                "M{},{}a{r},{r} 0 1,0 {},0a{r},{r} 0 1,0 {},0Z",
                fixed(x - r, 1),
                fixed(*y, 1),
                fixed(2.0 * r, 1),
                fixed(-2.0 * r, 1),
                r = fixed(*r, 1)
            ),
            Shape::Polygon(pts) => ring_path(pts),
        }
    }
}

/// Path data for a marker of radius `r` centred on (`x`, `y`).
pub fn marker_path(status: DepositStatus, x: f64, y: f64, r: f64) -> String {
    Shape::marker(status, [x, y], r).d()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn ring_path_closes_and_rounds() {
        assert_eq!(ring_path(&[[0.0, 0.0], [10.04, 0.0], [10.0, 5.56]]), "M0,0l10,0 0,5.6z");
        assert_eq!(ring_path(&[[-0.5, 3.0], [-1.0, -2.25], [0.0, 0.0]]), "M-.5,3l-.5-5.3 1,2.3z");
        assert_eq!(ring_path(&[]), "");
    }

    #[test]
    fn relative_steps_end_where_the_absolute_points_are_without_drift() {
        // A long wiggly line: 2,000 steps of a third of a pixel.
        let pts: Vec<[f64; 2]> =
            (0..2000).map(|i| [100.0 + i as f64 / 3.0, 300.0 + (i as f64 * 0.7).sin() * 40.123]).collect();
        let mut d = String::new();
        push_polyline(&mut d, &pts, false);
        let back = polyline_points(&d);
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].len(), pts.len());
        for (p, q) in pts.iter().zip(&back[0]) {
            assert!((p[0] - q[0]).abs() <= 0.05 + 1e-9 && (p[1] - q[1]).abs() <= 0.05 + 1e-9, "{p:?} vs {q:?}");
        }
        // Two subpaths, one closed: each starts with its own absolute move.
        let mut two = ring_path(&[[1.0, 1.0], [2.0, 1.0], [2.0, 2.0]]);
        push_polyline(&mut two, &[[50.0, 60.0], [40.5, 61.0]], false);
        assert_eq!(
            polyline_points(&two),
            vec![vec![[1.0, 1.0], [2.0, 1.0], [2.0, 2.0]], vec![[50.0, 60.0], [40.5, 61.0]]]
        );
    }

    #[test]
    fn simplification_drops_sub_pixel_detail_and_clip_skips_parts() {
        let wiggly =
            polygon![(x: 0.0, y: 0.0), (x: 50.0, y: 0.1), (x: 100.0, y: 0.0), (x: 100.0, y: 100.0), (x: 0.0, y: 100.0)];
        let far = polygon![(x: 500.0, y: 500.0), (x: 510.0, y: 500.0), (x: 510.0, y: 510.0)];
        let mp = MultiPolygon::new(vec![wiggly, far]);
        let full = multipolygon_path(&mp, 0.0, None);
        let coarse = multipolygon_path(&mp, 0.5, None);
        let vertices = |d: &str| polyline_points(d).concat().len();
        assert!(vertices(&coarse) < vertices(&full));
        let clipped = multipolygon_path(&mp, 0.5, Some([0.0, 0.0, 200.0, 200.0]));
        assert_eq!(polyline_points(&clipped).len(), 1);
    }

    #[test]
    fn each_status_has_its_own_shape() {
        let shapes: Vec<Shape> = DepositStatus::ALL.iter().map(|s| Shape::marker(*s, [0.0, 0.0], 5.0)).collect();
        for (i, a) in shapes.iter().enumerate() {
            for b in &shapes[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // Circle, diamond, triangle, square.
        let corners: Vec<usize> = shapes.iter().map(|s| if let Shape::Polygon(p) = s { p.len() } else { 0 }).collect();
        assert_eq!(corners, vec![0, 4, 3, 4]);
        assert_ne!(
            marker_path(DepositStatus::Development, 0.0, 0.0, 5.0),
            marker_path(DepositStatus::PastProducer, 0.0, 0.0, 5.0)
        );
    }
}
