//! What to draw for a view, in screen pixels: arrows laid out around their
//! destinations, labels that do not collide, marker shapes. Pure; the UI and
//! the SVG export both render from it.

pub mod basemap;
pub mod flows;
pub mod inset;
pub mod labels;
pub mod markers;
pub mod places;
pub mod rivers;
pub mod scalebar;
