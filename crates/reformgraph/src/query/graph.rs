//! Graph walks: k-hop neighbourhoods and shortest paths.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;

use crate::error::Result;
use crate::model::{Direction, Edge, EdgeLabel, NodeId, NodeKind};
use crate::store::GraphRead;

/// One step of a path or one node of a neighbourhood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// Natural key of the node reached.
    pub key: String,
    /// Its kind (its name in JSON: `task`, `organization` …).
    #[serde(serialize_with = "super::names::node_kind")]
    pub kind: NodeKind,
    /// Its label (title or name).
    pub label: String,
    /// Distance from the start.
    pub depth: u32,
    /// The edge label followed to reach it (`None` for the start; its name in JSON).
    #[serde(serialize_with = "super::names::edge_label")]
    pub via: Option<EdgeLabel>,
    /// Whether that edge was followed forwards or backwards (`outgoing` / `incoming` in JSON).
    #[serde(serialize_with = "super::names::direction")]
    pub direction: Option<Direction>,
    #[serde(skip)]
    /// The node id.
    pub id: NodeId,
}

fn steps<R: GraphRead + ?Sized>(
    r: &R,
    id: NodeId,
    labels: &[EdgeLabel],
) -> Result<Vec<(Edge, Direction)>> {
    let mut out = Vec::new();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        if labels.is_empty() {
            out.extend(r.edges(id, None, dir)?.into_iter().map(|e| (e, dir)));
        } else {
            for l in labels {
                out.extend(r.edges(id, Some(*l), dir)?.into_iter().map(|e| (e, dir)));
            }
        }
    }
    Ok(out)
}

fn hop<R: GraphRead + ?Sized>(
    r: &R,
    id: NodeId,
    depth: u32,
    via: Option<(Edge, Direction)>,
) -> Result<Option<Hop>> {
    let Some(node) = r.node(id)? else {
        return Ok(None);
    };
    Ok(Some(Hop {
        key: node.key.to_string(),
        kind: node.kind(),
        label: node.data.label().to_owned(),
        depth,
        via: via.map(|(e, _)| e.kind.label()),
        direction: via.map(|(_, d)| d),
        id,
    }))
}

/// Every node within `k` hops of `start`, following edges in both directions (only those
/// with one of `labels`, or all when empty), breadth first, the start included at depth 0.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{query, NodeId, Store};
/// let store = Store::in_memory()?;
/// assert!(query::neighborhood(&store.read()?, NodeId(1), 2, &[])?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn neighborhood<R: GraphRead + ?Sized>(
    r: &R,
    start: NodeId,
    k: u32,
    labels: &[EdgeLabel],
) -> Result<Vec<Hop>> {
    let Some(first) = hop(r, start, 0, None)? else {
        return Ok(Vec::new());
    };
    let mut out = vec![first];
    let mut seen = HashSet::from([start]);
    let mut frontier = vec![start];
    for depth in 1..=k {
        let mut next = Vec::new();
        for id in frontier {
            for (edge, dir) in steps(r, id, labels)? {
                let other = edge.other(dir);
                if seen.insert(other)
                    && let Some(h) = hop(r, other, depth, Some((edge, dir)))?
                {
                    out.push(h);
                    next.push(other);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    Ok(out)
}

/// What [`path_between`] follows and how far. The default is what every front-end uses when
/// the caller says nothing: every label but `contains` and `in_area` (through a section or
/// the province everything is a few hops apart; paths through shared work say more), at most
/// 8 edges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathOptions {
    /// Edge labels to follow; empty follows every label.
    pub labels: Vec<EdgeLabel>,
    /// Longest path looked for, in edges.
    pub max_depth: u32,
}

impl PathOptions {
    /// The default longest path, in edges.
    pub const DEFAULT_MAX_DEPTH: u32 = 8;

    /// Options from what a caller gave, the defaults for what it left out: `labels` by name
    /// (`None` → the default labels; an empty list follows every label).
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for an unknown label name.
    ///
    /// ```
    /// use reformgraph::query::PathOptions;
    /// assert_eq!(PathOptions::given(None::<&[&str]>, None)?, PathOptions::default());
    /// assert_eq!(PathOptions::given(Some(&["leads"]), Some(3))?.max_depth, 3);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn given<S: AsRef<str>>(labels: Option<&[S]>, max_depth: Option<u32>) -> Result<Self> {
        Ok(Self {
            labels: match labels {
                Some(names) => super::vocabulary::edge_labels(names)?,
                None => Self::default_labels(),
            },
            max_depth: max_depth.unwrap_or(Self::DEFAULT_MAX_DEPTH),
        })
    }

    /// The default labels: all but `contains` and `in_area`.
    pub fn default_labels() -> Vec<EdgeLabel> {
        EdgeLabel::ALL
            .into_iter()
            .filter(|l| !matches!(l, EdgeLabel::Contains | EdgeLabel::InArea))
            .collect()
    }
}

impl Default for PathOptions {
    fn default() -> Self {
        Self {
            labels: Self::default_labels(),
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }
}

/// A shortest path between two nodes named by key or by an organisation's, area's or
/// indicator's name or alias (see [`resolve_any`](super::resolve_any)); `None` when there is
/// none within `options`.
///
/// # Errors
/// [`Error::NameNotFound`](crate::Error::NameNotFound) or
/// [`Error::Invalid`](crate::Error::Invalid) (an ambiguous name) for either end; storage
/// errors.
///
/// ```
/// use reformgraph::{query, Store, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let snap = store.read()?;
/// let path = query::path_between(&snap, "省环保厅", "孝义市", &Default::default())?;
/// let path = path.expect("a department and a pilot county are connected");
/// assert_eq!(path.first().map(|h| h.key.as_str()), Some("org/省环保厅"));
/// assert_eq!(path.last().map(|h| h.key.as_str()), Some("area/孝义市"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn path_between<R: GraphRead + ?Sized>(
    r: &R,
    from: &str,
    to: &str,
    options: &PathOptions,
) -> Result<Option<Vec<Hop>>> {
    let a = super::resolve_any(r, from)?;
    let b = super::resolve_any(r, to)?;
    shortest_path(r, a.id, b.id, &options.labels, options.max_depth)
}

/// A shortest path from `from` to `to` following edges in either direction (only those with
/// one of `labels`, or all when empty), at most `max_depth` edges long. `None` if there is
/// none — that is an answer, not an error.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{query, NodeId, Store};
/// let store = Store::in_memory()?;
/// assert_eq!(query::shortest_path(&store.read()?, NodeId(1), NodeId(2), &[], 6)?, None);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn shortest_path<R: GraphRead + ?Sized>(
    r: &R,
    from: NodeId,
    to: NodeId,
    labels: &[EdgeLabel],
    max_depth: u32,
) -> Result<Option<Vec<Hop>>> {
    if r.node(from)?.is_none() || r.node(to)?.is_none() {
        return Ok(None);
    }
    let mut came_from: HashMap<NodeId, (NodeId, Edge, Direction)> = HashMap::new();
    let mut depth_of: HashMap<NodeId, u32> = HashMap::from([(from, 0)]);
    let mut queue = VecDeque::from([from]);
    while let Some(id) = queue.pop_front() {
        if id == to {
            break;
        }
        let depth = depth_of.get(&id).copied().unwrap_or(0);
        if depth >= max_depth {
            continue;
        }
        for (edge, dir) in steps(r, id, labels)? {
            let other = edge.other(dir);
            if let std::collections::hash_map::Entry::Vacant(v) = depth_of.entry(other) {
                v.insert(depth + 1);
                came_from.insert(other, (id, edge, dir));
                queue.push_back(other);
            }
        }
    }
    if !depth_of.contains_key(&to) {
        return Ok(None);
    }
    let mut chain = vec![(to, None)];
    let mut cursor = to;
    while let Some(&(prev, edge, dir)) = came_from.get(&cursor) {
        if let Some(last) = chain.last_mut() {
            last.1 = Some((edge, dir));
        }
        chain.push((prev, None));
        cursor = prev;
    }
    chain.reverse();
    let mut out = Vec::with_capacity(chain.len());
    for (depth, (id, via)) in chain.into_iter().enumerate() {
        if let Some(h) = hop(r, id, u32::try_from(depth).unwrap_or(u32::MAX), via)? {
            out.push(h);
        }
    }
    Ok(Some(out))
}
