//! The one place where values become bytes and back.
//!
//! Every record is `[format version byte][bincode 2.0.1, standard config, serde]`. bincode is
//! frozen (RUSTSEC-2025-0141: unmaintained) and pinned exactly; it never leaks past this
//! module, and golden-bytes tests pin what it writes. A new record layout gets a new format
//! byte and a decoder branch here; old branches stay so old files stay readable.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Format byte of the first (current) record layout.
pub(crate) const FORMAT_V1: u8 = 1;

/// Largest record the decoder will allocate for. Protects against a corrupt length prefix
/// asking for gigabytes.
const DECODE_LIMIT: usize = 64 << 20;

/// Encodes a record with the current format byte.
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut out = vec![FORMAT_V1];
    bincode::serde::encode_into_std_write(value, &mut out, bincode::config::standard()).map_err(
        |e| Error::Invalid {
            what: "record".into(),
            reason: format!("cannot be encoded: {e}"),
        },
    )?;
    Ok(out)
}

/// Decodes a record written by [`encode`]. `table` and `key` only label the error.
pub(crate) fn decode<T: DeserializeOwned>(
    bytes: &[u8],
    table: &'static str,
    key: impl FnOnce() -> String,
) -> Result<T> {
    let corrupt = |key: String, reason: String| Error::Corrupt { table, key, reason };
    let Some((&format, body)) = bytes.split_first() else {
        return Err(corrupt(key(), "empty record".into()));
    };
    match format {
        FORMAT_V1 => {
            let config = bincode::config::standard().with_limit::<DECODE_LIMIT>();
            match bincode::serde::decode_from_slice::<T, _>(body, config) {
                Ok((value, read)) if read == body.len() => Ok(value),
                Ok((_, read)) => Err(corrupt(
                    key(),
                    format!("{} trailing bytes after the record", body.len() - read),
                )),
                Err(e) => Err(corrupt(key(), format!("undecodable: {e}"))),
            }
        }
        other => Err(corrupt(
            key(),
            format!(
                "unknown record format {other} (this build knows {FORMAT_V1}); upgrade reformgraph"
            ),
        )),
    }
}

/// Ids (sorted) as gaps from the first, the compact form of the block records: bincode's
/// varints keep a small gap to a byte or two. The first gap is 0.
pub(crate) fn gaps(ids: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut previous = None;
    ids.into_iter()
        .map(|id| {
            // Sorted by contract; saturating so an unsorted caller cannot panic the store.
            let gap = previous.map_or(0, |p| id.saturating_sub(p));
            previous = Some(id);
            gap
        })
        .collect()
}
