//! A scale bar in km, true at the map's centre for the current zoom. The
//! Albers projection is equal-area, not conformal: its scale differs along
//! the parallel (`k`) and the meridian (`h` = 1/`k`), and the parallel is
//! turned from the screen's x axis by the cone's convergence. The bar is
//! horizontal on screen, so its ground length mixes both, exactly.

use crate::decimal::{fixed, short};
use crate::i18n::Lang;
use crate::spatial::{Albers, View};

/// Mean Earth radius (km): the projection's plane is in Earth radii.
pub const EARTH_KM: f64 = 6371.0;
/// The bar is at most this long, and at least 2/3 of it (the round
/// lengths below are never more than 1.5× apart).
pub const MAX_PX: f64 = 150.0;
const ROUND: [f64; 8] = [1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0];

#[derive(Debug, Clone, PartialEq)]
pub struct ScaleBar {
    /// Ground length the bar stands for.
    pub km: f64,
    /// Its length on screen.
    pub px: f64,
    /// "200 km" / "200 км".
    pub label: String,
}

/// Kilometres on the ground per screen pixel, measured horizontally at the
/// screen point `at`.
pub fn km_per_px(proj: &Albers, view: &View, at: [f64; 2]) -> f64 {
    let p = view.to_plane(at);
    let [lon, lat] = proj.invert(p[0], p[1]);
    let (k, h, theta) = proj.local_scale(lon, lat);
    // A unit step along the plane's x axis is cos θ along the parallel and
    // sin θ along the meridian; each shrinks by its own scale on the ground.
    let ground = ((theta.cos() / k).powi(2) + (theta.sin() / h).powi(2)).sqrt();
    ground * EARTH_KM / view.k
}

/// The longest round length (1, 1.5, 2, 3, 4, 5, 6, 8 × 10ⁿ km) that fits in
/// [`MAX_PX`] at `km_per_px`.
pub fn round_km(km_per_px: f64) -> f64 {
    let max_km = MAX_PX * km_per_px;
    let mut decade = 10f64.powf(max_km.log10().floor());
    loop {
        if let Some(m) = ROUND.iter().rev().find(|&&m| m * decade <= max_km * (1.0 + 1e-9)) {
            return m * decade;
        }
        decade /= 10.0;
    }
}

/// The bar for a `width`×`height` map, measured at its centre.
pub fn scale_bar(proj: &Albers, view: &View, width: f64, height: f64, lang: Lang) -> ScaleBar {
    let kpp = km_per_px(proj, view, [width / 2.0, height / 2.0]);
    let km = round_km(kpp);
    let unit = crate::i18n::t(lang, crate::i18n::Key::Km);
    let num = if km >= 1.0 { fixed(km, 0).to_string() } else { short(km).to_string() };
    ScaleBar { km, px: km / kpp, label: format!("{num} {unit}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::Atlas;
    use crate::data::load;

    fn atlas() -> Atlas {
        Atlas::new(load::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")).unwrap())
    }

    /// Great-circle distance on the sphere of radius 6371.0088 km (IUGG mean),
    /// written here independently of the code under test.
    fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
        let (p1, p2) = (a[1].to_radians(), b[1].to_radians());
        let (dp, dl) = (p2 - p1, (b[0] - a[0]).to_radians());
        let s = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * 6371.0088 * s.sqrt().asin()
    }

    #[test]
    fn the_bar_measures_almaty_to_bishkek_within_two_percent_at_any_zoom() {
        let a = atlas();
        let (almaty, bishkek) = ([76.9115, 43.2525], [74.59, 42.87]);
        let geodesic = haversine_km(almaty, bishkek);
        assert!((geodesic - 195.0).abs() < 5.0, "{geodesic}");
        let (w, h) = (1280.0, 800.0);
        let base = a.base_view(w, h);
        for zoom in [1.0, 2.0, 4.0, 8.0] {
            // Centred between the two cities.
            let mid = [(almaty[0] + bishkek[0]) / 2.0, (almaty[1] + bishkek[1]) / 2.0];
            let view = View::from_center_zoom(&a.proj, &base, mid[0], mid[1], zoom, w, h);
            let bar = scale_bar(&a.proj, &view, w, h, Lang::En);
            let (sa, sb) = (
                view.to_screen(a.proj.project(almaty[0], almaty[1])),
                view.to_screen(a.proj.project(bishkek[0], bishkek[1])),
            );
            let px = ((sa[0] - sb[0]).powi(2) + (sa[1] - sb[1]).powi(2)).sqrt();
            let measured = px * bar.km / bar.px;
            assert!((measured / geodesic - 1.0).abs() < 0.02, "zoom {zoom}: {measured} km vs {geodesic} km");
        }
    }

    #[test]
    fn the_bar_is_a_round_length_between_100_and_150_px() {
        let a = atlas();
        let base = a.base_view(1280.0, 800.0);
        let mut z = 0.6;
        while z < 24.0 {
            let v = View { k: base.k * z, ..base };
            let bar = scale_bar(&a.proj, &v, 1280.0, 800.0, Lang::Ru);
            assert!(bar.px <= MAX_PX + 1e-6 && bar.px >= MAX_PX / 1.5 - 1e-6, "zoom {z}: {bar:?}");
            let mantissa = bar.km / 10f64.powf(bar.km.log10().floor());
            assert!(ROUND.iter().any(|m| (m - mantissa).abs() < 1e-9), "{bar:?}");
            assert!(bar.label.ends_with(" км"));
            z *= 1.17;
        }
        // Zooming in shortens the bar's ground length.
        let far = scale_bar(&a.proj, &base, 1280.0, 800.0, Lang::En);
        let near = scale_bar(&a.proj, &View { k: base.k * 8.0, ..base }, 1280.0, 800.0, Lang::En);
        assert!(near.km < far.km);
    }

    #[test]
    fn across_the_frame_the_local_scale_matches_a_step_on_the_sphere() {
        // Off the standard parallels the scale is not 1, and off the central
        // meridian a horizontal screen line is not a parallel: compare with a
        // one-pixel step measured on the sphere, everywhere in the frame.
        let a = atlas();
        let view = a.base_view(1280.0, 800.0);
        for lon in [46.0, 56.0, 67.0, 78.0, 88.0] {
            for lat in [35.0, 39.0, 45.0, 52.0, 56.0] {
                let at = view.to_screen(a.proj.project(lon, lat));
                let kpp = km_per_px(&a.proj, &view, at);
                let p = view.to_plane(at);
                let q = view.to_plane([at[0] + 1.0, at[1]]);
                let (lp, lq) = (a.proj.invert(p[0], p[1]), a.proj.invert(q[0], q[1]));
                let d = haversine_km(lp, lq) * EARTH_KM / 6371.0088;
                assert!((kpp / d - 1.0).abs() < 1e-3, "{lon},{lat}: {kpp} vs {d}");
            }
        }
    }
}
