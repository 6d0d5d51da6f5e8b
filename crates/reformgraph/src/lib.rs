#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![doc = include_str!("../README.md")]

pub mod error;
pub mod import;
pub mod model;
pub mod store;

pub use error::{Error, Result, StorageError};
pub use model::*;
pub use store::{GraphRead, Problem, Snapshot, Store, StoreInfo, WriteTx};
