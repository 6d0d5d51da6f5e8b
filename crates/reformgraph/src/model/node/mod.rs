//! Node kinds and their data.

use serde::{Deserialize, Serialize};

use super::{Date, Id, NodeId, NodeKey};

mod measure;
mod organization;
mod plan;
mod project;

pub use measure::{Comparator, Indicator, Target, Unit};
pub use organization::{AdminLevel, Area, AreaLevel, Organization, OrganizationKind};
pub use plan::{DeadlineKind, Plan, Section, SectionLevel, Task, TaskRole};
pub use project::{
    Portfolio, PortfolioDomain, Project, ProjectStage, SelectionRule, SelectionSubject,
};

/// Where in the source document a node came from, so a user can cite the clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceSpan {
    /// 1-based line number of the first line.
    pub line: u32,
    /// Byte offset of the first byte in the document (UTF-8).
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

/// The kind of a node. The discriminants are stored on disk (`kinds` index): never reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
#[non_exhaustive]
pub enum NodeKind {
    /// A plan document ([`Plan`]).
    Plan = 1,
    /// A part or category heading ([`Section`]).
    Section = 2,
    /// A task of any role ([`Task`]).
    Task = 3,
    /// An organisation ([`Organization`]).
    Organization = 4,
    /// An administrative area ([`Area`]).
    Area = 5,
    /// A measured quantity ([`Indicator`]).
    Indicator = 6,
    /// A quantitative target ([`Target`]).
    Target = 7,
    /// A project ([`Project`]).
    Project = 8,
    /// A project portfolio ([`Portfolio`]).
    Portfolio = 9,
    /// A selection rule ([`SelectionRule`]).
    SelectionRule = 10,
}

impl NodeKind {
    /// Every kind, in discriminant order.
    pub const ALL: [NodeKind; 10] = [
        NodeKind::Plan,
        NodeKind::Section,
        NodeKind::Task,
        NodeKind::Organization,
        NodeKind::Area,
        NodeKind::Indicator,
        NodeKind::Target,
        NodeKind::Project,
        NodeKind::Portfolio,
        NodeKind::SelectionRule,
    ];

    /// The on-disk tag.
    pub fn tag(self) -> u8 {
        self as u8
    }

    /// The kind for an on-disk tag.
    pub fn from_tag(tag: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.tag() == tag)
    }

    /// A lower-case English name (`task`, `organization`, …), used in JSON and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Plan => "plan",
            NodeKind::Section => "section",
            NodeKind::Task => "task",
            NodeKind::Organization => "organization",
            NodeKind::Area => "area",
            NodeKind::Indicator => "indicator",
            NodeKind::Target => "target",
            NodeKind::Project => "project",
            NodeKind::Portfolio => "portfolio",
            NodeKind::SelectionRule => "selection_rule",
        }
    }

    /// Parses [`NodeKind::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl std::fmt::Display for NodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The data of a node, one variant per [`NodeKind`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum NodeData {
    /// See [`Plan`].
    Plan(Plan),
    /// See [`Section`].
    Section(Section),
    /// See [`Task`].
    Task(Task),
    /// See [`Organization`].
    Organization(Organization),
    /// See [`Area`].
    Area(Area),
    /// See [`Indicator`].
    Indicator(Indicator),
    /// See [`Target`].
    Target(Target),
    /// See [`Project`].
    Project(Project),
    /// See [`Portfolio`].
    Portfolio(Portfolio),
    /// See [`SelectionRule`].
    SelectionRule(SelectionRule),
}

impl NodeData {
    /// The kind of the data.
    pub fn kind(&self) -> NodeKind {
        match self {
            NodeData::Plan(_) => NodeKind::Plan,
            NodeData::Section(_) => NodeKind::Section,
            NodeData::Task(_) => NodeKind::Task,
            NodeData::Organization(_) => NodeKind::Organization,
            NodeData::Area(_) => NodeKind::Area,
            NodeData::Indicator(_) => NodeKind::Indicator,
            NodeData::Target(_) => NodeKind::Target,
            NodeData::Project(_) => NodeKind::Project,
            NodeData::Portfolio(_) => NodeKind::Portfolio,
            NodeData::SelectionRule(_) => NodeKind::SelectionRule,
        }
    }

    /// The names a node can be found by: name and aliases of organisations and areas, the
    /// name of an indicator; none for other kinds (those are found by key or search).
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = match self {
            NodeData::Organization(o) => std::iter::once(o.name.as_str())
                .chain(o.aliases.iter().map(String::as_str))
                .collect(),
            NodeData::Area(a) => std::iter::once(a.name.as_str())
                .chain(a.aliases.iter().map(String::as_str))
                .collect(),
            NodeData::Indicator(i) => vec![i.name.as_str()],
            _ => Vec::new(),
        };
        out.retain(|n| !n.is_empty());
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The text the full-text index holds for this node: bodies, titles, wordings, names.
    /// Parts are joined by a newline so no word spans two of them.
    pub fn search_text(&self) -> String {
        let parts: Vec<&str> = match self {
            NodeData::Plan(p) => std::iter::once(p.title.as_str())
                .chain(p.preamble.iter().map(String::as_str))
                .collect(),
            NodeData::Section(s) => std::iter::once(s.title.as_str())
                .chain(s.paragraphs.iter().map(String::as_str))
                .collect(),
            NodeData::Task(t) => {
                let main = if t.body.is_empty() { &t.title } else { &t.body };
                std::iter::once(main.as_str())
                    .chain(t.responsibility.as_deref())
                    .collect()
            }
            NodeData::Target(t) => vec![t.wording.as_str()],
            NodeData::Portfolio(p) => vec![p.name.as_str(), p.body.as_str()],
            NodeData::SelectionRule(r) => vec![r.wording.as_str()],
            NodeData::Project(p) => std::iter::once(p.name.as_str())
                .chain(p.description.as_deref())
                .collect(),
            NodeData::Organization(_) | NodeData::Area(_) | NodeData::Indicator(_) => self.names(),
        };
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A short human label: a title or name.
    pub fn label(&self) -> &str {
        match self {
            NodeData::Plan(p) => &p.title,
            NodeData::Section(s) => &s.title,
            NodeData::Task(t) => &t.title,
            NodeData::Organization(o) => &o.name,
            NodeData::Area(a) => &a.name,
            NodeData::Indicator(i) => &i.name,
            NodeData::Target(t) => &t.wording,
            NodeData::Project(p) => &p.name,
            NodeData::Portfolio(p) => &p.name,
            NodeData::SelectionRule(r) => &r.wording,
        }
    }
}

/// A node as stored: id, natural key, where it came from, and its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// File-local id.
    pub id: NodeId,
    /// Stable natural key.
    pub key: NodeKey,
    /// Source span in the document it was imported from, if any.
    pub source: Option<SourceSpan>,
    /// The typed data.
    pub data: NodeData,
}

impl Node {
    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        self.data.kind()
    }
}

/// A node whose kind is known statically.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<T: NodeType> {
    /// Typed id.
    pub id: Id<T>,
    /// Stable natural key.
    pub key: NodeKey,
    /// Source span, if any.
    pub source: Option<SourceSpan>,
    /// The typed data.
    pub value: T,
}

/// Implemented by every node data type, linking it to its [`NodeKind`] and [`NodeData`]
/// variant. Sealed: the set of kinds is part of the file format.
pub trait NodeType: Sized + Clone + sealed::Sealed {
    /// The kind this type stores as.
    const KIND: NodeKind;
    /// Extracts the value if `data` is of this kind.
    fn from_data(data: NodeData) -> Option<Self>;
    /// Wraps the value.
    fn into_data(self) -> NodeData;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! node_type {
    ($($ty:ident),* $(,)?) => {$(
        impl sealed::Sealed for $ty {}
        impl NodeType for $ty {
            const KIND: NodeKind = NodeKind::$ty;
            fn from_data(data: NodeData) -> Option<Self> {
                match data {
                    NodeData::$ty(v) => Some(v),
                    _ => None,
                }
            }
            fn into_data(self) -> NodeData {
                NodeData::$ty(self)
            }
        }
        impl From<$ty> for NodeData {
            fn from(v: $ty) -> NodeData {
                NodeData::$ty(v)
            }
        }
    )*};
}

node_type!(
    Plan,
    Section,
    Task,
    Organization,
    Area,
    Indicator,
    Target,
    Project,
    Portfolio,
    SelectionRule
);
