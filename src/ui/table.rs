//! The table view: deposits in view and the flows, as sortable tables with
//! the same filters as the map. The screen-reader alternative to the map.
//! The deposits are paginated ([`PAGE`] rows), so 100k in view is a sort
//! and one page of DOM, not 100k rows.

use super::details::flow_status_label;
use super::state::use_ui;
use super::tooltip::status_label;
use crate::data::{FlowScope, Source};
use crate::i18n::{Key, Lang, t};
use crate::url_state::Selection;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    Country,
    Commodities,
    Status,
    Operator,
}

/// A record's first source; "Loading…" while the details file is read.
fn source_cell(sources: &[Source], loading: bool, lang: Lang) -> impl IntoView + use<> {
    match sources.first() {
        Some(s) => {
            view! { <a href=s.url.clone() target="_blank" rel="noopener noreferrer">{s.title.clone()}</a> }.into_any()
        }
        None => {
            loading.then(|| view! { <span class="sources-loading">{t(lang, Key::LoadingSources)}</span> }).into_any()
        }
    }
}

/// Rows per page of the deposits table.
pub const PAGE: usize = 100;

#[component]
pub fn TableView() -> impl IntoView {
    let ui = use_ui();
    let sort = RwSignal::new((Col::Name, true));
    let page = RwSignal::new(0usize);
    let header = move |col: Col, key: Key| {
        view! {
            <th scope="col" aria-sort=move || match sort.get() {
                (c, true) if c == col => "ascending",
                (c, false) if c == col => "descending",
                _ => "none",
            }>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = if s.0 == col { (col, !s.1) } else { (col, true) })>
                    {move || ui.t(key)}
                </button>
            </th>
        }
    };
    // The deposits in view (the frame's R-tree query, as on the map), sorted once per change.
    let sorted = Memo::new(move |_| {
        let lang = ui.lang.get();
        let (col, asc) = sort.get();
        ui.atlas.with(|a| {
            let Some(a) = a else { return Vec::new() };
            let in_view: Vec<usize> = ui.frame.with(|f| f.as_ref().map(|f| f.in_view.clone()).unwrap_or_default());
            let key = |i: &usize| {
                let d = &a.ds.deposits[*i];
                match col {
                    Col::Name => crate::case::lower(d.display_name(lang)),
                    Col::Country => a.country_name(&d.country, lang),
                    Col::Commodities => d.commodities.join(","),
                    Col::Status => d.status.as_str().to_string(),
                    Col::Operator => crate::case::lower(&d.operator),
                }
            };
            // Keys once per row, then the app's one sort (`crate::sort`).
            let mut keyed: Vec<(String, usize)> = in_view.iter().map(|i| (key(i), *i)).collect();
            crate::sort::by(&mut keyed, |a, b| a.cmp(b));
            let mut ids: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
            if !asc {
                ids.reverse();
            }
            ids
        })
    });
    // A pager button that turns disabled under the focus hands it to the other
    // (looked up by its data-page: one NodeRef type less in the wasm).
    let focus_page = |which: &str| super::reveal::focus_on(&format!(".pager [data-page='{which}']"));
    let pages = move || sorted.with(|v| v.len().div_ceil(PAGE).max(1));
    Effect::new(move |_| {
        // A new sort or view starts at the first page.
        sorted.track();
        page.set(0);
    });
    let rows = move || {
        let lang = ui.lang.get();
        let p = page.get();
        let details = ui.details.get();
        ui.atlas.with(|a| {
            let Some(a) = a else { return Vec::new() };
            sorted.with(|ids| ids.iter().skip(p * PAGE).take(PAGE).copied().collect::<Vec<_>>())
                .into_iter()
                .map(|i| {
                    let d = a.ds.deposits[i].clone();
                    let id = d.id.clone();
                    view! {
                        <tr data-deposit-row=d.id.clone()>
                            <th scope="row">
                                <button type="button" class="link" on:click=move |_| super::reveal::select(ui, Selection::Deposit(id.clone()))>
                                    {d.display_name(lang).to_string()}
                                </button>
                            </th>
                            <td>{a.country_name(&d.country, lang)}</td>
                            <td>{d.commodities.join(", ")}</td>
                            <td>{status_label(d.status, lang)}</td>
                            <td>{d.operator.clone()}</td>
                            <td>{source_cell(details.as_ref().map_or(&d.sources, |x| x.deposit_sources(&d)), details.is_none(), lang)}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let flow_rows = move || {
        let lang = ui.lang.get();
        let details = ui.details.get();
        ui.atlas.with(|a| {
            let Some(a) = a else { return Vec::new() };
            ui.groups.with(|groups| {
                groups
                    .iter()
                    .flat_map(|g| g.records.iter().map(move |&i| (g.scope, g.key(), i)))
                    .map(|(scope, key, i)| {
                        let f = &a.ds.flows[i];
                        let inv = a.ds.investor(&f.investor).map(|x| x.name.get(lang).to_string()).unwrap_or_default();
                        let amount = super::details::amount_text(f, lang);
                        let conf = if f.confidence == crate::data::Confidence::Attributed {
                            format!("{} {}", ui.t(Key::AsReportedBy), f.attributed_to.clone().unwrap_or_default())
                        } else {
                            String::new()
                        };
                        view! {
                            <tr data-flow-row=f.id.clone() class:region=scope != FlowScope::Country>
                                // Its arrow's (or region figures') details: the keyboard's way to an arrow.
                                <td><button type="button" class="link" data-open-flow=key.clone()
                                    on:click=move |_| super::reveal::select(ui, Selection::Flow(key.clone()))>{inv}</button></td>
                                <td>{a.country_name(&f.destination, lang)}</td>
                                <td>{f.entity.clone()}</td>
                                <td class="num">{amount}</td>
                                <td>{flow_status_label(f.status, lang)}</td>
                                <td>{f.period.clone()}</td>
                                <td>{conf}</td>
                                <td>{source_cell(details.as_ref().map_or(&f.sources, |x| x.flow_sources(f)), details.is_none(), lang)}</td>
                            </tr>
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <div class="table-view" role="region" aria-label=move || ui.t(Key::Table)>
            <table class="data-table deposits-table">
                <caption>{move || ui.t(Key::Deposits)}" — "{move || {
                    let n = sorted.with(Vec::len);
                    format!("{n} {}", crate::i18n::deposits_in_view(ui.lang.get(), n))
                }}</caption>
                <thead><tr>
                    {header(Col::Name, Key::Name)}
                    {header(Col::Country, Key::Country)}
                    {header(Col::Commodities, Key::Commodities)}
                    {header(Col::Status, Key::Status)}
                    {header(Col::Operator, Key::Operator)}
                    <th scope="col">{move || ui.t(Key::Sources)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <nav class="pager" aria-label=move || ui.t(Key::Table) data-pages=pages>
                <button type="button" class="tool" data-page="prev" disabled=move || page.get() == 0
                    on:click=move |_| {
                        page.update(|p| *p = p.saturating_sub(1));
                        if page.get_untracked() == 0 { focus_page("next") }
                    }>{move || ui.t(Key::Previous)}</button>
                <span aria-live="polite">{move || {
                    let n = sorted.with(Vec::len);
                    let from = (page.get() * PAGE + 1).min(n);
                    format!("{from}–{} / {n}", ((page.get() + 1) * PAGE).min(n))
                }}</span>
                <button type="button" class="tool" data-page="next" disabled=move || { page.get() + 1 >= pages() }
                    on:click=move |_| {
                        page.update(|p| *p = (*p + 1).min(pages() - 1));
                        if page.get_untracked() + 1 >= pages() { focus_page("prev") }
                    }>{move || ui.t(Key::Next)}</button>
            </nav>
            <table class="data-table flows-table">
                <caption>{move || ui.t(Key::Flows)}</caption>
                <thead><tr>
                    <th scope="col">{move || ui.t(Key::Investors)}</th>
                    <th scope="col">{move || ui.t(Key::Destination)}</th>
                    <th scope="col">{move || ui.t(Key::Name)}</th>
                    <th scope="col">{move || ui.t(Key::Amount)}</th>
                    <th scope="col">{move || ui.t(Key::Status)}</th>
                    <th scope="col">{move || ui.t(Key::Period)}</th>
                    <th scope="col">{move || ui.t(Key::Confidence)}</th>
                    <th scope="col">{move || ui.t(Key::Sources)}</th>
                </tr></thead>
                <tbody>{flow_rows}</tbody>
            </table>
        </div>
    }
}
