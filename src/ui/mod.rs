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
/// custom properties on `:root` (styles/atlas.css only reads them).
fn set_palette() {
    let doc = leptos::prelude::document();
    if let (Ok(el), Some(head)) = (doc.create_element("style"), doc.head()) {
        el.set_id("palette");
        el.set_text_content(Some(&crate::scene::style::css_custom_properties()));
        let _ = head.append_child(&el);
    }
}
