//! Import: document text → [`Draft`] → store.

mod draft;

pub use draft::{Draft, DraftEdge, DraftNode, ImportReport, PlanMeta, Unparsed};
pub mod parse;
mod registry;

pub use parse::{decode_text, parse};
pub use registry::{RegisteredArea, Registry};
