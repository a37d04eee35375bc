//! Investment flows: totals per investor and destination, the width scale,
//! where arrows enter the frame, and the tapered curved arrow shapes.

pub mod aggregate;
pub mod arrow;
pub mod layout;
pub mod route;
pub mod scale;

pub use aggregate::{FlowFilter, FlowGroup, aggregate};
pub use arrow::{Arrow, ArrowSpec};
pub use scale::WidthScale;
