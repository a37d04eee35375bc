//! Upper and lower case for the scripts of the atlas's names: Latin with
//! its Western, Central European and Turkic letters (Latin-1, Latin
//! Extended-A, Ə), and Cyrillic with its Kazakh, Kyrgyz, Tajik and Uzbek
//! letters. Other characters are left as they are.
//!
//! `str::to_lowercase` and `to_uppercase` carry the whole Unicode case
//! tables (about 24 KB of the wasm) for a search box, a table sort and the
//! country names on the map. Each mapping here is one character to one
//! character; where Unicode maps one to two (`ß` → `SS`, `İ` → `i̇`), the
//! character is kept (`ß`) or mapped to its base letter (`İ` → `i`).
//!
//! ```
//! use atlas::case::{lower, upper};
//! assert_eq!(upper("Kazakhstan"), "KAZAKHSTAN");
//! assert_eq!(upper("Қазақстан"), "ҚАЗАҚСТАН");
//! assert_eq!(lower("ÖSKEMEN Ёлки"), "öskemen ёлки");
//! assert_eq!(lower("Şahrisabz"), "şahrisabz");
//! ```

/// Upper case of one character: the lower-case letter minus this offset.
fn upper_offset(c: u32) -> Option<u32> {
    Some(match c {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE | 0x430..=0x44F => 0x20,
        0x450..=0x45F => 0x50,
        // Pairs: upper case at the even code point, lower at the odd one.
        0x101..=0x12F | 0x133..=0x137 | 0x14B..=0x177 | 0x461..=0x481 | 0x48B..=0x4BF | 0x4D1..=0x52F if c % 2 == 1 => {
            1
        }
        // Pairs the other way round: upper at the odd code point.
        0x13A..=0x148 | 0x17A..=0x17E | 0x4C2..=0x4CE if c.is_multiple_of(2) => 1,
        _ => return None,
    })
}

/// The upper case of `c` (itself when it has none here).
pub fn upper_char(c: char) -> char {
    let u = c as u32;
    let mapped = match u {
        0xB5 => 0x39C,
        0xFF => 0x178,
        0x131 => 0x49,
        0x17F => 0x53,
        0x259 => 0x18F,
        0x4CF => 0x4C0,
        _ => match upper_offset(u) {
            Some(d) => u - d,
            None => u,
        },
    };
    char::from_u32(mapped).unwrap_or(c)
}

/// The lower case of `c` (itself when it has none here).
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let mapped = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x410..=0x42F => u + 0x20,
        0x400..=0x40F => u + 0x50,
        0x178 => 0xFF,
        0x130 => 0x69,
        0x18F => 0x259,
        0x4C0 => 0x4CF,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F
            if u.is_multiple_of(2) =>
        {
            u + 1
        }
        0x139..=0x148 | 0x179..=0x17E | 0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        _ => u,
    };
    char::from_u32(mapped).unwrap_or(c)
}

pub fn lower(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

pub fn upper(s: &str) -> String {
    s.chars().map(upper_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the covered blocks, where Unicode maps it to one character.
    #[test]
    fn each_covered_letter_maps_as_unicode_maps_it() {
        let blocks = [0x20..0x250, 0x18F..0x190, 0x259..0x25A, 0x400..0x530];
        // Latin Extended-B (U+0180–U+024F) is covered only for Ə/ə.
        let skipped = |c: char| (0x180..0x250).contains(&(c as u32)) && !matches!(c, 'Ə' | 'ə');
        for c in blocks.into_iter().flatten().filter_map(char::from_u32).filter(|&c| !skipped(c)) {
            let mut l = c.to_lowercase();
            if let (Some(one), None) = (l.next(), l.next()) {
                assert_eq!(lower_char(c), one, "lower of {c} U+{:04X}", c as u32);
            }
            let mut u = c.to_uppercase();
            if let (Some(one), None) = (u.next(), u.next()) {
                assert_eq!(upper_char(c), one, "upper of {c} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn two_character_mappings_keep_one_letter_and_the_rest_is_untouched() {
        assert_eq!(upper("ß"), "ß");
        assert_eq!(lower("İ"), "i");
        assert_eq!(upper("中国 Ω"), "中国 Ω");
    }
}
