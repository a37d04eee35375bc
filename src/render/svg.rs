//! SVG path data from projected geometry. Paths are written in screen pixels
//! for the committed view, simplified to about half a pixel, so the level of
//! detail follows the zoom.

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

/// Map every coordinate of a multipolygon.
pub fn map_coords(mp: &MultiPolygon<f64>, f: impl Fn([f64; 2]) -> [f64; 2]) -> MultiPolygon<f64> {
    use geo::MapCoords;
    mp.map_coords(|c| {
        let [x, y] = f([c.x, c.y]);
        geo::Coord { x, y }
    })
}

/// Escape text for SVG/XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
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
    fn escapes_markup() {
        assert_eq!(escape("A&B <\"x\">"), "A&amp;B &lt;&quot;x&quot;&gt;");
    }
}
