//! Keys and grants for apps (issue 15): a [`SecretKey`] object (the seed comes from and goes
//! to the platform keystore), and the reads of the administrator key, the access policy and
//! the grants. The administrator's calls and the policy's switches are store operations
//! declared with Python's (`store_ops.rs`). Each call is the core's; nothing here decides.

use std::sync::Arc;

use reformgraph::track;

use crate::ReformGraph;
use crate::error::{ReformGraphError, Result};

/// A secret Ed25519 signing key. Pass it as `Provenance.signer` in a database with an
/// administrator key; the person and organisation recorded are then its certificate's.
/// Keep its seed (`toBytes`) in the Android Keystore or the iOS Keychain.
#[derive(uniffi::Object)]
pub struct SecretKey {
    pub(crate) inner: track::SecretKey,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl PartialEq for SecretKey {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl Eq for SecretKey {}

#[uniffi::export]
impl SecretKey {
    /// A new key from the operating system's random source.
    ///
    /// # Errors
    /// `Invalid` if the system has no random source.
    #[uniffi::constructor]
    pub fn generate() -> Result<Arc<Self>> {
        Ok(Arc::new(Self {
            inner: track::SecretKey::generate()?,
        }))
    }

    /// The key with this 32-byte seed.
    ///
    /// # Errors
    /// `Invalid` if the seed is not 32 bytes.
    #[uniffi::constructor]
    pub fn from_bytes(seed: Vec<u8>) -> Result<Arc<Self>> {
        let seed: [u8; 32] = seed
            .as_slice()
            .try_into()
            .map_err(|_| ReformGraphError::Invalid {
                message: format!("a key seed is 32 bytes, not {}", seed.len()),
            })?;
        Ok(Arc::new(Self {
            inner: track::SecretKey::from_bytes(seed),
        }))
    }

    /// The public key (`ed25519:` and 64 hex digits): what the administrator certifies.
    pub fn public_key(&self) -> String {
        self.inner.public().to_string()
    }

    /// The 32-byte seed, for the platform keystore.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes().to_vec()
    }
}

/// An organisation's grant to record on a scope.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Grant {
    /// The organisation's key.
    pub organization: String,
    /// The scope's key (a plan, section, task, area, indicator or portfolio).
    pub scope: String,
}

#[uniffi::export]
impl ReformGraph {
    /// The administrator's public key, if the database has one (then every change must be
    /// signed).
    ///
    /// # Errors
    /// Storage errors.
    pub fn admin_key(&self) -> Result<Option<String>> {
        use reformgraph::GraphRead;
        Ok(self.handle.read(|s| s.admin_key())?.map(|k| k.to_string()))
    }

    /// Whether the access policy is on.
    ///
    /// # Errors
    /// Storage errors.
    pub fn access_enforced(&self) -> Result<bool> {
        Ok(self.handle.store()?.access_enforced()?)
    }

    /// Every grant, sorted.
    ///
    /// # Errors
    /// Storage errors.
    pub fn grants(&self) -> Result<Vec<Grant>> {
        Ok(self
            .handle
            .read(track::grants)?
            .into_iter()
            .map(|(organization, scope)| Grant {
                organization,
                scope,
            })
            .collect())
    }
}
