//! Frozen on-disk layouts of records whose public type has changed since they were first
//! written. A layout here never changes: it is the exact serde shape of the public type as
//! it was when its format byte was current, and it converts into today's type.
//!
//! | record | format 1 | format 2 |
//! | --- | --- | --- |
//! | node | [`node_v1::NodeRecordV1`] (schemas 1–2) | `NodeRecord` (schema 3 on: tasks with deadline kind, wording and leaders; organisations with a level; plans with retired task keys) |

pub(crate) mod node_v1;

use super::codec::{self, FORMAT_V1, FORMAT_V2};
use super::read::NodeRecord;
use crate::error::{Error, Result};

/// Encodes a node record in the current node layout (format 2).
pub(crate) fn encode_node(record: &NodeRecord) -> Result<Vec<u8>> {
    codec::encode_as(FORMAT_V2, record)
}

/// Decodes a node record of any layout this build knows.
pub(crate) fn decode_node(bytes: &[u8], key: impl FnOnce() -> String) -> Result<NodeRecord> {
    let Some((&format, body)) = bytes.split_first() else {
        return Err(Error::Corrupt {
            table: "nodes",
            key: key(),
            reason: "empty record".into(),
        });
    };
    match format {
        FORMAT_V1 => {
            codec::decode_body::<node_v1::NodeRecordV1>(body, "nodes", key).map(Into::into)
        }
        FORMAT_V2 => codec::decode_body::<NodeRecord>(body, "nodes", key),
        other => Err(Error::Corrupt {
            table: "nodes",
            key: key(),
            reason: format!(
                "unknown node record format {other} (this build knows {FORMAT_V1} and {FORMAT_V2}); upgrade reformgraph"
            ),
        }),
    }
}
