//! Deposit filters (commodity, country, status, foreign investor) and the
//! map layers a reader can switch off. Each filter
//! option shows how many deposits it would match given the other filters.

use super::details::home_name;
use super::state::{Ui, toggle, use_ui};
use super::tooltip::status_label;
use crate::atlas::{DepositFilter, OptionCounts};
use crate::data::commodity;
use crate::data::{DepositStatus, Home};
use crate::i18n::Key;
use crate::scene::layers::Layer;
use leptos::prelude::*;
use std::collections::HashMap;

/// One filter option: a checkbox bound to one list of the deposit filter,
/// with the count of deposits it would match given the other filters
/// (`counts`, all options counted in one pass; `counts_of` picks this
/// kind's, where the option is found by its code).
/// Hooks: `data-filter="<kind>" data-value="<code>"`.
#[allow(clippy::too_many_arguments)]
fn chip<T: PartialEq + Clone + Send + Sync + 'static>(
    ui: Ui,
    counts: Memo<OptionCounts>,
    kind: &'static str,
    value: T,
    code: String,
    label: String,
    dot: Option<&'static str>,
    list: fn(&mut DepositFilter) -> &mut Vec<T>,
    counts_of: fn(&OptionCounts) -> &HashMap<String, usize>,
) -> impl IntoView {
    let c1 = code.clone();
    let n = Signal::derive(move || counts.with(|c| counts_of(c).get(&c1).copied().unwrap_or(0)));
    let v2 = value.clone();
    view! {
        <label class="chip" class:zero=move || n.get() == 0>
            <input type="checkbox" data-filter=kind data-value=code
                prop:checked=move || ui.filter.with(|f| list(&mut f.clone()).contains(&value))
                on:change=move |_| ui.filter.update(|f| toggle(list(f), &v2))/>
            {dot.map(|c| view! { <span class="dot" style:background=c></span> })}
            {label}<span class="count">{n}</span>
        </label>
    }
}

#[component]
pub fn Filters() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();

    let symbols = Memo::new(move |_| {
        ui.atlas.with(|a| {
            // The distinct symbols first (borrowed), then the few of them copied and sorted.
            let distinct: std::collections::HashSet<&str> = a
                .as_ref()
                .map(|a| a.ds.deposits.iter().flat_map(|d| d.commodities.iter().map(String::as_str)).collect())
                .unwrap_or_default();
            let mut s: Vec<String> = distinct.into_iter().map(str::to_string).collect();
            crate::sort::by(&mut s, |x, y| (commodity::Group::of(x), x).cmp(&(commodity::Group::of(y), y)));
            s
        })
    });

    // Every chip's count under the current filter, in one pass over the deposits.
    let counts = Memo::new(move |_| {
        ui.atlas.with(|a| a.as_ref().map(|a| ui.filter.with(|f| a.option_counts(f))).unwrap_or_default())
    });

    let commodity_opts = move || {
        symbols
            .get()
            .into_iter()
            .map(|sym| {
                let label = format!("{} · {}", sym, commodity::name(&sym, lang()));
                let dot = Some(commodity::Group::of(&sym).color());
                chip(ui, counts, "commodity", sym.clone(), sym, label, dot, |f| &mut f.commodities, |c| &c.commodities)
            })
            .collect_view()
    };
    let country_opts = move || {
        let focus = ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.focus.clone())).unwrap_or_default();
        focus
            .into_iter()
            .map(|iso| {
                let name = ui.atlas.with(|a| a.as_ref().map(|a| a.country_name(&iso, lang())).unwrap_or_default());
                chip(ui, counts, "country", iso.clone(), iso, name, None, |f| &mut f.countries, |c| &c.countries)
            })
            .collect_view()
    };
    let status_opts = move || {
        DepositStatus::ALL
            .iter()
            .map(|&s| {
                let label = status_label(s, lang()).into();
                chip(ui, counts, "status", s, s.as_str().into(), label, None, |f| &mut f.statuses, |c| &c.statuses)
            })
            .collect_view()
    };
    let foreign_opts = move || {
        Home::ALL
            .iter()
            .map(|&h| {
                let label = home_name(h, lang()).into();
                chip(ui, counts, "investor", h, h.as_str().into(), label, None, |f| &mut f.foreign, |c| &c.foreign)
            })
            .collect_view()
    };

    // The layers a reader can switch off; the map and the URL (`layers=`) follow.
    let layer_opts = move || {
        Layer::ALL
            .into_iter()
            .map(|l| {
                let key = match l {
                    Layer::Deposits => Key::Deposits,
                    Layer::Flows => Key::Flows,
                    Layer::Places => Key::LayerPlaces,
                    Layer::Rivers => Key::LayerRivers,
                    Layer::Inset => Key::LayerInset,
                };
                view! {
                    <label class="chip">
                        <input type="checkbox" data-layer=l.as_str()
                            prop:checked=move || ui.layers.get().shows(l)
                            on:change=move |ev| ui.layers.update(|s| *s = s.with(l, event_target_checked(&ev)))/>
                        {move || ui.t(key)}
                    </label>
                }
            })
            .collect_view()
    };

    let total = move || ui.atlas.with(|a| a.as_ref().map(|a| a.ds.deposits.len()).unwrap_or(0));
    // How many options of a closed group are ticked (or layers hidden), beside its name.
    let badge = move |n: usize, what: Key| {
        (n > 0).then(|| {
            view! { <span class="active-count">{n}<span class="visually-hidden">" "{ui.t(what)}</span></span> }
        })
    };
    let ticked = move |n: fn(&DepositFilter) -> usize| move || badge(ui.filter.with(n), Key::Selected);

    view! {
        <section class="filters" aria-label=move || ui.t(Key::Filters)>
            <div class="filters-head">
                <h2>{move || ui.t(Key::Filters)}</h2>
                <span class="shown" aria-live="polite">{move || ui.visible.with(Vec::len)}" / "{total}</span>
                <button type="button" class="link" on:click=move |_| ui.filter.set(DepositFilter::default())
                    disabled=move || ui.filter.with(DepositFilter::is_empty)>{move || ui.t(Key::ClearFilters)}</button>
            </div>
            <details data-filter-group="commodities">
                <summary>{move || ui.t(Key::Commodities)}{ticked(|f| f.commodities.len())}</summary>
                <div class="chips">{commodity_opts}</div>
            </details>
            <details data-filter-group="countries">
                <summary>{move || ui.t(Key::Country)}{ticked(|f| f.countries.len())}</summary>
                <div class="chips">{country_opts}</div>
            </details>
            <details data-filter-group="statuses">
                <summary>{move || ui.t(Key::Status)}{ticked(|f| f.statuses.len())}</summary>
                <div class="chips">{status_opts}</div>
            </details>
            <details data-filter-group="investors">
                <summary>{move || ui.t(Key::ForeignInvestor)}{ticked(|f| f.foreign.len())}</summary>
                <div class="chips">{foreign_opts}</div>
            </details>
            <details data-filter-group="layers">
                <summary>{move || ui.t(Key::MapLayers)}{move || badge(ui.layers.get().hidden().count(), Key::HiddenCount)}</summary>
                <div class="chips">{layer_opts}</div>
            </details>
        </section>
    }
}
