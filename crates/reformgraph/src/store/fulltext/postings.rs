//! How the index is stored and read: document records, posting blocks, and the reads
//! over them (`FtsRead`).

use super::*;

pub(super) fn doc_key(id: u64) -> impl FnOnce() -> String {
    move || id.to_string()
}

pub(crate) fn decode_doc(id: u64, bytes: &[u8]) -> Result<FtsDoc> {
    codec::decode(bytes, "fts_docs", doc_key(id))
}

pub(crate) fn decode_terms(id: u64, bytes: &[u8]) -> Result<Vec<String>> {
    codec::decode(bytes, "fts_doc_terms", doc_key(id))
}

/// Documents per posting block a bulk write aims for.
pub(crate) const BLOCK_TARGET: usize = 128;
/// Most documents a stored block holds: a block that grows past it is split.
pub(crate) const BLOCK_MAX: usize = 2 * BLOCK_TARGET;

/// One posting: a term in a document, with what BM25 needs (so ranking reads nothing else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The document (node id).
    pub(crate) id: u64,
    /// Occurrences of the term in the document.
    pub(crate) tf: u32,
    /// Term occurrences in the document (BM25's document length).
    pub(crate) doc_len: u32,
}

/// The stored form of a block: column-wise, ids as gaps (the first gap is from the block's
/// key, so 0), which bincode's varints keep to a byte or two per document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PostingBlock {
    pub(crate) gaps: Vec<u64>,
    pub(crate) tf: Vec<u32>,
    pub(crate) doc_len: Vec<u32>,
}

impl PostingBlock {
    pub(crate) fn from_entries(entries: &[Entry]) -> Self {
        Self {
            gaps: codec::gaps(entries.iter().map(|e| e.id)),
            tf: entries.iter().map(|e| e.tf).collect(),
            doc_len: entries.iter().map(|e| e.doc_len).collect(),
        }
    }
}

/// Decodes the block of `term` stored under `first`, checking its shape: non-empty, at most
/// [`BLOCK_MAX`] documents, columns of one length, ids strictly increasing from `first`,
/// every frequency at least 1.
pub(crate) fn decode_block(term: &str, first: u64, bytes: &[u8]) -> Result<Vec<Entry>> {
    let key = || format!("({term}, {first})");
    let block: PostingBlock = codec::decode(bytes, "fts_blocks", key)?;
    let n = block.gaps.len();
    let corrupt = |reason: &str| crate::error::Error::Corrupt {
        table: "fts_blocks",
        key: key(),
        reason: reason.into(),
    };
    if n == 0 || n > BLOCK_MAX || block.tf.len() != n || block.doc_len.len() != n {
        return Err(corrupt(
            "a block's columns are empty, too long or of unequal length",
        ));
    }
    let mut out = Vec::with_capacity(n);
    let mut id = first;
    for (i, ((&gap, &tf), &doc_len)) in block
        .gaps
        .iter()
        .zip(&block.tf)
        .zip(&block.doc_len)
        .enumerate()
    {
        if (i == 0) != (gap == 0) || tf == 0 {
            return Err(corrupt(
                "ids are not increasing from the key, or a frequency is 0",
            ));
        }
        id = id.checked_add(gap).ok_or_else(|| corrupt("ids overflow"))?;
        out.push(Entry { id, tf, doc_len });
    }
    Ok(out)
}

/// Read access to the index, for the search module and `verify`.
pub(crate) trait FtsRead: RawTables {
    /// Number of documents containing `term`.
    fn fts_df(&self, term: &str) -> Result<u64> {
        super::super::guard::contain(self.damage(), "fts_df", || {
            Ok(self
                .fts_terms_table()?
                .get(term)
                .map_err(storage("reading the term table"))?
                .map_or(0, |g| g.value()))
        })
    }

    /// Every posting of a term, in document order.
    fn fts_postings(&self, term: &str) -> Result<Vec<Entry>> {
        super::super::guard::contain(self.damage(), "fts_postings", || {
            let mut out = Vec::new();
            let range = self
                .fts_postings_table()?
                .range((term, 0)..=(term, u64::MAX))
                .map_err(storage("reading postings"))?;
            for entry in range {
                let (k, v) = entry.map_err(storage("reading postings"))?;
                out.extend(decode_block(term, k.value().1, v.value())?);
            }
            Ok(out)
        })
    }

    /// The postings of `term` in the documents `ids` (sorted, distinct), `None` where the
    /// term does not occur. Seeks block by block, so a few documents in a long list cost a
    /// few block reads, not the list.
    fn fts_lookup(&self, term: &str, ids: &[u64]) -> Result<Vec<Option<Entry>>> {
        super::super::guard::contain(self.damage(), "fts_lookup", || {
            let mut out = Vec::with_capacity(ids.len());
            let mut block: Vec<Entry> = Vec::new();
            for &id in ids {
                let covered = block.first().is_some_and(|f| f.id <= id)
                    && block.last().is_some_and(|l| l.id >= id);
                if !covered {
                    block.clear();
                    let mut range = self
                        .fts_postings_table()?
                        .range((term, 0)..=(term, id))
                        .map_err(storage("reading postings"))?;
                    if let Some(entry) = range.next_back() {
                        let (k, v) = entry.map_err(storage("reading postings"))?;
                        block = decode_block(term, k.value().1, v.value())?;
                    }
                }
                out.push(
                    block
                        .binary_search_by_key(&id, |e| e.id)
                        .ok()
                        .and_then(|i| block.get(i).copied()),
                );
            }
            Ok(out)
        })
    }

    /// A document's record.
    fn fts_doc(&self, id: NodeId) -> Result<Option<FtsDoc>> {
        super::super::guard::contain(self.damage(), "fts_doc", || {
            self.fts_docs_table()?
                .get(id.0)
                .map_err(storage("reading a document record"))?
                .map(|g| decode_doc(id.0, g.value()))
                .transpose()
        })
    }

    /// A document's distinct terms, sorted.
    fn fts_doc_terms(&self, id: NodeId) -> Result<Vec<String>> {
        super::super::guard::contain(self.damage(), "fts_doc_terms", || {
            self.fts_doc_terms_table()?
                .get(id.0)
                .map_err(storage("reading document terms"))?
                .map(|g| decode_terms(id.0, g.value()))
                .transpose()
                .map(Option::unwrap_or_default)
        })
    }

    /// `(documents, total length)`.
    fn fts_stats(&self) -> Result<(u64, u64)> {
        super::super::guard::contain(self.damage(), "fts_stats", || {
            let docs = redb::ReadableTableMetadata::len(self.fts_docs_table()?)
                .map_err(storage("counting documents"))?;
            let total = self
                .fts_stats_table()?
                .get(STAT_TOTAL_LEN)
                .map_err(storage("reading index stats"))?
                .map_or(0, |g| g.value());
            Ok((docs, total))
        })
    }

    /// Terms that start with `prefix`, up to `limit`, in order.
    fn fts_terms_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        super::super::guard::contain(self.damage(), "fts_terms_with_prefix", || {
            let mut out = Vec::new();
            let range = self
                .fts_terms_table()?
                .range(prefix..)
                .map_err(storage("reading the term table"))?;
            for entry in range {
                let (k, _) = entry.map_err(storage("reading the term table"))?;
                let term = k.value();
                if !term.starts_with(prefix) || out.len() >= limit {
                    break;
                }
                out.push(term.to_owned());
            }
            Ok(out)
        })
    }
}

impl<T: RawTables + ?Sized> FtsRead for T {}
