//! Reader-facing number formats: the legend, the tooltip, the details, the
//! table and the export all write money this way.

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
    let num = crate::decimal::fixed(v, digits).to_string();
    match lang {
        Lang::En => format!("${num}{unit_en}"),
        Lang::Ru => format!("${}{unit_ru}", num.replace('.', ",")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
