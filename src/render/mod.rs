//! The frame's layers as SVG markup (one writer for the live map and for
//! files), the standalone SVG (and so PNG) export, and XML escaping.

pub mod export;
pub mod layers;
pub mod svg;
