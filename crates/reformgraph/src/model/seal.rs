//! What makes an event signed: the signer's public key, an Ed25519 signature, and the hash
//! of the signer's previous event (each signer's events form a chain). Plain bytes here;
//! signing, checking and hashing live in `track::keys`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Text that is not the hex form of the bytes expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: {text:?} is not {len} bytes of hex{hint}")]
pub struct HexError {
    what: &'static str,
    text: String,
    len: usize,
    hint: &'static str,
}

fn parse_hex<const N: usize>(
    what: &'static str,
    text: &str,
    prefix: &str,
) -> Result<[u8; N], HexError> {
    let err = || HexError {
        what,
        text: text.chars().take(80).collect(),
        len: N,
        hint: if prefix.is_empty() {
            ""
        } else {
            " (the form is ed25519:<64 hex digits>)"
        },
    };
    let hex = text.trim();
    let hex = hex.strip_prefix(prefix).unwrap_or(hex);
    if hex.len() != 2 * N || !hex.is_ascii() {
        return Err(err());
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| err())?;
    }
    Ok(out)
}

fn write_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    bytes.iter().try_for_each(|b| write!(f, "{b:02x}"))
}

/// A fixed-size byte string shown as hex (with a prefix for keys), serialised as text in
/// JSON and as bytes elsewhere.
macro_rules! hex_bytes {
    ($(#[$meta:meta])* $name:ident, $len:literal, $what:literal, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub [u8; $len]);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($prefix)?;
                write_hex(f, &self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({self})", stringify!($name))
            }
        }

        impl FromStr for $name {
            type Err = HexError;
            fn from_str(s: &str) -> Result<Self, HexError> {
                parse_hex::<$len>($what, s, $prefix).map($name)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if s.is_human_readable() {
                    s.collect_str(self)
                } else {
                    s.serialize_bytes(&self.0)
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                if d.is_human_readable() {
                    let text = String::deserialize(d)?;
                    text.parse().map_err(serde::de::Error::custom)
                } else {
                    let bytes = <Vec<u8>>::deserialize(d)?;
                    <[u8; $len]>::try_from(bytes.as_slice())
                        .map($name)
                        .map_err(|_| serde::de::Error::invalid_length(bytes.len(), &$what))
                }
            }
        }
    };
}

hex_bytes!(
    /// An Ed25519 public key: who signed. Shown as `ed25519:` and 64 hex digits.
    PublicKey, 32, "an Ed25519 public key", "ed25519:"
);

hex_bytes!(
    /// An Ed25519 signature (64 bytes, hex).
    Signature, 64, "an Ed25519 signature", ""
);

hex_bytes!(
    /// The SHA-256 hash of a signed event (its signed bytes and signature), hex.
    EventHash, 32, "an event hash", ""
);

/// The signature on an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    /// Who signed: the key the signature checks against.
    pub signer: PublicKey,
    /// The hash of the signer's previous event; none for the signer's first.
    pub prev: Option<EventHash>,
    /// The signature over the event's signed bytes (every field but this one).
    pub signature: Signature,
}
