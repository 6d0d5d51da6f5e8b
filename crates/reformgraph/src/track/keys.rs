//! Keys, signatures and certificates: what makes access hold.
//!
//! A store with an administrator key ([`set_admin_key`]) accepts only signed events. Each
//! actor holds a [`SecretKey`] (kept in a key file outside the database, or in the
//! platform keystore on a phone); the administrator certifies keys ([`certify`]: this key
//! is 张三 of `org/省环保厅`, from a date, perhaps until one) and revokes them
//! ([`revoke_key`]). Both are events signed by the administrator, so they travel in
//! changesets like any other. An event's organisation is its signer's certificate's, not
//! what the caller says; the access policy then decides what that organisation may change.
//!
//! Each signer's events form a chain: a signed event carries the hash of the same signer's
//! previous event, so `verify_state` notices an event removed from the middle of a chain
//! or altered anywhere (see `docs/reliability.md` for what it cannot notice).

use std::path::Path;

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{Change, Date, Event, EventHash, PublicKey, Seal, Signature};
use crate::store::{GraphRead, Store, WriteTx};

/// A secret signing key. Its `Debug` shows only the public key; the secret bytes leave it
/// only through [`SecretKey::to_text`] (for a key file) and are wiped when it is dropped.
#[derive(Clone)]
pub struct SecretKey(SigningKey);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretKey({})", self.public())
    }
}

impl PartialEq for SecretKey {
    fn eq(&self, other: &Self) -> bool {
        self.public() == other.public()
    }
}

/// The prefix of a secret key in a key file.
const SECRET_PREFIX: &str = "ed25519-secret:";

impl SecretKey {
    /// A new key from the operating system's random source.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the system has no random source.
    ///
    /// ```
    /// use reformgraph::track::SecretKey;
    /// let a = SecretKey::generate()?;
    /// assert_ne!(a.public(), SecretKey::generate()?.public());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn generate() -> Result<Self> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| Error::invalid("key", format!("no random source to make one: {e}")))?;
        Ok(Self::from_bytes(seed))
    }

    /// The key with this 32-byte seed (from a platform keystore).
    pub fn from_bytes(seed: [u8; 32]) -> Self {
        Self(SigningKey::from_bytes(&seed))
    }

    /// The 32-byte seed, to keep in a platform keystore.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The public key: what others see and the administrator certifies.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key().to_bytes())
    }

    /// The key as a key file holds it: `ed25519-secret:` and 64 hex digits, then the
    /// public key on a second line (for people; it is not read back).
    pub fn to_text(&self) -> String {
        let hex: String = self.to_bytes().iter().map(|b| format!("{b:02x}")).collect();
        format!("{SECRET_PREFIX}{hex}\npublic {}\n", self.public())
    }

    /// Reads the text [`SecretKey::to_text`] writes.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the first line is not a secret key.
    ///
    /// ```
    /// use reformgraph::track::SecretKey;
    /// let key = SecretKey::generate()?;
    /// assert_eq!(SecretKey::from_text(&key.to_text())?, key);
    /// assert!(SecretKey::from_text("ed25519-secret:00").is_err());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn from_text(text: &str) -> Result<Self> {
        let line = text.lines().next().unwrap_or_default().trim();
        let bad = || {
            Error::invalid(
                "key file",
                format!("the first line is not {SECRET_PREFIX}<64 hex digits>"),
            )
        };
        let hex = line.strip_prefix(SECRET_PREFIX).ok_or_else(bad)?;
        // The seed has the shape of a public key's bytes: reuse its parser.
        let seed: PublicKey = hex.parse().map_err(|_| bad())?;
        Ok(Self::from_bytes(seed.0))
    }

    /// Reads a key file.
    ///
    /// # Errors
    /// [`Error::Io`] if it cannot be read; [`Error::Invalid`] if it holds no key.
    pub fn read_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::from_text(&text)
    }

    /// Writes a new key file, readable by its owner only (on Unix); an existing file is
    /// never overwritten.
    ///
    /// # Errors
    /// [`Error::Io`] if the file exists or cannot be written.
    pub fn write_file(&self, path: &Path) -> Result<()> {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let io = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let mut file = options.open(path).map_err(io)?;
        file.write_all(self.to_text().as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)
    }

    /// Signs `event` as the next event of this key's chain (after `prev`).
    pub(crate) fn seal(&self, event: &Event, prev: Option<EventHash>) -> Result<Seal> {
        let signer = self.public();
        let bytes = crate::store::signed_bytes(event, &signer, prev.as_ref())?;
        Ok(Seal {
            signer,
            prev,
            signature: Signature(self.0.sign(&bytes).to_bytes()),
        })
    }
}

/// Whether the event's seal is a valid signature by its signer over the event as it is.
///
/// # Errors
/// [`Error::AccessDenied`] if it is unsigned or the signature does not check.
pub fn check_seal(event: &Event) -> Result<()> {
    let denied = |reason: &str| Error::AccessDenied {
        actor: event.actor.person.clone(),
        subject: event.subject.clone(),
        reason: reason.to_owned(),
    };
    let seal = event
        .seal
        .ok_or_else(|| denied("the event is not signed"))?;
    let key = VerifyingKey::from_bytes(&seal.signer.0)
        .map_err(|_| denied("its signer is not a valid Ed25519 key"))?;
    let bytes = crate::store::signed_bytes(event, &seal.signer, seal.prev.as_ref())?;
    let signature = ed25519_dalek::Signature::from_bytes(&seal.signature.0);
    key.verify(&bytes, &signature)
        .map_err(|_| denied("its signature does not match its content: it was altered or forged"))
}

/// The hash a signed event is chained by (none for an unsigned event).
///
/// # Errors
/// Encoding errors.
pub fn event_hash(event: &Event) -> Result<Option<EventHash>> {
    let Some(seal) = event.seal else {
        return Ok(None);
    };
    let mut hasher = Sha256::new();
    hasher.update(crate::store::signed_bytes(
        event,
        &seal.signer,
        seal.prev.as_ref(),
    )?);
    hasher.update(seal.signature.0);
    Ok(Some(EventHash(hasher.finalize().into())))
}

/// What the administrator certified a key for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The key.
    pub key: PublicKey,
    /// The person who holds it.
    pub person: String,
    /// Their organisation's key.
    pub organization: String,
    /// The first day it is valid (the certifying event's effective date).
    pub valid_from: Date,
    /// The last day it is valid, if it expires.
    pub valid_until: Option<Date>,
    /// When it was revoked (the revocation's recording time, ms since the epoch), if it was.
    pub revoked_at: Option<i64>,
    /// The revocation event, if it was revoked (its id orders events recorded in the same
    /// millisecond).
    pub revoked_by: Option<crate::model::EventId>,
}

impl Certificate {
    /// Whether the key may sign `event`: effective within the certificate's days, and
    /// recorded before any revocation. A revocation counts by recording time, so that it
    /// cannot be dodged by back-dating an event's effective date, and cannot reach back to
    /// events recorded before it.
    pub fn covers(&self, event: &Event) -> bool {
        event.effective >= self.valid_from
            && self.valid_until.is_none_or(|u| event.effective <= u)
            && match (self.revoked_at, self.revoked_by) {
                (Some(at), Some(id)) => (event.recorded_at, event.id) < (at, id),
                _ => true,
            }
    }

    /// Whether `event` was recorded at or after the revocation.
    fn revoked_for(&self, event: &Event) -> bool {
        match (self.revoked_at, self.revoked_by) {
            (Some(at), Some(id)) => (event.recorded_at, event.id) >= (at, id),
            _ => false,
        }
    }
}

/// The key's certificate as its history stands: the latest certification and any later
/// revocation (events the administrator signed; the doors admit no others).
///
/// # Errors
/// Storage or decoding errors.
pub fn certificate<R: GraphRead + ?Sized>(r: &R, key: &PublicKey) -> Result<Option<Certificate>> {
    let mut history = r.events_of(&key.to_string())?;
    super::state::sort(&mut history);
    let mut cert: Option<Certificate> = None;
    for e in history {
        match e.change {
            Change::KeyCertified {
                key,
                person,
                organization,
                valid_until,
            } => {
                cert = Some(Certificate {
                    key,
                    person,
                    organization,
                    valid_from: e.effective,
                    valid_until,
                    revoked_at: None,
                    revoked_by: None,
                });
            }
            Change::KeyRevoked { .. } => {
                if let Some(c) = &mut cert {
                    c.revoked_at = Some(e.recorded_at);
                    c.revoked_by = Some(e.id);
                }
            }
            _ => {}
        }
    }
    Ok(cert)
}

/// Every key the administrator certified, with its certificate as its history stands, in
/// key order.
///
/// # Errors
/// Storage or decoding errors.
pub fn certificates<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<Certificate>> {
    let mut keys = std::collections::BTreeSet::new();
    for (_, e) in r.events_after(0, usize::MAX)? {
        if let Change::KeyCertified { key, .. } = e.change {
            keys.insert(key);
        }
    }
    keys.iter()
        .filter_map(|k| certificate(r, k).transpose())
        .collect()
}

/// Gives the store its administrator key: from then on every event must be signed, by the
/// administrator (certifications) or by a key it certified. Events recorded or received
/// before stay valid (the store keeps the event-log position the key starts at). Setting the same key again is
/// harmless; replacing it is refused (a new administrator means a new plan file).
///
/// # Errors
/// [`Error::Invalid`] if the store has another administrator key.
///
/// ```
/// use reformgraph::{GraphRead, Store, track::{self, SecretKey}};
/// let store = Store::in_memory()?;
/// let admin = SecretKey::generate()?;
/// track::set_admin_key(&store, admin.public())?;
/// assert_eq!(store.read()?.admin_key()?, Some(admin.public()));
/// assert!(track::set_admin_key(&store, SecretKey::generate()?.public()).is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn set_admin_key(store: &Store, key: PublicKey) -> Result<()> {
    store.write(|tx| match tx.admin_key()? {
        Some(k) if k == key => Ok(()),
        Some(k) => Err(Error::invalid(
            "administrator key",
            format!("this store's administrator is {k}; it cannot be replaced"),
        )),
        None => tx.set_admin_key(key),
    })
}

/// Certifies `key` as `person` of `organization` (a key, name or alias) from `from` (today
/// when `None`) until `until`, signed by the administrator.
///
/// # Errors
/// As [`super::record`]: [`Error::AccessDenied`] if `admin` is not the store's
/// administrator key; [`Error::KeyNotFound`] for an unknown organisation.
///
/// ```
/// use reformgraph::{Store, import::bundled, track::{self, SecretKey}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let admin = SecretKey::generate()?;
/// track::set_admin_key(&store, admin.public())?;
/// let zhang = SecretKey::generate()?;
/// track::certify(&store, &admin, zhang.public(), "张三", "省环保厅", None, None)?;
/// let cert = track::certificate(&store.read()?, &zhang.public())?.unwrap();
/// assert_eq!(cert.organization, "org/省环保厅");
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn certify(
    store: &Store,
    admin: &SecretKey,
    key: PublicKey,
    person: &str,
    organization: &str,
    from: Option<Date>,
    until: Option<Date>,
) -> Result<Event> {
    let org = crate::query::resolve(
        &store.read()?,
        crate::model::NodeKind::Organization,
        organization,
    )?;
    let change = Change::KeyCertified {
        key,
        person: person.to_owned(),
        organization: org.key.to_string(),
        valid_until: until,
    };
    admin_event(store, admin, key, change, from)
}

/// Revokes `key` now, signed by the administrator: events the key signs from now on (by
/// recording time) are refused.
///
/// # Errors
/// As [`certify`].
pub fn revoke_key(store: &Store, admin: &SecretKey, key: PublicKey) -> Result<Event> {
    admin_event(store, admin, key, Change::KeyRevoked { key }, None)
}

fn admin_event(
    store: &Store,
    admin: &SecretKey,
    key: PublicKey,
    change: Change,
    from: Option<Date>,
) -> Result<Event> {
    let mut input =
        super::EventInput::new(key.to_string(), change, "administrator").signed_by(admin);
    if let Some(d) = from {
        input = input.effective(d);
    }
    super::record(store, input)
}

/// The slot that holds a signer's latest event (the head of its chain).
pub(super) fn head_slot(signer: &PublicKey) -> String {
    format!("chain/{signer}")
}

/// Signs an event being recorded, as the next of its signer's chain, in a store with an
/// administrator key; the event's person and organisation become the certificate's. In a
/// store without one, a signer (if any) signs all the same and nothing else changes.
pub(crate) fn sign_recorded(
    tx: &mut WriteTx<'_>,
    event: &mut Event,
    key: &SecretKey,
) -> Result<()> {
    let signer = key.public();
    if tx.admin_key()?.is_some() && !is_admin_change(&event.change) {
        let cert = valid_certificate(tx, event, &signer)?;
        // A refusal is the refusing device's own act: it takes the device's name, whoever
        // made the refused change.
        let refusal = matches!(event.change, Change::AccessRefused { .. });
        if let Some(org) = &event.actor.organization
            && *org != cert.organization
            && !refusal
        {
            return Err(denied(
                event,
                format!("this key is certified for {}, not {org}", cert.organization),
            ));
        }
        event.actor.person = cert.person;
        event.actor.organization = Some(cert.organization);
    }
    let prev = match tx.slot_winner(&head_slot(&signer))? {
        Some(id) => match tx.event(id)? {
            Some(e) => event_hash(&e)?,
            None => None,
        },
        None => None,
    };
    event.seal = Some(key.seal(event, prev)?);
    Ok(())
}

/// Moves the head of the event's signer's chain to it if it is the signer's latest
/// recorded event (both doors call this after appending a signed event).
pub(crate) fn advance_chain(tx: &mut WriteTx<'_>, event: &Event) -> Result<()> {
    let Some(seal) = event.seal else {
        return Ok(());
    };
    let slot = head_slot(&seal.signer);
    let later = match tx.slot_winner(&slot)? {
        Some(id) => match tx.event(id)? {
            Some(head) => (event.recorded_at, event.id) > (head.recorded_at, head.id),
            None => true,
        },
        None => true,
    };
    if later {
        tx.set_slot_winner(&slot, event.id)?;
    }
    Ok(())
}

pub(crate) fn is_admin_change(change: &Change) -> bool {
    matches!(
        change,
        Change::KeyCertified { .. }
            | Change::KeyRevoked { .. }
            | Change::AccessGranted { .. }
            | Change::GrantWithdrawn { .. }
            | Change::LeadsAssigned { .. }
    )
}

fn denied(event: &Event, reason: impl Into<String>) -> Error {
    Error::AccessDenied {
        actor: event.actor.person.clone(),
        subject: event.subject.clone(),
        reason: reason.into(),
    }
}

fn valid_certificate(tx: &WriteTx<'_>, event: &Event, signer: &PublicKey) -> Result<Certificate> {
    match certificate(tx, signer)? {
        Some(c) if c.covers(event) => Ok(c),
        Some(c) if c.revoked_for(event) => Err(denied(
            event,
            format!(
                "key {signer} ({} of {}) was revoked",
                c.person, c.organization
            ),
        )),
        Some(c) => Err(denied(
            event,
            format!(
                "key {signer} ({} of {}) is not valid on {}: ask the administrator to certify it again",
                c.person, c.organization, event.effective
            ),
        )),
        None => Err(denied(
            event,
            format!(
                "key {signer} is not certified: ask the plan's administrator to run `reformgraph key certify {signer} …`"
            ),
        )),
    }
}

/// The signature and certificate check every event passes at every door (record,
/// changeset apply, JSON load) in a store with an administrator key: signed, the signature
/// checks, the administrator signed certifications, and any other event is signed by a key
/// certified on its effective date for the person and organisation the event names.
///
/// # Errors
/// [`Error::AccessDenied`] saying which of these fails.
pub(crate) fn admit(tx: &WriteTx<'_>, event: &Event) -> Result<()> {
    let Some(admin) = tx.admin_key()? else {
        return Ok(());
    };
    check_seal(event)?;
    let signer = event.seal.map(|s| s.signer).unwrap_or(admin);
    if is_admin_change(&event.change) {
        return if signer == admin {
            Ok(())
        } else {
            Err(denied(
                event,
                "only the plan's administrator certifies and revokes keys, grants access and re-assigns leads",
            ))
        };
    }
    let cert = valid_certificate(tx, event, &signer)?;
    if event.actor.organization.as_deref() != Some(cert.organization.as_str())
        || event.actor.person != cert.person
    {
        return Err(denied(
            event,
            format!(
                "it claims {} of {}, but its key is certified for {} of {}",
                event.actor.person,
                event
                    .actor
                    .organization
                    .as_deref()
                    .unwrap_or("no organisation"),
                cert.person,
                cert.organization
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
            .collect()
    }

    /// RFC 8032, section 7.1, test 1 (the empty message).
    #[test]
    fn signatures_are_rfc_8032_ed25519() {
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&unhex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        ));
        let key = SecretKey::from_bytes(seed);
        assert_eq!(
            key.public().to_string(),
            "ed25519:d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        let want = unhex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        );
        assert_eq!(key.0.sign(b"").to_bytes().to_vec(), want);
    }

    #[test]
    fn a_key_file_never_shows_the_secret_in_debug_output() {
        let key = SecretKey::from_bytes([7; 32]);
        let shown = format!("{key:?}");
        assert!(shown.contains(&key.public().to_string()));
        assert!(!shown.contains("0707070707"));
        assert!(key.to_text().starts_with("ed25519-secret:0707"));
    }
}
