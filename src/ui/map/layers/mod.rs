//! The live map's layers. Each draws its part of the current `Frame` one to
//! one: `drawn` sets the basemap, rivers, arrows, places, labels, badges and
//! the corner furniture from `render::layers`, the writer the export uses;
//! `markers` draws deposit markers as SVG below the canvas threshold (each a
//! focusable button); `canvas` draws dense deposits and clusters; `overlay`
//! the hovered, focused and selected marker above the canvas.

pub mod canvas;
pub mod drawn;
pub mod markers;
pub mod overlay;
