//! A tapered, curved arrow: a cubic Bézier centre line whose width grows from
//! the tail to the head base, and a head sized to the width. The last control
//! point lies on the line from the anchor through the tip, so the head always
//! points at the destination anchor.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArrowSpec {
    pub start: [f64; 2],
    /// The tip.
    pub end: [f64; 2],
    /// What the head points at (the destination's label point).
    pub anchor: [f64; 2],
    /// Body width at the head base: the proportional width.
    pub width: f64,
    /// Perpendicular offset of the first control point, px (signed).
    pub bend: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// Closed outline, clockwise or not; first point is not repeated.
    pub outline: Vec<[f64; 2]>,
    pub tip: [f64; 2],
    pub head_base: [f64; 2],
    pub width: f64,
    pub head_half_width: f64,
    /// Where a label for the arrow can sit (the curve's midpoint).
    pub mid: [f64; 2],
    /// Centre line of the body with the half-width at each sample.
    spine: Vec<([f64; 2], f64)>,
}

/// Tail width as a share of the head-base width.
const TAIL: f64 = 0.45;
const BODY_SAMPLES: usize = 28;

fn sub(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [a[0] - b[0], a[1] - b[1]]
}
fn add(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [a[0] + b[0], a[1] + b[1]]
}
fn mul(a: [f64; 2], s: f64) -> [f64; 2] {
    [a[0] * s, a[1] * s]
}
fn len(a: [f64; 2]) -> f64 {
    (a[0] * a[0] + a[1] * a[1]).sqrt()
}
fn unit(a: [f64; 2], fallback: [f64; 2]) -> [f64; 2] {
    let l = len(a);
    if l < 1e-9 { fallback } else { mul(a, 1.0 / l) }
}
fn perp(a: [f64; 2]) -> [f64; 2] {
    [-a[1], a[0]]
}

struct Cubic([[f64; 2]; 4]);

impl Cubic {
    fn at(&self, t: f64) -> [f64; 2] {
        let [p0, p1, p2, p3] = self.0;
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]]
    }

    fn tangent(&self, t: f64) -> [f64; 2] {
        let [p0, p1, p2, p3] = self.0;
        let u = 1.0 - t;
        let d =
            |i: usize| 3.0 * u * u * (p1[i] - p0[i]) + 6.0 * u * t * (p2[i] - p1[i]) + 3.0 * t * t * (p3[i] - p2[i]);
        [d(0), d(1)]
    }
}

/// Head half-width and length for a body width.
pub fn head_size(width: f64) -> (f64, f64) {
    let half = width * 0.5 + (width * 0.35).max(3.5);
    (half, (half * 1.5).max(8.0))
}

pub fn build(spec: &ArrowSpec) -> Arrow {
    let (s, e) = (spec.start, spec.end);
    let span = len(sub(e, s)).max(1e-6);
    let dir = unit(sub(e, s), [1.0, 0.0]);
    let out = unit(sub(e, spec.anchor), mul(dir, -1.0));
    let c1 = add(add(s, mul(dir, span * 0.4)), mul(perp(dir), spec.bend));
    let c2 = add(e, mul(out, span * 0.3));
    let curve = Cubic([s, c1, c2, e]);

    let (mut head_half, mut head_len) = head_size(spec.width);
    if head_len > span * 0.6 {
        let f = span * 0.6 / head_len;
        head_len *= f;
        head_half *= f.max(0.5);
    }
    // Walk back from the tip until the chord reaches the head length.
    let mut t_head = 0.0;
    let steps = 200;
    for i in (0..=steps).rev() {
        let t = i as f64 / steps as f64;
        if len(sub(e, curve.at(t))) >= head_len {
            t_head = t;
            break;
        }
    }
    // The head lies along the end tangent, which points at the anchor.
    let axis = unit(sub(e, c2), dir);
    let head_base = sub(e, mul(axis, head_len));

    let mut left = Vec::with_capacity(BODY_SAMPLES + 1);
    let mut right = Vec::with_capacity(BODY_SAMPLES + 1);
    let mut spine = Vec::with_capacity(BODY_SAMPLES + 1);
    for i in 0..=BODY_SAMPLES {
        let f = i as f64 / BODY_SAMPLES as f64;
        let t = t_head * f;
        let p = curve.at(t);
        let n = perp(unit(curve.tangent(t), dir));
        let hw = spec.width / 2.0 * (TAIL + (1.0 - TAIL) * f);
        left.push(add(p, mul(n, hw)));
        right.push(sub(p, mul(n, hw)));
        spine.push((p, hw));
    }
    let hn = perp(axis);
    let mut outline = left;
    outline.push(add(head_base, mul(hn, head_half)));
    outline.push(e);
    outline.push(sub(head_base, mul(hn, head_half)));
    outline.extend(right.into_iter().rev());

    Arrow { outline, tip: e, head_base, width: spec.width, head_half_width: head_half, mid: curve.at(0.5), spine }
}

/// A straight legend arrow for `width`: a shaft of `shaft` px and its head,
/// with its top-left corner at `at`. Returns the arrow and the box it needs
/// ([width, height]), so the legend shows widths exactly as the map draws them.
pub fn reference(width: f64, shaft: f64, at: [f64; 2]) -> (Arrow, [f64; 2]) {
    let (half, head_len) = head_size(width);
    let half = half.max(4.0);
    let y = at[1] + half + 1.0;
    let end = at[0] + shaft + head_len;
    let arrow = build(&ArrowSpec { start: [at[0], y], end: [end, y], anchor: [end + 10.0, y], width, bend: 0.0 });
    (arrow, [shaft + head_len + 2.0, 2.0 * half + 2.0])
}

impl Arrow {
    /// The outline as a polygon.
    pub fn polygon(&self) -> geo::Polygon<f64> {
        geo::Polygon::new(self.outline.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>().into(), vec![])
    }

    /// [xmin, ymin, xmax, ymax] of the outline.
    pub fn bounds(&self) -> [f64; 4] {
        self.outline.iter().fold([f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY], |b, p| {
            [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]
        })
    }

    /// Is `p` on the drawn shape? The body is tested as a swept band
    /// (distance to the centre line within the local half-width) and the
    /// head as a triangle, so a tightly curved arrow whose outline crosses
    /// itself is still hit exactly where it is painted.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        let in_body = self.spine.windows(2).any(|w| {
            let ((a, ha), (b, hb)) = (w[0], w[1]);
            let ab = sub(b, a);
            let l2 = (ab[0] * ab[0] + ab[1] * ab[1]).max(1e-12);
            let t = (((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / l2).clamp(0.0, 1.0);
            len(sub(p, add(a, mul(ab, t)))) <= ha + (hb - ha) * t
        });
        // Head triangle: wing, tip, wing follow the body's left side.
        let k = BODY_SAMPLES + 1;
        let tri = [self.outline[k], self.outline[k + 1], self.outline[k + 2]];
        let side = |a: [f64; 2], b: [f64; 2]| (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
        let (d1, d2, d3) = (side(tri[0], tri[1]), side(tri[1], tri[2]), side(tri[2], tri[0]));
        let in_head = !((d1 < 0.0 || d2 < 0.0 || d3 < 0.0) && (d1 > 0.0 || d2 > 0.0 || d3 > 0.0));
        in_body || in_head
    }

    /// The body's centre line, tail to head base, with the half-width at each sample.
    pub fn spine(&self) -> &[([f64; 2], f64)] {
        &self.spine
    }

    /// Distance between the body's two edges at the head base.
    pub fn base_width(&self) -> f64 {
        let n = BODY_SAMPLES;
        len(sub(self.outline[n], self.outline[self.outline.len() - 1 - n]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point};

    fn spec(width: f64, bend: f64) -> ArrowSpec {
        ArrowSpec { start: [1200.0, 300.0], end: [620.0, 250.0], anchor: [600.0, 260.0], width, bend }
    }

    fn angle_between(a: [f64; 2], b: [f64; 2]) -> f64 {
        let c = (a[0] * b[0] + a[1] * b[1]) / (len(a) * len(b));
        c.clamp(-1.0, 1.0).acos().to_degrees()
    }

    #[test]
    fn the_head_points_at_the_destination() {
        for bend in [-120.0, 0.0, 80.0] {
            for w in [1.5, 8.0, 30.0] {
                let s = spec(w, bend);
                let a = build(&s);
                assert_eq!(a.tip, s.end);
                // The head axis (base -> tip) continues towards the anchor.
                let ang = angle_between(sub(a.tip, a.head_base), sub(s.anchor, s.end));
                assert!(ang < 2.0, "w={w} bend={bend}: {ang}°");
            }
        }
    }

    #[test]
    fn the_body_is_as_wide_as_asked_at_the_head_base() {
        for w in [2.0, 10.0, 40.0] {
            let a = build(&spec(w, 40.0));
            assert!((a.base_width() - w).abs() < 0.05 * w, "{w} vs {}", a.base_width());
            assert!(a.head_half_width * 2.0 > w, "head wider than body");
        }
    }

    #[test]
    fn the_shape_contains_its_centre_line_not_its_bounding_box_corners() {
        let a = build(&spec(20.0, 150.0));
        let poly = a.polygon();
        assert!(poly.contains(&Point::new(a.mid[0], a.mid[1])));
        // A curved arrow leaves most of its bounding box empty.
        use geo::BoundingRect;
        let b = poly.bounding_rect().unwrap();
        let corners = [(b.min().x + 1.0, b.min().y + 1.0), (b.max().x - 1.0, b.max().y - 1.0)];
        assert!(corners.iter().any(|&(x, y)| !poly.contains(&Point::new(x, y))));
    }

    #[test]
    fn hit_testing_follows_the_painted_shape() {
        for (w, bend) in [(30.0, 260.0), (8.0, -150.0), (2.0, 0.0)] {
            let a = build(&spec(w, bend));
            assert!(a.contains(a.mid), "w={w}: centre line");
            assert!(a.contains(a.tip), "w={w}: tip");
            assert!(a.contains([(a.head_base[0] + a.tip[0]) / 2.0, (a.head_base[1] + a.tip[1]) / 2.0]), "w={w}: head");
            // Well off the shape, inside its bounding box.
            let b = a.bounds();
            let far = [
                [b[0] + 1.0, b[1] + 1.0],
                [b[2] - 1.0, b[3] - 1.0],
                [b[0] + 1.0, b[3] - 1.0],
                [b[2] - 1.0, b[1] + 1.0],
            ];
            assert!(far.iter().any(|&p| !a.contains(p)), "w={w} bend={bend}: bounding box, not shape");
        }
        // Agrees with the outline polygon where the outline is simple.
        use geo::{Contains, Point};
        let a = build(&spec(10.0, 30.0));
        let poly = a.polygon();
        let b = a.bounds();
        for i in 0..60 {
            for j in 0..20 {
                let p =
                    [b[0] + (b[2] - b[0]) * (i as f64 + 0.5) / 60.0, b[1] + (b[3] - b[1]) * (j as f64 + 0.5) / 20.0];
                let near_edge = a.outline.iter().any(|q| len(sub(*q, p)) < 1.5);
                if !near_edge {
                    assert_eq!(a.contains(p), poly.contains(&Point::new(p[0], p[1])), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn a_reference_arrow_has_the_asked_width_inside_its_box() {
        for w in [1.5, 6.0, 37.5] {
            let (a, size) = reference(w, 60.0, [2.0, 3.0]);
            assert!((a.base_width() - w).abs() < 0.05 * w.max(1.0));
            let b = a.bounds();
            assert!(b[0] >= 1.9 && b[1] >= 2.9 && b[2] <= 2.0 + size[0] && b[3] <= 3.0 + size[1], "{b:?} {size:?}");
        }
    }

    #[test]
    fn tapers_from_tail_to_head() {
        let a = build(&spec(20.0, 0.0));
        let n = BODY_SAMPLES;
        let last = a.outline.len() - 1;
        let tail = len(sub(a.outline[0], a.outline[last]));
        assert!((tail - 20.0 * TAIL).abs() < 0.5, "{tail}");
        assert!(a.base_width() > tail);
        let _ = n;
    }
}
