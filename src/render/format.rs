//! Moved to `crate::format` (below the scene); kept while branches move over.

pub use crate::format::usd;
