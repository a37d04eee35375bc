//! The plain drawn shapes the scene's parts hand to one another and to the
//! frame: a path with its style, a text label, an arrow with its parts.

use super::flows::DrawnFlow;
use super::style::{PathStyle, TextStyle};

#[derive(Debug, Clone, PartialEq)]
pub struct ShapePath {
    /// `data-iso3` or `data-water`.
    pub id: String,
    pub focus: bool,
    pub d: String,
    pub style: PathStyle,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextLabel {
    /// Country iso3, or deposit id.
    pub key: String,
    pub focus: bool,
    pub text: String,
    /// Centre of the text box.
    pub at: [f64; 2],
    pub style: TextStyle,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlowShape {
    pub flow: DrawnFlow,
    pub key: String,
    pub outer_d: String,
    pub outer: PathStyle,
    /// The realized part, solid, inside.
    pub inner: Option<(String, PathStyle)>,
}
