//! The map maker's words for rejected rows in the page's language: the
//! table and row names, and the reasons — the atlas's own checks write them
//! in English; here they are put in Russian phrase by phrase, the values the
//! journalist typed (in quotes) left as they are. A reason with no known
//! phrase stays in English rather than be guessed.

use super::mapping::Kind;
use super::table::RowUnit;
use crate::i18n::Lang;

/// English phrase → Russian, longest and most specific first.
const REASONS_RU: &[(&str, &str)] = &[
    ("no column is mapped to ", "ни один столбец не выбран для поля "),
    ("; choose one in the mapping", "; выберите его в сопоставлении столбцов"),
    ("; latitude and longitude look swapped", "; похоже, широта и долгота перепутаны"),
    ("longitude or latitude out of range", "долгота или широта вне допустимого диапазона"),
    (" lies outside its country", " — за пределами своей страны"),
    ("latitude ", "широта "),
    (" or longitude ", " или долгота "),
    (", longitude ", ", долгота "),
    (" is out of range", " вне допустимого диапазона"),
    (" is not a number", " — не число"),
    (
        "missing field: every record needs at least one source",
        "поле отсутствует: у каждой записи нужен хотя бы один источник",
    ),
    ("is empty: every record needs at least one source", "пусто: у каждой записи нужен хотя бы один источник"),
    ("is empty", "пусто"),
    (" is not one of the region's states ", " — не государство этого региона "),
    ("no boundary for ", "нет границы для "),
    (" in the countries file", " в файле стран"),
    (" lies outside the bounding box of ", " лежит вне прямоугольника, охватывающего "),
    ("'s border; fix it, or mark precision ", ": исправьте точку или укажите точность "),
    (" lies outside ", " лежит за границей страны "),
    ("(is it [lon, lat]?)", "(порядок [долгота, широта]?)"),
    ("unknown commodity symbol ", "неизвестное обозначение сырья "),
    (
        "(use element symbols such as Cu, or REE, PGE, potash)",
        "(используйте символы элементов, например Cu, или REE, PGE, potash)",
    ),
    ("needs at least one commodity", "нужен хотя бы один вид сырья"),
    ("duplicate id", "повторяющийся id"),
    ("unknown investor ", "неизвестный инвестор "),
    ("unknown value ", "неизвестное значение "),
    ("; expected one of: ", "; допустимые значения: "),
    ("no deposit with id ", "нет месторождения с id "),
    ("missing field", "поле отсутствует"),
    ("must be a string", "должно быть строкой"),
    ("must be a number", "должно быть числом"),
    ("must be a whole number (a year)", "должно быть целым числом (год)"),
    ("must be an http(s) URL", "должно быть ссылкой http(s)"),
    ("missing title", "нет названия"),
    ("expected a Point", "ожидается точка (Point)"),
    // Files that cannot be read at all.
    ("the file is empty", "файл пуст"),
    ("the file is not UTF-8 text (byte ", "файл не в кодировке UTF-8 (байт "),
    ("); in Excel use ", "); в Excel выберите "),
    ("not a readable CSV: ", "CSV не читается: "),
    ("not valid JSON: ", "недопустимый JSON: "),
    (
        "JSON, but neither a GeoJSON FeatureCollection nor the atlas's region.json",
        "JSON, но не GeoJSON FeatureCollection и не region.json атласа",
    ),
    ("the first row must name the columns", "в первой строке должны быть названия столбцов"),
];

/// A rejected row's reason (or why a file could not be read) in `lang`.
pub fn reason(lang: Lang, en: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ru => {
            // Quoted values are the journalist's own: set them aside first.
            let mut parts: Vec<String> = en.split('"').map(str::to_string).collect();
            for (i, p) in parts.iter_mut().enumerate() {
                if i % 2 == 0 {
                    for (from, to) in REASONS_RU {
                        *p = p.replace(from, to);
                    }
                }
            }
            parts.join("\"")
        }
    }
}

/// "places" / "investments" in `lang`.
pub fn table(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (Lang::En, Kind::Deposits) => "places",
        (Lang::En, Kind::Flows) => "investments",
        (Lang::Ru, Kind::Deposits) => "места",
        (Lang::Ru, Kind::Flows) => "инвестиции",
    }
}

/// "row" / "feature" in `lang`.
pub fn unit(lang: Lang, u: RowUnit) -> &'static str {
    match (lang, u) {
        (Lang::En, _) => u.word(),
        (Lang::Ru, RowUnit::Row) => "строка",
        (Lang::Ru, RowUnit::Feature) => "объект",
    }
}

/// Where a rejection is: "Row 3 · lat", or "Column lat" for the whole table
/// (`row` 0).
pub fn place(lang: Lang, row: usize, u: RowUnit, column: &str) -> String {
    if row == 0 {
        let word = if lang == Lang::Ru { "Столбец" } else { "Column" };
        format!("{word} {column}")
    } else {
        let u = unit(lang, u);
        let mut cs = u.chars();
        let cap: String = cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default();
        format!("{cap} {row} · {column}")
    }
}

/// The CSV header of the rejected-rows download in `lang`.
pub fn csv_header(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::En => ["table", "row", "column", "reason"],
        Lang::Ru => ["таблица", "строка", "столбец", "причина"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cyrillic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    #[test]
    fn the_reasons_a_journalist_meets_read_in_russian_with_their_values_kept() {
        let cases = [
            ("\"abc\" is not a number", "\"abc\" — не число"),
            ("is empty", "пусто"),
            (
                "unknown commodity symbol \"gas\" (use element symbols such as Cu, or REE, PGE, potash)",
                "неизвестное обозначение сырья \"gas\" (используйте символы элементов, например Cu, или REE, PGE, potash)",
            ),
            (
                "latitude 91 or longitude 64 is out of range; latitude and longitude look swapped",
                "широта 91 или долгота 64 вне допустимого диапазона; похоже, широта и долгота перепутаны",
            ),
            (
                "no column is mapped to \"lat\"; choose one in the mapping",
                "ни один столбец не выбран для поля \"lat\"; выберите его в сопоставлении столбцов",
            ),
        ];
        for (en, ru) in cases {
            assert_eq!(reason(Lang::Ru, en), ru);
            assert_eq!(reason(Lang::En, en), en);
        }
        // A journalist's value that happens to hold an English phrase is theirs.
        assert_eq!(reason(Lang::Ru, "\"is empty\" is not a number"), "\"is empty\" — не число");
        assert_eq!(
            reason(
                Lang::Ru,
                "latitude 79.98, longitude 46.95 lies outside its country; latitude and longitude look swapped"
            ),
            "широта 79.98, долгота 46.95 — за пределами своей страны; похоже, широта и долгота перепутаны"
        );
    }

    #[test]
    fn every_reason_the_maker_gives_for_a_bad_sheet_is_translated() {
        // Real rejections from a sheet with one fault per row.
        let csv = "name,lat,lon,country,commodity,status,operator,source_url\n\
                   A,abc,64.5,UZB,Au,operating,X,https://example.org/a\n\
                   B,41.5,64.5,UZB,gas,operating,X,https://example.org/b\n\
                   C,41.5,,UZB,Au,operating,X,https://example.org/c\n\
                   D,42.9,71.4,UZB,Au,operating,X,https://example.org/d\n\
                   E,64.5,41.5,UZB,Au,operating,X,https://example.org/e\n\
                   F,95,64.5,UZB,Au,operating,X,https://example.org/f\n\
                   G,41.5,64.5,UZB,Au,bogus,X,https://example.org/g\n\
                   H,41.5,64.5,UZB,Au,operating,X,\n";
        let b = super::super::convert::tests::build_csv(csv);
        assert!(b.rejected.len() >= 7, "{:?}", b.rejected);
        for r in &b.rejected {
            let ru = reason(Lang::Ru, &r.reason);
            // The list of accepted values is codes, not words.
            let prose = ru.split("допустимые значения:").next().unwrap_or_default();
            let outside_quotes: String = prose.split('"').step_by(2).collect::<Vec<_>>().join(" ");
            // No English word is left, only symbols and codes (Cu, REE, UZB, http…).
            let english: Vec<&str> = outside_quotes
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 4 && !["potash", "Point", "http"].contains(w))
                .collect();
            assert!(cyrillic(&outside_quotes) && english.is_empty(), "untranslated {english:?}: {ru}");
            assert!(
                cyrillic(&place(Lang::Ru, r.row, r.unit, &r.column)),
                "{}",
                place(Lang::Ru, r.row, r.unit, &r.column)
            );
        }
    }
}
