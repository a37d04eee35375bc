//! Rivers, capitals and cities, their names, the scale bar and the locator
//! inset, drawn one to one from the frame's `context` (the export draws the
//! same). Rivers and place markers sit in the base SVG, names in the top
//! SVG; the scale bar and inset sit outside the moving layers, in the
//! map's corner, and are redrawn with each frame.

use super::overlay::label_view;
use crate::scene::context::INSET_MIN_MAP_WIDTH;
use crate::scene::frame::TextLabel;
use crate::ui::state::use_ui;
use leptos::prelude::*;

#[component]
pub fn Rivers() -> impl IntoView {
    let ui = use_ui();
    view! {
        <g class="rivers" aria-hidden="true">
            {move || ui.frame.get().map(|f| f.context.rivers.iter().map(|r| view! {
                <path class="river" data-river=r.id.clone() d=r.d.clone() style=r.style.css()></path>
            }).collect_view())}
        </g>
    }
}

#[component]
pub fn PlaceMarkers() -> impl IntoView {
    let ui = use_ui();
    view! {
        <g class="places" aria-hidden="true">
            {move || ui.frame.get().map(|f| f.context.places.iter().map(|p| {
                let (cx, cy) = (format!("{:.1}", p.at[0]), format!("{:.1}", p.at[1]));
                view! {
                    <g class="place" class:capital=p.capital data-place=p.id.clone()>
                        <circle cx=cx.clone() cy=cy.clone() r=format!("{:.1}", p.r) style=p.style.css()></circle>
                        {p.dot.as_ref().map(|(r, s)| view! { <circle cx=cx.clone() cy=cy.clone() r=format!("{r:.1}") style=s.css()></circle> })}
                    </g>
                }
            }).collect_view())}
        </g>
    }
}

#[component]
pub fn ContextLabels() -> impl IntoView {
    let ui = use_ui();
    view! {
        <g class="context-labels" aria-hidden="true">
            {move || ui.frame.get().map(|f| view! {
                <g class="place-labels">{f.context.place_labels.iter().map(|l| label_view(l, "place-label")).collect_view()}</g>
                <g class="river-labels">{f.context.river_labels.iter().map(|r| {
                    let turned = TextLabel { at: [0.0, 0.0], ..r.label.clone() };
                    view! {
                        <g data-river-label=r.label.key.clone()
                            transform=format!("translate({:.1} {:.1}) rotate({:.1})", r.label.at[0], r.label.at[1], r.angle)>
                            {label_view(&turned, "river-label")}
                        </g>
                    }
                }).collect_view()}</g>
            })}
        </g>
    }
}

/// The scale bar and the inset: fixed in the map's corner, not panned.
#[component]
pub fn MapFurniture() -> impl IntoView {
    let ui = use_ui();
    let (w, h) = (move || format!("{}", ui.size.get().0), move || format!("{}", ui.size.get().1));
    view! {
        <svg class="map-furniture" width=w height=h aria-hidden="true">
            {move || ui.frame.get().map(|f| {
                let bar = f.context.scale_bar.clone().map(|b| view! {
                    <g class="scale-bar" data-scale-km=b.bar.km.to_string() data-scale-px=format!("{:.2}", b.bar.px)>
                        <path d=b.d() style=b.style.css()></path>
                        {label_view(&b.label, "scale-label")}
                    </g>
                });
                let inset = f.context.inset.clone().filter(|_| f.width >= INSET_MIN_MAP_WIDTH).map(|i| view! {
                    <g class="inset" data-inset="1" transform=format!("translate({:.1} {:.1})", i.at[0], i.at[1])>
                        <rect width=format!("{:.1}", i.inset.width) height=format!("{:.1}", i.inset.height) rx="4" style=i.panel.css()></rect>
                        <path class="inset-land" d=i.inset.land.clone() style=i.land.css()></path>
                        <path class="inset-frame" data-inset-frame="1" d=i.inset.frame.clone() style=i.frame.css()></path>
                        {i.inset.capitals.iter().zip(&i.capitals).map(|(c, s)| view! {
                            <circle data-inset-capital=c.investor.clone() cx=format!("{:.1}", c.at[0]) cy=format!("{:.1}", c.at[1]) r="2.6" style=s.css()>
                                <title>{c.label.clone()}</title>
                            </circle>
                        }).collect_view()}
                    </g>
                });
                view! { {bar}{inset} }
            })}
        </svg>
    }
}
