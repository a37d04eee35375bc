//! Deposit markers as SVG, one element each (below the canvas threshold).
//! Each marker carries its own reactive `selected` class and tabindex, so a
//! click or an arrow key changes two attributes instead of rebuilding the
//! layer, and keyboard focus stays on the element it is on.

use super::super::KeyFocus;
use crate::scene::style;
use crate::ui::state::use_ui;
use crate::url_state::Selection;
use leptos::prelude::*;

#[component]
pub fn SvgMarkers(focus: KeyFocus) -> impl IntoView {
    let ui = use_ui();
    view! {
        <g class="deposits">
            {move || ui.frame.get().filter(|f| !f.canvas).map(|f| {
                let halos = f.markers.iter().filter_map(|m| m.halo.as_ref().map(|(r, s)| view! {
                    <circle class="uncertainty" cx=format!("{:.1}", m.at[0]) cy=format!("{:.1}", m.at[1]) r=format!("{r:.1}") style:fill=s.live(0) style:stroke=s.live(1) style:stroke-width=s.live(2) style:fill-opacity=s.live(3) style:stroke-opacity=s.live(4) style:stroke-dasharray=s.live(5)></circle>
                })).collect_view();
                // Painted in the frame's paint order; `pos` is the keyboard's (left-to-right) place.
                let marks = f.paint_order.iter().map(|&pos| (pos, &f.markers[pos])).map(|(pos, m)| {
                    let id = m.id.clone();
                    let is_sel = move || ui.selected.with(|s| matches!(s, Some(Selection::Deposit(x)) if *x == id));
                    let class_sel = is_sel.clone();
                    let ring = style::selection_ring();
                    let (at, r, i) = (m.at, m.r, m.deposit);
                    view! {
                        <g class="deposit" class:selected=class_sel
                            data-deposit-id=m.id.clone()
                            data-status=m.status.as_str()
                            data-group=m.group.key()
                            role="button"
                            tabindex=move || if focus.pos.get() == pos { "0" } else { "-1" }
                            aria-label=m.label.clone()
                            on:focus=move |_| focus.show(i, at)
                            on:blur=move |_| ui.hover.set(None)
                            on:keydown=move |ev| focus.key(ev, pos, i)
                        >
                            {move || is_sel().then(|| view! {
                                <circle class="selection-ring" cx=format!("{:.1}", at[0]) cy=format!("{:.1}", at[1]) r=format!("{:.1}", r + 5.0) style:fill=ring.live(0) style:stroke=ring.live(1) style:stroke-width=ring.live(2) style:fill-opacity=ring.live(3) style:stroke-opacity=ring.live(4) style:stroke-dasharray=ring.live(5)></circle>
                            })}
                            <path class="marker" d=m.shape().d() style:fill=m.style.live(0) style:stroke=m.style.live(1) style:stroke-width=m.style.live(2) style:fill-opacity=m.style.live(3) style:stroke-opacity=m.style.live(4) style:stroke-dasharray=m.style.live(5)></path>
                        </g>
                    }
                }).collect_view();
                view! { <g class="halos">{halos}</g><g class="markers">{marks}</g> }
            })}
        </g>
    }
}
