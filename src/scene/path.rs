//! Path data in screen pixels, written once for every renderer: rings and
//! multipolygons (simplified to about half a pixel, so the level of detail
//! follows the zoom) and the deposit marker shapes. The SVG renderers use
//! the `d` strings; the canvas renderer walks the same [`Shape`] or hands the
//! same `d` string to `Path2D`.

use crate::data::DepositStatus;
use geo::{MultiPolygon, Simplify};
use std::fmt::Write;

/// A closed ring as path data: `M x,y L ... Z`.
pub fn ring_path(points: &[[f64; 2]]) -> String {
    let mut d = String::with_capacity(points.len() * 12);
    for (i, p) in points.iter().enumerate() {
        let _ = write!(d, "{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, p[0], p[1]);
    }
    if !points.is_empty() {
        d.push('Z');
    }
    d
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
                "M{:.1},{:.1}a{r:.1},{r:.1} 0 1,0 {:.1},0a{r:.1},{r:.1} 0 1,0 {:.1},0Z",
                x - r,
                y,
                2.0 * r,
                -2.0 * r
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
        assert_eq!(ring_path(&[[0.0, 0.0], [10.04, 0.0], [10.0, 5.55]]), "M0.0,0.0L10.0,0.0L10.0,5.5Z");
        assert_eq!(ring_path(&[]), "");
    }

    #[test]
    fn simplification_drops_sub_pixel_detail_and_clip_skips_parts() {
        let wiggly =
            polygon![(x: 0.0, y: 0.0), (x: 50.0, y: 0.1), (x: 100.0, y: 0.0), (x: 100.0, y: 100.0), (x: 0.0, y: 100.0)];
        let far = polygon![(x: 500.0, y: 500.0), (x: 510.0, y: 500.0), (x: 510.0, y: 510.0)];
        let mp = MultiPolygon::new(vec![wiggly, far]);
        let full = multipolygon_path(&mp, 0.0, None);
        let coarse = multipolygon_path(&mp, 0.5, None);
        assert!(coarse.matches('L').count() < full.matches('L').count());
        let clipped = multipolygon_path(&mp, 0.5, Some([0.0, 0.0, 200.0, 200.0]));
        assert_eq!(clipped.matches('M').count(), 1);
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
