//! In canvas mode, the SVG overlays of the hovered, focused and selected
//! marker, which carry `data-deposit-id` and take keyboard focus. The
//! overlay SVG lets pointer events through except on region chips and the
//! focus proxy.

use super::super::KeyFocus;
use crate::render::layers::{self, Target, markup};
use crate::ui::state::{Hover, use_ui};
use crate::url_state::Selection;
use leptos::prelude::*;

/// Canvas mode: the hovered and the selected marker (their markup from
/// `render::layers`, like every other marker), and the keyboard's focus
/// proxy (one element that moves from deposit to deposit).
#[component]
pub fn MarkerOverlays(focus: KeyFocus) -> impl IntoView {
    let ui = use_ui();
    let canvas = Memo::new(move |_| ui.frame.with(|f| f.as_ref().is_some_and(|f| f.canvas)));
    let hovered = Memo::new(move |_| match ui.hover.get() {
        Some(Hover::Deposit(i)) => Some(i),
        _ => None,
    });
    let overlay = move |i: Option<usize>, state: &'static str| {
        ui.frame.with(|f| {
            let m = f.as_ref().filter(|f| f.canvas)?.marker_of(i?)?;
            Some(markup(|o| layers::marker_overlay(o, Target::Live, m, state)))
        })
    };
    let hover = move || overlay(hovered.get(), "hovered").unwrap_or_default();
    let selected = move || {
        let i = ui.selected.with(|s| match s {
            Some(Selection::Deposit(id)) => ui.atlas.with(|a| a.as_ref()?.deposit_named(id)),
            _ => None,
        });
        overlay(i, "selected").unwrap_or_default()
    };
    // The proxy: the marker at the keyboard position, focusable.
    let current = Memo::new(move |_| {
        ui.frame.with(|f| {
            let f = f.as_ref().filter(|f| f.canvas && !f.markers.is_empty())?;
            let pos = focus.pos.get().min(f.markers.len() - 1);
            let m = &f.markers[pos];
            Some((
                pos,
                m.deposit,
                m.id.clone(),
                m.label.clone(),
                markup(|o| layers::marker_shape(o, Target::Live, m)),
                m.at,
            ))
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
            view! {
                <g class="deposit focus-proxy" role="button" tabindex="0"
                    data-deposit-id=move || attr(0) aria-label=move || attr(1)
                    on:focus=move |_| if let Some((_, i, .., at)) = current.get_untracked() { focus.show(i, at) }
                    on:blur=move |_| ui.hover.set(None)
                    on:keydown=move |ev| if let Some((pos, i, ..)) = current.get_untracked() { focus.key(ev, pos, i) }
                    inner_html=move || attr(2).unwrap_or_default()></g>
            }
        })
    };
    view! {
        <g class="marker-overlays">
            <g inner_html=hover></g>
            <g inner_html=selected></g>
            {proxy}
        </g>
    }
}
