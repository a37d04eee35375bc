//! Decimal text to `f64`, small: the JSON reader and the URL's view use it
//! instead of `str::parse::<f64>`, whose correctly-rounding algorithm
//! (Eisel–Lemire with a 10 KB table of 128-bit powers of five, plus a
//! big-decimal fallback) is about 20 KB of the wasm.
//!
//! Numbers of up to 19 significant digits whose mantissa fits 2^53 and whose
//! power of ten is within ±22 — every coordinate, amount and year in the
//! atlas's files — are read exactly as `str::parse` reads them (Clinger's
//! fast path: one correctly rounded multiplication or division of two exact
//! values). Any other number is read to within a few units in the last
//! place, far below anything a map can show.
//!
//! ```
//! use atlas::decimal::parse;
//! assert_eq!(parse("58.4357"), Some(58.4357));
//! assert_eq!(parse("-1.5e9"), Some(-1.5e9));
//! assert_eq!(parse(".5"), Some(0.5));
//! assert_eq!(parse("4e-3"), "4e-3".parse().ok());
//! assert_eq!(parse("1e400"), Some(f64::INFINITY));
//! assert_eq!(parse("1,5"), None);
//! assert_eq!(parse("nan"), None);
//! ```

/// 10^0 ..= 10^22: every one is exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// `[+-]digits[.digits][(e|E)[+-]digits]`, with at least one digit before
/// or after the point (`5.` and `.5` are numbers); anything else is `None`.
pub fn parse(text: &str) -> Option<f64> {
    let s = text.as_bytes();
    let mut i = 0;
    let negative = match s.first() {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    // Up to 19 significant digits in the mantissa; the rest only move the exponent.
    let (mut mantissa, mut digits, mut exp10, mut seen, mut dropped) = (0u64, 0u32, 0i64, 0usize, false);
    let mut point = false;
    while let Some(&c) = s.get(i) {
        match c {
            b'0'..=b'9' => {
                seen += 1;
                if digits < 19 {
                    if mantissa > 0 || c != b'0' {
                        digits += 1;
                    }
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    if point {
                        exp10 -= 1;
                    }
                } else {
                    dropped |= c != b'0';
                    if !point {
                        exp10 += 1;
                    }
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if seen == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = s.get(i) {
        i += 1;
        let sign = match s.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let from = i;
        let mut e: i64 = 0;
        while let Some(&c @ b'0'..=b'9') = s.get(i) {
            e = (e * 10 + i64::from(c - b'0')).min(100_000);
            i += 1;
        }
        if i == from {
            return None;
        }
        exp10 += sign * e;
    }
    if i != s.len() {
        return None;
    }
    let m = mantissa as f64;
    let value = if mantissa == 0 {
        0.0
    } else if !dropped && mantissa < (1 << 53) && (-22..=22).contains(&exp10) {
        // Exact operands, one rounding: the correctly rounded result.
        if exp10 >= 0 { m * POW10[exp10 as usize] } else { m / POW10[(-exp10) as usize] }
    } else {
        scale(m, exp10)
    };
    Some(if negative { -value } else { value })
}

/// 10^22, 10^44, 10^88, 10^176, each correctly rounded.
const BIG: [f64; 4] = [1e22, 1e44, 1e88, 1e176];

/// `m` × 10^`e` for the rare number outside the exact path: the power is
/// taken as 10^(e mod 22) times a product of [`BIG`] powers (at most five
/// roundings in all).
fn scale(m: f64, e: i64) -> f64 {
    if e > 330 {
        return f64::INFINITY;
    }
    if e < -360 {
        return 0.0;
    }
    let (q, r) = (e.unsigned_abs() / 22, (e.unsigned_abs() % 22) as usize);
    let mut big = 1.0;
    for (k, p) in BIG.iter().enumerate() {
        if q & (1 << k) != 0 {
            big *= p;
        }
    }
    if e >= 0 {
        m * POW10[r] * big
    } else if q >= 16 {
        // Past 10^352, which no f64 holds: divide in two steps.
        m / POW10[r] / big / 1e176 / 1e176
    } else {
        m / POW10[r] / big
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_numbers_of_the_atlas_files_are_read_exactly_as_the_standard_library_reads_them() {
        // Coordinates with 1–6 decimals, amounts, years, exponents: a deterministic sweep.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..200_000 {
            let r = next();
            let text = match r % 5 {
                0 => format!("{:.*}", (r >> 8) as usize % 7, ((r >> 16) % 36_000_000) as f64 / 1e5 - 180.0),
                1 => format!("{}", (r >> 8) % 10_000_000_000_000),
                2 => format!("{}.{}e{}", (r >> 8) % 100, (r >> 20) % 1000, (r >> 40) % 12),
                3 => format!("-{}e-{}", (r >> 8) % 1_000_000, (r >> 30) % 15),
                _ => format!("{}", ((r >> 8) % 1_000_000_000_000_000) as f64 / 1e9),
            };
            let want: f64 = text.parse().unwrap();
            assert_eq!(parse(&text).map(f64::to_bits), Some(want.to_bits()), "{text}");
        }
    }

    #[test]
    fn long_or_extreme_numbers_are_read_to_a_few_units_in_the_last_place() {
        for text in [
            "3.141592653589793238462643383279",
            "1.7976931348623157e308",
            "2.2250738585072014e-308",
            "123456789012345678901234567890",
            "0.000000000000000000000000000123",
            "9007199254740993",
            "1e-30",
            "5e300",
        ] {
            let (got, want) = (parse(text).unwrap(), text.parse::<f64>().unwrap());
            assert!(((got - want) / want).abs() < 1e-14, "{text}: {got} vs {want}");
        }
    }

    #[test]
    fn only_decimal_numbers_are_numbers() {
        for bad in ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "inf", "NaN", " 1", "1 ", "--1"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(parse("5."), Some(5.0));
        assert_eq!(parse("+0.25"), Some(0.25));
        assert_eq!(parse("-0"), Some(-0.0));
        assert_eq!(parse("1e-400"), Some(0.0));
    }
}
