//! Nodes and edges as a front-end lists them: every node of a kind, the edges at a node
//! with the node at the other end, the whole graph for a graph library (networkx).

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::model::{Direction, EdgeKind, EdgeLabel, Node, NodeKind};
use crate::store::GraphRead;

/// An edge with its ends named by natural key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyedEdge {
    /// The key of the node it starts at.
    pub source: String,
    /// Its label and payload.
    pub kind: EdgeKind,
    /// The key of the node it ends at.
    pub target: String,
}

/// Every node of `kind`, in id order.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{NodeKind, Store, import::bundled, query};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let plans = query::nodes_of_kind(&store.read()?, NodeKind::Plan)?;
/// assert_eq!(plans.len(), 1);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn nodes_of_kind<R: GraphRead + ?Sized>(r: &R, kind: NodeKind) -> Result<Vec<Node>> {
    let mut out = Vec::new();
    for id in r.ids_of_kind(kind)? {
        if let Some(n) = r.node(id)? {
            out.push(n);
        }
    }
    Ok(out)
}

/// The edges at the node `key` in each of `directions` in turn (only `label` when given),
/// each with the node at its other end.
///
/// # Errors
/// [`crate::Error::KeyNotFound`] for an unknown key; storage errors.
///
/// ```
/// use reformgraph::{Direction, EdgeLabel, Store, import::bundled, query};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let snap = store.read()?;
/// let led = query::edges_at(&snap, "org/省环保厅", Some(EdgeLabel::Leads), &[Direction::Outgoing])?;
/// assert!(led.iter().all(|(e, _)| e.source == "org/省环保厅"));
/// assert!(led.iter().any(|(e, _)| e.target == "shanxi-2013/reform/10"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn edges_at<R: GraphRead + ?Sized>(
    r: &R,
    key: &str,
    label: Option<EdgeLabel>,
    directions: &[Direction],
) -> Result<Vec<(KeyedEdge, Node)>> {
    let at = r.require(key)?;
    let mut out = Vec::new();
    for &d in directions {
        for (e, other) in r.neighbors(at.id, label, d)? {
            let (source, target) = match d {
                Direction::Outgoing => (at.key.to_string(), other.key.to_string()),
                Direction::Incoming => (other.key.to_string(), at.key.to_string()),
            };
            out.push((
                KeyedEdge {
                    source,
                    kind: e.kind,
                    target,
                },
                other,
            ));
        }
    }
    Ok(out)
}

/// Every node (kind by kind, in id order) and every edge between them.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{GraphRead, Store, import::bundled, query};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let snap = store.read()?;
/// let (nodes, edges) = query::whole_graph(&snap)?;
/// assert_eq!(nodes.len() as u64, snap.node_count()?);
/// assert_eq!(edges.len() as u64, snap.edge_count()?);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn whole_graph<R: GraphRead + ?Sized>(r: &R) -> Result<(Vec<Node>, Vec<KeyedEdge>)> {
    let mut nodes = Vec::new();
    for kind in NodeKind::ALL {
        nodes.extend(nodes_of_kind(r, kind)?);
    }
    let keys: HashMap<_, _> = nodes.iter().map(|n| (n.id, n.key.to_string())).collect();
    let mut edges = Vec::new();
    for n in &nodes {
        for e in r.edges(n.id, None, Direction::Outgoing)? {
            if let (Some(a), Some(b)) = (keys.get(&e.from), keys.get(&e.to)) {
                edges.push(KeyedEdge {
                    source: a.clone(),
                    kind: e.kind,
                    target: b.clone(),
                });
            }
        }
    }
    Ok((nodes, edges))
}
