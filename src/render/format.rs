//! Reader-facing number formats.

use crate::i18n::Lang;

/// `$1.5bn`, `$380m`, `$14.5m` (Russian: `$1,5 млрд`, `$380 млн`).
pub fn usd(amount: f64, lang: Lang) -> String {
    if amount <= 0.0 {
        return "$0".to_string();
    }
    let (v, unit_en, unit_ru) = if amount >= 1e9 {
        (amount / 1e9, "bn", " млрд")
    } else if amount >= 1e6 {
        (amount / 1e6, "m", " млн")
    } else {
        (amount / 1e3, "k", " тыс.")
    };
    let digits = if v >= 100.0 || (v - v.round()).abs() < 0.05 { 0 } else { 1 };
    let num = format!("{v:.digits$}");
    match lang {
        Lang::En => format!("${num}{unit_en}"),
        Lang::Ru => format!("${}{unit_ru}", num.replace('.', ",")),
    }
}

/// `#rrggbb` mixed towards black by `amount` (0..1): badge backgrounds that
/// keep white text readable (WCAG AA) whatever the investor colour.
pub fn darken(hex: &str, amount: f64) -> String {
    let h = hex.trim_start_matches('#');
    let ch = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64;
    if h.len() != 6 {
        return hex.to_string();
    }
    let f = 1.0 - amount.clamp(0.0, 1.0);
    format!("#{:02x}{:02x}{:02x}", (ch(0) * f).round() as u8, (ch(2) * f).round() as u8, (ch(4) * f).round() as u8)
}

/// WCAG 2 contrast ratio between two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    let lum = |hex: &str| {
        let h = hex.trim_start_matches('#');
        let c = |i: usize| {
            let v = u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
            if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// How much badges darken an investor colour.
pub const BADGE_DARKEN: f64 = 0.25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_text_meets_aa_contrast_for_every_investor_colour() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data/region.json");
        let region: crate::data::Region = serde_json::from_str(&std::fs::read_to_string(dir).unwrap()).unwrap();
        for inv in &region.investors {
            let bg = darken(&inv.color, BADGE_DARKEN);
            assert!(contrast(&bg, "#ffffff") >= 4.5, "{}: {bg} gives {:.2}", inv.id, contrast(&bg, "#ffffff"));
        }
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert_eq!(darken("#ffffff", 0.5), "#808080");
    }

    #[test]
    fn formats_amounts() {
        assert_eq!(usd(1.5e9, Lang::En), "$1.5bn");
        assert_eq!(usd(12.0e9, Lang::En), "$12bn");
        assert_eq!(usd(380.0e6, Lang::En), "$380m");
        assert_eq!(usd(14.5e6, Lang::En), "$14.5m");
        assert_eq!(usd(1.5e9, Lang::Ru), "$1,5 млрд");
        assert_eq!(usd(0.0, Lang::En), "$0");
    }
}
