//! Node identifiers: an untyped [`NodeId`] and typed [`Id<T>`] wrappers per node kind.
//!
//! Ids are allocated by the store from a per-file counter; they are local to one database
//! file. The identity that survives re-imports and crosses devices is the natural
//! [`NodeKey`](super::NodeKey).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use super::node::NodeType;

/// The id of a node of any kind, as stored in the `nodes` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub u64);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A node id that carries its node kind in the type, so that a [`TaskId`] cannot be passed
/// where an [`OrganizationId`] is expected.
pub struct Id<T> {
    raw: u64,
    // `fn() -> T` keeps `Id<T>` Send + Sync + Copy whatever T is.
    kind: PhantomData<fn() -> T>,
}

impl<T: NodeType> Id<T> {
    /// Wraps a raw id. The caller asserts that the node has kind `T`; typed getters check it
    /// again and return [`Error::WrongKind`](crate::Error::WrongKind) if not.
    pub const fn from_raw(raw: u64) -> Self {
        Self {
            raw,
            kind: PhantomData,
        }
    }

    /// The untyped id.
    pub const fn node(self) -> NodeId {
        NodeId(self.raw)
    }

    /// The raw integer.
    pub const fn raw(self) -> u64 {
        self.raw
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}
impl<T> Eq for Id<T> {}
impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.raw.cmp(&other.raw)
    }
}
impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.raw.hash(state);
    }
}
impl<T: NodeType> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Id({})", T::KIND.name(), self.raw)
    }
}
impl<T> From<Id<T>> for NodeId {
    fn from(id: Id<T>) -> NodeId {
        NodeId(id.raw)
    }
}
impl<T> Serialize for Id<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.raw)
    }
}
impl<'de, T> Deserialize<'de> for Id<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self {
            raw: u64::deserialize(d)?,
            kind: PhantomData,
        })
    }
}

/// Id of a [`Plan`](super::Plan).
pub type PlanId = Id<super::Plan>;
/// Id of a [`Section`](super::Section).
pub type SectionId = Id<super::Section>;
/// Id of a [`Task`](super::Task).
pub type TaskId = Id<super::Task>;
/// Id of an [`Organization`](super::Organization).
pub type OrganizationId = Id<super::Organization>;
/// Id of an [`Area`](super::Area).
pub type AreaId = Id<super::Area>;
/// Id of an [`Indicator`](super::Indicator).
pub type IndicatorId = Id<super::Indicator>;
/// Id of a [`Target`](super::Target).
pub type TargetId = Id<super::Target>;
/// Id of a [`Project`](super::Project).
pub type ProjectId = Id<super::Project>;
/// Id of a [`Portfolio`](super::Portfolio).
pub type PortfolioId = Id<super::Portfolio>;
/// Id of a [`SelectionRule`](super::SelectionRule).
pub type SelectionRuleId = Id<super::SelectionRule>;
