//! R-tree indexes (rstar) in projected plane coordinates. Every pointer event
//! and every viewport question goes through these, never a linear scan.

use geo::{BoundingRect, Contains, MultiPolygon, Point, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

type Entry = GeomWithData<[f64; 2], usize>;
/// A polygon part's bounding box, tagged (shape, part).
type PartBox = GeomWithData<Rectangle<[f64; 2]>, (usize, usize)>;

/// Deposits as points; the payload is the caller's index into its own list.
#[derive(Debug, Clone, Default)]
pub struct DepositIndex {
    tree: RTree<Entry>,
}

impl DepositIndex {
    pub fn new(points: impl IntoIterator<Item = (usize, [f64; 2])>) -> Self {
        let entries = points.into_iter().map(|(i, p)| Entry::new(p, i)).collect();
        DepositIndex { tree: RTree::bulk_load(entries) }
    }

    pub fn len(&self) -> usize {
        self.tree.size()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// The nearest point, if any.
    pub fn nearest(&self, p: [f64; 2]) -> Option<usize> {
        self.tree.nearest_neighbor(&p).map(|e| e.data)
    }

    /// The nearest point no farther than `max_dist` from `p`. Only the
    /// tree nodes within the radius are visited, so a miss is cheap.
    pub fn nearest_within(&self, p: [f64; 2], max_dist: f64) -> Option<usize> {
        let d2 = |e: &Entry| {
            let [x, y] = *e.geom();
            (x - p[0]).powi(2) + (y - p[1]).powi(2)
        };
        self.tree
            .locate_within_distance(p, max_dist * max_dist)
            .min_by(|a, b| d2(a).total_cmp(&d2(b)).then(a.data.cmp(&b.data)))
            .map(|e| e.data)
    }

    /// Every point inside the rectangle [xmin, ymin, xmax, ymax].
    pub fn in_rect(&self, r: [f64; 4]) -> impl Iterator<Item = usize> + '_ {
        let env = AABB::from_corners([r[0], r[1]], [r[2], r[3]]);
        self.tree.locate_in_envelope(&env).map(|e| e.data)
    }
}

/// Rectangles (bounding boxes of shapes the caller tests exactly).
#[derive(Debug, Clone, Default)]
pub struct BoxIndex {
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
}

impl BoxIndex {
    /// `boxes[i]` = [xmin, ymin, xmax, ymax] of item `i`.
    pub fn new(boxes: impl IntoIterator<Item = [f64; 4]>) -> Self {
        let entries = boxes
            .into_iter()
            .enumerate()
            .map(|(i, b)| GeomWithData::new(Rectangle::from_corners([b[0], b[1]], [b[2], b[3]]), i))
            .collect();
        BoxIndex { tree: RTree::bulk_load(entries) }
    }

    /// Items whose box contains `p`, for an exact test by the caller.
    pub fn candidates(&self, p: [f64; 2]) -> impl Iterator<Item = usize> + '_ {
        self.tree.locate_all_at_point(&p).map(|e| e.data)
    }
}

/// Polygons (countries): bounding boxes in the tree, then an exact contains test.
#[derive(Debug, Clone, Default)]
pub struct ShapeIndex {
    tree: RTree<PartBox>,
    /// Polygon parts by (country, part).
    parts: Vec<Vec<Polygon<f64>>>,
}

impl ShapeIndex {
    /// `shapes[i]` is shape `i`'s outline (plane or screen coordinates).
    pub fn new(shapes: Vec<MultiPolygon<f64>>) -> Self {
        let mut entries = Vec::new();
        let mut parts = Vec::with_capacity(shapes.len());
        for (ci, mp) in shapes.into_iter().enumerate() {
            let polys: Vec<Polygon<f64>> = mp.0;
            for (pi, poly) in polys.iter().enumerate() {
                if let Some(b) = poly.bounding_rect() {
                    let rect = Rectangle::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]);
                    entries.push(GeomWithData::new(rect, (ci, pi)));
                }
            }
            parts.push(polys);
        }
        ShapeIndex { tree: RTree::bulk_load(entries), parts }
    }

    /// The first shape whose polygon contains `p`.
    pub fn at(&self, p: [f64; 2]) -> Option<usize> {
        let pt = Point::new(p[0], p[1]);
        self.tree.locate_all_at_point(&p).find(|e| self.parts[e.data.0][e.data.1].contains(&pt)).map(|e| e.data.0)
    }

    /// Shapes whose bounding box meets the rectangle [xmin, ymin, xmax, ymax].
    pub fn in_rect(&self, r: [f64; 4]) -> Vec<usize> {
        let env = AABB::from_corners([r[0], r[1]], [r[2], r[3]]);
        let mut out: Vec<usize> = self.tree.locate_in_envelope_intersecting(&env).map(|e| e.data.0).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, polygon};
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    fn random_points(n: usize, seed: u64) -> Vec<[f64; 2]> {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..n).map(|_| [rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0)]).collect()
    }

    fn brute_nearest(pts: &[[f64; 2]], p: [f64; 2]) -> (usize, f64) {
        pts.iter()
            .enumerate()
            .map(|(i, q)| (i, ((q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)).sqrt()))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap()
    }

    #[test]
    fn nearest_matches_brute_force() {
        let pts = random_points(5000, 1);
        let idx = DepositIndex::new(pts.iter().copied().enumerate());
        for q in random_points(2000, 2) {
            let got = idx.nearest(q).unwrap();
            let (want, d) = brute_nearest(&pts, q);
            // Ties are equally near.
            let dg = ((pts[got][0] - q[0]).powi(2) + (pts[got][1] - q[1]).powi(2)).sqrt();
            assert!(got == want || (dg - d).abs() < 1e-15, "{q:?}: {got} vs {want}");
        }
    }

    #[test]
    fn nearest_within_respects_the_tolerance() {
        let pts = random_points(3000, 3);
        let idx = DepositIndex::new(pts.iter().copied().enumerate());
        let tol = 0.01;
        for q in random_points(3000, 4) {
            let (want, d) = brute_nearest(&pts, q);
            match idx.nearest_within(q, tol) {
                Some(got) => {
                    assert!(d <= tol);
                    let dg = ((pts[got][0] - q[0]).powi(2) + (pts[got][1] - q[1]).powi(2)).sqrt();
                    assert!((dg - d).abs() < 1e-15, "{got} vs {want}");
                }
                None => assert!(d > tol, "missed {want} at {d}"),
            }
        }
    }

    #[test]
    fn rect_query_matches_brute_force() {
        let pts = random_points(4000, 5);
        let idx = DepositIndex::new(pts.iter().copied().enumerate());
        let mut rng = StdRng::seed_from_u64(6);
        for _ in 0..500 {
            let (a, b) = (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0));
            let (c, d) = (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0));
            let r = [f64::min(a, b), f64::min(c, d), f64::max(a, b), f64::max(c, d)];
            let mut got: Vec<_> = idx.in_rect(r).collect();
            got.sort_unstable();
            let want: Vec<_> = (0..pts.len())
                .filter(|&i| pts[i][0] >= r[0] && pts[i][0] <= r[2] && pts[i][1] >= r[1] && pts[i][1] <= r[3])
                .collect();
            assert_eq!(got, want);
        }
    }

    fn square(x: f64, y: f64, s: f64) -> MultiPolygon<f64> {
        MultiPolygon::new(vec![polygon![(x: x, y: y), (x: x + s, y: y), (x: x + s, y: y + s), (x: x, y: y + s)]])
    }

    #[test]
    fn country_lookup_matches_brute_force_with_concave_shapes() {
        // An L-shaped country whose bounding box covers a neighbour's square.
        let l = MultiPolygon::new(vec![Polygon::new(
            LineString::from(vec![(-1.0, -1.0), (1.0, -1.0), (1.0, -0.5), (-0.5, -0.5), (-0.5, 1.0), (-1.0, 1.0)]),
            vec![],
        )]);
        let shapes = vec![l, square(0.0, 0.0, 0.9), square(-0.4, 0.3, 0.2)];
        let idx = ShapeIndex::new(shapes.clone());
        for q in random_points(5000, 7) {
            let want = shapes.iter().position(|s| s.contains(&Point::new(q[0], q[1])));
            assert_eq!(idx.at(q), want, "{q:?}");
        }
    }

    #[test]
    fn countries_in_rect_uses_bounding_boxes() {
        let idx = ShapeIndex::new(vec![square(0.0, 0.0, 1.0), square(5.0, 5.0, 1.0)]);
        assert_eq!(idx.in_rect([0.5, 0.5, 2.0, 2.0]), vec![0]);
        assert_eq!(idx.in_rect([-10.0, -10.0, 10.0, 10.0]), vec![0, 1]);
        assert!(idx.in_rect([2.0, 2.0, 3.0, 3.0]).is_empty());
    }
}
