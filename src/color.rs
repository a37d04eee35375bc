//! Colour arithmetic on `#rrggbb` strings: mixing towards black and the WCAG 2
//! contrast ratio. No colour of the palette is written here (that is
//! `scene::style`); the data checks and the scene's drawing rules both use
//! these, so the rule "white badge text stays readable" is computed once.
//!
//! ```
//! use atlas::color::{contrast, darken};
//! assert_eq!(darken("#ff8040", 0.5), "#804020");
//! assert!((contrast("#000000", "#000000") - 1.0).abs() < 1e-9);
//! ```

/// How much an origin badge darkens its investor's colour, so that its white
/// text keeps WCAG AA contrast.
pub const BADGE_DARKEN: f64 = 0.25;

/// `#rrggbb` mixed towards black by `amount` (0..1). Anything else is returned as is.
pub fn darken(hex: &str, amount: f64) -> String {
    let h = hex.trim_start_matches('#');
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return hex.to_string();
    }
    let ch = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0) as f64;
    let f = 1.0 - amount.clamp(0.0, 1.0);
    format!("#{:02x}{:02x}{:02x}", (ch(0) * f).round() as u8, (ch(2) * f).round() as u8, (ch(4) * f).round() as u8)
}

/// WCAG 2 relative luminance of `#rrggbb` (0 black … 1 white).
pub fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        let v = h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(0) as f64 / 255.0;
        if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4)
}

/// WCAG 2 contrast ratio between two `#rrggbb` colours (1 … 21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The contrast of white text on the badge drawn for `investor_color`
/// (darkened by [`BADGE_DARKEN`]). The scene draws badge text in white; a
/// test in `scene::style` keeps that ink white.
pub fn badge_text_contrast(investor_color: &str) -> f64 {
    let bg = luminance(&darken(investor_color, BADGE_DARKEN));
    1.05 / (bg + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_published_wcag_pairs() {
        // WCAG's own figures: black on white 21:1; #767676 on white is the
        // lightest grey that passes AA (4.54:1); #777777 fails (4.48:1).
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#767676", "#ffffff") - 4.54).abs() < 0.01);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
        assert_eq!(contrast("#123456", "#abcdef"), contrast("#abcdef", "#123456"));
    }

    #[test]
    fn badge_text_contrast_is_white_on_the_darkened_colour() {
        for c in ["#d55e00", "#0072b2", "#ffcc00", "#ffffff"] {
            let want = contrast(&darken(c, BADGE_DARKEN), "#ffffff");
            assert!((badge_text_contrast(c) - want).abs() < 1e-9, "{c}");
        }
    }

    #[test]
    fn every_investor_colour_of_the_default_data_keeps_badge_text_aa() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data/region.json");
        let region: crate::data::Region = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for inv in &region.investors {
            assert!(badge_text_contrast(&inv.color) >= 4.5, "{}: {:.2}", inv.id, badge_text_contrast(&inv.color));
        }
    }

    #[test]
    fn a_malformed_colour_is_left_as_is() {
        assert_eq!(darken("#fff", 0.5), "#fff");
        assert_eq!(darken("#gggggg", 0.5), "#gggggg");
    }
}
