//! Central Asia critical-minerals atlas.
//!
//! Everything in this crate except `ui` is a pure core: no web-sys, no DOM.
//! It compiles natively, so `cargo test` exercises the geometry, the
//! R-tree index, the arrow builder, data validation and URL state fast.
//! The Leptos UI (`ui`, wasm only) only wires signals to this core.

pub mod atlas;
pub mod author;
pub mod case;
pub mod color;
pub mod data;
pub mod decimal;
pub mod flows;
pub mod format;
pub mod i18n;
pub mod render;
pub mod scene;
pub mod sort;
pub mod spatial;
pub mod url_state;

#[cfg(target_arch = "wasm32")]
pub mod ui;
