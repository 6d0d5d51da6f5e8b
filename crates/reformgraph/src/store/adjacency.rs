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
        Self {
            gaps: codec::gaps(entries.iter().map(|e| e.other)),
            qualifiers: entries.iter().map(|e| e.qualifier).collect(),
            attributes: entries.iter().map(|e| e.attribute).collect(),
        }
    }
}

/// Decodes a block and hands each edge kind and neighbour to `f`, in order, checking the
/// block as it goes: non-empty, at most [`ADJ_MAX`] entries, columns of one length,
/// starting at the key's neighbour and qualifier, strictly increasing, and every entry a
/// valid kind of the key's label. Returns the number of entries. (One pass: reading a
/// block is the inner loop of every graph query.)
#[inline]
pub(crate) fn for_each_checked(
    table: &'static str,
    key: AdjKey,
    bytes: &[u8],
    mut f: impl FnMut(EdgeKind, u64),
) -> Result<usize> {
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
    // For labels without payload every entry has the same kind.
    let plain = EdgeKind::from_parts(label, 0, 0).unwrap_or(EdgeKind::Mentions);
    let mut other = key.2;
    let mut previous_qualifier = 0;
    for (i, ((&gap, &qualifier), &attribute)) in block
        .gaps
        .iter()
        .zip(&block.qualifiers)
        .zip(&block.attributes)
        .enumerate()
    {
        // Entry i follows entry i - 1: a positive gap, or the same neighbour with a larger
        // qualifier; the first is the key's.
        let in_order = if i == 0 {
            gap == 0 && qualifier == key.3
        } else {
            gap > 0 || qualifier > previous_qualifier
        };
        if !in_order {
            return Err(corrupt("neighbours are not increasing from the key"));
        }
        other = other
            .checked_add(gap)
            .ok_or_else(|| corrupt("neighbours are not increasing from the key"))?;
        let kind = match (label, qualifier, attribute) {
            (EdgeLabel::Contains, 0, order) => EdgeKind::Contains { order },
            (EdgeLabel::Leads, 0, rank) if rank <= u32::from(u16::MAX) => EdgeKind::Leads {
                rank: u16::try_from(rank).unwrap_or(u16::MAX),
            },
            (EdgeLabel::Selected, year, 0) if year <= u32::from(u16::MAX) => EdgeKind::Selected {
                year: u16::try_from(year).unwrap_or(u16::MAX),
            },
            (EdgeLabel::Contains | EdgeLabel::Leads | EdgeLabel::Selected, _, _) => {
                return Err(corrupt("an entry is not a valid kind of its label"));
            }
            (_, 0, 0) => plain,
            _ => return Err(corrupt("an entry is not a valid kind of its label")),
        };
        f(kind, other);
        previous_qualifier = qualifier;
    }
    Ok(n)
}

/// Decodes and checks a block (see [`for_each_checked`]); returns its number of entries.
pub(crate) fn block_len(table: &'static str, key: AdjKey, bytes: &[u8]) -> Result<usize> {
    for_each_checked(table, key, bytes, |_, _| {})
}

/// Decodes a block into its entries (see [`for_each_checked`] for the checks).
pub(crate) fn decode_block(
    table: &'static str,
    key: AdjKey,
    bytes: &[u8],
) -> Result<Vec<AdjEntry>> {
    let mut out = Vec::new();
    for_each_checked(table, key, bytes, |kind, other| {
        out.push(AdjEntry {
            other,
            qualifier: kind.qualifier(),
            attribute: kind.attribute(),
        });
    })?;
    Ok(out)
}

/// The edge an entry of `node`'s block stands for.
#[inline]
pub(crate) fn edge_of(node: u64, kind: EdgeKind, other: u64, direction: Direction) -> Edge {
    match direction {
        Direction::Outgoing => Edge::new(NodeId(node), kind, NodeId(other)),
        Direction::Incoming => Edge::new(NodeId(other), kind, NodeId(node)),
    }
}

/// Decodes a block of `key.0`'s and appends its edges to `out`. Not generic, so the loop
/// is compiled (and inlined) here, whichever crate instantiates the generic [`scan`].
fn push_edges(
    name: &'static str,
    key: AdjKey,
    bytes: &[u8],
    direction: Direction,
    out: &mut Vec<Edge>,
) -> Result<()> {
    out.reserve(ADJ_TARGET);
    for_each_checked(name, key, bytes, |kind, other| {
        out.push(edge_of(key.0, kind, other, direction));
    })?;
    Ok(())
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
        push_edges(name, k.value(), v.value(), direction, &mut out)?;
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
