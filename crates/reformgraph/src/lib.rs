//! # reformgraph
//!
//! An embedded graph database for government reform plans. A plan document (a Chinese
//! provincial implementation plan, say) becomes a typed graph — plans, parts, tasks, lead
//! departments, areas, indicators, targets, projects, selection rules — stored in one
//! [redb](https://docs.rs/redb) file, with stable natural keys (`shanxi-2013/reform/20`,
//! `org/省环保厅`) that survive re-imports and agree across devices.
//!
//! Modules follow the flow of data, one way: [`model`] (types, no storage) → [`store`]
//! (redb tables, codec, indexes) → [`import`] (text → draft → store).
//!
//! ```
//! use reformgraph::{GraphRead, NodeKey, Organization, OrganizationKind, Store};
//!
//! let store = Store::in_memory()?;
//! store.write(|tx| {
//!     let org = Organization {
//!         name: "省环保厅".into(),
//!         kind: OrganizationKind::ProvincialDepartment,
//!         aliases: vec!["山西省环境保护厅".into()],
//!         ..Default::default()
//!     };
//!     tx.insert(NodeKey::organization("省环保厅")?, org, None)
//! })?;
//! let found = store.read()?.get_by_key::<Organization>("org/省环保厅")?;
//! assert_eq!(found.map(|r| r.value.aliases.len()), Some(1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cancel;
pub mod error;
pub mod export;
mod handle;
pub mod import;
pub mod intake;
pub mod model;
pub mod query;
pub mod search;
pub mod store;
pub mod track;

#[cfg(test)]
mod fault_tests;
#[cfg(test)]
mod power_loss_tests;

pub use cancel::Cancel;
pub use error::{Error, ErrorKind, Result, StorageError};
pub use handle::Handle;
pub use model::*;
pub use store::{
    GraphRead, Problem, SCHEMA_VERSION, Snapshot, Store, StoreInfo, Upsert, WriteTx,
    quiet_contained_panics,
};

/// Entry points for the fuzzers of `fuzz/`, behind the `fuzzing` feature that only they
/// enable: not part of the API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    /// Decodes arbitrary bytes as every kind of stored record; returns how many kinds
    /// accepted them. Never panics.
    pub fn decode_records(bytes: &[u8]) -> usize {
        crate::store::decode_all_kinds(bytes)
    }
}

/// Compiles the Rust examples of the crate's README as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
