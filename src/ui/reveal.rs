//! Selecting a deposit or an arrow opens its details over the map. When the
//! panel would hide what was chosen, the map glides the least distance that
//! shows it beside the panel (or above the bottom sheet). A link that opens
//! with a selection keeps its own view: only a reader's choice moves the map.
//! The panel takes the focus, and closing it gives the focus
//! back to what opened it: a marker, a search box, a table row.

use super::state::Ui;
use crate::scene::context::free_beside;
use crate::spatial::View;
use crate::url_state::Selection;
use leptos::prelude::*;

/// Pixels kept between a revealed selection and the panel or the map's edge.
const MARGIN: f64 = 40.0;

std::thread_local! {
    /// What had the focus when a reader opened the panel from outside it.
    static OPENER: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// Select `sel` (a click on the map, a search result, a row or a link in a
/// panel) and, once its panel is drawn, keep it in sight and focus it.
pub fn select(ui: Ui, sel: Selection) {
    if let Some(el) = document().active_element()
        && el.closest(".details").ok().flatten().is_none()
    {
        OPENER.with(|o| *o.borrow_mut() = Some(el));
    }
    ui.selected.set(Some(sel));
    request_animation_frame(move || {
        keep_in_sight(ui);
        // The panel itself: its body is redrawn when the sources arrive.
        focus_on(".map-wrap > .details");
    });
}

/// Close the panel; the focus goes back to what opened it when it was in
/// the panel (or nowhere), and that is still on the page.
pub fn close(ui: Ui) {
    let inside = document()
        .active_element()
        .is_none_or(|e| e.closest(".details").ok().flatten().is_some() || e.tag_name() == "BODY");
    ui.selected.set(None);
    if let Some(el) = OPENER.with(|o| o.borrow_mut().take())
        && inside
        && el.is_connected()
    {
        focus(&el);
    }
}

/// Focus the first element matching `selector`, if there is one.
pub fn focus_on(selector: &str) {
    if let Some(el) = document().query_selector(selector).ok().flatten() {
        focus(&el);
    }
}

/// Focus an HTML or SVG element (a marker is SVG: an HtmlElement cast fails).
fn focus(el: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    } else if let Some(s) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = s.focus();
    }
}

fn keep_in_sight(ui: Ui) {
    let Some(sel) = ui.selected.get_untracked() else { return };
    let Some(panel) = document().query_selector(".map-wrap > .details").ok().flatten() else { return };
    let Some(map) = panel.parent_element().and_then(|w| w.query_selector(".map").ok().flatten()) else { return };
    let (p, m) = (panel.get_bounding_client_rect(), map.get_bounding_client_rect());
    let rect = [p.left() - m.left(), p.top() - m.top(), p.right() - m.left(), p.bottom() - m.top()];
    let Some(free) = free_beside(m.width(), m.height(), rect) else { return };
    let view = ui.view.get_untracked();
    // Where it is drawn now: a deposit's point; an arrow's head, at the
    // country it goes to (its tail runs in from the map's edge).
    let at = match &sel {
        Selection::Deposit(id) => ui.atlas.with_untracked(|a| {
            a.as_ref().and_then(|a| a.deposit_named(id).map(|i| view.to_screen(a.deposits_plane[i])))
        }),
        Selection::Flow(key) => {
            ui.frame.with_untracked(|f| Some(f.as_ref()?.flows.iter().find(|s| &s.key == key)?.flow.outer.tip))
        }
    };
    if let Some(target) = at.and_then(|p| view.pan_into(p, free, MARGIN)) {
        glide_to(ui, target, None);
    }
}

/// Move the map to `target`, animated unless the reader prefers reduced
/// motion, then select `then` (if any) where it lands.
pub fn glide_to(ui: Ui, target: View, then: Option<Selection>) {
    let reduced = window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches());
    if reduced {
        ui.set_view(target);
        if let Some(s) = then {
            select(ui, s);
        }
    } else {
        step(ui, ui.live(), target, now_ms(), 450.0, then);
    }
}

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// One animation frame: only the live transform moves; the view is
/// committed (re-projected) when the glide lands.
fn step(ui: Ui, from: View, to: View, t0: f64, duration: f64, then: Option<Selection>) {
    let t = ((now_ms() - t0) / duration).min(1.0);
    if t >= 1.0 {
        ui.set_view(to);
        if let Some(s) = then {
            select(ui, s);
        }
        return;
    }
    let eased = t * t * (3.0 - 2.0 * t);
    let (w, h) = ui.size.get_untracked();
    ui.set_live(from.lerp(&to, eased, w, h));
    request_animation_frame(move || step(ui, from, to, t0, duration, then));
}
