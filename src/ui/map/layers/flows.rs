//! Arrows (the frame's flow shapes). Selection and hover change one class
//! per arrow; the arrows are rebuilt only with the frame.

use crate::ui::state::{Hover, use_ui};
use crate::url_state::Selection;
use leptos::prelude::*;

#[component]
pub fn Flows() -> impl IntoView {
    let ui = use_ui();
    let hovered = Memo::new(move |_| {
        ui.hover.with(|h| match h {
            Some(Hover::Flow(k)) => Some(k.clone()),
            _ => None,
        })
    });
    view! {
        <g class="flows">
            {move || ui.frame.get().map(|f| f.flows.iter().map(|s| {
                let key = s.key.clone();
                let k2 = key.clone();
                let sel = move || {
                    ui.selected.with(|x| matches!(x, Some(Selection::Flow(k)) if *k == key))
                        || hovered.with(|h| h.as_deref() == Some(k2.as_str()))
                };
                view! {
                    <g class="flow" class:selected=sel class:min-width=s.flow.raised_to_min
                        data-flow=s.key.clone()
                        data-investor=s.flow.group.investor.clone()
                        data-amount=format!("{:.0}", s.flow.group.total_usd)
                        data-width=format!("{:.3}", s.flow.outer.width)>
                        <path class="flow-outer" d=s.outer_d.clone() style:fill=s.outer.live(0) style:stroke=s.outer.live(1) style:stroke-width=s.outer.live(2) style:fill-opacity=s.outer.live(3) style:stroke-opacity=s.outer.live(4) style:stroke-dasharray=s.outer.live(5) stroke=s.outer.stroke.css()></path>
                        {s.inner.as_ref().map(|(d, st)| view! {
                            <path class="flow-inner" d=d.clone() style:fill=st.live(0) style:stroke=st.live(1) style:stroke-width=st.live(2) style:fill-opacity=st.live(3) style:stroke-opacity=st.live(4) style:stroke-dasharray=st.live(5)
                                data-width=format!("{:.3}", s.flow.inner.as_ref().map(|a| a.width).unwrap_or(0.0))></path>
                        })}
                    </g>
                }
            }).collect_view())}
        </g>
    }
}
