//! UI strings in English and Russian: one table, looked up by key, so no
//! component carries its own wording.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

macro_rules! strings {
    ($($key:ident => $en:literal, $ru:literal;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),+ }
        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),+];
        }
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match (lang, key) {
                $((Lang::En, Key::$key) => $en, (Lang::Ru, Key::$key) => $ru,)+
            }
        }
    };
}

strings! {
    Loading => "Loading the atlas…", "Загрузка атласа…";
    LoadFailed => "The atlas could not be loaded (see below)", "Не удалось загрузить атлас (см. ниже)";
    DataFrom => "Data from", "Данные с сайта";
    ExportFailed => "Export failed", "Не удалось экспортировать";
    MapLabel => "Map of Central Asia's critical minerals and investment flows", "Карта критических минералов Центральной Азии и инвестиционных потоков";
    DataProblems => "Some data could not be loaded", "Часть данных не загружена";
    DepositsInView => "deposits in view", "месторождений в видимой области";
    Legend => "Legend", "Легенда";
    Commodities => "Commodities", "Полезные ископаемые";
    Status => "Status", "Статус";
    Precision => "Location precision", "Точность координат";
    Investors => "Investors", "Инвесторы";
    Country => "Country", "Страна";
    ForeignInvestor => "Foreign investor", "Иностранный инвестор";
    Operating => "Operating", "Действует";
    Development => "Development", "Освоение";
    Exploration => "Exploration", "Разведка";
    PastProducer => "Past producer", "Отработано";
    Exact => "Exact location", "Точное положение";
    Approximate => "Approximate (circle: uncertainty)", "Приблизительно (круг — погрешность)";
    RegionLevel => "Region-level only", "Только регион";
    Operator => "Operator", "Оператор";
    Sources => "Sources", "Источники";
    Notes => "Notes", "Примечания";
    Close => "Close", "Закрыть";
    ZoomIn => "Zoom in", "Приблизить";
    ZoomOut => "Zoom out", "Отдалить";
    ResetView => "Reset view", "Сбросить вид";
    Search => "Search deposits", "Поиск месторождений";
    NoResults => "No match", "Ничего не найдено";
    Filters => "Filters", "Фильтры";
    All => "All", "Все";
    ClearFilters => "Clear filters", "Сбросить фильтры";
    Realized => "Realized", "Реализовано";
    Committed => "Committed", "Обязательства";
    Announced => "Announced", "Объявлено";
    RealizedSolid => "Realized (solid)", "Реализовано (сплошная)";
    PledgedHatched => "Committed or announced (hatched)", "Обязательства или объявлено (штриховка)";
    MinWidth => "thinnest arrows are raised to a visible minimum", "самые тонкие стрелки увеличены до видимого минимума";
    ArrowScale => "Arrow width", "Ширина стрелки";
    LockScale => "Lock scale", "Зафиксировать масштаб";
    Records => "records", "записей";
    Undisclosed => "amount not disclosed", "сумма не раскрыта";
    AsReportedBy => "as reported by", "по данным";
    RegionWide => "Region-wide figures (not split by country)", "Показатели по всему региону (без разбивки по странам)";
    Global => "Global programme", "Глобальная программа";
    RegionWideShort => "region-wide", "по региону";
    AlsoHere => "Also at this point", "Там же";
    Shown => "shown", "показано";
    More => "more", "ещё";
    ClusterHint => "click to list them, zoom in to split", "нажмите, чтобы увидеть список; приблизьте, чтобы разделить";
    Previous => "Previous", "Назад";
    Next => "Next", "Далее";
    NotSummed => "Region-wide and global figures are separate measures from different sources; they are listed, not added up.", "Региональные и глобальные показатели — разные оценки из разных источников; они перечислены, а не сложены.";
    Period => "Period", "Период";
    Years => "Years", "Годы";
    Deals => "Deals", "Сделки";
    PartOf => "part of", "часть";
    Table => "Table", "Таблица";
    Map => "Map", "Карта";
    CopyLink => "Copy link", "Копировать ссылку";
    Copied => "Link copied", "Ссылка скопирована";
    CopyFailed => "Copy failed: copy the address bar", "Не удалось: скопируйте адрес из строки браузера";
    Share => "Share and export", "Поделиться и экспорт";
    EmbedHelp => "Paste this into your article. The script resizes the frame to fit; it only listens to this atlas.", "Вставьте этот код в статью. Скрипт подгоняет высоту рамки и слушает только этот атлас.";
    Embed => "Embed", "Встроить";
    ExportSvg => "Download SVG", "Скачать SVG";
    ExportPng => "Download PNG", "Скачать PNG";
    OpenFull => "Open full map", "Открыть полную карту";
    CtrlToZoom => "Use Ctrl + scroll to zoom the map", "Для масштаба используйте Ctrl + прокрутку";
    Deposits => "Deposits", "Месторождения";
    Flows => "Investment flows", "Инвестиционные потоки";
    MapLayers => "Map layers", "Слои карты";
    LayerPlaces => "Capitals and cities", "Столицы и города";
    LayerRivers => "Rivers", "Реки";
    LayerInset => "Locator inset", "Карта-врезка";
    Name => "Name", "Название";
    Amount => "Amount", "Сумма";
    Destination => "Destination", "Получатель";
    Sector => "Sector", "Отрасль";
    Confidence => "Confidence", "Достоверность";
    Headlines => "Region's share of world reserves (as reported)", "Доля региона в мировых запасах (по сообщениям)";
    Language => "Language", "Язык";
    Deposit => "deposit", "месторождение";
    Mine => "mine", "рудник";
    Plant => "plant", "завод";
    InvestorsLabel => "Foreign investors", "Иностранные инвесторы";
    NoneKnown => "none recorded", "не указаны";
    Total => "Total", "Итого";
    Summary => "deposits,", "месторождений,";
    SummaryInvestors => "investors; largest flow:", "инвестора; крупнейший поток:";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages() {
        for &k in Key::ALL {
            assert!(!t(Lang::En, k).is_empty(), "{k:?} en");
            assert!(!t(Lang::Ru, k).is_empty(), "{k:?} ru");
        }
    }

    #[test]
    fn russian_strings_are_russian() {
        let cyrillic = |s: &str| s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        let untranslated: Vec<_> = Key::ALL.iter().filter(|&&k| !cyrillic(t(Lang::Ru, k))).collect();
        assert!(untranslated.is_empty(), "{untranslated:?}");
    }
}
