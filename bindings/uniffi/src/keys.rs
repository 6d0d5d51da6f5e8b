//! Keys, certificates and grants for apps (issue 15): a [`SecretKey`] object (the seed
//! comes from and goes to the platform keystore), the administrator's calls, and the access
//! policy. Each call is the core's; nothing here decides.

use std::sync::Arc;

use reformgraph::track;

use crate::ReformGraph;
use crate::error::{ReformGraphError, Result};
use crate::types::{Day, EventRow, date_of};

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

fn public_key(text: &str) -> Result<reformgraph::PublicKey> {
    text.parse()
        .map_err(|e: reformgraph::HexError| ReformGraphError::Invalid {
            message: e.to_string(),
        })
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
        Ok(self.store.read()?.admin_key()?.map(|k| k.to_string()))
    }

    /// Gives the database its administrator. Cannot be replaced.
    ///
    /// # Errors
    /// `Invalid` for a malformed key or another administrator already set.
    pub fn set_admin_key(&self, key: String) -> Result<()> {
        Ok(track::set_admin_key(&self.store, public_key(&key)?)?)
    }

    /// Certifies a public key as `person` of `organization` (key, name or alias), signed by
    /// `admin`.
    ///
    /// # Errors
    /// `AccessDenied` if `admin` is not the administrator; `KeyNotFound` for an unknown
    /// organisation.
    #[uniffi::method(default(valid_from = None, valid_until = None))]
    pub fn certify(
        &self,
        key: String,
        person: String,
        organization: String,
        admin: Arc<SecretKey>,
        valid_from: Option<Day>,
        valid_until: Option<Day>,
    ) -> Result<EventRow> {
        track::certify(
            &self.store,
            &admin.inner,
            public_key(&key)?,
            &person,
            &organization,
            date_of(valid_from)?,
            date_of(valid_until)?,
        )?
        .try_into()
    }

    /// Revokes a public key now, signed by `admin`.
    ///
    /// # Errors
    /// As [`ReformGraph::certify`].
    pub fn revoke_key(&self, key: String, admin: Arc<SecretKey>) -> Result<EventRow> {
        track::revoke_key(&self.store, &admin.inner, public_key(&key)?)?.try_into()
    }

    /// Whether the access policy is on.
    ///
    /// # Errors
    /// Storage errors.
    pub fn access_enforced(&self) -> Result<bool> {
        Ok(self.store.access_enforced()?)
    }

    /// Switches the access policy on or off.
    ///
    /// # Errors
    /// Storage errors.
    pub fn set_access_enforced(&self, on: bool) -> Result<()> {
        Ok(track::set_access_enforced(&self.store, on)?)
    }

    /// Lets an organisation record on a scope and everything in it; `admin` signs it (a
    /// database with an administrator key requires it).
    ///
    /// # Errors
    /// `KeyNotFound` for an unknown organisation or scope; `AccessDenied` without the
    /// administrator's key where one is required.
    #[uniffi::method(default(admin = None))]
    pub fn grant(
        &self,
        organization: String,
        scope: String,
        admin: Option<Arc<SecretKey>>,
    ) -> Result<()> {
        match admin {
            Some(k) => track::grant_as(&self.store, &k.inner, &organization, &scope)?,
            None => track::grant(&self.store, &organization, &scope)?,
        }
        Ok(())
    }

    /// Withdraws a grant; returns whether there was one.
    ///
    /// # Errors
    /// As [`ReformGraph::grant`].
    #[uniffi::method(default(admin = None))]
    pub fn revoke_grant(
        &self,
        organization: String,
        scope: String,
        admin: Option<Arc<SecretKey>>,
    ) -> Result<bool> {
        Ok(match admin {
            Some(k) => track::revoke_as(&self.store, &k.inner, &organization, &scope)?,
            None => track::revoke(&self.store, &organization, &scope)?,
        })
    }

    /// Every grant, sorted.
    ///
    /// # Errors
    /// Storage errors.
    pub fn grants(&self) -> Result<Vec<Grant>> {
        Ok(track::grants(&self.store.read()?)?
            .into_iter()
            .map(|(organization, scope)| Grant {
                organization,
                scope,
            })
            .collect())
    }
}
