//! Rivers for a view: their lines in screen pixels, and candidate places for
//! their names along the line — on a fairly straight stretch, turned to
//! follow it, beside the water rather than on it. Major rivers are named
//! from the default zoom, smaller ones once zoomed in.

use super::labels::{Rect, text_width};
use crate::data::River;
use crate::i18n::Lang;
use crate::spatial::{Albers, View};
use geo::{LineString, Simplify};

/// Rivers of rank 1 are named up to this many km a pixel, rank 2 up to half.
pub const NAME_MAX_KM_PX: f64 = 4.5;
pub const RIVER_LABEL_PX: f64 = 11.0;
/// A name may tilt at most this much (degrees).
const MAX_TILT: f64 = 50.0;
/// A stretch is straight enough when its chord is this share of its length.
const STRAIGHT: f64 = 0.93;

#[derive(Debug, Clone, PartialEq)]
pub struct RiverPath {
    /// Index into the dataset's rivers.
    pub river: usize,
    pub id: String,
    pub rank: u32,
    /// Open polylines, `M…L…` per part.
    pub d: String,
}

/// One place a river's name could go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiverSpot {
    /// Centre of the text.
    pub at: [f64; 2],
    /// Rotation in degrees (screen, clockwise), kept upright.
    pub angle: f64,
    /// The axis-aligned box the turned text covers (for collisions).
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RiverLabel {
    pub river: usize,
    pub id: String,
    pub text: String,
    /// Best first: nearest the middle of the river's visible course.
    pub spots: Vec<RiverSpot>,
}

fn screen_lines(r: &River, proj: &Albers, view: &View, tolerance: f64) -> Vec<Vec<[f64; 2]>> {
    r.lines
        .0
        .iter()
        .map(|l| {
            let s: LineString<f64> =
                l.0.iter()
                    .map(|c| {
                        let p = view.to_screen(proj.project(c.x, c.y));
                        geo::Coord { x: p[0], y: p[1] }
                    })
                    .collect();
            s.simplify(tolerance).0.iter().map(|c| [c.x, c.y]).collect()
        })
        .collect()
}

/// Paths of every river with a part near the `width`×`height` view.
pub fn paths(rivers: &[River], proj: &Albers, view: &View, width: f64, height: f64) -> Vec<RiverPath> {
    let (mx, my) = (width * 0.5, height * 0.5);
    rivers
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let mut d = String::new();
            for pts in screen_lines(r, proj, view, 0.6) {
                let near = pts.iter().any(|p| p[0] > -mx && p[0] < width + mx && p[1] > -my && p[1] < height + my);
                if pts.len() < 2 || !near {
                    continue;
                }
                super::path::push_polyline(&mut d, &pts, false);
            }
            (!d.is_empty()).then(|| RiverPath { river: i, id: r.id.clone(), rank: r.rank, d })
        })
        .collect()
}

/// Whether rivers of `rank` are named at `km_per_px`.
pub fn named_at(rank: u32, km_per_px: f64) -> bool {
    km_per_px <= NAME_MAX_KM_PX / rank.max(1) as f64
}

/// Candidate spots for each river named at this scale, for the label step.
pub fn labels(
    rivers: &[River],
    proj: &Albers,
    view: &View,
    size: (f64, f64),
    km_per_px: f64,
    lang: Lang,
) -> Vec<RiverLabel> {
    let (width, height) = size;
    let mut order: Vec<usize> = (0..rivers.len()).filter(|&i| named_at(rivers[i].rank, km_per_px)).collect();
    crate::sort::by_key(&mut order, |&i| (rivers[i].rank, i));
    order
        .into_iter()
        .filter_map(|i| {
            let r = &rivers[i];
            let text = r.name(lang).to_string();
            // Italic and letter-spaced 0.3 px: widened like the place names.
            let tw = text_width(&text, RIVER_LABEL_PX) * 1.12 + 0.3 * text.chars().count() as f64 + 4.0;
            let th = RIVER_LABEL_PX + 2.0;
            let need = tw + 12.0;
            // (position along the visible course, spot)
            let mut found: Vec<(f64, RiverSpot)> = Vec::new();
            let mut along = 0.0;
            for pts in screen_lines(r, proj, view, 1.5) {
                let inside = |p: &[f64; 2]| p[0] > 4.0 && p[1] > 4.0 && p[0] < width - 4.0 && p[1] < height - 4.0;
                let mut i0 = 0;
                while i0 + 1 < pts.len() {
                    // Grow a stretch from i0 until it is long enough.
                    let (mut arc, mut j) = (0.0, i0);
                    while j + 1 < pts.len() && arc < need {
                        arc += dist(pts[j], pts[j + 1]);
                        j += 1;
                    }
                    let (a, b) = (pts[i0], pts[j]);
                    let chord = dist(a, b);
                    if arc >= need
                        && chord >= STRAIGHT * arc
                        && pts[i0..=j].iter().all(inside)
                        && let Some(spot) = spot(a, b, halfway(&pts[i0..=j], arc / 2.0), tw, th)
                    {
                        found.push((along + arc / 2.0, spot));
                    }
                    along += dist(pts[i0], pts[i0 + 1]);
                    i0 += 1;
                }
            }
            if found.is_empty() {
                return None;
            }
            let mid = (found.first().map(|f| f.0).unwrap_or(0.0) + found.last().map(|f| f.0).unwrap_or(0.0)) / 2.0;
            crate::sort::by(&mut found, |x, y| (x.0 - mid).abs().total_cmp(&(y.0 - mid).abs()));
            // Keep spots that are apart from each other, a dozen at most.
            let mut spots: Vec<RiverSpot> = Vec::new();
            for (_, s) in found {
                if spots.len() < 12 && spots.iter().all(|o| dist(o.at, s.at) > tw / 2.0) {
                    spots.push(s);
                }
            }
            Some(RiverLabel { river: i, id: r.id.clone(), text, spots })
        })
        .collect()
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// The point `at` along a polyline.
fn halfway(pts: &[[f64; 2]], at: f64) -> [f64; 2] {
    let mut left = at;
    for w in pts.windows(2) {
        let d = dist(w[0], w[1]);
        if d >= left && d > 0.0 {
            let t = left / d;
            return [w[0][0] + t * (w[1][0] - w[0][0]), w[0][1] + t * (w[1][1] - w[0][1])];
        }
        left -= d;
    }
    pts.last().copied().unwrap_or([0.0, 0.0])
}

/// The name turned along the chord a→b, upright, centred beside the line's
/// point `mid`, set off to the upper side.
fn spot(a: [f64; 2], b: [f64; 2], mid: [f64; 2], tw: f64, th: f64) -> Option<RiverSpot> {
    let (mut dx, mut dy) = (b[0] - a[0], b[1] - a[1]);
    if dx < 0.0 {
        (dx, dy) = (-dx, -dy);
    }
    let angle = dy.atan2(dx).to_degrees();
    if angle.abs() > MAX_TILT {
        return None;
    }
    let len = (dx * dx + dy * dy).sqrt();
    // The normal pointing up the screen (text reads above the water).
    let n = [dy / len, -dx / len];
    let off = th / 2.0 + 2.0;
    let at = [mid[0] + n[0] * off, mid[1] + n[1] * off];
    let (c, s) = (angle.to_radians().cos().abs(), angle.to_radians().sin().abs());
    let (bw, bh) = (tw * c + th * s, tw * s + th * c);
    Some(RiverSpot { at, angle, rect: Rect::centered(at, bw, bh) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::Atlas;
    use crate::data::load;
    use crate::scene::scalebar::km_per_px;

    fn atlas() -> Atlas {
        Atlas::new(load::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")).unwrap())
    }

    #[test]
    fn the_shipped_rivers_are_the_main_ones_with_both_names() {
        let a = atlas();
        let ids: Vec<&str> = a.ds.context.rivers.iter().map(|r| r.id.as_str()).collect();
        for id in ["amu-darya", "syr-darya", "irtysh", "ural", "naryn"] {
            assert!(ids.contains(&id), "{id} missing: {ids:?}");
        }
        assert!(a.ds.context.rivers.iter().all(|r| !r.name_ru.is_empty()));
    }

    #[test]
    fn major_rivers_are_named_along_their_line_at_the_default_view_and_minor_ones_later() {
        let a = atlas();
        let (w, h) = (1280.0, 800.0);
        let view = a.base_view(w, h);
        let kpp = km_per_px(&a.proj, &view, [w / 2.0, h / 2.0]);
        let ls = labels(&a.ds.context.rivers, &a.proj, &view, (w, h), kpp, Lang::En);
        let named: Vec<&str> = ls.iter().map(|l| l.id.as_str()).collect();
        assert!(named.contains(&"syr-darya") && named.contains(&"amu-darya"), "{named:?}");
        assert!(!named.contains(&"naryn"), "minor rivers wait for a closer zoom");
        let close = view.zoom_at(&view, 3.0, view.to_screen(a.proj.project(74.0, 41.6)));
        let kpp3 = km_per_px(&a.proj, &close, [w / 2.0, h / 2.0]);
        let ls3 = labels(&a.ds.context.rivers, &a.proj, &close, (w, h), kpp3, Lang::Ru);
        assert!(ls3.iter().any(|l| l.text == "Нарын"), "{:?}", ls3.iter().map(|l| &l.text).collect::<Vec<_>>());
        // Each spot sits beside its river: within a label's height of some vertex chord,
        // and tilted no more than allowed.
        for l in &ls {
            let lines = screen_lines(&a.ds.context.rivers[l.river], &a.proj, &view, 1.5);
            for s in &l.spots {
                assert!(s.angle.abs() <= MAX_TILT);
                let near = lines.iter().flat_map(|p| p.windows(2)).any(|seg| seg_dist(s.at, seg[0], seg[1]) < 12.0);
                assert!(near, "{}: {s:?} is not beside the line", l.id);
            }
        }
    }

    fn seg_dist(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let t = (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy).max(1e-12)).clamp(0.0, 1.0);
        dist(p, [a[0] + t * dx, a[1] + t * dy])
    }

    #[test]
    fn paths_skip_rivers_far_outside_the_view() {
        let a = atlas();
        let base = a.base_view(800.0, 600.0);
        let all = paths(&a.ds.context.rivers, &a.proj, &base, 800.0, 600.0);
        assert_eq!(all.len(), a.ds.context.rivers.len());
        // Zoomed far into the Ural's mouth, the Irtysh is off screen.
        let v = View::from_center_zoom(&a.proj, &base, 51.9, 47.1, 20.0, 800.0, 600.0);
        let near = paths(&a.ds.context.rivers, &a.proj, &v, 800.0, 600.0);
        assert!(near.iter().any(|p| p.id == "ural") && !near.iter().any(|p| p.id == "irtysh"));
        assert!(near.iter().all(|p| p.d.starts_with('M') && !p.d.contains(['Z', 'z'])));
    }
}
