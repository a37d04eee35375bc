//! Projection, the view (camera) and the R-tree indexes that answer every
//! spatial question: hover, click, nearest deposit, what is in view.

pub mod index;
pub mod projection;
pub mod region;
pub mod view;

pub use index::{BoxIndex, DepositIndex, ShapeIndex};
pub use projection::Albers;
pub use region::{Bounds, ProjectionSpec};
pub use view::View;
