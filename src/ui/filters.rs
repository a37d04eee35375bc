//! Deposit filters: commodity, country, status, foreign investor. Each
//! option shows how many deposits it would match given the other filters.

use super::details::home_name;
use super::state::{toggle, use_ui};
use super::tooltip::status_label;
use crate::atlas::DepositFilter;
use crate::data::commodity;
use crate::data::{DepositStatus, Home};
use crate::i18n::Key;
use leptos::prelude::*;

#[component]
pub fn Filters() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    // Count deposits matching `f` with one dimension replaced.
    let count = move |f: DepositFilter| ui.atlas.with(|a| a.as_ref().map(|a| a.visible(&f).len()).unwrap_or(0));

    let symbols = Memo::new(move |_| {
        ui.atlas.with(|a| {
            let mut s: Vec<String> = a
                .as_ref()
                .map(|a| a.ds.deposits.iter().flat_map(|d| d.commodities.clone()).collect())
                .unwrap_or_default();
            s.sort_by_key(|x| (commodity::Group::of(x), x.clone()));
            s.dedup();
            s
        })
    });

    let commodity_opts = move || {
        symbols
            .get()
            .into_iter()
            .map(|sym| {
                let s1 = sym.clone();
                let s2 = sym.clone();
                let n = count(DepositFilter { commodities: vec![sym.clone()], ..ui.filter.get() });
                view! {
                    <label class="chip" class:zero=n == 0>
                        <input type="checkbox" data-filter-commodity=sym.clone()
                            prop:checked=move || ui.filter.with(|f| f.commodities.contains(&s1))
                            on:change=move |_| ui.filter.update(|f| toggle(&mut f.commodities, &s2))/>
                        <span class="dot" style:background=commodity::Group::of(&sym).color()></span>
                        {format!("{} · {}", sym, commodity::name(&sym, lang()))}<span class="count">{n}</span>
                    </label>
                }
            })
            .collect_view()
    };

    let country_opts = move || {
        ui.atlas
            .with(|a| a.as_ref().map(|a| a.ds.region.focus.clone()))
            .unwrap_or_default()
            .into_iter()
            .map(|iso| {
                let i1 = iso.clone();
                let i2 = iso.clone();
                let n = count(DepositFilter { countries: vec![iso.clone()], ..ui.filter.get() });
                let name = ui.atlas.with(|a| a.as_ref().map(|a| a.country_name(&iso, lang())).unwrap_or_default());
                view! {
                    <label class="chip">
                        <input type="checkbox" data-filter-country=iso.clone()
                            prop:checked=move || ui.filter.with(|f| f.countries.contains(&i1))
                            on:change=move |_| ui.filter.update(|f| toggle(&mut f.countries, &i2))/>
                        {name}<span class="count">{n}</span>
                    </label>
                }
            })
            .collect_view()
    };

    let status_opts = move || {
        DepositStatus::ALL
            .iter()
            .map(|&s| {
                let n = count(DepositFilter { statuses: vec![s], ..ui.filter.get() });
                view! {
                    <label class="chip">
                        <input type="checkbox" data-filter-status=s.as_str()
                            prop:checked=move || ui.filter.with(|f| f.statuses.contains(&s))
                            on:change=move |_| ui.filter.update(|f| toggle(&mut f.statuses, &s))/>
                        {status_label(s, lang())}<span class="count">{n}</span>
                    </label>
                }
            })
            .collect_view()
    };

    let foreign_opts = move || {
        Home::ALL
            .iter()
            .map(|&h| {
                let n = count(DepositFilter { foreign: vec![h], ..ui.filter.get() });
                view! {
                    <label class="chip">
                        <input type="checkbox" data-filter-investor=h.as_str()
                            prop:checked=move || ui.filter.with(|f| f.foreign.contains(&h))
                            on:change=move |_| ui.filter.update(|f| toggle(&mut f.foreign, &h))/>
                        {home_name(h, lang())}<span class="count">{n}</span>
                    </label>
                }
            })
            .collect_view()
    };

    let total = move || ui.atlas.with(|a| a.as_ref().map(|a| a.ds.deposits.len()).unwrap_or(0));

    view! {
        <section class="filters" aria-label=move || ui.t(Key::Filters)>
            <div class="filters-head">
                <h2>{move || ui.t(Key::Filters)}</h2>
                <span class="shown" aria-live="polite">{move || ui.visible.with(Vec::len)}" / "{total}</span>
                <button type="button" class="link" on:click=move |_| ui.filter.set(DepositFilter::default())
                    disabled=move || ui.filter.with(DepositFilter::is_empty)>{move || ui.t(Key::ClearFilters)}</button>
            </div>
            <details data-filter-group="commodities">
                <summary>{move || ui.t(Key::Commodities)}</summary>
                <div class="chips">{commodity_opts}</div>
            </details>
            <details data-filter-group="countries">
                <summary>{move || ui.t(Key::Country)}</summary>
                <div class="chips">{country_opts}</div>
            </details>
            <details data-filter-group="statuses">
                <summary>{move || ui.t(Key::Status)}</summary>
                <div class="chips">{status_opts}</div>
            </details>
            <details data-filter-group="investors">
                <summary>{move || ui.t(Key::ForeignInvestor)}</summary>
                <div class="chips">{foreign_opts}</div>
            </details>
        </section>
    }
}
