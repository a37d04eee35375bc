//! The Leptos UI (wasm only). Components wire signals to the pure core;
//! geometry, indexes, layout and text all come from there.

mod app;
mod author;
mod author_annotations;
mod author_work;
mod details;
mod filters;
mod legend;
mod loader;
mod map;
mod problems;
mod reveal;
mod search;
mod share;
mod state;
mod table;
mod tooltip;

pub use app::App;

/// Entry point of the web app.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// Entry point of the authoring page (`author/`, its own bundle).
pub fn mount_author() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(author::AuthorPage);
}
