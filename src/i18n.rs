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
    Legend => "Legend", "Легенда";
    Commodities => "Commodities", "Полезные ископаемые";
    Status => "Status", "Статус";
    Precision => "Location precision", "Точность координат";
    Km => "km", "км";
    Selected => "selected", "выбрано";
    HiddenCount => "hidden", "скрыто";
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
    LoadingSources => "Loading the sources…", "Загрузка источников…";
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
    Record => "record", "запись";
    RecordsFew => "records", "записи";
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
    YearFrom => "First year", "Первый год";
    ResultsCount => "Results:", "Найдено:";
    YearTo => "Last year", "Последний год";
    Deals => "Deals", "Сделки";
    PartOf => "part of", "часть";
    Table => "Table", "Таблица";
    Map => "Map", "Карта";
    CopyLink => "Copy link", "Копировать ссылку";
    Copied => "Link copied", "Ссылка скопирована";
    CopyCode => "Copy code", "Копировать код";
    CodeCopied => "Embed code copied", "Код для встраивания скопирован";
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
    InView => "in view", "в видимой области";
    SummaryDeposit => "deposit", "месторождение";
    SummaryDepositsFew => "deposits", "месторождения";
    SummaryDeposits => "deposits", "месторождений";
    SummaryInvestor => "investor", "инвестор";
    SummaryInvestorsFew => "investors", "инвестора";
    SummaryInvestors => "investors", "инвесторов";
    SummaryLargest => "largest flow:", "крупнейший поток:";
}

/// The map maker's words (author.html): a table of their own, so the main
/// app's bundle does not carry them.
pub mod author {
    use super::Lang;

    strings! {
        PageTitle => "Make your own map — Central Asia's critical minerals", "Сделайте свою карту — критические минералы Центральной Азии";
        Heading => "Make your own map", "Сделайте свою карту";
        Privacy => "Your data stays in this browser: nothing is uploaded.", "Ваши данные остаются в этом браузере: ничего не загружается на сервер.";
        YourData => "Your data", "Ваши данные";
        DropHint => "Drop a CSV, a GeoJSON or the atlas's own files here, or", "Перетащите сюда CSV, GeoJSON или файлы самого атласа, или";
        Paste => "…or paste from a spreadsheet", "…или вставьте из таблицы";
        UsePaste => "Use pasted data", "Использовать вставленные данные";
        PastedName => "pasted data", "вставленные данные";
        LabelsTaken => "title, subtitle and credit taken", "заголовок, подзаголовок и подпись взяты";
        Read => "read", "прочитано";
        CouldNotRead => "could not be read", "не удалось прочитать";
        BasemapFailed => "The atlas's basemap could not be loaded:", "Не удалось загрузить основу карты атласа:";
        StorageFull => "This browser could not keep a copy of the data (storage full); download the map to keep it.", "Браузер не смог сохранить копию данных (хранилище заполнено); скачайте карту, чтобы её сохранить.";
        Clear => "Clear my data from this browser", "Удалить мои данные из этого браузера";
        Cleared => "Cleared.", "Удалено.";
        Places => "Places", "Места";
        Investments => "Investments", "Инвестиции";
        RowsColumns => "Rows: {n}, columns: {m}. Correct the columns below if needed (* required).", "Строк: {n}, столбцов: {m}. При необходимости исправьте столбцы ниже (* — обязательные).";
        TableHolds => "This table holds", "В этой таблице";
        KindPlaces => "places (deposits, mines, plants)", "места (месторождения, рудники, заводы)";
        KindInvestments => "investments", "инвестиции";
        OwnFile => "The atlas's own file: used as it is.", "Файл самого атласа: используется как есть.";
        Remove => "Remove", "Удалить";
        AllRows => "Every row is on the map", "Все строки на карте";
        NotOnMap => "Rows not on the map:", "Строки, не попавшие на карту:";
        SwapsLook => "Rows where latitude and longitude look swapped: {n}.", "Строк, где широта и долгота, похоже, перепутаны: {n}.";
        SwapColumns => "Swap the lat and lon columns", "Поменять столбцы lat и lon местами";
        SwapRow => "Swap lat/lon", "Поменять lat/lon";
        MoreInCsv => "…and {n} more (in the CSV)", "…и ещё {n} (в CSV-файле)";
        SwappedRow => "Latitude and longitude swapped by you in row {rows}.", "Вы поменяли широту и долготу в строке {rows}.";
        SwappedRows => "Latitude and longitude swapped by you in rows {rows}.", "Вы поменяли широту и долготу в строках {rows}.";
        Undo => "Undo", "Отменить";
        DownloadRejected => "Download these rows as CSV", "Скачать эти строки в CSV";
        SayIt => "Say it on the map", "Подписи на карте";
        Title => "Title", "Заголовок";
        Subtitle => "Subtitle", "Подзаголовок";
        Credit => "Credit", "Автор";
        SourceLine => "Source line", "Источник";
        TitleHint => "Who mines Kazakhstan's copper", "Кто добывает медь Казахстана";
        SubtitleHint => "Mines and plants, 2025", "Рудники и заводы, 2025";
        CreditHint => "Map: your name / your newsroom", "Карта: ваше имя / ваша редакция";
        SourceHint => "Source: company reports, 2025", "Источник: отчёты компаний, 2025";
        Context => "Show capitals, rivers and the locator inset", "Показать столицы, реки и карту-врезку";
        ContextOutside => "Your data lies outside the atlas's region, so its capitals, rivers and inset are left out.", "Ваши данные лежат за пределами региона атласа, поэтому его столицы, реки и врезка не показаны.";
        Publish => "Publish", "Публикация";
        DownloadMap => "Download map", "Скачать карту";
        Packing => "Packing the map…", "Упаковка карты…";
        ZipDone => "map.zip ({n} KB): unzip it and put the map/ folder on any static host.", "map.zip ({n} КБ): распакуйте его и выложите папку map/ на любой статический хостинг.";
        PackFailed => "The map could not be packed:", "Не удалось упаковать карту:";
        LinkLabel => "Link that carries the data (nothing to host)", "Ссылка, в которой сами данные (ничего не нужно размещать)";
        OpenIt => "Open it", "Открыть";
        EmbedLabel => "Embed code for an article (the same map in a frame that sizes itself)", "Код для встраивания в статью (та же карта во фрейме, который сам подбирает высоту)";
        LinkTooLong => "The data needs {n} characters, more than the {max} a link can safely carry; download the map as a zip instead.", "Данным нужно {n} символов — больше, чем {max}, которые безопасно передать в ссылке; скачайте карту как zip.";
        Images => "Images", "Изображения";
        ImagesHint => "PNG and SVG with the title, legend, credit and source line.", "PNG и SVG с заголовком, легендой, автором и источником.";
        Social => "1200×675 (social media)", "1200×675 (соцсети)";
        Print => "2000 px (print)", "2000 пикс. (печать)";
        ImageFailed => "The image could not be made:", "Не удалось сделать изображение:";
        Notes => "Notes on the map", "Заметки на карте";
        NotesHint => "A short note (up to 140 characters) pinned to one of your places or to a point.", "Короткая заметка (до 140 символов), привязанная к одному из ваших мест или к точке.";
        AddNote => "Add a note", "Добавить заметку";
        NoteText => "Text", "Текст";
        NoteTextRu => "Text in Russian (optional)", "Текст по-русски (необязательно)";
        PinnedTo => "Pinned to", "Привязка";
        PinPlace => "one of my places", "к моему месту";
        PinPoint => "a point", "к точке";
        Lon => "Longitude", "Долгота";
        Lat => "Latitude", "Широта";
        PickOnMap => "Click the map to set the point", "Нажмите на карту, чтобы задать точку";
        NoteTooLong => "too long: {n} characters, at most {max}", "слишком длинно: {n} символов, не больше {max}";
        NoteEmpty => "the text is empty", "текст пуст";
        NoteNoPlace => "choose a place", "выберите место";
        NoteOffGlobe => "longitude −180…180 and latitude −90…90, please", "долгота должна быть от −180 до 180, широта — от −90 до 90";
        NoteLeftOut => "left out of the map until fixed", "не попадёт на карту, пока не исправлено";
    }
}

/// A schema field as the map maker's column mapping names it ("source_url"
/// is "Source link"); the key itself when it has no name here.
pub fn field_label(lang: Lang, key: &str) -> &str {
    let (en, ru) = match key {
        "name" => ("Name", "Название"),
        "lat" => ("Latitude", "Широта"),
        "lon" => ("Longitude", "Долгота"),
        "country" => ("Country", "Страна"),
        "commodity" => ("Commodities", "Полезные ископаемые"),
        "status" => ("Status", "Статус"),
        "operator" => ("Operator", "Оператор"),
        "source_url" => ("Source link", "Ссылка на источник"),
        "source_title" => ("Source title", "Название источника"),
        "kind" => ("Kind (mine, plant…)", "Тип (рудник, завод…)"),
        "precision" => ("Location precision", "Точность координат"),
        "precision_km" => ("Precision, km", "Точность, км"),
        "id" => ("ID", "Идентификатор"),
        "notes" => ("Notes", "Примечания"),
        "investor" => ("Investor", "Инвестор"),
        "destination" => ("Destination country", "Страна назначения"),
        "amount_usd" => ("Amount, USD", "Сумма, долл. США"),
        "year" => ("Year", "Год"),
        "entity" => ("Investing entity", "Инвестирующая организация"),
        "sector" => ("Sector", "Отрасль"),
        _ => return key,
    };
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}

/// Of the keys for one, a few and many, the one a count `n` takes in the
/// language (English: 1 and the rest; Russian: 1, 21 месторождение; 2–4, 22
/// месторождения; 0, 5–20, 11–14 месторождений).
pub fn plural(lang: Lang, n: usize, [one, few, many]: [Key; 3]) -> &'static str {
    let key = match lang {
        Lang::En if n == 1 => one,
        Lang::En => many,
        Lang::Ru => match (n % 10, n % 100) {
            (1, h) if h != 11 => one,
            (2..=4, h) if !(12..=14).contains(&h) => few,
            _ => many,
        },
    };
    t(lang, key)
}

/// "record(s)" after the count `n`, in the language's plural form.
pub fn records(lang: Lang, n: usize) -> &'static str {
    plural(lang, n, [Key::Record, Key::RecordsFew, Key::Records])
}

/// A year span: "2021" when it starts and ends in one year, else "2009–2021".
pub fn years(from: i32, to: i32) -> String {
    if from == to { format!("{from}") } else { format!("{from}–{to}") }
}

/// "deposit(s)" after the count `n`, in the language's plural form.
pub fn deposits(lang: Lang, n: usize) -> &'static str {
    plural(lang, n, [Key::SummaryDeposit, Key::SummaryDepositsFew, Key::SummaryDeposits])
}

/// "deposit(s) in view" after the count `n`, in the language's plural form.
pub fn deposits_in_view(lang: Lang, n: usize) -> String {
    format!("{} {}", deposits(lang, n), t(lang, Key::InView))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flows_records_and_years_read_as_words_would() {
        assert_eq!([records(Lang::En, 1), records(Lang::En, 2)], ["record", "records"]);
        assert_eq!([records(Lang::Ru, 1), records(Lang::Ru, 2), records(Lang::Ru, 5)], ["запись", "записи", "записей"]);
        assert_eq!([years(2021, 2021), years(2009, 2021)], ["2021", "2009–2021"]);
    }

    #[test]
    fn a_count_takes_the_plural_form_of_its_language() {
        let en = |n| deposits_in_view(Lang::En, n);
        assert_eq!(
            [en(0), en(1), en(2), en(21)],
            ["deposits in view", "deposit in view", "deposits in view", "deposits in view"]
        );
        let ru = |n: usize| deposits_in_view(Lang::Ru, n).split(' ').next().unwrap().to_string();
        for (n, word) in [
            (1, "месторождение"),
            (21, "месторождение"),
            (101, "месторождение"),
            (2, "месторождения"),
            (4, "месторождения"),
            (22, "месторождения"),
            (162, "месторождения"),
            (0, "месторождений"),
            (5, "месторождений"),
            (11, "месторождений"),
            (12, "месторождений"),
            (14, "месторождений"),
            (111, "месторождений"),
            (112, "месторождений"),
            (25, "месторождений"),
        ] {
            assert_eq!(ru(n), word, "{n}");
        }
    }

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

    #[test]
    fn every_map_maker_string_has_both_languages_and_the_russian_is_russian() {
        let cyrillic = |s: &str| s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        for &k in author::Key::ALL {
            let (en, ru) = (author::t(Lang::En, k), author::t(Lang::Ru, k));
            assert!(!en.is_empty() && cyrillic(ru), "{k:?}: {ru}");
            // The same placeholders in both.
            let holes = |s: &str| {
                s.split('{').skip(1).map(|x| x.split('}').next().unwrap_or("").to_string()).collect::<Vec<_>>()
            };
            let (mut a, mut b) = (holes(en), holes(ru));
            a.sort();
            b.sort();
            assert_eq!(a, b, "{k:?}");
        }
    }
}
