//! Albers equal-area conic on the sphere (Snyder 1987, "Map Projections: A
//! Working Manual", pp. 98–103). Equal-area matters here: a reader compares
//! the sizes of countries. Output is in units of the Earth's radius, y up.

use super::region::ProjectionSpec;
use crate::decimal::{fixed, short};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Albers {
    lon0: f64,
    n: f64,
    c: f64,
    rho0: f64,
}

/// Below this cone constant the projection degenerates (every coordinate
/// heads to infinity); real conics for a region use |n| ≳ 0.1.
const MIN_CONE: f64 = 0.01;

impl Albers {
    fn raw(spec: ProjectionSpec) -> Self {
        let (phi1, phi2, phi0) = (spec.lat1.to_radians(), spec.lat2.to_radians(), spec.lat0.to_radians());
        let n = if (phi1 - phi2).abs() < 1e-10 { phi1.sin() } else { (phi1.sin() + phi2.sin()) / 2.0 };
        let c = phi1.cos().powi(2) + 2.0 * n * phi1.sin();
        let rho0 = (c - 2.0 * n * phi0.sin()).sqrt() / n;
        Albers { lon0: spec.lon0, n, c, rho0 }
    }

    /// Why `spec` cannot be projected, if it cannot: degrees out of range,
    /// or standard parallels that make the cone constant (near) zero
    /// (`lat1 = -lat2`, or both 0), which turns every coordinate into NaN.
    pub fn check(spec: ProjectionSpec) -> Result<(), String> {
        let ProjectionSpec { lon0, lat0, lat1, lat2 } = spec;
        if !(lon0.is_finite() && (-180.0..=180.0).contains(&lon0)) {
            return Err(format!("lon0 = {} is not a longitude in -180..180", short(lon0)));
        }
        if let Some((name, v)) =
            [("lat0", lat0), ("lat1", lat1), ("lat2", lat2)].into_iter().find(|(_, v)| !(-90.0..=90.0).contains(v))
        {
            return Err(format!("{name} = {} is not a latitude in -90..90", short(v)));
        }
        let a = Albers::raw(spec);
        if a.n.is_nan() || a.n.abs() < MIN_CONE {
            return Err(format!(
                "the standard parallels lat1 = {} and lat2 = {} give a cone constant of {}, too near zero \
                 (lat1 = -lat2, or both 0); put both on the same side of the equator",
                short(lat1),
                short(lat2),
                fixed(a.n, 3)
            ));
        }
        if !a.rho0.is_finite() {
            return Err(format!(
                "lat0 = {} cannot be the origin latitude for parallels {} and {}",
                short(lat0),
                short(lat1),
                short(lat2)
            ));
        }
        Ok(())
    }

    /// The projection for `spec`; a spec that fails [`Albers::check`] (the
    /// parser has named it) gets the default parallels, so nothing is NaN.
    pub fn new(spec: ProjectionSpec) -> Self {
        match Albers::check(spec) {
            Ok(()) => Albers::raw(spec),
            Err(_) => Albers::raw(ProjectionSpec::default()),
        }
    }

    /// Project degrees to plane coordinates (x east, y north).
    pub fn project(&self, lon: f64, lat: f64) -> [f64; 2] {
        let theta = self.n * wrap_degrees(lon - self.lon0).to_radians();
        let rho = (self.c - 2.0 * self.n * lat.to_radians().sin()).max(0.0).sqrt() / self.n;
        [rho * theta.sin(), self.rho0 - rho * theta.cos()]
    }

    /// Inverse: plane coordinates back to [lon, lat] degrees.
    pub fn invert(&self, x: f64, y: f64) -> [f64; 2] {
        let dy = self.rho0 - y;
        let rho = (x * x + dy * dy).sqrt().copysign(self.n);
        let theta = (x * self.n.signum()).atan2(dy * self.n.signum());
        let sin_lat = ((self.c - (rho * self.n).powi(2)) / (2.0 * self.n)).clamp(-1.0, 1.0);
        [wrap_degrees(self.lon0 + (theta / self.n).to_degrees()), sin_lat.asin().to_degrees()]
    }
}

impl Albers {
    /// The local scale at (`lon`, `lat`) (Snyder eq. 14-21): `k` along the
    /// parallel, `h` = 1/`k` along the meridian (equal-area), and the angle
    /// in radians by which the parallel is turned from the plane's x axis
    /// (the cone's convergence, `n`·(lon − lon0)).
    pub fn local_scale(&self, lon: f64, lat: f64) -> (f64, f64, f64) {
        let phi = lat.to_radians();
        let k = (self.c - 2.0 * self.n * phi.sin()).max(0.0).sqrt() / phi.cos();
        (k, 1.0 / k, self.n * wrap_degrees(lon - self.lon0).to_radians())
    }
}

fn wrap_degrees(d: f64) -> f64 {
    let w = (d + 180.0).rem_euclid(360.0) - 180.0;
    if w == -180.0 && d > 0.0 { 180.0 } else { w }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_snyders_worked_example() {
        // Snyder p. 292: φ1 = 29.5°, φ2 = 45.5°, φ0 = 23°, λ0 = −96°, R = 1,
        // point 35°N 75°W → x = 0.2952720, y = 0.2416774.
        let p = Albers::new(ProjectionSpec { lon0: -96.0, lat0: 23.0, lat1: 29.5, lat2: 45.5 });
        let [x, y] = p.project(-75.0, 35.0);
        assert!((x - 0.2952720).abs() < 1e-6, "x = {x}");
        assert!((y - 0.2416774).abs() < 1e-6, "y = {y}");
    }

    #[test]
    fn inverse_round_trips_across_central_asia() {
        let p = Albers::new(ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1: 38.0, lat2: 50.0 });
        for lon in (40..=95).step_by(5) {
            for lat in (30..=58).step_by(4) {
                let [x, y] = p.project(lon as f64, lat as f64);
                let [lo, la] = p.invert(x, y);
                assert!((lo - lon as f64).abs() < 1e-9 && (la - lat as f64).abs() < 1e-9, "{lon},{lat} -> {lo},{la}");
            }
        }
    }

    #[test]
    fn central_meridian_is_vertical_and_north_is_up() {
        let p = Albers::new(ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1: 38.0, lat2: 50.0 });
        let a = p.project(66.0, 40.0);
        let b = p.project(66.0, 50.0);
        assert!(a[0].abs() < 1e-12 && b[0].abs() < 1e-12);
        assert!(b[1] > a[1]);
        assert!(p.project(80.0, 45.0)[0] > 0.0, "east is to the right");
    }

    /// Area of the projected lon/lat cell, with its edges densified (the
    /// parallels are arcs on the plane, not straight lines).
    fn cell_area(p: &Albers, lon: f64, lat: f64) -> f64 {
        const N: usize = 200;
        let t = |i: usize| i as f64 / N as f64;
        let mut ring = Vec::new();
        ring.extend((0..N).map(|i| p.project(lon + t(i), lat)));
        ring.extend((0..N).map(|i| p.project(lon + 1.0, lat + t(i))));
        ring.extend((0..N).map(|i| p.project(lon + 1.0 - t(i), lat + 1.0)));
        ring.extend((0..N).map(|i| p.project(lon, lat + 1.0 - t(i))));
        let mut s = 0.0;
        for i in 0..ring.len() {
            let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
            s += a[0] * b[1] - b[0] * a[1];
        }
        s.abs() / 2.0
    }

    #[test]
    fn the_scale_is_true_on_the_standard_parallels_and_matches_a_finite_difference() {
        let p = Albers::new(ProjectionSpec { lon0: 67.0, lat0: 45.0, lat1: 39.0, lat2: 52.0 });
        for lat in [39.0, 52.0] {
            assert!((p.local_scale(70.0, lat).0 - 1.0).abs() < 1e-12);
        }
        // Along the parallel: plane length of a small step over its length on the sphere.
        let (lon, lat, d) = (75.0, 43.0, 1e-4_f64);
        let (a, b) = (p.project(lon, lat), p.project(lon + d, lat));
        let plane = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
        let (k, h, theta) = p.local_scale(lon, lat);
        assert!((plane / (d.to_radians() * lat.to_radians().cos()) / k - 1.0).abs() < 1e-6);
        assert!((k * h - 1.0).abs() < 1e-12);
        assert!(((b[1] - a[1]).atan2(b[0] - a[0]) - theta).abs() < 1e-4);
    }

    #[test]
    fn a_zero_cone_constant_is_refused_and_never_projects_to_nan() {
        for (lat1, lat2) in [(-40.0, 40.0), (0.0, 0.0), (-0.001, 0.0)] {
            let spec = ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1, lat2 };
            let why = Albers::check(spec).expect_err("degenerate parallels must be refused");
            assert!(why.contains("cone constant"), "{why}");
            let [x, y] = Albers::new(spec).project(70.0, 45.0);
            assert!(x.is_finite() && y.is_finite(), "{lat1},{lat2}: {x},{y}");
        }
        assert!(Albers::check(ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1: 38.0, lat2: 50.0 }).is_ok());
        assert!(Albers::check(ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1: 38.0, lat2: 95.0 }).is_err());
        assert!(Albers::check(ProjectionSpec { lon0: f64::NAN, lat0: 43.0, lat1: 38.0, lat2: 50.0 }).is_err());
    }

    #[test]
    fn cells_at_different_latitudes_keep_the_spheres_area_ratio() {
        // On the unit sphere a 1°×1° cell between φ1 and φ2 has area
        // (π/180)·(sin φ2 − sin φ1): exact, independent of the projection.
        // A 45–46°N cell is 1.21× a 55–56°N cell; a conformal or equidistant
        // conic would get this ratio wrong by percents.
        let p = Albers::new(ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1: 38.0, lat2: 50.0 });
        let sphere = |lat: f64| 1f64.to_radians() * ((lat + 1.0).to_radians().sin() - lat.to_radians().sin());
        let (south, north) = (cell_area(&p, 60.0, 45.0), cell_area(&p, 80.0, 55.0));
        let (want_s, want_n) = (sphere(45.0), sphere(55.0));
        assert!(((south / north) / (want_s / want_n) - 1.0).abs() < 1e-5, "{} vs {}", south / north, want_s / want_n);
        // And each cell has the sphere's area itself (R = 1).
        assert!((south / want_s - 1.0).abs() < 1e-5, "{south} vs {want_s}");
        assert!((north / want_n - 1.0).abs() < 1e-5, "{north} vs {want_n}");
    }
}
