//! Countries and water.

use crate::ui::state::use_ui;
use leptos::prelude::*;

#[component]
pub fn Basemap() -> impl IntoView {
    let ui = use_ui();
    view! {
        <g class="countries">
            {move || ui.frame.get().map(|f| view! {
                {f.countries.iter().map(|c| view! {
                    <path class="country" class:focus=c.focus class:context=!c.focus data-iso3=c.id.clone() d=c.d.clone() style:fill=c.style.live(0) style:stroke=c.style.live(1) style:stroke-width=c.style.live(2) style:fill-opacity=c.style.live(3) style:stroke-opacity=c.style.live(4) style:stroke-dasharray=c.style.live(5)></path>
                }).collect_view()}
                <g class="water">
                    {f.water.iter().map(|w| view! { <path class="water-body" data-water=w.id.clone() d=w.d.clone() style:fill=w.style.live(0) style:stroke=w.style.live(1) style:stroke-width=w.style.live(2) style:fill-opacity=w.style.live(3) style:stroke-opacity=w.style.live(4) style:stroke-dasharray=w.style.live(5)></path> }).collect_view()}
                </g>
            })}
        </g>
    }
}

/// Hatch patterns for committed money, one per investor colour.
#[component]
pub fn Patterns() -> impl IntoView {
    let ui = use_ui();
    view! {
        <defs>
            {move || ui.frame.get().map(|f| f.hatches.iter().map(|h| {
                let s = h.size.to_string();
                view! {
                    <pattern id=h.id.clone() width=s.clone() height=s.clone() patternUnits="userSpaceOnUse"
                        patternTransform=format!("rotate({})", h.angle_deg)>
                        <rect width=s.clone() height=s.clone() fill=h.color.clone() fill-opacity=h.background_opacity.to_string()></rect>
                        <line x1="0" y1="0" x2="0" y2=s.clone() stroke=h.color.clone() stroke-width=h.line_width.to_string()></line>
                    </pattern>
                }
            }).collect_view())}
        </defs>
    }
}
