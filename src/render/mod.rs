//! The standalone SVG (and so PNG) export of a scene frame, and XML escaping.

pub mod export;
pub mod svg;
