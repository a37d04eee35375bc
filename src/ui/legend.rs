//! The legend: commodity colours, status shapes, precision, and the flow
//! layer's key — investor toggles, statuses, the arrow scale drawn with the
//! same builder and scale as the map, the year range, and region-wide figures.

use super::details::{deal, flow_status_label, whole_of};
use super::state::{toggle, use_ui};
use crate::data::{FlowScope, FlowStatus};
use crate::decimal::{fixed, sci, short};
use crate::flows::arrow::reference;
use crate::i18n::Key;
use crate::scene::legend::LegendItems;
use crate::scene::path::{Shape, ring_path};
use crate::scene::style::{Ink, Paint, PathStyle};
use leptos::prelude::*;

/// A map of deposits alone has no flow key.
fn no_flows() -> bool {
    use_ui().atlas.with(|a| a.as_ref().is_some_and(|a| a.ds.flows.is_empty()))
}

/// The current frame's legend items and width scale.
fn items() -> Option<(LegendItems, f64, f64)> {
    let ui = use_ui();
    ui.frame.with(|f| f.as_ref().map(|f| (f.legend.clone(), f.scale.px_per_usd, f.scale.min_px)))
}

#[component]
pub fn Legend() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();

    let dot = PathStyle::outlined(Paint::None, Paint::Ink(Ink::MarkerStroke), 1.0);
    let commodities = move || {
        let (l, ..) = items()?;
        Some(l.groups.iter().map(|(g, label)| {
            let s = PathStyle { fill: Paint::hex(g.color()), ..dot.clone() };
            view! {
                <li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5.5" style=s.css()></circle></svg>
                {*label}</li>
            }
        }).collect_view())
    };
    let statuses = move || {
        let (l, ..) = items()?;
        Some(l.statuses.iter().map(|(s, label)| {
            view! {
                <li><svg width="16" height="16" aria-hidden="true"><path d=Shape::marker(*s, [8.0, 8.5], 5.0).d() style=l.neutral.css()></path></svg>
                {*label}</li>
            }
        }).collect_view())
    };
    let precision = move || {
        let (l, ..) = items()?;
        let halo = PathStyle { fill_opacity: 0.14, stroke_opacity: 0.3, dash: Some([2.0, 2.0]), ..l.neutral.clone() };
        let region = PathStyle {
            dash: Some([2.5, 1.5]),
            ..PathStyle::outlined(Paint::Ink(Ink::Panel), l.neutral.fill.clone(), 2.0)
        };
        Some(view! {
            <li><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="5" style=l.neutral.css()></circle></svg>{l.exact}</li>
            <li><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="7.5" style=halo.css()></circle><circle cx="8" cy="8" r="4" style=l.neutral.css()></circle></svg>{l.approximate}</li>
            <li><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="5" style=region.css()></circle></svg>{l.region_level}</li>
        })
    };

    let investors = move || {
        ui.atlas.with(|a| {
            a.as_ref().map(|a| {
                a.ds.region
                    .investors
                    .iter()
                    .map(|inv| {
                        let id = inv.id.clone();
                        let id2 = inv.id.clone();
                        let on = move || ui.flow.with(|f| f.investors.contains(&id));
                        view! {
                            <button type="button" class="investor-toggle" data-investor=inv.id.clone()
                                aria-pressed=move || on().to_string()
                                on:click=move |_| ui.flow.update(|f| toggle(&mut f.investors, &id2))>
                                <span class="swatch" style:background=inv.color.clone()></span>
                                {inv.name.get(lang()).to_string()}
                            </button>
                        }
                    })
                    .collect_view()
            })
        })
    };

    let status_boxes = move || {
        FlowStatus::ALL
            .iter()
            .map(|s| {
                let s = *s;
                view! {
                    <label class="check">
                        <input type="checkbox" data-flow-status=s.as_str()
                            prop:checked=move || ui.flow.with(|f| f.statuses.contains(&s))
                            on:change=move |_| ui.flow.update(|f| toggle(&mut f.statuses, &s))/>
                        {move || flow_status_label(s, lang())}
                    </label>
                }
            })
            .collect_view()
    };

    // Reference arrows, drawn with the map's scale and arrow builder.
    let scale_refs = move || {
        let (l, px_per_usd, min_px) = items()?;
        let rows = l.refs.iter().map(|r| {
            let (arrow, [bw, bh]) = reference(r.width, 70.0, [2.0, 1.0]);
            view! {
                <li class="scale-ref">
                    <svg width=fixed(bw + 4.0, 0).to_string() height=fixed(bh + 2.0, 0).to_string() aria-hidden="true">
                        <path d=ring_path(&arrow.outline) data-ref-usd=fixed(r.amount, 0).to_string() data-width=fixed(r.width, 3).to_string()
                            class:min-width=r.raised></path>
                    </svg>
                    <span>{r.label.clone()}</span>
                </li>
            }
        }).collect_view();
        Some(
            view! { <ul class="scale-refs" data-px-per-usd=sci(px_per_usd).to_string() data-min-px=short(min_px).to_string()>{rows}</ul> },
        )
    };

    let year_bounds = Memo::new(move |_| {
        ui.atlas.with(|a| {
            a.as_ref().and_then(|a| {
                let min = a.ds.flows.iter().map(|f| f.year_start).min()?;
                let max = a.ds.flows.iter().map(|f| f.year_end).max()?;
                Some((min, max))
            })
        })
    });
    let years = move || {
        let (lo, hi) = year_bounds.get()?;
        let cur = move || ui.flow.with(|f| f.years).unwrap_or((lo, hi));
        let set = move |from: Option<i32>, to: Option<i32>| {
            let (a, b) = cur();
            let (mut a, mut b) = (from.unwrap_or(a), to.unwrap_or(b));
            if a > b {
                if from.is_some() { b = a } else { a = b }
            }
            ui.flow.update(|f| f.years = if (a, b) == (lo, hi) { None } else { Some((a, b)) });
        };
        Some(view! {
            <fieldset class="years">
                <legend>{move || ui.t(Key::Years)}": "{move || { let (a, b) = cur(); format!("{a}–{b}") }}</legend>
                <label class="visually-hidden" for="year-from">{move || ui.t(Key::YearFrom)}</label>
                <input id="year-from" type="range" min=lo max=hi step="1" prop:value=move || cur().0
                    on:input=move |ev| set(event_target_value(&ev).parse().ok(), None)/>
                <label class="visually-hidden" for="year-to">{move || ui.t(Key::YearTo)}</label>
                <input id="year-to" type="range" min=lo max=hi step="1" prop:value=move || cur().1
                    on:input=move |ev| set(None, event_target_value(&ev).parse().ok())/>
            </fieldset>
        })
    };

    let region_figures = move || {
        let l = lang();
        ui.atlas.with(|a| {
            let a = a.as_ref()?;
            let recs: Vec<_> = ui.groups.with(|g| {
                g.iter().filter(|g| g.scope != FlowScope::Country).flat_map(|g| g.records.clone()).collect()
            });
            (!recs.is_empty()).then(|| view! {
                <details class="region-figures" on:toggle=move |_| ui.details_wanted.set(true)>
                    <summary>{ui.t(Key::RegionWide)}" ("{recs.len()}")"</summary>
                    <ul class="deals">
                        {recs.iter().map(|&i| {
                            let f = &a.ds.flows[i];
                            // Its sources and notes may be in the details file, read when the list
                            // is opened: only this cell follows it (the list stays open).
                            let own = f.clone();
                            let whole = whole_of(&a.ds.flows, f, l);
                            let deal_cell = move || {
                                let details = ui.details.get();
                                let f = details.as_ref().map_or_else(|| own.clone(), |x| x.flow(&own));
                                deal(&f, whole.clone(), details.is_none(), l)
                            };
                            let inv = a.ds.investor(&f.investor).map(|x| (x.name.get(l).to_string(), x.color.clone())).unwrap_or_default();
                            let dest = if f.scope == FlowScope::Global { ui.t(Key::Global).to_string() } else { a.country_name(&f.destination, l) };
                            view! {
                                <li class="region-figure" data-region-flow=f.id.clone()>
                                    <div class="region-head"><span class="swatch dashed" style:border-color=inv.1></span>{inv.0}" → "{dest}</div>
                                    <ul>{deal_cell}</ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
            })
        })
    };

    let headlines = move || {
        let l = lang();
        ui.atlas.with(|a| {
            let a = a.as_ref()?;
            (!a.ds.headlines.is_empty()).then(|| view! {
                <details class="headlines">
                    <summary>{ui.t(Key::Headlines)}</summary>
                    <ul>
                        {a.ds.headlines.iter().map(|h| view! {
                            <li>
                                <strong>{if l == crate::i18n::Lang::Ru && !h.label_ru.is_empty() { h.label_ru.clone() } else { h.label_en.clone() }}
                                    ": "{format!("{}%", short(h.value_pct))}</strong>
                                " — "{ui.t(Key::AsReportedBy)}" "{h.attributed_to.clone()}
                                <p class="deal-note">{h.note.clone()}</p>
                                <ul class="sources">{h.sources.iter().map(|s| view! {
                                    <li><a href=s.url.clone() target="_blank" rel="noopener noreferrer">{s.title.clone()}</a></li>
                                }).collect_view()}</ul>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })
        })
    };

    view! {
        <section class="legend" aria-label=move || ui.t(Key::Legend)>
            <div class="flow-key" hidden=no_flows>
            <h2>{move || ui.t(Key::Flows)}</h2>
            <div class="investors">{investors}</div>
            <div class="flow-statuses">{status_boxes}</div>
            <p class="flow-style-key">
                <span class="key-solid"></span>{move || ui.t(Key::RealizedSolid)}<br/>
                <span class="key-hatched"></span>{move || ui.t(Key::PledgedHatched)}
            </p>
            <h3>{move || ui.t(Key::ArrowScale)}</h3>
            {scale_refs}
            <p class="note">"* "{move || ui.t(Key::MinWidth)}</p>
            <label class="check">
                <input type="checkbox" prop:checked=move || ui.lock_scale.get() on:change=move |_| ui.lock_scale.update(|v| *v = !*v)/>
                {move || ui.t(Key::LockScale)}
            </label>
            {years}
            {region_figures}
            </div>
            <h2>{move || ui.t(Key::Deposits)}</h2>
            <h3>{move || ui.t(Key::Commodities)}</h3>
            <ul class="key">{commodities}</ul>
            <h3>{move || ui.t(Key::Status)}</h3>
            <ul class="key">{statuses}</ul>
            <h3>{move || ui.t(Key::Precision)}</h3>
            <ul class="key">{precision}</ul>
            {headlines}
        </section>
    }
}

/// The embed's legend: investors, the arrow scale and the commodity colours
/// in a few compact rows.
#[component]
pub fn CompactLegend() -> impl IntoView {
    let ui = use_ui();
    let lang = move || ui.lang.get();
    let investors = move || {
        ui.atlas.with(|a| {
            a.as_ref().map(|a| {
                a.ds.region
                    .investors
                    .iter()
                    .map(|inv| view! { <span class="key-item"><span class="swatch" style:background=inv.color.clone()></span>{inv.name.get(lang()).to_string()}</span> })
                    .collect_view()
            })
        })
    };
    let refs = move || {
        let (l, ..) = items()?;
        Some(
            l.refs
                .iter()
                .map(|r| {
                    let (ar, [bw, bh]) = reference(r.width, 34.0, [1.0, 1.0]);
                    view! {
                        <span class="key-item">
                            <svg width=fixed(bw + 2.0, 0).to_string() height=fixed(bh + 2.0, 0).to_string() aria-hidden="true">
                                <path d=ring_path(&ar.outline) data-ref-usd=fixed(r.amount, 0).to_string() data-width=fixed(r.width, 3).to_string()></path>
                            </svg>
                            {r.label.clone()}
                        </span>
                    }
                })
                .collect_view(),
        )
    };
    let groups = move || {
        let (l, ..) = items()?;
        Some(
            l.groups
                .iter()
                .map(|(g, label)| view! { <span class="key-item"><span class="dot" style:background=g.color()></span>{*label}</span> })
                .collect_view(),
        )
    };
    view! {
        <section class="compact-legend" aria-label=move || ui.t(Key::Legend)>
            <div class="key-row" hidden=no_flows>{investors}<span class="key-item"><span class="key-solid"></span>{move || ui.t(Key::Realized)}</span>
                <span class="key-item"><span class="key-hatched"></span>{move || ui.t(Key::PledgedHatched)}</span></div>
            <div class="key-row" hidden=no_flows>{refs}</div>
            <div class="key-row">{groups}</div>
        </section>
    }
}
