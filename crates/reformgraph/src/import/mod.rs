//! Import: document text → [`Draft`] → store.

mod draft;
mod load;

pub use draft::{Draft, DraftEdge, DraftNode, ImportReport, PlanMeta, Unparsed};
pub use load::load;
