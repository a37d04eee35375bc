//! The live map's layers. Each draws its part of the current `Frame` one to
//! one (the export draws the same frame as a string): `basemap` and `flows`
//! and, below the canvas threshold, `markers` as SVG; `canvas` for dense
//! deposits and clusters; `overlay` for labels, badges and the hovered,
//! focused and selected marker above everything.

pub mod basemap;
pub mod canvas;
pub mod context;
pub mod flows;
pub mod markers;
pub mod overlay;
