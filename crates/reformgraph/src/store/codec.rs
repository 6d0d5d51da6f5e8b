//! The one place where values become bytes and back.
//!
//! Every record is `[format version byte][bincode 2.0.1, standard config, serde]`. bincode is
//! frozen (RUSTSEC-2025-0141: unmaintained) and pinned exactly; it never leaks past this
//! module, and golden-bytes tests pin what it writes. A new record layout gets a new format
//! byte and a decoder branch here; old branches stay so old files stay readable.
//!
//! Only [`StoredRecord`] types go through here: the frozen record types of `records` and a
//! few store-private blocks and primitives. A public model type does not implement it, so
//! it cannot be written by accident, and adding a field to one changes no stored byte.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::records::StoredRecord;
use crate::error::{Error, Result};

/// Format byte of the first record layout (every record but nodes still uses it).
pub(crate) const FORMAT_V1: u8 = 1;

/// Format byte of the second node layout (tasks with deadline kind, wording and leaders;
/// organisations with a level). Format-1 nodes decode through `records::node_v1`.
pub(crate) const FORMAT_V2: u8 = 2;

/// Largest record the decoder will allocate for. Protects against a corrupt length prefix
/// asking for gigabytes.
const DECODE_LIMIT: usize = 64 << 20;

/// Encodes a record with the current format byte.
pub(crate) fn encode<T: StoredRecord + Serialize>(value: &T) -> Result<Vec<u8>> {
    encode_as(FORMAT_V1, value)
}

/// Encodes a record behind the given format byte (for record kinds with several layouts).
pub(crate) fn encode_as<T: StoredRecord + Serialize>(format: u8, value: &T) -> Result<Vec<u8>> {
    let mut out = vec![format];
    bincode::serde::encode_into_std_write(value, &mut out, bincode::config::standard()).map_err(
        |e| Error::Invalid {
            what: "record".into(),
            reason: format!("cannot be encoded: {e}"),
        },
    )?;
    Ok(out)
}

/// Decodes a record written by [`encode`]. `table` and `key` only label the error.
pub(crate) fn decode<T: StoredRecord + DeserializeOwned>(
    bytes: &[u8],
    table: &'static str,
    key: impl FnOnce() -> String,
) -> Result<T> {
    let corrupt = |key: String, reason: String| Error::Corrupt { table, key, reason };
    let Some((&format, body)) = bytes.split_first() else {
        return Err(corrupt(key(), "empty record".into()));
    };
    match format {
        FORMAT_V1 => decode_body(body, table, key),
        other => Err(corrupt(
            key(),
            format!(
                "unknown record format {other} (this build knows {FORMAT_V1}); upgrade reformgraph"
            ),
        )),
    }
}

/// Decodes a record body (after its format byte), refusing trailing bytes.
pub(crate) fn decode_body<T: StoredRecord + DeserializeOwned>(
    body: &[u8],
    table: &'static str,
    key: impl FnOnce() -> String,
) -> Result<T> {
    let corrupt = |key: String, reason: String| Error::Corrupt { table, key, reason };
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
