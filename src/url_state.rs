//! The map's state in the URL query, so a link restores exactly the same map.
//! Parameters (all optional; docs/EMBED.md lists them):
//! `lang=ru`, `v=lon,lat,zoom`, `c=Cu,Au` (commodities), `k=KAZ,UZB`
//! (countries), `s=operating,...` (deposit status), `fi=china,eu` (deposits
//! with a foreign investor from), `inv=china,us` (arrows shown), `fs=realized`
//! (flow statuses counted), `y=2010-2025`, `sel=d:muruntau` or `sel=f:china-KAZ`,
//! `layers=-flows,-rivers` (hidden layers: `deposits`, `flows`, `places`,
//! `rivers`, `inset`), `tab=table`, `embed=1`,
//! `data=<URL of a region.json>` (load another dataset).
//!
//! A missing list parameter means its default: no deposit filter on that
//! field (`c`, `k`, `s`, `fi`), every investor's arrows (`inv`), every flow
//! status (`fs`), no hidden layer. For `inv` and `fs` "none ticked" differs
//! from the default, so it is written explicitly as `inv=none` / `fs=none`.
//! [`UrlState::with_filters`], [`UrlState::deposit_filter`] and
//! [`UrlState::flow_filter`] convert between the URL and the app's filters.

use crate::atlas::DepositFilter;
use crate::data::{DepositStatus, FlowStatus, Home};
use crate::decimal::fixed;
use crate::flows::FlowFilter;
use crate::i18n::Lang;
use crate::scene::layers::{Layer, Layers};

/// The value of `inv` or `fs` when every box is unticked.
pub const NONE: &str = "none";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Deposit(String),
    Flow(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UrlState {
    pub lang: Lang,
    /// Centre lon, lat and zoom relative to the fitted view.
    pub view: Option<(f64, f64, f64)>,
    pub commodities: Vec<String>,
    pub countries: Vec<String>,
    pub statuses: Vec<DepositStatus>,
    pub foreign: Vec<Home>,
    /// Investors whose arrows are shown; `None` means all, `Some(vec![])` none (`inv=none`).
    pub flow_investors: Option<Vec<String>>,
    /// Flow statuses counted; `None` means all, `Some(vec![])` none (`fs=none`).
    pub flow_statuses: Option<Vec<FlowStatus>>,
    pub years: Option<(i32, i32)>,
    /// The layers shown (`layers=` lists the hidden ones).
    pub layers: Layers,
    pub selected: Option<Selection>,
    pub table: bool,
    pub embed: bool,
    /// URL of another dataset's `region.json` (a newsroom's own data).
    pub data: Option<String>,
}

/// A URL parameter that could not be used: named, and ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    pub param: String,
    pub message: String,
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "URL parameter \"{}\": {}", self.param, self.message)
    }
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() && hex(b[i + 1]).is_some() && hex(b[i + 2]).is_some() => {
                out.push(hex(b[i + 1]).unwrap_or(0) * 16 + hex(b[i + 2]).unwrap_or(0));
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' | b':' => o.push(b as char),
            _ => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

fn list(v: &str) -> Vec<String> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// A list that has an explicit "none" (`inv`, `fs`): `none` or nothing is the empty list.
fn list_or_none(v: &str) -> Vec<String> {
    if v.trim() == NONE { Vec::new() } else { list(v) }
}

/// Write a list that has an explicit "none".
fn join_or_none(v: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let s = v.into_iter().map(|x| x.as_ref().to_string()).collect::<Vec<_>>().join(",");
    if s.is_empty() { NONE.to_string() } else { s }
}

/// Same members, in any order.
fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

/// Parse a comma list of enum values into `out`, naming each unknown one.
fn enum_list<T>(
    v: &str,
    what: &str,
    parse: fn(&str) -> Option<T>,
    expected: fn() -> String,
    out: &mut Vec<T>,
    err: &mut impl FnMut(String),
) {
    for x in list(v) {
        match parse(&x) {
            Some(t) => out.push(t),
            None => err(format!("unknown {what} \"{x}\"; expected one of: {}", expected())),
        }
    }
}

impl UrlState {
    /// Parse a query string (with or without the leading `?`). Bad values are
    /// reported and skipped; the rest still applies.
    pub fn parse(query: &str) -> (UrlState, Vec<ParamError>) {
        let mut st = UrlState::default();
        let mut errs = Vec::new();
        let q = query.trim_start_matches('?');
        for pair in q.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode(k), decode(v));
            let mut err = |m: String| errs.push(ParamError { param: k.clone(), message: m });
            match k.as_str() {
                "lang" => match Lang::parse(&v) {
                    Some(l) => st.lang = l,
                    None => err(format!("unknown language \"{v}\"; use en or ru")),
                },
                "v" => {
                    let n: Vec<Option<f64>> = v.split(',').map(|x| crate::decimal::parse(x.trim())).collect();
                    match n.as_slice() {
                        [Some(lon), Some(lat), Some(z)]
                            if (-180.0..=180.0).contains(lon)
                                && (-90.0..=90.0).contains(lat)
                                && *z > 0.0
                                && z.is_finite() =>
                        {
                            st.view = Some((*lon, *lat, *z))
                        }
                        _ => err(format!("\"{v}\" is not lon,lat,zoom")),
                    }
                }
                "c" => st.commodities = list(&v),
                "k" => st.countries = list(&v),
                "s" => {
                    enum_list(&v, "status", DepositStatus::parse, DepositStatus::expected, &mut st.statuses, &mut err)
                }
                "fi" => enum_list(&v, "investor home", Home::parse, Home::expected, &mut st.foreign, &mut err),
                "inv" => st.flow_investors = Some(list_or_none(&v)),
                "fs" => {
                    let mut out = Vec::new();
                    let v = if v.trim() == NONE { String::new() } else { v.clone() };
                    enum_list(&v, "flow status", FlowStatus::parse, FlowStatus::expected, &mut out, &mut err);
                    st.flow_statuses = Some(out);
                }
                "y" => {
                    let parts: Vec<Option<i32>> = v.split('-').map(|x| x.trim().parse().ok()).collect();
                    match parts.as_slice() {
                        [Some(a), Some(b)] if a <= b => st.years = Some((*a, *b)),
                        [Some(a)] => st.years = Some((*a, *a)),
                        _ => err(format!("\"{v}\" is not a year range like 2010-2025")),
                    }
                }
                "layers" => {
                    for x in list(&v) {
                        let name = x.trim_start_matches('-');
                        match Layer::parse(name) {
                            Some(l) => st.layers = st.layers.with(l, false),
                            None => err(format!("unknown layer \"{name}\"; expected one of: {}", Layer::expected())),
                        }
                    }
                }
                "sel" => match v.split_once(':') {
                    Some(("d", id)) if !id.is_empty() => st.selected = Some(Selection::Deposit(id.to_string())),
                    Some(("f", key)) if !key.is_empty() => st.selected = Some(Selection::Flow(key.to_string())),
                    _ => err(format!("\"{v}\" is not d:<deposit id> or f:<investor>-<ISO3>")),
                },
                "tab" => match v.as_str() {
                    "table" => st.table = true,
                    "map" => st.table = false,
                    _ => err(format!("unknown tab \"{v}\"; use map or table")),
                },
                "data" => {
                    if v.ends_with(".json") && !v.contains(['<', '>', '"', ' ']) {
                        st.data = Some(v.clone())
                    } else {
                        err(format!("\"{v}\" is not the URL of a region manifest (…/region.json)"))
                    }
                }
                "embed" => st.embed = matches!(v.as_str(), "1" | "true" | ""),
                _ => err("unknown parameter (ignored)".to_string()),
            }
        }
        (st, errs)
    }

    /// The query string (no leading `?`), omitting defaults, in a stable order.
    pub fn to_query(&self) -> String {
        let mut p: Vec<(&str, String)> = Vec::new();
        if self.lang != Lang::En {
            p.push(("lang", self.lang.code().into()));
        }
        if self.embed {
            p.push(("embed", "1".into()));
        }
        if let Some((lon, lat, z)) = self.view {
            p.push(("v", format!("{lon},{lat},{z}", lon = fixed(lon, 3), lat = fixed(lat, 3), z = fixed(z, 2))));
        }
        let join = |v: &[String]| v.join(",");
        if !self.commodities.is_empty() {
            p.push(("c", join(&self.commodities)));
        }
        if !self.countries.is_empty() {
            p.push(("k", join(&self.countries)));
        }
        if !self.statuses.is_empty() {
            p.push(("s", self.statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")));
        }
        if !self.foreign.is_empty() {
            p.push(("fi", self.foreign.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")));
        }
        if let Some(inv) = &self.flow_investors {
            p.push(("inv", join_or_none(inv)));
        }
        if let Some(fs) = &self.flow_statuses {
            p.push(("fs", join_or_none(fs.iter().map(|s| s.as_str()))));
        }
        if let Some((a, b)) = self.years {
            p.push(("y", format!("{a}-{b}")));
        }
        if self.layers != Layers::default() {
            p.push(("layers", self.layers.hidden().map(|l| format!("-{}", l.as_str())).collect::<Vec<_>>().join(",")));
        }
        match &self.selected {
            Some(Selection::Deposit(id)) => p.push(("sel", format!("d:{id}"))),
            Some(Selection::Flow(k)) => p.push(("sel", format!("f:{k}"))),
            None => {}
        }
        if self.table {
            p.push(("tab", "table".into()));
        }
        if let Some(d) = &self.data {
            p.push(("data", d.clone()));
        }
        p.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }

    /// The deposit filter the URL asks for (an empty list: no filter on that field).
    pub fn deposit_filter(&self) -> DepositFilter {
        DepositFilter {
            commodities: self.commodities.clone(),
            countries: self.countries.clone(),
            statuses: self.statuses.clone(),
            foreign: self.foreign.clone(),
        }
    }

    /// The flow filter the URL asks for; a missing `inv` means `all_investors`,
    /// a missing `fs` every status.
    pub fn flow_filter(&self, all_investors: &[String]) -> FlowFilter {
        FlowFilter {
            investors: self.flow_investors.clone().unwrap_or_else(|| all_investors.to_vec()),
            statuses: self.flow_statuses.clone().unwrap_or_else(|| FlowStatus::ALL.to_vec()),
            years: self.years,
        }
    }

    /// Record the app's filters. A list equal to its default is left out; an
    /// empty `inv` or `fs` list (nothing ticked) is kept, and written `none`.
    pub fn with_filters(mut self, deposits: &DepositFilter, flows: &FlowFilter, all_investors: &[String]) -> Self {
        self.commodities = deposits.commodities.clone();
        self.countries = deposits.countries.clone();
        self.statuses = deposits.statuses.clone();
        self.foreign = deposits.foreign.clone();
        self.flow_investors = (!same_set(&flows.investors, all_investors)).then(|| flows.investors.clone());
        self.flow_statuses = (!same_set(&flows.statuses, FlowStatus::ALL)).then(|| flows.statuses.clone());
        self.years = flows.years;
        self
    }
}

/// The embed code a newsroom pastes: the frame at `src` (a permalink with
/// `embed=1`) titled `title`, and `script` (the atlas's `embed.js`), which
/// sizes the frame to its content. The same text from the atlas's Embed
/// dialog and the map maker.
pub fn embed_snippet(src: &str, title: &str, script: &str) -> String {
    use crate::render::svg::escape;
    format!(
        "<iframe src=\"{}\" title=\"{}\" data-ca-atlas style=\"width:100%;height:720px;border:0\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>\n<script src=\"{}\" async></script>",
        escape(src),
        escape(title),
        escape(script)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_field() {
        let st = UrlState {
            lang: Lang::Ru,
            view: Some((64.5, 41.5, 3.25)),
            commodities: vec!["Au".into(), "U".into()],
            countries: vec!["UZB".into()],
            statuses: vec![DepositStatus::Operating, DepositStatus::PastProducer],
            foreign: vec![Home::China],
            flow_investors: Some(vec!["china".into(), "eu".into()]),
            flow_statuses: Some(vec![FlowStatus::Realized]),
            years: Some((2010, 2020)),
            layers: Layers::from_hidden([Layer::Flows, Layer::Rivers]),
            selected: Some(Selection::Deposit("muruntau".into())),
            table: true,
            embed: true,
            data: Some("https://example.org/our-data/region.json".into()),
        };
        let (back, errs) = UrlState::parse(&st.to_query());
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(back, st);
        let (empty, errs) = UrlState::parse("");
        assert!(errs.is_empty());
        assert_eq!(empty, UrlState::default());
        assert_eq!(UrlState::default().to_query(), "");
    }

    fn investors() -> Vec<String> {
        ["china", "eu", "us", "russia"].map(String::from).to_vec()
    }

    /// The app's filters → URL → a fresh page's filters.
    fn through_the_url(d: &DepositFilter, f: &FlowFilter) -> (String, DepositFilter, FlowFilter) {
        let q = UrlState::default().with_filters(d, f, &investors()).to_query();
        let (back, errs) = UrlState::parse(&q);
        assert!(errs.is_empty(), "{q}: {errs:?}");
        (q.clone(), back.deposit_filter(), back.flow_filter(&investors()))
    }

    #[test]
    fn unticking_every_flow_status_round_trips_as_none() {
        let none = FlowFilter { statuses: vec![], ..FlowFilter::all(&investors()) };
        let (q, _, f) = through_the_url(&DepositFilter::default(), &none);
        assert_eq!(q, "fs=none");
        assert!(f.statuses.is_empty(), "{q} restored {:?}", f.statuses);
        // And a missing `fs` still means all of them.
        assert_eq!(UrlState::parse("").0.flow_filter(&investors()).statuses, FlowStatus::ALL.to_vec());
    }

    #[test]
    fn every_list_parameter_round_trips_empty_some_and_all() {
        let all = FlowFilter::all(&investors());
        let cases: Vec<(DepositFilter, FlowFilter)> = vec![
            // Defaults.
            (DepositFilter::default(), all.clone()),
            // Nothing ticked in each flow list.
            (DepositFilter::default(), FlowFilter { investors: vec![], ..all.clone() }),
            (DepositFilter::default(), FlowFilter { statuses: vec![], ..all.clone() }),
            (DepositFilter::default(), FlowFilter { investors: vec![], statuses: vec![], years: Some((2012, 2014)) }),
            // Some ticked, in every list.
            (
                DepositFilter {
                    commodities: vec!["Cu".into(), "U".into()],
                    countries: vec!["KAZ".into()],
                    statuses: vec![DepositStatus::Operating],
                    foreign: vec![Home::China, Home::Eu],
                },
                FlowFilter {
                    investors: vec!["us".into()],
                    statuses: vec![FlowStatus::Committed, FlowStatus::Announced],
                    years: Some((2010, 2010)),
                },
            ),
            // Every deposit status ticked is a filter the reader set: it stays.
            (DepositFilter { statuses: DepositStatus::ALL.to_vec(), ..Default::default() }, all.clone()),
        ];
        for (d, f) in cases {
            let (q, d2, f2) = through_the_url(&d, &f);
            assert_eq!(d2, d, "{q}");
            assert_eq!(f2, f, "{q}");
        }
        // Every investor ticked, in any order, is the default: no `inv`.
        let shuffled = FlowFilter { investors: ["us", "eu", "russia", "china"].map(String::from).to_vec(), ..all };
        assert_eq!(through_the_url(&DepositFilter::default(), &shuffled).0, "");
    }

    #[test]
    fn hidden_layers_round_trip_including_all_and_none() {
        for hidden in [vec![], vec![Layer::Flows], vec![Layer::Places, Layer::Inset], Layer::ALL.to_vec()] {
            let st = UrlState { layers: Layers::from_hidden(hidden.clone()), ..Default::default() };
            let (back, errs) = UrlState::parse(&st.to_query());
            assert!(errs.is_empty());
            assert_eq!(back.layers.hidden().collect::<Vec<_>>(), hidden, "{}", st.to_query());
        }
        assert_eq!(UrlState::parse("?layers=-rivers,-flows").0.to_query(), "layers=-flows,-rivers");
    }

    #[test]
    fn flow_selection_round_trips() {
        let st = UrlState { selected: Some(Selection::Flow("china-KAZ".into())), ..Default::default() };
        assert_eq!(st.to_query(), "sel=f:china-KAZ");
        assert_eq!(UrlState::parse("?sel=f:china-KAZ").0, st);
    }

    #[test]
    fn bad_parameters_are_named_and_the_rest_applies() {
        let (st, errs) = UrlState::parse("?lang=fr&v=1,2&c=Cu&s=open&y=2020-2010&sel=x&zz=1&layers=-roads");
        assert_eq!(st.commodities, vec!["Cu".to_string()]);
        assert_eq!(st.lang, Lang::En);
        assert_eq!(st.view, None);
        let names: Vec<_> = errs.iter().map(|e| e.param.as_str()).collect();
        assert_eq!(names, vec!["lang", "v", "s", "y", "sel", "zz", "layers"]);
        assert!(errs[2].to_string().contains("\"open\""));
    }

    #[test]
    fn malformed_escapes_and_multibyte_text_do_not_panic() {
        let (st, _) = UrlState::parse("c=%&k=%Z1,%E2%82&data=%D0%BC.json");
        assert_eq!(st.commodities, vec!["%".to_string()]);
        assert_eq!(st.data.as_deref(), Some("м.json"));
        let (st, errs) = UrlState::parse("sel=d:мурунтау&zz=%");
        assert_eq!(st.selected, Some(Selection::Deposit("мурунтау".into())));
        assert_eq!(errs.len(), 1);
    }

    #[test]
    fn decodes_percent_escapes() {
        let (st, _) = UrlState::parse("c=Cu%2CAu&sel=d%3Amuruntau");
        assert_eq!(st.commodities, vec!["Cu".to_string(), "Au".to_string()]);
        assert_eq!(st.selected, Some(Selection::Deposit("muruntau".into())));
    }
}
