//! Adjacency in blocks: a node's edges of one label, in both directions, kept as sorted
//! runs of up to [`ADJ_MAX`] neighbours per redb entry, so "what does X lead" is one short
//! range scan that decodes a few blocks instead of one B-tree entry per edge.
//!
//! A block's key is `(node, label, first other node, first qualifier)`; its value holds the
//! neighbours as id gaps, their qualifiers and attributes (see [`EdgeKind::attribute`]),
//! from which the edge kinds are rebuilt. `adj_out` is keyed by start node, `adj_in` by end
//! node; `verify` checks that they mirror each other.

use redb::{ReadableTable, Table};
use serde::{Deserialize, Serialize};

use super::codec;
use super::read::storage;
use super::tables::{AdjKey, EdgeBlockBytes};
use crate::error::{Error, Result};
use crate::model::{Direction, Edge, EdgeKind, EdgeLabel, NodeId};

/// Neighbours per block a split aims for.
pub(crate) const ADJ_TARGET: usize = 128;
/// Most neighbours a stored block holds: a block that grows past it is split.
pub(crate) const ADJ_MAX: usize = 2 * ADJ_TARGET;

/// One neighbour in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AdjEntry {
    pub(crate) other: u64,
    pub(crate) qualifier: u32,
    pub(crate) attribute: u32,
}

impl AdjEntry {
    fn order(&self) -> (u64, u32) {
        (self.other, self.qualifier)
    }
}

/// The stored form of a block, column-wise: neighbour ids as gaps (the first from the key,
/// so 0; 0 again when one neighbour has edges with several qualifiers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EdgeBlock {
    pub(crate) gaps: Vec<u64>,
    pub(crate) qualifiers: Vec<u32>,
    pub(crate) attributes: Vec<u32>,
}

impl EdgeBlock {
    pub(crate) fn from_entries(entries: &[AdjEntry]) -> Self {
        let mut prev = entries.first().map_or(0, |e| e.other);
        let mut gaps = Vec::with_capacity(entries.len());
        for e in entries {
            gaps.push(e.other - prev);
            prev = e.other;
        }
        Self {
            gaps,
            qualifiers: entries.iter().map(|e| e.qualifier).collect(),
            attributes: entries.iter().map(|e| e.attribute).collect(),
        }
    }
}

/// Decodes a block, checking its shape: non-empty, at most [`ADJ_MAX`] entries, columns
/// of one length, starting at the key's neighbour and qualifier, strictly increasing, and
/// every entry a valid kind of the key's label. The checks run column-wise (cheap,
/// branch-free loops), so [`edges_in_block`] has nothing left to check.
pub(crate) fn decode_checked(
    table: &'static str,
    key: AdjKey,
    bytes: &[u8],
) -> Result<(EdgeLabel, EdgeBlock)> {
    let block: EdgeBlock = codec::decode(bytes, table, || format!("{key:?}"))?;
    let corrupt = |reason: &str| Error::Corrupt {
        table,
        key: format!("{key:?}"),
        reason: reason.into(),
    };
    let n = block.gaps.len();
    if n == 0 || n > ADJ_MAX || block.qualifiers.len() != n || block.attributes.len() != n {
        return Err(corrupt(
            "a block's columns are empty, too long or of unequal length",
        ));
    }
    let label = EdgeLabel::from_tag(key.1).ok_or_else(|| corrupt("unknown label tag"))?;
    let (q, a) = (&block.qualifiers, &block.attributes);
    let kinds_fit = match label {
        EdgeLabel::Contains => q.iter().all(|&x| x == 0),
        EdgeLabel::Leads => {
            q.iter().all(|&x| x == 0) && a.iter().all(|&x| x <= u32::from(u16::MAX))
        }
        EdgeLabel::Selected => {
            a.iter().all(|&x| x == 0) && q.iter().all(|&x| x <= u32::from(u16::MAX))
        }
        _ => q.iter().all(|&x| x == 0) && a.iter().all(|&x| x == 0),
    };
    if !kinds_fit {
        return Err(corrupt("an entry is not a valid kind of its label"));
    }
    let first_ok = block.gaps.first() == Some(&0) && q.first() == Some(&key.3);
    // Entry i follows entry i - 1: a positive gap, or the same neighbour with a larger
    // qualifier.
    let increasing = block
        .gaps
        .iter()
        .skip(1)
        .zip(q.iter().zip(q.iter().skip(1)))
        .all(|(&gap, (&before, &after))| gap > 0 || after > before);
    let span = block
        .gaps
        .iter()
        .try_fold(key.2, |id, &gap| id.checked_add(gap));
    if !first_ok || !increasing || span.is_none() {
        return Err(corrupt("neighbours are not increasing from the key"));
    }
    Ok((label, block))
}

/// The `(kind, neighbour)` pairs of a block [`decode_checked`] accepted, in order.
pub(crate) fn edges_in_block(
    label: EdgeLabel,
    block: &EdgeBlock,
    first: u64,
) -> impl Iterator<Item = (EdgeKind, u64)> + '_ {
    // For labels without payload every entry has the same kind.
    let plain = EdgeKind::from_parts(label, 0, 0).unwrap_or(EdgeKind::Mentions);
    let mut other = first;
    block
        .gaps
        .iter()
        .zip(&block.qualifiers)
        .zip(&block.attributes)
        .map(move |((&gap, &qualifier), &attribute)| {
            // decode_checked made sure the sum of the gaps fits.
            other = other.saturating_add(gap);
            let kind = match label {
                EdgeLabel::Contains => EdgeKind::Contains { order: attribute },
                EdgeLabel::Leads => EdgeKind::Leads {
                    rank: u16::try_from(attribute).unwrap_or(u16::MAX),
                },
                EdgeLabel::Selected => EdgeKind::Selected {
                    year: u16::try_from(qualifier).unwrap_or(u16::MAX),
                },
                _ => plain,
            };
            (kind, other)
        })
}

/// Decodes and checks a block (see [`decode_checked`]); returns its number of entries.
pub(crate) fn block_len(table: &'static str, key: AdjKey, bytes: &[u8]) -> Result<usize> {
    decode_checked(table, key, bytes).map(|(_, b)| b.gaps.len())
}

/// Decodes a block into its entries (see [`decode_checked`] for the checks).
pub(crate) fn decode_block(
    table: &'static str,
    key: AdjKey,
    bytes: &[u8],
) -> Result<Vec<AdjEntry>> {
    let (label, block) = decode_checked(table, key, bytes)?;
    Ok(edges_in_block(label, &block, key.2)
        .map(|(kind, other)| AdjEntry {
            other,
            qualifier: kind.qualifier(),
            attribute: kind.attribute(),
        })
        .collect())
}

/// The edge an entry of `node`'s block stands for.
#[inline]
pub(crate) fn edge_of(node: u64, kind: EdgeKind, other: u64, direction: Direction) -> Edge {
    match direction {
        Direction::Outgoing => Edge::new(NodeId(node), kind, NodeId(other)),
        Direction::Incoming => Edge::new(NodeId(other), kind, NodeId(node)),
    }
}

/// Every edge of `node` with a label tag in `lo..=hi`, in key order, as seen from `node`
/// in `direction`.
pub(crate) fn scan<T: ReadableTable<AdjKey, EdgeBlockBytes>>(
    table: &T,
    name: &'static str,
    node: u64,
    (lo, hi): (u8, u8),
    direction: Direction,
) -> Result<Vec<Edge>> {
    let mut out = Vec::new();
    for entry in table
        .range((node, lo, 0, 0)..=(node, hi, u64::MAX, u32::MAX))
        .map_err(storage("scanning adjacency"))?
    {
        let (k, v) = entry.map_err(storage("scanning adjacency"))?;
        let key = k.value();
        let (label, block) = decode_checked(name, key, v.value())?;
        out.reserve(block.gaps.len());
        out.extend(
            edges_in_block(label, &block, key.2)
                .map(|(kind, other)| edge_of(node, kind, other, direction)),
        );
    }
    Ok(out)
}

/// The block of `(node, label)` where `(other, qualifier)` belongs: the last one starting at
/// or before it, else the first one (which then gains a smaller first entry).
fn block_for<T: ReadableTable<AdjKey, EdgeBlockBytes>>(
    table: &T,
    name: &'static str,
    node: u64,
    label: u8,
    at: (u64, u32),
    or_next: bool,
) -> Result<Option<(AdjKey, Vec<AdjEntry>)>> {
    let before = table
        .range((node, label, 0, 0)..=(node, label, at.0, at.1))
        .map_err(storage("reading adjacency"))?
        .next_back();
    let found = match before {
        Some(entry) => Some(entry.map_err(storage("reading adjacency"))?),
        None if or_next => table
            .range((node, label, at.0, at.1)..=(node, label, u64::MAX, u32::MAX))
            .map_err(storage("reading adjacency"))?
            .next()
            .transpose()
            .map_err(storage("reading adjacency"))?,
        None => None,
    };
    found
        .map(|(k, v)| {
            let key = k.value();
            decode_block(name, key, v.value()).map(|entries| (key, entries))
        })
        .transpose()
}

/// The entry for `(other, qualifier)` in `(node, label)`'s blocks, if present.
pub(crate) fn find<T: ReadableTable<AdjKey, EdgeBlockBytes>>(
    table: &T,
    name: &'static str,
    node: u64,
    label: u8,
    at: (u64, u32),
) -> Result<Option<AdjEntry>> {
    Ok(
        block_for(table, name, node, label, at, false)?.and_then(|(_, entries)| {
            entries
                .binary_search_by_key(&at, AdjEntry::order)
                .ok()
                .and_then(|i| entries.get(i).copied())
        }),
    )
}

/// Writes `entries` (sorted, non-empty or nothing) of `(node, label)` as blocks keyed by
/// their first entries: one block, or blocks of [`ADJ_TARGET`] if they exceed [`ADJ_MAX`].
pub(crate) fn write_blocks(
    table: &mut Table<'_, AdjKey, EdgeBlockBytes>,
    node: u64,
    label: u8,
    entries: &[AdjEntry],
) -> Result<()> {
    let chunk = if entries.len() > ADJ_MAX {
        ADJ_TARGET
    } else {
        ADJ_MAX
    };
    for part in entries.chunks(chunk) {
        let Some(first) = part.first() else { continue };
        let bytes = codec::encode(&EdgeBlock::from_entries(part))?;
        table
            .insert(
                (node, label, first.other, first.qualifier),
                bytes.as_slice(),
            )
            .map_err(storage("writing adjacency"))?;
    }
    Ok(())
}

/// Inserts or replaces `(node, label)`'s entry for `e.other`/`e.qualifier`. Returns the
/// previous attribute, if the entry existed.
pub(crate) fn put(
    table: &mut Table<'_, AdjKey, EdgeBlockBytes>,
    name: &'static str,
    node: u64,
    label: u8,
    e: AdjEntry,
) -> Result<Option<u32>> {
    let (old_key, mut entries) = match block_for(&*table, name, node, label, e.order(), true)? {
        Some((key, entries)) => (Some(key), entries),
        None => (None, Vec::new()),
    };
    let previous = match entries.binary_search_by_key(&e.order(), AdjEntry::order) {
        Ok(i) => {
            let slot = entries.get_mut(i);
            let previous = slot.as_ref().map(|s| s.attribute);
            if previous == Some(e.attribute) {
                return Ok(previous);
            }
            if let Some(slot) = slot {
                *slot = e;
            }
            previous
        }
        Err(i) => {
            entries.insert(i, e);
            None
        }
    };
    if let Some(key) = old_key {
        table.remove(key).map_err(storage("writing adjacency"))?;
    }
    write_blocks(table, node, label, &entries)?;
    Ok(previous)
}

/// Removes `(node, label)`'s entry for `at`. Returns whether it existed.
pub(crate) fn remove(
    table: &mut Table<'_, AdjKey, EdgeBlockBytes>,
    name: &'static str,
    node: u64,
    label: u8,
    at: (u64, u32),
) -> Result<bool> {
    let Some((key, mut entries)) = block_for(&*table, name, node, label, at, false)? else {
        return Ok(false);
    };
    let Ok(i) = entries.binary_search_by_key(&at, AdjEntry::order) else {
        return Ok(false);
    };
    entries.remove(i);
    table.remove(key).map_err(storage("writing adjacency"))?;
    write_blocks(table, node, label, &entries)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(gaps: &[u64], qualifiers: &[u32], attributes: &[u32]) -> Vec<u8> {
        codec::encode(&EdgeBlock {
            gaps: gaps.to_vec(),
            qualifiers: qualifiers.to_vec(),
            attributes: attributes.to_vec(),
        })
        .unwrap_or_default()
    }

    #[test]
    fn a_well_formed_block_decodes_to_its_edges() {
        let leads = EdgeLabel::Leads.tag();
        let b = bytes(&[0, 3, 1], &[0, 0, 0], &[1, 2, 1]);
        let entries = decode_block("adj_out", (9, leads, 40, 0), &b).unwrap_or_default();
        let others: Vec<u64> = entries.iter().map(|e| e.other).collect();
        assert_eq!(others, [40, 43, 44]);
        let years = bytes(&[0, 0], &[2014, 2015], &[0, 0]);
        let selected = EdgeLabel::Selected.tag();
        assert_eq!(
            decode_block("adj_out", (9, selected, 40, 2014), &years).map_or(0, |e| e.len()),
            2
        );
    }

    #[test]
    fn malformed_blocks_are_corruption_not_edges() {
        let leads = EdgeLabel::Leads.tag();
        let mentions = EdgeLabel::Mentions.tag();
        let selected = EdgeLabel::Selected.tag();
        let cases = [
            // The first entry is not the key's.
            ((9, selected, 40, 2014), bytes(&[0], &[2015], &[0])),
            ((9, leads, 40, 0), bytes(&[1, 3], &[0, 0], &[1, 1])),
            // Not increasing: the same neighbour and qualifier twice.
            ((9, leads, 40, 0), bytes(&[0, 0], &[0, 0], &[1, 1])),
            // Columns of different lengths; empty.
            ((9, leads, 40, 0), bytes(&[0, 3], &[0], &[1, 1])),
            ((9, leads, 40, 0), bytes(&[], &[], &[])),
            // A rank past u16, a qualifier on a label without one, an attribute on Mentions.
            ((9, leads, 40, 0), bytes(&[0], &[0], &[70_000])),
            ((9, leads, 40, 7), bytes(&[0], &[7], &[1])),
            ((9, mentions, 40, 0), bytes(&[0], &[0], &[1])),
            // Unknown label; ids past u64.
            ((9, 200, 40, 0), bytes(&[0], &[0], &[0])),
            ((9, mentions, u64::MAX, 0), bytes(&[0, 1], &[0, 0], &[0, 0])),
        ];
        for (key, b) in cases {
            assert!(
                matches!(decode_block("adj_out", key, &b), Err(Error::Corrupt { .. })),
                "{key:?} decoded"
            );
        }
    }
}
