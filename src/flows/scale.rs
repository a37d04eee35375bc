//! Arrow width is linear in the amount. A locked scale (the default) keeps
//! dollars-per-pixel fixed whatever the filters, so maps compare honestly.
//! Tiny flows get a minimum visible width and are flagged as such.

use crate::data::FlowScaleSpec;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WidthScale {
    pub px_per_usd: f64,
    pub min_px: f64,
}

impl WidthScale {
    /// The region's locked scale, times a size factor for small screens
    /// (the legend is drawn with the same scale, so it stays truthful).
    pub fn locked(spec: &FlowScaleSpec, size_factor: f64) -> Self {
        WidthScale { px_per_usd: size_factor / spec.usd_per_px, min_px: spec.min_px }
    }

    /// A scale that draws `max_usd` at `max_px`.
    pub fn fitted(max_usd: f64, max_px: f64, min_px: f64) -> Self {
        let px_per_usd = if max_usd > 0.0 { max_px / max_usd } else { 0.0 };
        WidthScale { px_per_usd, min_px }
    }

    /// The exact proportional width, before the minimum is applied.
    pub fn raw(&self, usd: f64) -> f64 {
        usd.max(0.0) * self.px_per_usd
    }

    /// Drawn width and whether it was raised to the minimum.
    pub fn width(&self, usd: f64) -> (f64, bool) {
        let w = self.raw(usd);
        if w < self.min_px { (self.min_px, true) } else { (w, false) }
    }
}

/// The size factor for a map viewport: 1 from 1000×625 up, smaller on phones.
pub fn size_factor(width: f64, height: f64) -> f64 {
    (width.min(height * 1.6) / 1000.0).clamp(0.45, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_the_amount_doubles_the_width() {
        let s = WidthScale::locked(&FlowScaleSpec::default(), 1.0);
        for usd in [1.0e9, 2.5e9, 7.0e9, 20.0e9] {
            let (a, _) = s.width(usd);
            let (b, _) = s.width(2.0 * usd);
            assert!((b / a - 2.0).abs() < 1e-9, "{usd}: {a} -> {b}");
        }
    }

    #[test]
    fn tiny_flows_get_the_minimum_and_are_flagged() {
        let s = WidthScale::locked(&FlowScaleSpec::default(), 1.0);
        let (w, raised) = s.width(1.0e6);
        assert_eq!(w, s.min_px);
        assert!(raised);
        assert!(!s.width(20.0e9).1);
    }

    #[test]
    fn locked_scale_ignores_the_data_and_fitted_scale_follows_it() {
        let spec = FlowScaleSpec { usd_per_px: 1.0e9, min_px: 1.0, reference_usd: [1e9, 5e9, 20e9] };
        assert_eq!(WidthScale::locked(&spec, 1.0).width(5.0e9).0, 5.0);
        assert_eq!(WidthScale::fitted(10.0e9, 40.0, 1.0).width(5.0e9).0, 20.0);
    }

    #[test]
    fn size_factor_shrinks_on_phones_only() {
        assert_eq!(size_factor(1280.0, 800.0), 1.0);
        assert_eq!(size_factor(1920.0, 1080.0), 1.0);
        assert!(size_factor(390.0, 844.0) < 0.5);
    }
}
