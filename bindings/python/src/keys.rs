//! `SecretKey`: a signing key for stores with an administrator key (see the core's
//! `track::keys`). Its secret leaves it only through `to_bytes` and `write_file`.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use reformgraph::track;

use crate::errors::{self, IntoPyResult};

/// A secret Ed25519 signing key. Pass it as ``signer=`` to the ``record_…`` methods of a
/// database with an administrator key; the person and organisation recorded are then the
/// key's certificate's. Keep it in a key file (``write_file``, readable by you only) or a
/// keystore (``to_bytes``); ``repr`` shows only the public key.
///
/// >>> import reformgraph
/// >>> key = reformgraph.SecretKey.from_bytes(bytes(32))
/// >>> key.public_key.startswith("ed25519:")
/// True
/// >>> reformgraph.SecretKey.from_bytes(key.to_bytes()) == key
/// True
#[pyclass(frozen, eq, from_py_object, module = "reformgraph._reformgraph")]
#[derive(Clone, PartialEq)]
pub struct SecretKey {
    pub(crate) inner: track::SecretKey,
}

#[pymethods]
impl SecretKey {
    /// A new key from the operating system's random source.
    #[staticmethod]
    fn generate() -> PyResult<Self> {
        Ok(Self {
            inner: track::SecretKey::generate().py()?,
        })
    }

    /// The key with this 32-byte seed (from a keystore).
    #[staticmethod]
    fn from_bytes(seed: &[u8]) -> PyResult<Self> {
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| errors::invalid(format!("a key seed is 32 bytes, not {}", seed.len())))?;
        Ok(Self {
            inner: track::SecretKey::from_bytes(seed),
        })
    }

    /// Reads a key file (``reformgraph key new`` writes one).
    #[staticmethod]
    fn read_file(path: PathBuf) -> PyResult<Self> {
        Ok(Self {
            inner: track::SecretKey::read_file(&path).py()?,
        })
    }

    /// Writes a new key file, readable by its owner only; an existing file is never
    /// overwritten.
    fn write_file(&self, path: PathBuf) -> PyResult<()> {
        self.inner.write_file(&path).py()
    }

    /// The 32-byte seed.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    /// The public key (``ed25519:`` and 64 hex digits): what the administrator certifies.
    #[getter]
    fn public_key(&self) -> String {
        self.inner.public().to_string()
    }

    fn __repr__(&self) -> String {
        format!("SecretKey(public_key='{}')", self.inner.public())
    }
}

/// A public key from its text.
pub(crate) fn public_key(text: &str) -> PyResult<reformgraph::PublicKey> {
    text.parse()
        .map_err(|e: reformgraph::HexError| errors::invalid(e.to_string()))
}
