//! The map's drawn layers. Each is one element whose markup comes from
//! `render::layers`, the writer the export, `atlas svg` and the pre-rendered
//! page use, set again when the frame changes. Selection and hover then
//! change one class on one element; region chips are answered by one
//! listener on their layer.

use crate::decimal::short;
use crate::render::layers::{self, Target, markup};
use crate::render::svg::css_string;
use crate::scene::context::INSET_MIN_MAP_WIDTH;
use crate::scene::frame::Frame;
use crate::ui::state::{Hover, Shared, Ui, use_ui};
use crate::url_state::Selection;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

type Draw = fn(&mut String, Target, &Frame);

/// A layer's markup for the current frame (empty before the first).
fn drawn(ui: Ui, draw: Draw) -> impl Fn() -> String + Copy + 'static {
    move || ui.frame.with(|f| f.as_ref().map(|f| markup(|o| draw(o, Target::Live, f))).unwrap_or_default())
}

/// Hatch patterns for committed money, one per investor colour.
#[component]
pub fn Patterns() -> impl IntoView {
    let ui = use_ui();
    view! { <defs inner_html=drawn(ui, |o, _, f| layers::hatches(o, f))></defs> }
}

/// Countries and water.
#[component]
pub fn Basemap() -> impl IntoView {
    let ui = use_ui();
    view! { <g class="countries" inner_html=drawn(ui, layers::basemap)></g> }
}

#[component]
pub fn Rivers() -> impl IntoView {
    let ui = use_ui();
    view! { <g class="rivers" aria-hidden="true" inner_html=drawn(ui, |o, t, f| layers::rivers(o, t, &f.context))></g> }
}

/// Capitals and cities.
#[component]
pub fn PlaceMarkers() -> impl IntoView {
    let ui = use_ui();
    view! { <g class="places" aria-hidden="true" inner_html=drawn(ui, |o, t, f| layers::places(o, t, &f.context))></g> }
}

/// Country, deposit and amount labels, and pinned notes.
#[component]
pub fn Labels() -> impl IntoView {
    let ui = use_ui();
    view! { <g class="labels" aria-hidden="true" inner_html=drawn(ui, layers::labels)></g> }
}

/// Place and river names.
#[component]
pub fn ContextLabels() -> impl IntoView {
    let ui = use_ui();
    view! {
        <g class="context-labels" aria-hidden="true" inner_html=drawn(ui, |o, t, f| layers::context_labels(o, t, &f.context))></g>
    }
}

/// The scale bar and the inset: fixed in the map's corner, not panned.
#[component]
pub fn MapFurniture() -> impl IntoView {
    let ui = use_ui();
    let (w, h) = (move || short(ui.size.get().0).to_string(), move || short(ui.size.get().1).to_string());
    view! {
        <svg class="map-furniture" width=w height=h aria-hidden="true"
            inner_html=drawn(ui, |o, t, f| layers::furniture(o, t, &f.context, f.width >= INSET_MIN_MAP_WIDTH))></svg>
    }
}

/// The frame a layer's markup was last written for, so an effect that also
/// runs on selection or hover sets the markup again only for a new frame.
#[derive(Default)]
pub struct Drawn(Option<Arc<Frame>>);

impl Drawn {
    /// Writes `draw`'s markup for `frame` into `g`, unless `frame` is the one
    /// already drawn. True when it wrote (earlier element handles are stale).
    pub fn set(&mut self, g: &web_sys::Element, frame: Option<Arc<Frame>>, draw: Draw) -> bool {
        if self.0.as_ref().map(Arc::as_ptr) == frame.as_ref().map(Arc::as_ptr) {
            return false;
        }
        g.set_inner_html(&frame.as_deref().map(|f| markup(|o| draw(o, Target::Live, f))).unwrap_or_default());
        self.0 = frame;
        true
    }

    /// The frame drawn last.
    pub fn frame(&self) -> Option<&Frame> {
        self.0.as_deref()
    }
}

/// A layer whose elements take a `selected` class by key: the markup is set
/// when the frame changes, then the class goes on the elements whose `attr`
/// is one of the keys `marked` returns, and comes off those that had it.
/// One effect does both, so the class always lands on the current markup.
fn keyed_layer(
    ui: Ui,
    node: NodeRef<leptos::svg::G>,
    draw: Draw,
    attr: &'static str,
    marked: impl Fn() -> Vec<String> + 'static,
) {
    let mut drawn = Drawn::default();
    let mut on: Vec<web_sys::Element> = Vec::new();
    Effect::new(move |_| {
        let Some(g) = node.get() else { return };
        let keys = marked();
        if drawn.set(&g, ui.frame.get().map(|Shared(f)| f), draw) {
            on.clear();
        }
        for el in on.drain(..) {
            let _ = el.class_list().remove_1("selected");
        }
        for key in &keys {
            if let Ok(Some(el)) = g.query_selector(&format!("[{attr}=\"{}\"]", css_string(key))) {
                let _ = el.class_list().add_1("selected");
                on.push(el);
            }
        }
    });
}

/// Arrows. The selected and the hovered arrow take the `selected` class.
#[component]
pub fn Flows() -> impl IntoView {
    let ui = use_ui();
    let node = NodeRef::new();
    keyed_layer(ui, node, layers::flows, "data-flow", move || {
        let mut keys = Vec::new();
        ui.selected.with(|s| {
            if let Some(Selection::Flow(k)) = s {
                keys.push(k.clone());
            }
        });
        ui.hover.with(|h| {
            if let Some(Hover::Flow(k)) = h {
                keys.push(k.clone());
            }
        });
        keys
    });
    view! { <g class="flows" node_ref=node></g> }
}

/// Origin badges and their region chips. A chip is a button: a click or
/// Enter selects its region-wide figures, and a press on it starts no pan.
#[component]
pub fn Badges() -> impl IntoView {
    let ui = use_ui();
    let node = NodeRef::new();
    keyed_layer(ui, node, layers::badges, "data-region-group", move || {
        ui.selected.with(|s| match s {
            Some(Selection::Flow(k)) => vec![k.clone()],
            _ => vec![],
        })
    });
    let chip = |ev: &web_sys::Event| -> Option<String> {
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("[data-region-group]").ok()??;
        el.get_attribute("data-region-group")
    };
    view! {
        <g class="origin-badges" node_ref=node
            on:pointerdown=move |ev| if chip(&ev).is_some() { ev.stop_propagation() }
            on:pointerup=move |ev| if let Some(k) = chip(&ev) {
                ev.stop_propagation();
                ui.selected.set(Some(Selection::Flow(k)));
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" && let Some(k) = chip(&ev) {
                ui.selected.set(Some(Selection::Flow(k)));
            }></g>
    }
}
