//! Which column fills which field of the atlas's schema. Defaults are
//! guessed from the headers (English and Russian, `lat`/`latitude`/`y`, …);
//! the journalist can correct every choice. A mapping names columns by their
//! header text, so it survives a re-paste of the same sheet.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a table holds: places (deposits, mines, plants) or investments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Deposits,
    Flows,
}

/// One field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    /// Without it, every row is rejected.
    pub required: bool,
    /// Normalised header spellings (see [`normalize`]).
    synonyms: &'static [&'static str],
}

const fn f(key: &'static str, required: bool, synonyms: &'static [&'static str]) -> FieldSpec {
    FieldSpec { key, required, synonyms }
}

pub const DEPOSIT_FIELDS: &[FieldSpec] = &[
    f(
        "name",
        true,
        &["name", "title", "site", "deposit", "project", "название", "наименование", "имя", "месторождение", "объект"],
    ),
    f("lat", true, &["lat", "latitude", "y", "широта"]),
    f("lon", true, &["lon", "lng", "long", "longitude", "x", "долгота"]),
    f("country", true, &["country", "iso3", "страна"]),
    f(
        "commodity",
        true,
        &[
            "commodity",
            "commodities",
            "mineral",
            "minerals",
            "metal",
            "metals",
            "полезноеископаемое",
            "полезныеископаемые",
            "сырье",
            "металл",
            "металлы",
            "ресурс",
        ],
    ),
    f("status", true, &["status", "статус", "стадия", "состояние"]),
    f("operator", true, &["operator", "company", "owner", "оператор", "компания", "недропользователь", "владелец"]),
    f("source_url", true, &["sourceurl", "source", "url", "link", "sources", "источник", "ссылка", "источникссылка"]),
    f("source_title", false, &["sourcetitle", "названиеисточника"]),
    f("kind", false, &["kind", "type", "тип", "вид"]),
    f("precision", false, &["precision", "точность"]),
    f("precision_km", false, &["precisionkm", "точностькм"]),
    f("id", false, &["id"]),
    f("notes", false, &["notes", "note", "comment", "comments", "примечание", "примечания", "комментарий"]),
];

pub const FLOW_FIELDS: &[FieldSpec] = &[
    f("investor", true, &["investor", "from", "bloc", "инвестор", "откуда"]),
    f(
        "destination",
        true,
        &["destination", "country", "to", "recipient", "страна", "получатель", "куда", "назначение"],
    ),
    f("amount_usd", false, &["amountusd", "amount", "usd", "sum", "value", "сумма", "суммадолл", "объем", "сумма usd"]),
    f("year", true, &["year", "years", "period", "год", "годы", "период"]),
    f("status", true, &["status", "статус", "стадия"]),
    f("source_url", true, &["sourceurl", "source", "url", "link", "sources", "источник", "ссылка"]),
    f("source_title", false, &["sourcetitle", "названиеисточника"]),
    f("entity", false, &["entity", "company", "lender", "организация", "компания", "кредитор"]),
    f("sector", false, &["sector", "отрасль", "сектор"]),
    f("id", false, &["id"]),
    f("notes", false, &["notes", "note", "comment", "примечание", "комментарий"]),
];

impl Kind {
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::Deposits => DEPOSIT_FIELDS,
            Kind::Flows => FLOW_FIELDS,
        }
    }

    /// Investments if the headers name an investor and an amount or a destination.
    pub fn guess(headers: &[String]) -> Kind {
        let has = |key: &str| find(FLOW_FIELDS, key, headers).is_some();
        if has("investor")
            && (has("amount_usd") || has("destination"))
            && find(DEPOSIT_FIELDS, "lat", headers).is_none()
        {
            Kind::Flows
        } else {
            Kind::Deposits
        }
    }
}

/// Lower case, `ё` folded to `е`, and only letters and digits kept, so
/// "Source URL", "source_url" and "Source-URL" are one spelling.
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn find(fields: &[FieldSpec], key: &str, headers: &[String]) -> Option<usize> {
    let spec = fields.iter().find(|s| s.key == key)?;
    let norm: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let syn: Vec<String> = spec.synonyms.iter().map(|s| normalize(s)).collect();
    // An exact spelling first, then a header that starts with one ("Latitude, °N").
    norm.iter()
        .position(|h| syn.contains(h))
        .or_else(|| norm.iter().position(|h| syn.iter().any(|s| s.chars().count() >= 3 && h.starts_with(s.as_str()))))
}

/// Field key → header text of the column that fills it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping(pub BTreeMap<String, String>);

impl Mapping {
    /// The default: each field takes the first column whose header matches
    /// one of its spellings, and no column fills two fields.
    pub fn guess(kind: Kind, headers: &[String]) -> Mapping {
        let mut m = BTreeMap::new();
        let mut used = Vec::new();
        for spec in kind.fields() {
            if let Some(i) = find(kind.fields(), spec.key, headers).filter(|i| !used.contains(i)) {
                used.push(i);
                m.insert(spec.key.to_string(), headers[i].clone());
            }
        }
        Mapping(m)
    }

    /// The column index filling `key`, if it is mapped to a header that exists.
    pub fn column(&self, key: &str, headers: &[String]) -> Option<usize> {
        let h = self.0.get(key)?;
        headers.iter().position(|x| x == h)
    }

    pub fn header(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// Map `key` to a header, or unmap it with `None`.
    pub fn set(&mut self, key: &str, header: Option<String>) {
        match header {
            Some(h) if !h.is_empty() => self.0.insert(key.to_string(), h),
            _ => self.0.remove(key),
        };
    }

    /// Exchange the columns of two fields (the fix for swapped lat/lon columns).
    pub fn swap(&mut self, a: &str, b: &str) {
        let (x, y) = (self.0.remove(a), self.0.remove(b));
        self.set(a, y);
        self.set(b, x);
    }

    /// Required fields no column fills.
    pub fn missing(&self, kind: Kind, headers: &[String]) -> Vec<&'static str> {
        kind.fields().iter().filter(|s| s.required && self.column(s.key, headers).is_none()).map(|s| s.key).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn english_headers_map_to_the_schema() {
        let headers = h(&["Name", "Latitude", "Longitude", "Country", "Commodity", "Status", "Operator", "Source URL"]);
        let m = Mapping::guess(Kind::Deposits, &headers);
        for (key, col) in [("name", 0), ("lat", 1), ("lon", 2), ("country", 3), ("source_url", 7)] {
            assert_eq!(m.column(key, &headers), Some(col), "{key}");
        }
        assert!(m.missing(Kind::Deposits, &headers).is_empty());
    }

    #[test]
    fn x_and_y_are_longitude_and_latitude() {
        let headers = h(&["X", "Y", "name"]);
        let m = Mapping::guess(Kind::Deposits, &headers);
        assert_eq!(m.header("lon"), Some("X"));
        assert_eq!(m.header("lat"), Some("Y"));
    }

    #[test]
    fn cyrillic_headers_map_too() {
        let headers =
            h(&["Название", "Широта", "Долгота", "Страна", "Полезное ископаемое", "Статус", "Компания", "Источник"]);
        let m = Mapping::guess(Kind::Deposits, &headers);
        assert!(m.missing(Kind::Deposits, &headers).is_empty(), "{m:?}");
        assert_eq!(m.header("commodity"), Some("Полезное ископаемое"));
        assert_eq!(m.header("operator"), Some("Компания"));
    }

    #[test]
    fn a_header_with_a_unit_still_maps() {
        let headers = h(&["name", "Latitude, °N", "Longitude, °E"]);
        let m = Mapping::guess(Kind::Deposits, &headers);
        assert_eq!(m.column("lat", &headers), Some(1));
        assert_eq!(m.column("lon", &headers), Some(2));
    }

    #[test]
    fn an_investment_table_is_told_from_a_table_of_places() {
        let flows = h(&["investor", "destination", "amount_usd", "year", "status", "source_url"]);
        assert_eq!(Kind::guess(&flows), Kind::Flows);
        assert!(Mapping::guess(Kind::Flows, &flows).missing(Kind::Flows, &flows).is_empty());
        assert_eq!(Kind::guess(&h(&["name", "lat", "lon", "country"])), Kind::Deposits);
        assert_eq!(Kind::guess(&h(&["Инвестор", "Страна", "Сумма", "Год"])), Kind::Flows);
    }

    #[test]
    fn the_journalist_can_correct_and_swap_the_mapping() {
        let headers = h(&["a", "b", "c"]);
        let mut m = Mapping::default();
        m.set("lat", Some("a".into()));
        m.set("lon", Some("b".into()));
        m.swap("lat", "lon");
        assert_eq!((m.column("lat", &headers), m.column("lon", &headers)), (Some(1), Some(0)));
        m.set("lat", None);
        assert_eq!(m.column("lat", &headers), None);
        assert!(m.missing(Kind::Deposits, &headers).contains(&"lat"));
    }
}
