//! In canvas mode, the SVG overlays of the hovered, focused and selected
//! marker, which carry `data-deposit-id` and take keyboard focus. The
//! overlay SVG lets pointer events through except on region chips and the
//! focus proxy.

use super::super::KeyFocus;
use crate::scene::frame::Marker;
use crate::scene::style;
use crate::ui::state::{Hover, use_ui};
use crate::url_state::Selection;
use leptos::prelude::*;

fn marker_overlay(m: &Marker, class: &'static str) -> impl IntoView + use<> {
    view! {
        <g class=format!("deposit {class}") data-deposit-id=m.id.clone() data-status=m.status.as_str()>
            <path class="marker" d=m.shape().d() style:fill=m.style.live(0) style:stroke=m.style.live(1) style:stroke-width=m.style.live(2) style:fill-opacity=m.style.live(3) style:stroke-opacity=m.style.live(4) style:stroke-dasharray=m.style.live(5)></path>
        </g>
    }
}

/// Canvas mode: the hovered and the selected marker, and the keyboard's
/// focus proxy (one element that moves from deposit to deposit).
#[component]
pub fn MarkerOverlays(focus: KeyFocus) -> impl IntoView {
    let ui = use_ui();
    let canvas = Memo::new(move |_| ui.frame.with(|f| f.as_ref().is_some_and(|f| f.canvas)));
    let hovered = Memo::new(move |_| match ui.hover.get() {
        Some(Hover::Deposit(i)) => Some(i),
        _ => None,
    });
    let hover = move || {
        let i = hovered.get()?;
        ui.frame.with(|f| f.as_ref().filter(|f| f.canvas)?.marker_of(i).map(|m| marker_overlay(m, "hovered")))
    };
    let selected = move || {
        let Some(Selection::Deposit(id)) = ui.selected.get() else { return None };
        let i = ui.atlas.with(|a| a.as_ref()?.deposit_named(&id))?;
        ui.frame.with(|f| {
            let f = f.as_ref().filter(|f| f.canvas)?;
            let m = f.marker_of(i)?;
            let ring = style::selection_ring();
            Some(view! {
                <g class="deposit selected" data-deposit-id=m.id.clone()>
                    <circle class="selection-ring" cx=format!("{:.1}", m.at[0]) cy=format!("{:.1}", m.at[1]) r=format!("{:.1}", m.r + 5.0) style:fill=ring.live(0) style:stroke=ring.live(1) style:stroke-width=ring.live(2) style:fill-opacity=ring.live(3) style:stroke-opacity=ring.live(4) style:stroke-dasharray=ring.live(5)></circle>
                    <path class="marker" d=m.shape().d() style:fill=m.style.live(0) style:stroke=m.style.live(1) style:stroke-width=m.style.live(2) style:fill-opacity=m.style.live(3) style:stroke-opacity=m.style.live(4) style:stroke-dasharray=m.style.live(5)></path>
                </g>
            })
        })
    };
    // The proxy: the marker at the keyboard position, focusable.
    let current = Memo::new(move |_| {
        ui.frame.with(|f| {
            let f = f.as_ref().filter(|f| f.canvas && !f.markers.is_empty())?;
            let pos = focus.pos.get().min(f.markers.len() - 1);
            let m = &f.markers[pos];
            Some((pos, m.deposit, m.id.clone(), m.label.clone(), m.shape().d(), m.style.clone(), m.at, m.r))
        })
    });
    let proxy = move || {
        canvas.get().then(|| {
            let attr = move |k: usize| {
                current.with(|c| {
                    c.as_ref().map(|c| match k {
                        0 => c.2.clone(),
                        1 => c.3.clone(),
                        _ => c.4.clone(),
                    })
                })
            };
            let prop = move |k: usize| current.with(|c| c.as_ref().map(|c| c.5.live(k)).unwrap_or_default());
            view! {
                <g class="deposit focus-proxy" role="button" tabindex="0"
                    data-deposit-id=move || attr(0) aria-label=move || attr(1)
                    on:focus=move |_| if let Some((_, i, .., at, _)) = current.get_untracked() { focus.show(i, at) }
                    on:blur=move |_| ui.hover.set(None)
                    on:keydown=move |ev| if let Some((pos, i, ..)) = current.get_untracked() { focus.key(ev, pos, i) }>
                    <path class="marker" d=move || attr(2)
                        style:fill=move || prop(0) style:stroke=move || prop(1) style:stroke-width=move || prop(2)
                        style:fill-opacity=move || prop(3) style:stroke-opacity=move || prop(4) style:stroke-dasharray=move || prop(5)></path>
                </g>
            }
        })
    };
    view! { <g class="marker-overlays">{hover}{selected}{proxy}</g> }
}
