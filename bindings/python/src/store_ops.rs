//! `Database`'s calls on the whole store (imports, changesets, the administrator's keys,
//! the access policy, facts and checks), emitted from the declarations both bindings share
//! (`reformgraph_records::store_operations!`). Each runs on a worker thread that Ctrl-C can
//! cancel (the transaction then aborts) and drops the handle's cached snapshot.

use std::path::PathBuf;

use pyo3::prelude::*;
use reformgraph::import::Registry as CoreRegistry;

use crate::db::{Database, Registry};
use crate::keys::{self, SecretKey};
use crate::read_ops::{PyAnswer, py_answer_methods};
use crate::record_ops::PyArg;
use crate::types::{self, ApplyReport, Event, ImportReport, LedgerImport, Problem, StoreInfo};

/// A `Registry` object.
impl PyArg for CoreRegistry {
    type Wire = Py<Registry>;
    fn core(py: Python<'_>, wire: Py<Registry>) -> PyResult<Self> {
        Ok(wire.bind(py).get().inner.clone())
    }
}

/// A `SecretKey` object.
impl PyArg for reformgraph::track::SecretKey {
    type Wire = SecretKey;
    fn core(_: Python<'_>, wire: SecretKey) -> PyResult<Self> {
        Ok(wire.inner)
    }
}

/// A public key as its text, `ed25519:` and 64 hex digits.
impl PyArg for reformgraph::PublicKey {
    type Wire = String;
    fn core(_: Python<'_>, wire: String) -> PyResult<Self> {
        keys::public_key(&wire)
    }
}

/// A `str` or `os.PathLike`.
impl PyArg for PathBuf {
    type Wire = PathBuf;
    fn core(_: Python<'_>, wire: PathBuf) -> PyResult<Self> {
        Ok(wire)
    }
}

reformgraph_records::store_operations!(py_answer_methods);
