//! Decimal text to and from `f64`, small.
//!
//! **Reading.** The JSON reader and the URL's view use [`parse`] instead of
//! `str::parse::<f64>`, whose correctly-rounding algorithm (Eisel–Lemire with
//! a 10 KB table of 128-bit powers of five, plus a big-decimal fallback) is
//! about 20 KB of the wasm. Numbers of up to 19 significant digits whose
//! mantissa fits 2^53 and whose power of ten is within ±22 — every
//! coordinate, amount and year in the atlas's files — are read exactly as
//! `str::parse` reads them (Clinger's fast path: one correctly rounded
//! multiplication or division of two exact values). Any other number is read
//! to within a few units in the last place, far below anything a map can
//! show.
//!
//! **Writing.** The map, the export and the messages write numbers with
//! [`fixed`] (`{:.N}`) and [`short`] (`{}`) instead of the standard library's
//! float formatting (Grisu with a Dragon4 big-number fallback, for shortest
//! and exact output: about 17 KB of the wasm). Both work on integers: the
//! value's binary mantissa times 10^N, shifted by its exponent and rounded
//! half to even, which is what the standard library writes (only zero loses
//! its minus sign).
//!
//! ```
//! use atlas::decimal::{fixed, parse, short};
//! assert_eq!(parse("58.4357"), Some(58.4357));
//! assert_eq!(parse("-1.5e9"), Some(-1.5e9));
//! assert_eq!(parse(".5"), Some(0.5));
//! assert_eq!(parse("4e-3"), "4e-3".parse().ok());
//! assert_eq!(parse("1e400"), Some(f64::INFINITY));
//! assert_eq!(parse("1,5"), None);
//! assert_eq!(parse("nan"), None);
//!
//! assert_eq!(fixed(66.5, 3).to_string(), "66.500");
//! assert_eq!(fixed(-0.04, 1).to_string(), "0.0");
//! assert_eq!(fixed(1234.5678, 0).to_string(), "1235");
//! assert_eq!(short(41.4959).to_string(), "41.4959");
//! assert_eq!(short(2.5e9).to_string(), "2500000000");
//! ```

use std::fmt;

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

/// `v` with `places` decimals (at most 9), like `format!("{v:.places$}")`;
/// a value that rounds to zero is written without a minus sign.
pub fn fixed(v: f64, places: u8) -> Fixed {
    Fixed { v, places: places.min(9) }
}

/// `v` in the fewest decimals that read back as the same `f64`, like
/// `format!("{v}")`, up to 15 significant digits: a number that needs 16 or
/// 17 digits to be told from its neighbours (`0.1 + 0.2`) is written to 15
/// (`0.3`). A magnitude of 9·10^18 and more, or below 10^-4, is written in
/// exponent form (`1.5e21`, `2e-5`).
pub fn short(v: f64) -> Short {
    Short(v)
}

/// `v` in exponent form, like `format!("{v:e}")`: `1e12`, `1.5e-8`.
pub fn sci(v: f64) -> Sci {
    Sci(v)
}

/// A number to write in exponent form: see [`sci`].
#[derive(Clone, Copy, Debug)]
pub struct Sci(f64);

impl fmt::Display for Sci {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            v if !v.is_finite() => f.write_str(special(v)),
            0.0 => f.write_str("0e0"),
            v => exponent(v, f),
        }
    }
}

/// A number to write with a fixed count of decimals: see [`fixed`]. Inside
/// this module (for [`short`] and [`sci`]) `places` may go up to 17.
#[derive(Clone, Copy, Debug)]
pub struct Fixed {
    v: f64,
    places: u8,
}

/// A number to write in its shortest form: see [`short`].
#[derive(Clone, Copy, Debug)]
pub struct Short(f64);

/// Below this, `|v| × 10^places` rounds to an `i64` exactly enough.
const INT_LIMIT: f64 = 9.0e18;

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed { v, places } = *self;
        if !v.is_finite() {
            return f.write_str(special(v));
        }
        match scaled(v, places) {
            Some(n) => write_scaled(f, n, places),
            None => exponent(v, f),
        }
    }
}

/// `v` × 10^`places` (at most 17) rounded to an integer, half to even on
/// the exact binary value (as the standard formatting rounds): `v` is
/// m × 2^e, so this is (m × 10^places) × 2^e in 128-bit integers. `None`
/// from 9·10^18 up.
fn scaled(v: f64, places: u8) -> Option<i64> {
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | (1 << 52), exp - 1075) };
    let big = u128::from(m) * 10u128.pow(u32::from(places));
    let n = if e >= 0 {
        if e >= 64 || big.leading_zeros() <= e as u32 + 64 {
            return None;
        }
        big << e
    } else if -e >= 120 {
        // Below 2^-37 after scaling: rounds to zero.
        0
    } else {
        let s = (-e) as u32;
        let (q, rem, half) = (big >> s, big & ((1u128 << s) - 1), 1u128 << (s - 1));
        if rem > half || (rem == half && q & 1 == 1) { q + 1 } else { q }
    };
    if n as f64 >= INT_LIMIT {
        return None;
    }
    let n = n as i64;
    Some(if v < 0.0 { -n } else { n })
}

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if !v.is_finite() {
            return f.write_str(special(v));
        }
        let a = v.abs();
        if a < INT_LIMIT && v.fract() == 0.0 {
            return write_scaled(f, v as i64, 0);
        }
        if !(1e-4..INT_LIMIT).contains(&a) {
            return exponent(v, f);
        }
        // The fewest decimals that read back as `v`, up to 15 significant digits.
        let mut buf = String::new();
        let mut places = 0u8;
        loop {
            buf.clear();
            let _ = fmt::write(&mut buf, format_args!("{}", Fixed { v, places }));
            if parse(&buf) == Some(v) || places == 17 || a * POW10[places as usize + 1] >= 1e15 {
                break;
            }
            places += 1;
        }
        // A number that needs 16 or 17 digits to be told from its neighbours:
        // its 15-digit form, without trailing zeros.
        let text = if buf.contains('.') { buf.trim_end_matches('0').trim_end_matches('.') } else { &buf };
        f.write_str(text)
    }
}

/// `n` / 10^`places` in decimal: sign, integer part, point, `places` digits.
fn write_scaled(f: &mut fmt::Formatter<'_>, n: i64, places: u8) -> fmt::Result {
    let mut digits = [0u8; 24];
    let mut len = 0;
    let mut m = n.unsigned_abs();
    while m > 0 || len <= places as usize {
        digits[len] = b'0' + (m % 10) as u8;
        m /= 10;
        len += 1;
    }
    let mut out = [0u8; 27];
    let mut k = 0;
    if n < 0 {
        out[k] = b'-';
        k += 1;
    }
    for i in (0..len).rev() {
        out[k] = digits[i];
        k += 1;
        if i == places as usize && places > 0 {
            out[k] = b'.';
            k += 1;
        }
    }
    // Only ASCII digits, '-' and '.' were written.
    f.write_str(std::str::from_utf8(&out[..k]).unwrap_or("0"))
}

/// `d.ddde±x` with up to 17 significant digits, shortest that reads back.
fn exponent(v: f64, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if v == 0.0 || !v.is_finite() {
        return f.write_str(if v == 0.0 { "0" } else { special(v) });
    }
    let a = v.abs();
    let mut e = 0i32;
    let mut m = a;
    while m >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    while m < 1.0 {
        m *= 10.0;
        e -= 1;
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let mut buf = String::new();
    for places in 0..=16u8 {
        // 9.99… may round up to 10: then it is 1.0 of the next power.
        let (m, e) = if (m * POW10[places as usize]).round() >= 10.0 * POW10[places as usize] {
            (m / 10.0, e + 1)
        } else {
            (m, e)
        };
        buf.clear();
        let _ = fmt::write(&mut buf, format_args!("{sign}{}e{e}", Fixed { v: m, places }));
        if parse(&buf).is_some_and(|x| (x - v).abs() <= v.abs() * 1e-15) {
            break;
        }
    }
    f.write_str(&buf)
}

fn special(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

#[cfg(test)]
mod tests {
    use super::{fixed, parse, sci, short};

    /// A deterministic stream of pseudo-random numbers.
    fn xorshift(mut x: u64) -> impl FnMut() -> u64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    #[test]
    fn the_numbers_of_the_atlas_files_are_read_exactly_as_the_standard_library_reads_them() {
        // Coordinates with 1–6 decimals, amounts, years, exponents: a deterministic sweep.
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
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
    fn numbers_are_written_as_the_standard_library_writes_them() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..200_000 {
            let r = next();
            // Coordinates, screen positions, amounts, ratios.
            let v = match r % 4 {
                0 => ((r >> 8) % 36_000_000) as f64 / 1e5 - 180.0,
                1 => ((r >> 8) % 2_000_000) as f64 / 997.0 - 500.0,
                2 => ((r >> 8) % 100_000_000_000) as f64 * 1e3,
                _ => ((r >> 8) % 1_000_000) as f64 / 1e6,
            };
            // Where the standard form has at most 15 significant digits, the
            // same text; otherwise that number to 15 digits.
            let (got, want) = (short(v).to_string(), format!("{v}"));
            let significant = want.trim_start_matches(['-', '0', '.']).replace('.', "").len();
            if v != 0.0 && v.abs() < 1e-4 {
                // Exponent form.
                let g = got.parse::<f64>().unwrap();
                assert!(got.contains('e') && ((g - v) / v).abs() < 1e-14, "{got} vs {want}");
            } else if significant <= 15 {
                assert_eq!(got, want);
            } else {
                let (g, w) = (got.parse::<f64>().unwrap(), v);
                assert!(((g - w) / w).abs() < 1e-14 && got.len() < want.len(), "{got} vs {want}");
            }
            let p = (r >> 50) as u8 % 5;
            let (got, mut want) = (fixed(v, p).to_string(), format!("{v:.*}", p as usize));
            if want.bytes().all(|c| matches!(c, b'-' | b'0' | b'.')) {
                // Zero is written without the standard's minus sign.
                want = want.trim_start_matches('-').to_string();
            }
            assert_eq!(got, want, "{v} to {p} decimals");
        }
    }

    #[test]
    fn zero_small_huge_and_non_finite_numbers_are_written_readably() {
        assert_eq!(fixed(-0.0, 2).to_string(), "0.00");
        assert_eq!(fixed(-0.004, 2).to_string(), "0.00");
        assert_eq!(fixed(-1.25, 1).to_string(), "-1.2");
        assert_eq!(fixed(2.5, 0).to_string(), "2");
        assert_eq!(fixed(12.345, 2).to_string(), "12.35");
        assert_eq!(fixed(0.05, 0).to_string(), "0");
        assert_eq!(fixed(999.96, 1).to_string(), "1000.0");
        assert_eq!(short(-0.0).to_string(), "0");
        assert_eq!(short(1e-12).to_string(), "1e-12");
        assert_eq!(short(0.1 + 0.2).to_string(), "0.3");
        assert_eq!(short(2e-5).to_string(), "2e-5");
        assert_eq!(short(-2.5e21).to_string(), "-2.5e21");
        assert_eq!(fixed(1e300, 1).to_string(), "1e300");
        assert_eq!(short(f64::NAN).to_string(), "NaN");
        for v in [1e12, 1.5e13, -2.5e-8, 7.0, 123.456, 0.0] {
            assert_eq!(sci(v).to_string(), format!("{v:e}"));
        }
        assert_eq!(fixed(f64::NEG_INFINITY, 3).to_string(), "-inf");
        for v in [1e-12, 3.7e-10, 1.5e21, 123456789e20, 1.7e308, f64::MIN_POSITIVE] {
            let text = short(v).to_string();
            let back: f64 = text.parse().unwrap();
            assert!(((back - v) / v).abs() < 1e-14, "{v}: {text}");
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
