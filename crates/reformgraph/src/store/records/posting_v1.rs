//! Schema 1's full-text posting (format byte 1): the value of `fts_postings`, one entry per
//! term and document. Schema 2 replaced the table by posting blocks; only the upgrade still
//! reads this. Frozen.

use serde::Deserialize;

/// A schema-1 posting: the document's length and the term's positions in it.
#[derive(Debug, Deserialize)]
pub(crate) struct PostingV1 {
    pub(crate) doc_len: u32,
    pub(crate) positions: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::super::super::codec;
    use super::*;

    /// The bytes schema 1 wrote for a posting (pinned by its golden test until schema 2),
    /// still decoded by the upgrade.
    #[test]
    fn a_schema_1_posting_still_decodes() {
        let bytes = [0x01, 0x78, 0x03, 0x03, 0x11, 0x28];
        let p: PostingV1 = codec::decode(&bytes, "fts_postings", String::new)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!((p.doc_len, p.positions), (120, vec![3, 17, 40]));
    }
}
