//! One step of a path between two nodes.

/// A node on a path, with the edge followed to reach it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PathHop {
    /// Natural key of the node reached.
    pub key: String,
    /// Its kind name.
    pub kind: String,
    /// Its title or name.
    pub label: String,
    /// Distance from the start, in edges.
    pub depth: u32,
    /// The edge label followed to reach it (none for the start).
    pub via: Option<String>,
    /// `outgoing` when that edge was followed forwards, `incoming` when backwards.
    pub direction: Option<String>,
}

impl From<reformgraph::query::Hop> for PathHop {
    fn from(h: reformgraph::query::Hop) -> Self {
        Self {
            key: h.key,
            kind: h.kind.name().to_owned(),
            label: h.label,
            depth: h.depth,
            via: h.via.map(|l| l.name().to_owned()),
            direction: h.direction.map(|d| d.name().to_owned()),
        }
    }
}
