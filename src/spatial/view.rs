//! The view maps projected plane coordinates to screen pixels:
//! `sx = x·k + tx`, `sy = −y·k + ty` (screen y grows down). Pan and zoom only
//! change `k`, `tx`, `ty`; during a gesture the UI applies the *relative*
//! transform to one SVG group and re-projects when the gesture ends.

use super::projection::Albers;
use super::region::Bounds;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub k: f64,
    pub tx: f64,
    pub ty: f64,
}

/// Zoom limits, relative to the fitted view.
pub const MIN_ZOOM: f64 = 0.6;
pub const MAX_ZOOM: f64 = 24.0;

impl View {
    /// The view that fits `frame` into a `width`×`height` viewport with `pad` pixels to spare.
    pub fn fit(proj: &Albers, frame: Bounds, width: f64, height: f64, pad: f64) -> View {
        let [x0, y0, x1, y1] = frame_extent(proj, frame);
        let (width, height) = (finite_or(width, 1.0), finite_or(height, 1.0));
        let (w, h) = ((width - 2.0 * finite_or(pad, 0.0)).max(1.0), (height - 2.0 * finite_or(pad, 0.0)).max(1.0));
        // An empty, inverted or non-finite extent (a bad frame) must not make
        // the scale 0, negative, infinite or NaN: that ends as NaN in the URL.
        let span = |a: f64, b: f64| if (b - a).is_finite() && b - a > 1e-12 { b - a } else { 1.0 };
        let k = (w / span(x0, x1)).min(h / span(y0, y1));
        let (cx, cy) = (finite_or((x0 + x1) / 2.0, 0.0), finite_or((y0 + y1) / 2.0, 0.0));
        View { k, tx: width / 2.0 - cx * k, ty: height / 2.0 + cy * k }
    }

    pub fn to_screen(&self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.k + self.tx, -p[1] * self.k + self.ty]
    }

    pub fn to_plane(&self, s: [f64; 2]) -> [f64; 2] {
        [(s[0] - self.tx) / self.k, -(s[1] - self.ty) / self.k]
    }

    /// Zoom by `factor` keeping the screen point `at` fixed, with the zoom
    /// (relative to `base`) clamped to [`MIN_ZOOM`, `MAX_ZOOM`].
    pub fn zoom_at(&self, base: &View, factor: f64, at: [f64; 2]) -> View {
        let k = (self.k * factor).max(base.k * MIN_ZOOM).min(base.k * MAX_ZOOM);
        let p = self.to_plane(at);
        View { k, tx: at[0] - p[0] * k, ty: at[1] + p[1] * k }
    }

    pub fn pan(&self, dx: f64, dy: f64) -> View {
        View { k: self.k, tx: self.tx + dx, ty: self.ty + dy }
    }

    /// The view panned the least so that the screen point `p` lies inside
    /// `free` ([x0, y0, x1, y1]) with `margin` pixels to spare; `None` when
    /// it already does (or `free` is too small to hold it).
    ///
    /// ```
    /// use atlas::spatial::View;
    /// let v = View { k: 1.0, tx: 0.0, ty: 0.0 };
    /// // A point under a panel on the right moves into the free left part.
    /// let w = v.pan_into([900.0, 300.0], [0.0, 0.0, 560.0, 640.0], 40.0).unwrap();
    /// assert_eq!(w.to_screen(v.to_plane([900.0, 300.0])), [520.0, 300.0]);
    /// assert_eq!(v.pan_into([300.0, 300.0], [0.0, 0.0, 560.0, 640.0], 40.0), None);
    /// ```
    pub fn pan_into(&self, p: [f64; 2], free: [f64; 4], margin: f64) -> Option<View> {
        let [x0, y0, x1, y1] = [free[0] + margin, free[1] + margin, free[2] - margin, free[3] - margin];
        if x1 <= x0 || y1 <= y0 || !(p[0].is_finite() && p[1].is_finite()) {
            return None;
        }
        let into = |v: f64, lo: f64, hi: f64| {
            if v < lo {
                lo - v
            } else if v > hi {
                hi - v
            } else {
                0.0
            }
        };
        let (dx, dy) = (into(p[0], x0, x1), into(p[1], y0, y1));
        (dx != 0.0 || dy != 0.0).then(|| self.pan(dx, dy))
    }

    /// The transform that carries what was drawn with `drawn` to where `self` puts it:
    /// (scale, dx, dy) for `translate(dx dy) scale(s)`.
    pub fn relative_to(&self, drawn: &View) -> (f64, f64, f64) {
        let s = self.k / drawn.k;
        (s, self.tx - s * drawn.tx, self.ty - s * drawn.ty)
    }

    /// The plane rectangle a `width`×`height` viewport shows: [xmin, ymin, xmax, ymax].
    pub fn visible_plane(&self, width: f64, height: f64) -> [f64; 4] {
        let a = self.to_plane([0.0, height]);
        let b = self.to_plane([width, 0.0]);
        [a[0], a[1], b[0], b[1]]
    }

    /// Centre (lon, lat) and zoom relative to `base`: what a permalink stores.
    pub fn to_center_zoom(&self, proj: &Albers, base: &View, width: f64, height: f64) -> (f64, f64, f64) {
        let p = self.to_plane([width / 2.0, height / 2.0]);
        let [lon, lat] = proj.invert(p[0], p[1]);
        (lon, lat, self.k / base.k)
    }

    /// The view `t` (0..1) of the way from `self` to `to`: the screen centre
    /// moves in a straight line over the plane and the scale changes
    /// geometrically, so a fly-to feels even at every zoom.
    pub fn lerp(&self, to: &View, t: f64, width: f64, height: f64) -> View {
        let t = t.clamp(0.0, 1.0);
        let c = [width / 2.0, height / 2.0];
        let (a, b) = (self.to_plane(c), to.to_plane(c));
        let p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
        let k = self.k * (to.k / self.k).powf(t);
        View { k, tx: c[0] - p[0] * k, ty: c[1] + p[1] * k }
    }

    pub fn from_center_zoom(
        proj: &Albers,
        base: &View,
        lon: f64,
        lat: f64,
        zoom: f64,
        width: f64,
        height: f64,
    ) -> View {
        let k = base.k * zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        let p = proj.project(lon, lat);
        View { k, tx: width / 2.0 - p[0] * k, ty: height / 2.0 + p[1] * k }
    }
}

fn finite_or(v: f64, or: f64) -> f64 {
    if v.is_finite() { v } else { or }
}

/// Plane extent [xmin, ymin, xmax, ymax] of a lon/lat rectangle, sampled
/// along its edges (parallels project to arcs, so corners are not enough).
pub fn frame_extent(proj: &Albers, f: Bounds) -> [f64; 4] {
    let mut e = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    let steps = 32;
    for i in 0..=steps {
        let t = i as f64 / steps as f64;
        let lon = f.west + (f.east - f.west) * t;
        let lat = f.south + (f.north - f.south) * t;
        for [x, y] in [
            proj.project(lon, f.south),
            proj.project(lon, f.north),
            proj.project(f.west, lat),
            proj.project(f.east, lat),
        ] {
            e = [e[0].min(x), e[1].min(y), e[2].max(x), e[3].max(y)];
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::ProjectionSpec;

    fn setup() -> (Albers, Bounds) {
        let p = Albers::new(ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1: 38.0, lat2: 50.0 });
        (p, Bounds { west: 46.0, south: 35.0, east: 88.0, north: 56.0 })
    }

    #[test]
    fn fit_puts_the_frame_inside_the_viewport() {
        let (p, f) = setup();
        let v = View::fit(&p, f, 1280.0, 800.0, 10.0);
        let [x0, y0, x1, y1] = frame_extent(&p, f);
        let a = v.to_screen([x0, y1]);
        let b = v.to_screen([x1, y0]);
        assert!(a[0] >= 9.99 && a[1] >= 9.99 && b[0] <= 1270.01 && b[1] <= 790.01, "{a:?} {b:?}");
        // One dimension is tight.
        assert!((a[0] - 10.0).abs() < 1e-6 || (a[1] - 10.0).abs() < 1e-6);
    }

    #[test]
    fn zoom_keeps_the_anchor_fixed_and_clamps() {
        let (p, f) = setup();
        let base = View::fit(&p, f, 800.0, 600.0, 0.0);
        let at = [300.0, 200.0];
        let z = base.zoom_at(&base, 2.0, at);
        let before = base.to_plane(at);
        let after = z.to_plane(at);
        assert!((before[0] - after[0]).abs() < 1e-12 && (before[1] - after[1]).abs() < 1e-12);
        assert!((z.k / base.k - 2.0).abs() < 1e-12);
        let far = base.zoom_at(&base, 1e6, at);
        assert!((far.k / base.k - MAX_ZOOM).abs() < 1e-9);
        let near = base.zoom_at(&base, 1e-6, at);
        assert!((near.k / base.k - MIN_ZOOM).abs() < 1e-9);
    }

    #[test]
    fn relative_transform_maps_drawn_to_live() {
        let (p, f) = setup();
        let drawn = View::fit(&p, f, 800.0, 600.0, 0.0);
        let live = drawn.zoom_at(&drawn, 3.0, [100.0, 50.0]).pan(40.0, -20.0);
        let (s, dx, dy) = live.relative_to(&drawn);
        let q = [0.1, -0.05];
        let d = drawn.to_screen(q);
        let l = live.to_screen(q);
        assert!((d[0] * s + dx - l[0]).abs() < 1e-9 && (d[1] * s + dy - l[1]).abs() < 1e-9);
    }

    #[test]
    fn lerp_starts_and_ends_at_its_views_and_zooms_geometrically() {
        let (p, f) = setup();
        let a = View::fit(&p, f, 800.0, 600.0, 0.0);
        let b = a.zoom_at(&a, 4.0, [600.0, 100.0]);
        let close =
            |x: View, y: View| (x.k - y.k).abs() < 1e-9 && (x.tx - y.tx).abs() < 1e-6 && (x.ty - y.ty).abs() < 1e-6;
        assert!(close(a.lerp(&b, 0.0, 800.0, 600.0), a));
        assert!(close(a.lerp(&b, 1.0, 800.0, 600.0), b));
        assert!((a.lerp(&b, 0.5, 800.0, 600.0).k / a.k - 2.0).abs() < 1e-9);
    }

    #[test]
    fn an_empty_or_inverted_frame_still_gives_a_finite_view() {
        let (p, _) = setup();
        let frames = [
            Bounds { west: 60.0, south: 40.0, east: 60.0, north: 40.0 },
            Bounds { west: 88.0, south: 56.0, east: 46.0, north: 35.0 },
            Bounds { west: f64::NAN, south: 40.0, east: 60.0, north: 50.0 },
        ];
        for f in frames {
            for (w, h) in [(800.0, 600.0), (0.0, 0.0), (10.0, 300.0)] {
                let v = View::fit(&p, f, w, h, 10.0);
                assert!(v.k.is_finite() && v.k > 0.0 && v.tx.is_finite() && v.ty.is_finite(), "{f:?} {w}x{h}: {v:?}");
                let (lon, lat, z) = v.to_center_zoom(&p, &v, w.max(1.0), h.max(1.0));
                assert!(lon.is_finite() && lat.is_finite() && z.is_finite(), "{f:?}: {lon},{lat},{z}");
            }
        }
    }

    #[test]
    fn centre_and_zoom_round_trip() {
        let (p, f) = setup();
        let base = View::fit(&p, f, 1000.0, 700.0, 0.0);
        let v = base.zoom_at(&base, 4.0, [620.0, 310.0]);
        let (lon, lat, z) = v.to_center_zoom(&p, &base, 1000.0, 700.0);
        let w = View::from_center_zoom(&p, &base, lon, lat, z, 1000.0, 700.0);
        assert!((v.k - w.k).abs() < 1e-9 && (v.tx - w.tx).abs() < 1e-6 && (v.ty - w.ty).abs() < 1e-6);
    }
}
