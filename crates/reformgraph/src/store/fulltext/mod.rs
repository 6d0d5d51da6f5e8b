//! The full-text index, maintained by the store in the same transaction as the data.
//!
//! Each searchable node is a document (its [`NodeData::search_text`]). A document is indexed
//! as term occurrences at character positions, from three sources:
//! - jieba-rs words (search mode, default dictionary) of two or more characters;
//! - every CJK character bigram, so any substring of two or more characters can be found
//!   even when jieba would not cut there (煤层 inside 煤层气);
//! - every organisation, area or indicator name of the store found in the text, so that
//!   省人力资源社会保障厅 is one term whatever jieba makes of it.
//!
//! ASCII is indexed as lower-case alphanumeric runs (`pm2.5`, `co2`); full-width forms are
//! folded to ASCII first. The jieba dictionary (about 125 ms and 36 MB to load) is loaded
//! only when a document is indexed, never to search: queries are segmented against the
//! index's own term table.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use jieba_rs::Jieba;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use super::codec;
use super::read::{GraphRead, sealed::RawTables, storage};
use super::write::WriteTx;
use crate::error::Result;
use crate::model::NodeId;

mod check;
mod maintain;
mod postings;
mod tokenize;

pub(crate) use check::check;
pub(crate) use postings::*;
pub(crate) use tokenize::*;

/// Stats key of the sum of all document lengths.
pub(crate) const STAT_TOTAL_LEN: &str = "total_len";

/// The longest term looked up when segmenting a query, in characters.
pub(crate) const MAX_TERM_CHARS: usize = 24;

/// Per-document record in `fts_docs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FtsDoc {
    /// Number of term occurrences.
    pub(crate) len: u32,
    /// FNV-1a hash of the indexed text: `verify` compares it with the node's text.
    pub(crate) hash: u64,
}
