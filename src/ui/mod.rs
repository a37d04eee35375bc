//! The Leptos UI (wasm only). Components wire signals to the pure core;
//! geometry, indexes, layout and text all come from there.

mod app;
mod details;
mod filters;
mod legend;
mod loader;
mod map;
mod problems;
mod search;
mod share;
mod state;
mod table;
mod tooltip;

pub use app::App;

/// Entry point of the web app.
pub fn mount() {
    console_error_panic_hook::set_once();
    set_palette();
    leptos::mount::mount_to_body(App);
}

/// The page's colours, from the one palette in `scene::style`, as CSS
/// custom properties on `:root` (styles/atlas.css only reads them). They go
/// in through the CSSOM (`insertRule` on the page's own stylesheet), which
/// the page's CSP (`style-src 'self'`) allows where a `<style>` element is refused.
fn set_palette() {
    use wasm_bindgen::{JsCast, JsValue};
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let doc: JsValue = leptos::prelude::document().into();
    let sheets = get(&doc, "styleSheets");
    let n = get(&sheets, "length").as_f64().unwrap_or(0.0) as u32;
    let Some(sheet) = (0..n)
        .map(|k| js_sys::Reflect::get(&sheets, &JsValue::from(k)).unwrap_or(JsValue::UNDEFINED))
        .find(|sh| get(sh, "href").as_string().is_some_and(|h| h.ends_with(".css")))
    else {
        return;
    };
    let Ok(insert) = get(&sheet, "insertRule").dyn_into::<js_sys::Function>() else { return };
    // Light first, then the dark override after it.
    for (k, rule) in crate::scene::style::css_rules().iter().enumerate() {
        let _ = insert.call2(&sheet, &JsValue::from_str(rule), &JsValue::from(k as u32));
    }
}
