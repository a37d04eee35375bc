//! Several arrows into one country: spread their tips around the label so
//! none share an end point or sit on top of each other, and bend each curve
//! towards the side its tip was moved to.

use std::f64::consts::PI;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Landing {
    pub end: [f64; 2],
    pub bend: f64,
}

/// `starts`: where each arrow begins. `anchor`: the label point. The tips sit
/// on an ellipse with radii `rx`, `ry` around the anchor, at least `min_sep`
/// radians apart, as near as possible to the arrow's own direction.
pub fn land(anchor: [f64; 2], starts: &[[f64; 2]], rx: f64, ry: f64, min_sep: f64) -> Vec<Landing> {
    let n = starts.len();
    if n == 0 {
        return Vec::new();
    }
    let want: Vec<f64> = starts.iter().map(|s| (s[1] - anchor[1]).atan2(s[0] - anchor[0])).collect();
    let mut order: Vec<usize> = (0..n).collect();
    crate::sort::by(&mut order, |&a, &b| want[a].total_cmp(&want[b]).then(a.cmp(&b)));
    let sep = min_sep.min(2.0 * PI / n as f64);

    // Unwrap the circle at its widest gap, so a cluster is never split.
    let sorted: Vec<f64> = order.iter().map(|&i| want[i]).collect();
    let mut cut = 0;
    let mut widest = -1.0;
    for k in 0..n {
        let next = if k + 1 < n { sorted[k + 1] } else { sorted[0] + 2.0 * PI };
        if next - sorted[k] > widest {
            widest = next - sorted[k];
            cut = (k + 1) % n;
        }
    }
    let seq: Vec<usize> = (0..n).map(|k| order[(cut + k) % n]).collect();
    let mut ang: Vec<f64> = Vec::with_capacity(n);
    let mut prev_want = f64::NEG_INFINITY;
    for (k, &i) in seq.iter().enumerate() {
        // Unwrap against the previous *wanted* angle (not the pushed one).
        let mut a = want[i];
        if k > 0 {
            while a < prev_want - 1e-12 {
                a += 2.0 * PI;
            }
        }
        prev_want = a;
        if k > 0 {
            a = a.max(ang[k - 1] + sep);
        }
        ang.push(a);
    }
    // Centre the spread on the wanted directions.
    let shift: f64 = seq.iter().zip(&ang).map(|(&i, a)| a - unwrap_near(want[i], *a)).sum::<f64>() / n as f64;

    let mut out = vec![Landing { end: anchor, bend: 0.0 }; n];
    for (k, &i) in seq.iter().enumerate() {
        let a = ang[k] - shift;
        let end = [anchor[0] + rx * a.cos(), anchor[1] + ry * a.sin()];
        let s = starts[i];
        let span = ((end[0] - s[0]).powi(2) + (end[1] - s[1]).powi(2)).sqrt();
        // Moved clockwise (screen) -> bend one way, counter-clockwise -> the other.
        let moved = a - unwrap_near(want[i], a);
        let bend = span * (0.12 + 0.9 * moved.clamp(-0.6, 0.6));
        out[i] = Landing { end, bend: -bend };
    }
    out
}

/// `x` kept within `lo..=hi`, never panicking: `f64::clamp` panics when
/// `lo > hi` or either is NaN, which a map a few pixels wide (an embed
/// squeezed below ~16 px) produces. An inverted range gives `lo`.
pub fn clamp_within(x: f64, lo: f64, hi: f64) -> f64 {
    x.min(hi).max(lo)
}

fn unwrap_near(a: f64, target: f64) -> f64 {
    a + ((target - a) / (2.0 * PI)).round() * 2.0 * PI
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_arrows_share_an_end_point() {
        let anchor = [600.0, 300.0];
        // Four origins, two of them from almost the same direction.
        let starts = [[1280.0, 200.0], [1280.0, 210.0], [0.0, 250.0], [640.0, 0.0]];
        let l = land(anchor, &starts, 50.0, 16.0, 0.45);
        for i in 0..l.len() {
            for j in i + 1..l.len() {
                let d = ((l[i].end[0] - l[j].end[0]).powi(2) + (l[i].end[1] - l[j].end[1]).powi(2)).sqrt();
                assert!(d > 5.0, "{i} and {j} end {d}px apart");
            }
        }
    }

    #[test]
    fn tips_face_their_own_origin_side() {
        let anchor = [600.0, 300.0];
        let starts = [[1280.0, 300.0], [0.0, 300.0]];
        let l = land(anchor, &starts, 40.0, 14.0, 0.45);
        assert!(l[0].end[0] > anchor[0], "eastern arrow lands on the east side");
        assert!(l[1].end[0] < anchor[0], "western arrow lands on the west side");
    }

    #[test]
    fn a_cluster_across_the_wrap_stays_together() {
        // Directions just above and below the negative x axis (±π).
        let anchor = [0.0, 0.0];
        let starts = [[-100.0, 1.0], [-100.0, -1.0]];
        let l = land(anchor, &starts, 30.0, 30.0, 0.4);
        for x in &l {
            assert!(x.end[0] < -20.0, "{:?}", x.end);
        }
        assert!((l[0].end[1] - l[1].end[1]).abs() > 5.0);
    }

    #[test]
    fn a_pushed_angle_never_wraps_its_neighbour_a_full_turn() {
        // Three arrows from the upper left, close together, and one from the right.
        let anchor = [555.0, 552.0];
        let starts = [[1258.0, 387.0], [22.0, 159.0], [129.0, 22.0], [285.0, 22.0]];
        let l = land(anchor, &starts, 19.0, 13.0, 0.5);
        for i in 0..4 {
            for j in i + 1..4 {
                let d = ((l[i].end[0] - l[j].end[0]).powi(2) + (l[i].end[1] - l[j].end[1]).powi(2)).sqrt();
                assert!(d > 4.0, "{i},{j}: {d}");
            }
        }
    }

    #[test]
    fn clamp_within_never_panics_on_an_inverted_or_nan_range() {
        assert_eq!(clamp_within(5.0, 0.0, 10.0), 5.0);
        assert_eq!(clamp_within(-1.0, 0.0, 10.0), 0.0);
        assert_eq!(clamp_within(11.0, 0.0, 10.0), 10.0);
        assert_eq!(clamp_within(3.0, 8.0, 2.0), 8.0);
        assert_eq!(clamp_within(3.0, f64::NAN, f64::NAN), 3.0);
    }

    #[test]
    fn a_map_narrower_than_sixteen_pixels_lays_out_its_arrows_without_panicking() {
        use crate::atlas::Atlas;
        use crate::flows::{FlowFilter, WidthScale, aggregate};
        use crate::scene::flows::{Viewport, layout};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let a = Atlas::new(crate::data::load::from_dir(&dir).unwrap());
        let ids: Vec<String> = a.ds.region.investors.iter().map(|i| i.id.clone()).collect();
        let groups = aggregate(&a.ds.flows, &FlowFilter::all(&ids));
        for (w, h) in [(10.0, 400.0), (1.0, 1.0), (15.0, 15.0), (400.0, 6.0)] {
            let vp = Viewport { view: a.base_view(w, h), width: w, height: h };
            let scale = WidthScale::locked(&a.ds.region.flow_scale, crate::flows::scale::size_factor(w, h));
            let (flows, badges) = layout(&a, &groups, vp, &scale, |s| s.to_string(), |s| s.to_string());
            assert!(!flows.is_empty(), "{w}x{h}");
            assert!(badges.iter().all(|b| b.pos[0].is_finite() && b.pos[1].is_finite()), "{w}x{h}");
        }
    }

    #[test]
    fn near_parallel_arrows_bend_apart() {
        let anchor = [600.0, 300.0];
        let starts = [[1280.0, 200.0], [1280.0, 205.0]];
        let l = land(anchor, &starts, 50.0, 16.0, 0.5);
        assert!(l[0].bend.signum() != l[1].bend.signum() || (l[0].bend - l[1].bend).abs() > 20.0);
    }
}
