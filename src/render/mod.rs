//! Turning geometry into SVG: path data for outlines, number formatting.

pub mod export;
pub mod format;
pub mod svg;
