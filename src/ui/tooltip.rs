//! The hover tooltip: deposit, cluster, arrow or country under the pointer
//! (or the keyboard focus). Its content follows the hover target; its
//! position follows the pointer on its own.

use super::state::{Hover, use_ui};
use crate::data::commodity;
use crate::decimal::fixed;
use crate::format::usd;
use crate::i18n::Key;
use leptos::prelude::*;

#[component]
pub fn Tooltip() -> impl IntoView {
    let ui = use_ui();
    let content_fn = move || {
        let h = ui.hover.get()?;
        let lang = ui.lang.get();
        let body = ui.atlas.with(|a| {
            let a = a.as_ref()?;
            Some(match h {
                Hover::Deposit(i) => {
                    let d = &a.ds.deposits[i];
                    let names: Vec<String> = d.commodities.iter().map(|c| commodity::name(c, lang)).collect();
                    // Markers drawn on top of each other (shared placeholders): name them all.
                    let k = ui.view.get().k;
                    let others: Vec<String> = colocated(&ui, a, i, 3.0 / k)
                        .into_iter()
                        .map(|j| a.ds.deposits[j].display_name(lang).to_string())
                        .collect();
                    view! {
                        <strong class="tt-name">{d.display_name(lang).to_string()}</strong>
                        <span>{names.join(", ")}</span>
                        <span>{status_label(d.status, lang)}" · "{a.country_name(&d.country, lang)}</span>
                        <span>{ui.t(Key::Operator)}": "{d.operator.clone()}</span>
                        {(!others.is_empty()).then(|| view! { <span class="tt-note">{ui.t(Key::AlsoHere)}": "{others.join(", ")}</span> })}
                    }
                    .into_any()
                }
                Hover::Flow(key) => {
                    let g = ui.groups.with(|g| g.iter().find(|g| g.key() == key).cloned())?;
                    let inv = a.ds.investor(&g.investor)?.name.get(lang).to_string();
                    let raised = ui.frame.with(|f| {
                        f.as_ref().is_some_and(|f| f.flows.iter().any(|s| s.key == key && s.flow.raised_to_min))
                    });
                    view! {
                        <strong class="tt-name">{inv}" → "{a.country_name(&g.destination, lang)}</strong>
                        <span class="tt-amount">{usd(g.total_usd, lang)}" · "{g.records.len()}" "{crate::i18n::records(lang, g.records.len())}
                            {(g.undisclosed > 0).then(|| format!(" ({} {})", g.undisclosed, ui.t(Key::Undisclosed)))}</span>
                        <span>{ui.t(Key::Period)}": "{crate::i18n::years(g.year_min, g.year_max)}</span>
                        <span>{ui.t(Key::Realized)}" "{usd(g.realized_usd, lang)}" · "{ui.t(Key::Committed)}" "{usd(g.committed_usd, lang)}
                            " · "{ui.t(Key::Announced)}" "{usd(g.announced_usd, lang)}</span>
                        {raised.then(|| view! { <span class="tt-note">"* "{ui.t(Key::MinWidth)}</span> })}
                    }
                    .into_any()
                }
                Hover::Cluster(c) => {
                    let n = ui.frame.with(|f| f.as_ref().and_then(|f| f.clusters.get(c)).map(|c| c.count))?;
                    view! {
                        <strong class="tt-name">{n}" "{crate::case::lower(ui.t(Key::Deposits))}</strong>
                        <span class="tt-note">{ui.t(Key::ClusterHint)}</span>
                    }
                    .into_any()
                }
                Hover::Country(i) => {
                    let c = &a.ds.countries[i];
                    let n = a.deposits_in(&c.iso3);
                    view! {
                        <strong class="tt-name">{c.name(lang).to_string()}</strong>
                        {(n > 0).then(|| view! { <span>{n}" "{crate::case::lower(ui.t(Key::Deposits))}</span> })}
                    }
                    .into_any()
                }
            })
        })?;
        Some(body)
    };
    let left = move || {
        let (w, _) = ui.size.get();
        let p = ui.pointer.get();
        format!("{}px", fixed(if p[0] > w - 260.0 { p[0] - 250.0 } else { p[0] + 14.0 }, 0))
    };
    let top = move || format!("{}px", fixed(ui.pointer.get()[1] + 14.0, 0));
    let content = Memo::new(move |_| ui.hover.with(Option::is_some));
    let content_view = move || {
        view! {
            <div class="tooltip" role="tooltip" style:left=left style:top=top>{content_fn}</div>
        }
    };
    let body = move || content.get().then(content_view);

    view! { {body} }
}

/// Other visible deposits within `r` (plane units) of deposit `i`, via the R-tree.
pub fn colocated(ui: &super::state::Ui, a: &crate::atlas::Atlas, i: usize, r: f64) -> Vec<usize> {
    let [x, y] = a.deposits_plane[i];
    let mut v: Vec<usize> =
        ui.index.with(|idx| idx.in_rect([x - r, y - r, x + r, y + r]).filter(|&j| j != i).collect());
    v.sort_unstable();
    v
}

pub fn status_label(s: crate::data::DepositStatus, lang: crate::i18n::Lang) -> &'static str {
    use crate::data::DepositStatus::*;
    let key = match s {
        Operating => Key::Operating,
        Development => Key::Development,
        Exploration => Key::Exploration,
        PastProducer => Key::PastProducer,
    };
    crate::i18n::t(lang, key)
}
