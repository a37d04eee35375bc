//! The live map. Layers are drawn from the current `Frame` (the same one
//! the export draws) inside one container; pan and zoom move only that
//! container's CSS transform (`will-change: transform`, composited), and
//! the frame is rebuilt when the gesture ends. Every hover and click is
//! answered by the frame's R-trees.
//!
//! - `gesture`: DOM events → the pure reducer → the camera;
//! - `layers`: basemap, arrows, SVG markers, the canvas, labels, badges, overlays;
//! - `controls`: zoom buttons, the in-view count, a cluster's list.

mod controls;
mod gesture;
mod layers;

use super::state::{Hover, Ui, use_ui};
use super::tooltip::Tooltip;
use crate::decimal::short;
use crate::i18n::Key;
use crate::spatial::View;
use crate::url_state::Selection;
use controls::{ClusterList, InViewCount, ZoomControls};
use gesture::Gestures;
use layers::canvas::DepositCanvas;
use layers::drawn::{Badges, Basemap, ContextLabels, Flows, Labels, MapFurniture, Patterns, PlaceMarkers, Rivers};
use layers::markers::SvgMarkers;
use layers::overlay::MarkerOverlays;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The keyboard's place among the frame's markers (left to right).
#[derive(Clone, Copy)]
pub struct KeyFocus {
    pub pos: RwSignal<usize>,
    ui: Ui,
}

impl KeyFocus {
    /// Show deposit `i`'s tooltip at its marker (drawn at `at`).
    pub fn show(&self, i: usize, at: [f64; 2]) {
        self.ui.pointer.set([at[0], at[1] - 8.0]);
        self.ui.hover.set(Some(Hover::Deposit(i)));
    }

    /// Arrow keys step through the deposits in view; Enter or Space opens one.
    pub fn key(&self, ev: web_sys::KeyboardEvent, pos: usize, i: usize) {
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => self.step(pos, 1),
            "ArrowLeft" | "ArrowUp" => self.step(pos, -1),
            "Enter" | " " => {
                let id = self.ui.atlas.with_untracked(|a| a.as_ref().map(|a| a.ds.deposits[i].id.clone()));
                if let Some(id) = id {
                    crate::ui::reveal::select(self.ui, Selection::Deposit(id));
                }
            }
            _ => return,
        }
        ev.prevent_default();
        ev.stop_propagation();
    }

    fn step(&self, pos: usize, delta: isize) {
        let ui = self.ui;
        let Some((to, i, at, canvas)) = ui.frame.with_untracked(|f| {
            let f = f.as_ref()?;
            let n = f.markers.len();
            (n > 0).then(|| {
                let to = (pos as isize + delta).rem_euclid(n as isize) as usize;
                (to, f.markers[to].deposit, f.markers[to].at, f.canvas)
            })
        }) else {
            return;
        };
        self.pos.set(to);
        if canvas {
            // The proxy keeps the focus and moves; name the new deposit.
            self.show(i, at);
        } else {
            // The new deposit's marker takes the focus now, in this key event, so
            // an Enter typed right after the arrow acts on it (its tabindex
            // follows when the layer's effect runs).
            let layer = document().query_selector(".deposits").ok().flatten();
            if let Some(el) = layer.and_then(|g| layers::markers::marker_el(&g, to))
                && let Ok(el) = el.dyn_into::<web_sys::SvgElement>()
            {
                // Markers are SVG elements: an HtmlElement cast would fail and
                // leave the focus where it was.
                let _ = el.focus();
            }
        }
    }
}

#[component]
pub fn MapView() -> impl IntoView {
    let ui = use_ui();
    let container: NodeRef<Div> = NodeRef::new();
    let g = Gestures::new(ui, container);
    let focus = KeyFocus { pos: RwSignal::new(0), ui };

    // Track the container's size; keep the view's centre and zoom on resize.
    let measure = move || {
        let Some(el) = container.get_untracked() else { return };
        let r = el.get_bounding_client_rect();
        let (w, h) = (r.width().round(), r.height().round());
        let old = ui.size.get_untracked();
        if w <= 0.0 || h <= 0.0 || (w, h) == old {
            return;
        }
        let Some(a) = ui.atlas.get_untracked() else { return };
        let keep = (old.0 > 0.0).then(|| {
            let base = a.base_view(old.0, old.1);
            ui.view.get_untracked().to_center_zoom(&a.proj, &base, old.0, old.1)
        });
        let pending = ui.pending_view.get_value().or(keep);
        ui.pending_view.set_value(None);
        let base = a.base_view(w, h);
        let v = match pending {
            Some((lon, lat, z)) => View::from_center_zoom(&a.proj, &base, lon, lat, z, w, h),
            None => base,
        };
        ui.camera.update(|c| {
            c.size = (w, h);
            c.set(v);
        });
    };
    Effect::new(move |_| {
        // Measure once the data arrives (the fit needs the frame).
        if ui.atlas.with(Option::is_some) {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // And when the box changes without the window: a title or a legend row
    // appearing above or below the map (the map maker's preview, a problems list).
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>);
    Effect::new(move |_| {
        let Some(el) = container.get() else { return };
        // Measured in the next frame, not in the callback: a redraw there that
        // moves a scrollbar would re-trigger it within the frame (a "ResizeObserver
        // loop" error; the squeezed embed test catches it).
        let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| request_animation_frame(measure));
        if let Ok(ro) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
            ro.observe(&el);
            observer.set_value(Some((ro, cb)));
        }
    });
    on_cleanup(move || {
        let _ = observer.try_update_value(|o| {
            if let Some((ro, _)) = o.take() {
                ro.disconnect();
            }
        });
    });
    // A new frame: keep the keyboard position in range, close a stale cluster list.
    Effect::new(move |_| {
        ui.frame.track();
        ui.cluster_open.set(None);
        let n = ui.frame.with_untracked(|f| f.as_ref().map(|f| f.markers.len()).unwrap_or(0));
        if focus.pos.get_untracked() >= n {
            focus.pos.set(0);
        }
    });

    let summary = move || {
        let lang = ui.lang.get();
        ui.atlas.with(|a| {
            let Some(a) = a else { return String::new() };
            let n = ui.visible.with(Vec::len);
            let largest = ui.groups.with(|g| {
                g.iter()
                    .filter(|g| g.scope == crate::data::FlowScope::Country)
                    .max_by(|x, y| x.total_usd.total_cmp(&y.total_usd))
                    .map(|g| {
                        let inv = a.ds.investor(&g.investor).map(|i| i.name.get(lang).to_string()).unwrap_or_default();
                        format!(
                            "{inv} → {}, {}",
                            a.country_name(&g.destination, lang),
                            crate::format::usd(g.total_usd, lang)
                        )
                    })
            });
            use crate::i18n::plural;
            let deposits = crate::i18n::deposits(lang, n);
            // The investors whose flows pass the filter (none on a map of deposits alone).
            let investors = ui.groups.with(|g| {
                let mut ids: Vec<&str> = g.iter().map(|g| g.investor.as_str()).collect();
                crate::sort::by(&mut ids, |a, b| a.cmp(b));
                ids.dedup();
                ids.len()
            });
            if investors == 0 {
                return format!("{n} {deposits}");
            }
            let word = plural(lang, investors, [Key::SummaryInvestor, Key::SummaryInvestorsFew, Key::SummaryInvestors]);
            match largest {
                Some(l) => format!("{n} {deposits}, {investors} {word}; {} {l}", ui.t(Key::SummaryLargest)),
                None => format!("{n} {deposits}, {investors} {word}"),
            }
        })
    };
    let (w, h) = (move || short(ui.size.get().0).to_string(), move || short(ui.size.get().1).to_string());
    // How many frames have been drawn (a hook for the benchmark's settle time).
    let frames = Memo::new(move |n: Option<&u64>| {
        ui.frame.track();
        n.map_or(0, |n| n + 1)
    });

    view! {
        <div
            class="map"
            class:embed=ui.embed
            node_ref=container
            tabindex="0"
            role="region"
            aria-label=move || ui.t(Key::MapLabel)
            aria-describedby="map-summary"
            on:keydown=move |ev| g.key(ev)
        >
            <p id="map-summary" class="visually-hidden">{summary}</p>
            <div
                class="map-stage"
                on:pointerdown=move |ev| g.down(ev)
                on:pointermove=move |ev| g.moved(ev)
                on:pointerup=move |ev| g.up(ev)
                on:pointercancel=move |ev| g.up(ev)
                on:pointerleave=move |_| g.leave()
                on:wheel=move |ev| g.wheel(ev)
                on:dblclick=move |ev| g.dblclick(ev)
            >
                // The only thing a gesture changes: this container's transform.
                <div class="layers" data-frame=move || frames.get() style:transform=move || ui.camera.with(|c| c.css_transform())>
                    <svg class="map-svg base" width=w height=h>
                        <Patterns/>
                        <Basemap/>
                        <Rivers/>
                        <Flows/>
                        <PlaceMarkers/>
                        <SvgMarkers focus=focus/>
                    </svg>
                    <DepositCanvas/>
                    <svg class="map-svg top" width=w height=h>
                        <Labels/>
                        <ContextLabels/>
                        <Badges/>
                        <MarkerOverlays focus=focus/>
                    </svg>
                </div>
            </div>
            <MapFurniture/>
            <ZoomControls/>
            <InViewCount/>
            <Show when=move || g.ctrl_hint.get()>
                <div class="ctrl-hint" role="status">{move || ui.t(Key::CtrlToZoom)}</div>
            </Show>
            <Tooltip/>
            <ClusterList/>
        </div>
    }
}
