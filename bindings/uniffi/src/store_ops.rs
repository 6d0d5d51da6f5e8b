//! The calls of [`ReformGraph`] on the whole store (imports, changesets, the
//! administrator's keys, the access policy, facts and checks), emitted from the
//! declarations both bindings share (`reformgraph_records::store_operations!`): the same
//! arguments and defaults as Python's methods of the same names. Also the [`Registry`]
//! object an import may name its organisations and areas with.

use std::path::PathBuf;
use std::sync::Arc;

use reformgraph::import;
use reformgraph_records::Cross;

use crate::error::{ReformGraphError, Result};
use crate::keys::SecretKey;
use crate::read_ops::ffi_answer_methods;
use crate::record_ops::FfiArg;
// The declarations call each binding's event record `Event`; Kotlin/Swift's is `EventRow`.
use crate::{
    ApplyReport, EventRow as Event, ImportReport, LedgerImport, Problem, ReformGraph, StoreInfo,
};

/// Who is who in a plan: the organisations (names, aliases, kinds) and areas an import
/// recognises. Pass one to `importText` / `importFile` for a plan of another province.
#[derive(Debug, uniffi::Object)]
pub struct Registry {
    inner: import::Registry,
}

#[uniffi::export]
impl Registry {
    /// Shanxi's registry (the default of every import).
    ///
    /// # Errors
    /// `Import` if the bundled tables are damaged (never in a release build).
    #[uniffi::constructor]
    pub fn shanxi() -> Result<Arc<Self>> {
        Ok(Arc::new(Self {
            inner: import::Registry::shanxi()?,
        }))
    }

    /// An empty registry: organisations are registered as they appear, no area is
    /// recognised.
    #[uniffi::constructor]
    pub fn empty() -> Arc<Self> {
        Arc::new(Self {
            inner: import::Registry::empty(),
        })
    }

    /// A registry from two tab-separated texts: `name<TAB>kind<TAB>aliases` for
    /// organisations and `name<TAB>level<TAB>parent<TAB>aliases` for areas (aliases
    /// separated by `|`).
    ///
    /// # Errors
    /// `Import` with the line of a malformed row.
    #[uniffi::constructor]
    pub fn from_tsv(organizations: String, areas: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Self {
            inner: import::Registry::from_tsv(&organizations, &areas)?,
        }))
    }

    /// Organisations known.
    pub fn organization_count(&self) -> u32 {
        u32::try_from(self.inner.organizations().len()).unwrap_or(u32::MAX)
    }

    /// Areas known.
    pub fn area_count(&self) -> u32 {
        u32::try_from(self.inner.areas().len()).unwrap_or(u32::MAX)
    }
}

impl FfiArg for import::Registry {
    type Wire = Arc<Registry>;
    fn core(wire: Arc<Registry>) -> Result<Self> {
        Ok(wire.inner.clone())
    }
}

impl FfiArg for reformgraph::track::SecretKey {
    type Wire = Arc<SecretKey>;
    fn core(wire: Arc<SecretKey>) -> Result<Self> {
        Ok(wire.inner.clone())
    }
}

/// A public key as its text, `ed25519:` and 64 hex digits.
impl FfiArg for reformgraph::PublicKey {
    type Wire = String;
    fn core(wire: String) -> Result<Self> {
        wire.parse()
            .map_err(|e: reformgraph::HexError| ReformGraphError::Invalid {
                message: e.to_string(),
            })
    }
}

/// A path as the platform gives it (a `File`'s path, a URL's path).
impl FfiArg for PathBuf {
    type Wire = String;
    fn core(wire: String) -> Result<Self> {
        Ok(PathBuf::from(wire))
    }
}

reformgraph_records::store_operations!(ffi_answer_methods);
