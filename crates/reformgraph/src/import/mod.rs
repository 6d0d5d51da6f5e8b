//! Import: document text → [`Draft`] → store.

mod draft;

pub use draft::{Draft, DraftEdge, DraftNode, ImportReport, PlanMeta, Unparsed};
