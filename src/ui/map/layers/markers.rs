//! Deposit markers as SVG (below the canvas threshold), written by
//! `render::layers::markers` like the export's. Each marker is a button;
//! one listener on the layer answers focus, blur and keys for all of them.
//! A selection or an arrow key then changes a class, a ring and two
//! tabindex values instead of redrawing the layer, so keyboard focus stays
//! on the element it is on.

use super::super::KeyFocus;
use super::drawn::Drawn;
use crate::render::layers::{self, Target, markup};
use crate::ui::state::{Shared, use_ui};
use crate::url_state::Selection;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn SvgMarkers(focus: KeyFocus) -> impl IntoView {
    let ui = use_ui();
    let node: NodeRef<leptos::svg::G> = NodeRef::new();
    let mut drawn = Drawn::default();
    let mut selected: Option<web_sys::Element> = None;
    let mut focusable: Option<web_sys::Element> = None;
    Effect::new(move |_| {
        let Some(g) = node.get() else { return };
        let frame = ui.frame.get().filter(|f| !f.canvas).map(|Shared(f)| f);
        let sel = ui.selected.with(|s| match s {
            Some(Selection::Deposit(id)) => ui.atlas.with_untracked(|a| a.as_ref()?.deposit_named(id)),
            _ => None,
        });
        let pos = focus.pos.get();
        if drawn.set(&g, frame, layers::markers) {
            (selected, focusable) = (None, None);
        }
        let Some(f) = drawn.frame() else { return };
        if let Some(el) = selected.take() {
            let _ = el.class_list().remove_1("selected");
            if let Ok(Some(ring)) = el.query_selector(".selection-ring") {
                ring.remove();
            }
        }
        if let Some(k) = sel.and_then(|i| f.marker_pos(i))
            && let Some(el) = marker_el(&g, k)
        {
            let m = &f.markers[k];
            let _ = el.class_list().add_1("selected");
            let _ = el.insert_adjacent_html("afterbegin", &markup(|o| layers::selection_ring(o, Target::Live, m)));
            selected = Some(el);
        }
        if let Some(el) = focusable.take() {
            let _ = el.set_attribute("tabindex", "-1");
        }
        if let Some(el) = marker_el(&g, pos) {
            let _ = el.set_attribute("tabindex", "0");
            focusable = Some(el);
        }
    });
    // The marker an event happened on: its keyboard position and deposit.
    let hit = move |ev: &web_sys::Event| -> Option<(usize, usize, [f64; 2])> {
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("[data-pos]").ok()??;
        let pos: usize = el.get_attribute("data-pos")?.parse().ok()?;
        ui.frame.with_untracked(|f| f.as_ref()?.markers.get(pos).map(|m| (pos, m.deposit, m.at)))
    };
    view! {
        // tabindex -1: Chromium makes an SVG element with focus listeners a tab
        // stop of its own (an unnamed one before the markers); the markers keep theirs.
        <g class="deposits" node_ref=node tabindex="-1"
            on:focusin=move |ev| if let Some((_, i, at)) = hit(&ev) { focus.show(i, at) }
            on:focusout=move |_| ui.hover.set(None)
            on:keydown=move |ev: web_sys::KeyboardEvent| if let Some((pos, i, _)) = hit(&ev) { focus.key(ev, pos, i) }></g>
    }
}

/// The marker at keyboard position `pos` in the layer `g`.
pub fn marker_el(g: &web_sys::Element, pos: usize) -> Option<web_sys::Element> {
    g.query_selector(&format!("[data-pos=\"{pos}\"]")).ok()?
}
