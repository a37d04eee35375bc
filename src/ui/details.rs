//! The details panel: every field of a deposit with its sources, or the
//! deals behind an arrow with amounts, years and sources.

use super::state::use_ui;
use super::tooltip::status_label;
use crate::data::{Confidence, Flow, FlowScope, FlowStatus, Home, Precision, Source, commodity};
use crate::decimal::{fixed, short};
use crate::format::usd;
use crate::i18n::{Key, Lang, t};
use crate::url_state::Selection;
use leptos::prelude::*;

/// A record's sources; while the details file is still being read (the
/// layers left them to it), a line that says so.
fn sources_list(sources: &[Source], loading: bool, lang: Lang) -> impl IntoView + use<> {
    if sources.is_empty() && loading {
        return view! { <p class="sources-loading" role="status">{t(lang, Key::LoadingSources)}</p> }.into_any();
    }
    view! {
        <ul class="sources">
            {sources.iter().map(|s| view! {
                <li><a href=s.url.clone() target="_blank" rel="noopener noreferrer">{s.title.clone()}</a></li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

pub fn flow_status_label(s: FlowStatus, lang: Lang) -> &'static str {
    t(
        lang,
        match s {
            FlowStatus::Realized => Key::Realized,
            FlowStatus::Committed => Key::Committed,
            FlowStatus::Announced => Key::Announced,
        },
    )
}

fn home_label(h: Home, lang: Lang) -> &'static str {
    match (h, lang) {
        (Home::China, Lang::En) => "China",
        (Home::China, Lang::Ru) => "Китай",
        (Home::Eu, Lang::En) => "EU",
        (Home::Eu, Lang::Ru) => "ЕС",
        (Home::Us, Lang::En) => "US",
        (Home::Us, Lang::Ru) => "США",
        (Home::Russia, Lang::En) => "Russia",
        (Home::Russia, Lang::Ru) => "Россия",
        (Home::Other, Lang::En) => "other",
        (Home::Other, Lang::Ru) => "другие",
    }
}

pub fn home_name(h: Home, lang: Lang) -> &'static str {
    home_label(h, lang)
}

/// What a part belongs to, as a reader would name it: the whole's entity,
/// amount and period (its id only if the whole is missing).
pub fn whole_of(flows: &[Flow], f: &Flow, lang: Lang) -> Option<String> {
    let id = f.part_of.as_ref()?;
    let Some(w) = flows.iter().find(|x| &x.id == id) else { return Some(id.clone()) };
    Some(format!("{} · {} · {}", w.entity, amount_text(w, lang), w.period))
}

/// A record's amount in US dollars, or "undisclosed".
pub fn amount_text(f: &Flow, lang: Lang) -> String {
    f.amount_usd.map_or_else(|| t(lang, Key::Undisclosed).to_string(), |a| usd(a, lang))
}

/// One deal: amount (with the original currency), period, status, and an
/// attribution when the figure is not confirmed; `whole`, what it is part of.
pub fn deal(f: &Flow, whole: Option<String>, loading: bool, lang: Lang) -> impl IntoView + use<> {
    let amount = amount_text(f, lang);
    let original = f
        .amount_original
        .zip(f.currency.clone())
        .map(|(a, c)| format!(" ({c} {})", usd(a, lang).trim_start_matches('$')));
    let attributed = (f.confidence == Confidence::Attributed)
        .then(|| format!("{} {}", t(lang, Key::AsReportedBy), f.attributed_to.clone().unwrap_or_default()));
    view! {
        <li class="deal" data-flow-id=f.id.clone()>
            <div class="deal-head">
                <span class="deal-amount">{amount}{original}</span>
                <span class=format!("badge status-{}", f.status.as_str())>{flow_status_label(f.status, lang)}</span>
                {attributed.clone().map(|_| view! { <span class="badge attributed">{t(lang, Key::AsReportedBy)}</span> })}
            </div>
            <div class="deal-entity">{f.entity.clone()}" · "{f.sector.clone()}" · "{f.period.clone()}</div>
            {attributed.map(|a| view! { <div class="deal-attr">{a}</div> })}
            {whole.map(|w| view! { <div class="deal-note" data-part-of=f.part_of.clone()>{t(lang, Key::PartOf)}": "{w}</div> })}
            {f.amount_note.clone().map(|n| view! { <div class="deal-note">{n}</div> })}
            {f.fx_note.clone().map(|n| view! { <div class="deal-note">{n}</div> })}
            {(!f.notes.is_empty()).then(|| view! { <div class="deal-note">{f.notes.clone()}</div> })}
            {sources_list(&f.sources, loading, lang)}
        </li>
    }
}

#[component]
pub fn Details() -> impl IntoView {
    let ui = use_ui();
    let close = move |_| super::reveal::close(ui);
    let body = move || {
        let sel = ui.selected.get()?;
        let lang = ui.lang.get();
        // The records' sources and notes (`None`: the details file is still being read).
        let details = ui.details.get();
        let fill_flow = |f: &Flow| details.as_ref().map_or_else(|| f.clone(), |x| x.flow(f));
        ui.atlas.with(|a| {
            let a = a.as_ref()?;
            Some(match sel {
                Selection::Deposit(id) => {
                    let d = a.ds.deposit(&id)?;
                    let d = details.as_ref().map_or_else(|| d.clone(), |x| x.deposit(d));
                    let precision = match d.precision {
                        Precision::Exact => ui.t(Key::Exact),
                        Precision::Approximate => ui.t(Key::Approximate),
                        Precision::Region => ui.t(Key::RegionLevel),
                    };
                    let kind = match d.kind {
                        crate::data::SiteKind::Deposit => ui.t(Key::Deposit),
                        crate::data::SiteKind::Mine => ui.t(Key::Mine),
                        crate::data::SiteKind::Plant => ui.t(Key::Plant),
                    };
                    let related: Vec<Flow> = a.ds.flows.iter().filter(|f| f.deposit_ids.contains(&d.id)).map(fill_flow).collect();
                    let loading = details.is_none();
                    view! {
                        <h2 id="details-title">{d.display_name(lang).to_string()}</h2>
                        {(lang == Lang::En).then(|| d.name_ru.clone()).flatten().map(|ru| view! { <p class="alt-name" lang="ru">{ru}</p> })}
                        <dl>
                            <dt>{ui.t(Key::Country)}</dt><dd>{a.country_name(&d.country, lang)}" · "{kind}</dd>
                            <dt>{ui.t(Key::Commodities)}</dt>
                            <dd>{d.commodities.iter().map(|c| format!("{} ({c})", commodity::name(c, lang))).collect::<Vec<_>>().join(", ")}</dd>
                            <dt>{ui.t(Key::Status)}</dt><dd>{status_label(d.status, lang)}</dd>
                            <dt>{ui.t(Key::Operator)}</dt><dd>{d.operator.clone()}</dd>
                            <dt>{ui.t(Key::InvestorsLabel)}</dt>
                            <dd>{if d.investors.is_empty() { ui.t(Key::NoneKnown).to_string() } else {
                                d.investors.iter().map(|s| {
                                    let stake = s.stake_pct.map(|p| format!(" {}%", short(p))).unwrap_or_default();
                                    format!("{}{stake} ({})", s.name, home_label(s.home, lang))
                                }).collect::<Vec<_>>().join("; ")
                            }}</dd>
                            <dt>{ui.t(Key::Precision)}</dt>
                            <dd>{precision}", ±"{fixed(d.precision_km, 0).to_string()}" "{ui.t(Key::Km)}". "{d.precision_note.clone()}</dd>
                            {(!d.notes.is_empty()).then(|| view! { <dt>{ui.t(Key::Notes)}</dt><dd>{d.notes.clone()}</dd> })}
                        </dl>
                        <h3>{ui.t(Key::Sources)}</h3>
                        {sources_list(&d.sources, details.is_none(), lang)}
                        {
                            // Deposits drawn at the same point (shared placeholders, 1 km).
                            let i = a.ds.deposits.iter().position(|x| x.id == d.id).unwrap_or(0);
                            let same = super::tooltip::colocated(&ui, a, i, 1.0 / 6371.0);
                            (!same.is_empty()).then(|| view! {
                                <h3>{ui.t(Key::AlsoHere)}</h3>
                                <ul class="also-here">
                                    {same.into_iter().map(|j| {
                                        let other = a.ds.deposits[j].clone();
                                        let id = other.id.clone();
                                        view! { <li><button type="button" class="link" data-also=other.id.clone()
                                            on:click=move |_| super::reveal::select(ui, Selection::Deposit(id.clone()))>
                                            {other.display_name(lang).to_string()}</button></li> }
                                    }).collect_view()}
                                </ul>
                            })
                        }
                        {(!related.is_empty()).then(|| view! {
                            <h3>{ui.t(Key::Deals)}</h3>
                            <ul class="deals">{related.iter().map(|f| deal(f, whole_of(&a.ds.flows, f, lang), loading, lang)).collect_view()}</ul>
                        })}
                    }
                    .into_any()
                }
                Selection::Flow(key) => {
                    let g = ui.groups.with(|g| g.iter().find(|g| g.key() == key).cloned())?;
                    let inv = a.ds.investor(&g.investor)?.clone();
                    view! {
                        <h2 id="details-title">
                            <span class="swatch" style:background=inv.color.clone()></span>
                            {inv.name.get(lang).to_string()}" → "{a.country_name(&g.destination, lang)}
                        </h2>
                        {if g.scope == FlowScope::Country {
                            view! {
                                <p class="flow-total">
                                    {ui.t(Key::Total)}": "<strong>{usd(g.total_usd, lang)}</strong>" · "
                                    {g.records.len()}" "{crate::i18n::records(lang, g.records.len())}" · "{crate::i18n::years(g.year_min, g.year_max)}
                                </p>
                                <p class="flow-split">
                                    {ui.t(Key::Realized)}" "{usd(g.realized_usd, lang)}" · "
                                    {ui.t(Key::Committed)}" "{usd(g.committed_usd, lang)}" · "
                                    {ui.t(Key::Announced)}" "{usd(g.announced_usd, lang)}
                                </p>
                            }.into_any()
                        } else {
                            view! { <p class="flow-total">{ui.t(Key::NotSummed)}</p> }.into_any()
                        }}
                        <h3>{ui.t(Key::Deals)}</h3>
                        <ul class="deals">{g.records.iter().map(|&i| {
                            let f = &a.ds.flows[i];
                            deal(&fill_flow(f), whole_of(&a.ds.flows, f, lang), details.is_none(), lang)
                        }).collect_view()}</ul>
                    }
                    .into_any()
                }
            })
        })
    };
    view! {
        <Show when=move || ui.selected.with(Option::is_some)>
            <aside class="details" role="dialog" aria-labelledby="details-title" tabindex="-1">
                <button type="button" class="close" aria-label=move || ui.t(Key::Close) title=move || ui.t(Key::Close) on:click=close>"×"</button>
                <div class="details-body">{body}</div>
            </aside>
        </Show>
    }
}
