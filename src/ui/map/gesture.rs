//! DOM events → the pure gesture reducer (`scene::gesture`) → the camera.
//! During a drag, pinch or wheel only the live view changes: one CSS
//! transform on the layer container. Nothing else reruns per pointer event
//! except one hit test through the frame's R-trees when nothing is pressed.

use super::super::state::{Hover, Ui};
use crate::scene::frame::{HIT_PX, Hit, TOUCH_HIT_PX};
use crate::scene::gesture::{Gesture, Step};
use crate::url_state::Selection;
use leptos::html::Div;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The wheel has rested this long: commit (redraw).
const WHEEL_REST_MS: u64 = 160;

#[derive(Clone, Copy)]
pub struct Gestures {
    ui: Ui,
    container: NodeRef<Div>,
    state: StoredValue<Gesture>,
    wheel_seq: StoredValue<u32>,
    pub ctrl_hint: RwSignal<bool>,
}

impl Gestures {
    pub fn new(ui: Ui, container: NodeRef<Div>) -> Gestures {
        Gestures {
            ui,
            container,
            state: StoredValue::new(Gesture::default()),
            wheel_seq: StoredValue::new(0),
            ctrl_hint: RwSignal::new(false),
        }
    }

    pub fn active(&self) -> bool {
        self.state.with_value(Gesture::active)
    }

    fn pos(&self, x: i32, y: i32) -> [f64; 2] {
        self.container
            .get_untracked()
            .map(|el| {
                let r = el.get_bounding_client_rect();
                [x as f64 - r.left(), y as f64 - r.top()]
            })
            .unwrap_or([0.0, 0.0])
    }

    /// What is under a live-screen point.
    pub fn hit(&self, p: [f64; 2], tol: f64) -> Option<Hit> {
        let ui = self.ui;
        let q = ui.camera.with_untracked(|c| c.to_drawn(p));
        let atlas = ui.atlas.get_untracked()?;
        ui.frame.with_untracked(|f| f.as_ref().and_then(|f| f.hit(&atlas, q, tol)))
    }

    pub fn down(&self, ev: web_sys::PointerEvent) {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let p = self.pos(ev.client_x(), ev.client_y());
        if let Some(t) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = t.set_pointer_capture(ev.pointer_id());
        }
        let live = self.ui.live();
        self.state.update_value(|g| g.down(ev.pointer_id(), p, live));
    }

    pub fn moved(&self, ev: web_sys::PointerEvent) {
        let ui = self.ui;
        let p = self.pos(ev.client_x(), ev.client_y());
        let Some(base) = ui.base_view() else { return };
        match self.state.try_update_value(|g| g.moved(ev.pointer_id(), p, &base)).unwrap_or(Step::Idle) {
            Step::Live(v) => ui.set_live(v),
            Step::Hover(p) => {
                let h = self.hit(p, HIT_PX).map(Hover::from);
                // Only a change of target reaches the tooltip's content; the position is its own signal.
                if ui.hover.with_untracked(|cur| *cur != h) {
                    ui.hover.set(h.clone());
                }
                if h.is_some() {
                    ui.pointer.set(p);
                }
            }
            _ => {}
        }
    }

    pub fn up(&self, ev: web_sys::PointerEvent) {
        let ui = self.ui;
        let p = self.pos(ev.client_x(), ev.client_y());
        let live = ui.live();
        match self.state.try_update_value(|g| g.up(ev.pointer_id(), p, live)).unwrap_or(Step::Idle) {
            Step::Click(p) => {
                let tol = if ev.pointer_type() == "touch" { TOUCH_HIT_PX } else { HIT_PX };
                ui.cluster_open.set(None);
                match self.hit(p, tol) {
                    Some(Hit::Deposit(i)) => {
                        let id = ui.atlas.with_untracked(|a| a.as_ref().map(|a| a.ds.deposits[i].id.clone()));
                        match id {
                            Some(id) => crate::ui::reveal::select(ui, Selection::Deposit(id)),
                            None => ui.selected.set(None),
                        }
                    }
                    Some(Hit::Cluster(c)) => {
                        ui.pointer.set(p);
                        ui.cluster_open.set(Some(c));
                    }
                    Some(Hit::Flow(key)) => crate::ui::reveal::select(ui, Selection::Flow(key)),
                    _ => ui.selected.set(None),
                }
            }
            Step::Commit => ui.commit(),
            _ => {}
        }
    }

    pub fn leave(&self) {
        if !self.active() {
            self.ui.hover.set(None);
        }
    }

    pub fn wheel(&self, ev: web_sys::WheelEvent) {
        let ui = self.ui;
        if ui.embed && !(ev.ctrl_key() || ev.meta_key()) {
            // Let the page scroll; say how to zoom.
            let hint = self.ctrl_hint;
            hint.set(true);
            set_timeout(move || hint.set(false), Duration::from_millis(1400));
            return;
        }
        ev.prevent_default();
        let Some(base) = ui.base_view() else { return };
        let p = self.pos(ev.client_x(), ev.client_y());
        let unit = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        let factor = (-ev.delta_y() * unit * 0.0022).exp();
        ui.set_live(ui.live().zoom_at(&base, factor, p));
        // Commit once the wheel rests.
        self.wheel_seq.update_value(|s| *s = s.wrapping_add(1));
        let seq = self.wheel_seq.get_value();
        let me = *self;
        set_timeout(
            move || {
                if me.wheel_seq.get_value() == seq && !me.active() {
                    ui.commit();
                }
            },
            Duration::from_millis(WHEEL_REST_MS),
        );
    }

    pub fn dblclick(&self, ev: web_sys::MouseEvent) {
        ev.prevent_default();
        let p = self.pos(ev.client_x(), ev.client_y());
        zoom_by(self.ui, if ev.shift_key() { 0.5 } else { 2.0 }, Some(p));
    }

    /// Keys on the map itself (not a marker or a control): pan, zoom, reset.
    pub fn key(&self, ev: web_sys::KeyboardEvent) {
        if ev.target() != ev.current_target() {
            return;
        }
        let ui = self.ui;
        let step = 80.0;
        match ev.key().as_str() {
            "ArrowLeft" => ui.set_view(ui.live().pan(step, 0.0)),
            "ArrowRight" => ui.set_view(ui.live().pan(-step, 0.0)),
            "ArrowUp" => ui.set_view(ui.live().pan(0.0, step)),
            "ArrowDown" => ui.set_view(ui.live().pan(0.0, -step)),
            "+" | "=" => zoom_by(ui, 1.5, None),
            "-" | "_" => zoom_by(ui, 1.0 / 1.5, None),
            "0" => {
                if let Some(b) = ui.base_view() {
                    ui.set_view(b)
                }
            }
            _ => return,
        }
        ev.prevent_default();
    }
}

/// Zoom by `factor` about `at` (the centre if `None`) and redraw.
pub fn zoom_by(ui: Ui, factor: f64, at: Option<[f64; 2]>) {
    let Some(base) = ui.base_view() else { return };
    let (w, h) = ui.size.get_untracked();
    let at = at.unwrap_or([w / 2.0, h / 2.0]);
    ui.set_view(ui.live().zoom_at(&base, factor, at));
}
