//! A plain copy of a store's graph (ids, kinds, keys, labels, searchable text, edges), read
//! through the public API, to load the same data into the comparison engines (raw redb,
//! SQLite) with the same node ids.

use reformgraph::{Direction, EdgeKind, GraphRead, NodeKind};

/// A node as the comparison engines store it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpNode {
    /// The reformgraph node id (the comparison engines use the same ids).
    pub id: u64,
    /// Kind tag (`NodeKind::tag`).
    pub kind: u8,
    /// Natural key.
    pub key: String,
    /// Title or name.
    pub label: String,
    /// The text reformgraph's full-text index holds for it (`NodeData::search_text`).
    pub text: String,
}

/// An edge as the comparison engines store it: reformgraph's adjacency key plus the
/// payload's attribute as an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DumpEdge {
    /// Start node id.
    pub from: u64,
    /// Label tag (`EdgeLabel::tag`).
    pub label: u8,
    /// End node id.
    pub to: u64,
    /// Identity part of the payload (the year of a selection; 0 otherwise).
    pub qualifier: u32,
    /// Attribute part of the payload: lead rank, child order, or 0.
    pub attr: u32,
}

/// Every node and edge of a store.
#[derive(Debug, Clone, Default)]
pub struct Dump {
    /// Nodes in kind, then id order.
    pub nodes: Vec<DumpNode>,
    /// Edges in `(from, label, to, qualifier)` order.
    pub edges: Vec<DumpEdge>,
}

/// The attribute of an edge payload as an integer.
pub fn attr(kind: EdgeKind) -> u32 {
    match kind {
        EdgeKind::Contains { order } => order,
        EdgeKind::Leads { rank } => u32::from(rank),
        EdgeKind::Selected { year } => u32::from(year),
        _ => 0,
    }
}

/// Reads every node and edge of `r`.
///
/// # Errors
/// Storage or decoding errors of the store.
pub fn dump<R: GraphRead + ?Sized>(r: &R) -> reformgraph::Result<Dump> {
    let mut out = Dump::default();
    for kind in NodeKind::ALL {
        for id in r.ids_of_kind(kind)? {
            let Some(node) = r.node(id)? else { continue };
            out.nodes.push(DumpNode {
                id: id.0,
                kind: kind.tag(),
                key: node.key.to_string(),
                label: node.data.label().to_owned(),
                text: node.data.search_text(),
            });
            for e in r.edges(id, None, Direction::Outgoing)? {
                out.edges.push(DumpEdge {
                    from: e.from.0,
                    label: e.kind.label().tag(),
                    to: e.to.0,
                    qualifier: e.kind.qualifier(),
                    attr: attr(e.kind),
                });
            }
        }
    }
    out.edges.sort_unstable();
    Ok(out)
}
