//! What to draw for a view, in screen pixels: one pure [`frame::Frame`]
//! (basemap, arrows, badges, markers, clusters, labels, legend, hit index)
//! that every renderer maps one to one. `style` holds every colour and
//! drawing rule; `path` writes path data; `gesture` is the pure pan/zoom
//! reducer the live map feeds pointer events to.

pub mod basemap;
pub mod callouts;
pub mod clusters;
pub mod context;
pub mod flows;
pub mod frame;
pub mod gesture;
pub mod inset;
pub mod labels;
pub mod layers;
pub mod legend;
pub mod path;
pub mod places;
pub mod rivers;
pub mod scalebar;
pub mod shapes;
pub mod style;

pub use frame::{Frame, FrameSpec, Hit};
