//! Albers equal-area conic on the sphere (Snyder 1987, "Map Projections: A
//! Working Manual", pp. 98–103). Equal-area matters here: a reader compares
//! the sizes of countries. Output is in units of the Earth's radius, y up.

use crate::data::ProjectionSpec;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Albers {
    lon0: f64,
    n: f64,
    c: f64,
    rho0: f64,
}

impl Albers {
    pub fn new(spec: ProjectionSpec) -> Self {
        let (phi1, phi2, phi0) = (spec.lat1.to_radians(), spec.lat2.to_radians(), spec.lat0.to_radians());
        let n = if (phi1 - phi2).abs() < 1e-10 { phi1.sin() } else { (phi1.sin() + phi2.sin()) / 2.0 };
        let c = phi1.cos().powi(2) + 2.0 * n * phi1.sin();
        let rho0 = (c - 2.0 * n * phi0.sin()).sqrt() / n;
        Albers { lon0: spec.lon0, n, c, rho0 }
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
    fn equal_area_cells_have_equal_area() {
        // Two 1°×1° cells on the same latitude band but far apart in longitude.
        let p = Albers::new(ProjectionSpec { lon0: 66.0, lat0: 43.0, lat1: 38.0, lat2: 50.0 });
        let area = |lon: f64| {
            let q =
                [p.project(lon, 45.0), p.project(lon + 1.0, 45.0), p.project(lon + 1.0, 46.0), p.project(lon, 46.0)];
            let mut s = 0.0;
            for i in 0..4 {
                let (a, b) = (q[i], q[(i + 1) % 4]);
                s += a[0] * b[1] - b[0] * a[1];
            }
            s.abs() / 2.0
        };
        let (a, b) = (area(46.0), area(86.0));
        assert!((a - b).abs() / a < 1e-3, "{a} vs {b}");
    }
}
