//! Edge kinds. An edge is directed, typed, and identified by
//! `(from, label, to, qualifier)`; see [`EdgeKind::qualifier`].

use serde::{Deserialize, Serialize};

use super::NodeId;

/// The label of an edge without its payload, used to ask for neighbours of one kind.
/// The discriminants are stored on disk as part of adjacency keys: never reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
#[non_exhaustive]
pub enum EdgeLabel {
    /// Parent contains child: plan → part → category → task.
    Contains = 1,
    /// Organisation leads task (or project).
    Leads = 2,
    /// Organisation co-operates on a task (配合单位).
    Cooperates = 3,
    /// Task text mentions an area, enterprise or organisation.
    Mentions = 4,
    /// Task or plan has a target.
    HasTarget = 5,
    /// Target is measured by an indicator.
    MeasuredBy = 6,
    /// Area or project lies in an area.
    InArea = 7,
    /// Two nodes are the same thing stated twice (a city option repeating a reform).
    SameAs = 8,
    /// Plan designates an area or enterprise as a pilot.
    DesignatedPilot = 9,
    /// Area or organisation selected an option in a year.
    Selected = 10,
    /// Project belongs to a portfolio.
    InPortfolio = 11,
    /// Selection rule applies to an option.
    AppliesTo = 12,
    /// An organisation may record changes on a node and what it contains (an access
    /// grant: a plan, a section, a task, an area, an indicator or a portfolio).
    MayRecord = 13,
    /// Organisation is responsible for a task that another organisation leads (责任单位
    /// beside a 牵头单位; 有关部门按职责分工负责).
    Responsible = 14,
    /// Organisation guides a task (指导, 指导部门).
    Guides = 15,
}

impl EdgeLabel {
    /// Every label, in discriminant order.
    pub const ALL: [EdgeLabel; 15] = [
        EdgeLabel::Contains,
        EdgeLabel::Leads,
        EdgeLabel::Cooperates,
        EdgeLabel::Mentions,
        EdgeLabel::HasTarget,
        EdgeLabel::MeasuredBy,
        EdgeLabel::InArea,
        EdgeLabel::SameAs,
        EdgeLabel::DesignatedPilot,
        EdgeLabel::Selected,
        EdgeLabel::InPortfolio,
        EdgeLabel::AppliesTo,
        EdgeLabel::MayRecord,
        EdgeLabel::Responsible,
        EdgeLabel::Guides,
    ];

    /// The on-disk tag.
    pub fn tag(self) -> u8 {
        self as u8
    }

    /// The label for an on-disk tag.
    pub fn from_tag(tag: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// Snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            EdgeLabel::Contains => "contains",
            EdgeLabel::Leads => "leads",
            EdgeLabel::Cooperates => "cooperates",
            EdgeLabel::Mentions => "mentions",
            EdgeLabel::HasTarget => "has_target",
            EdgeLabel::MeasuredBy => "measured_by",
            EdgeLabel::InArea => "in_area",
            EdgeLabel::SameAs => "same_as",
            EdgeLabel::DesignatedPilot => "designated_pilot",
            EdgeLabel::Selected => "selected",
            EdgeLabel::InPortfolio => "in_portfolio",
            EdgeLabel::AppliesTo => "applies_to",
            EdgeLabel::MayRecord => "may_record",
            EdgeLabel::Responsible => "responsible",
            EdgeLabel::Guides => "guides",
        }
    }

    /// Parses [`EdgeLabel::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.name() == name)
    }
}

impl std::fmt::Display for EdgeLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// An edge kind with its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum EdgeKind {
    /// See [`EdgeLabel::Contains`]. `order` keeps children in document order.
    Contains {
        /// Position among the parent's children.
        order: u32,
    },
    /// See [`EdgeLabel::Leads`]. `rank` 1 is the first-listed lead.
    Leads {
        /// 1-based position in the responsibility clause.
        rank: u16,
    },
    /// See [`EdgeLabel::Cooperates`].
    Cooperates,
    /// See [`EdgeLabel::Mentions`].
    Mentions,
    /// See [`EdgeLabel::HasTarget`].
    HasTarget,
    /// See [`EdgeLabel::MeasuredBy`].
    MeasuredBy,
    /// See [`EdgeLabel::InArea`].
    InArea,
    /// See [`EdgeLabel::SameAs`].
    SameAs,
    /// See [`EdgeLabel::DesignatedPilot`].
    DesignatedPilot,
    /// See [`EdgeLabel::Selected`]; one edge per year.
    Selected {
        /// The year of the selection.
        year: u16,
    },
    /// See [`EdgeLabel::InPortfolio`].
    InPortfolio,
    /// See [`EdgeLabel::AppliesTo`].
    AppliesTo,
    /// See [`EdgeLabel::MayRecord`].
    MayRecord,
    /// See [`EdgeLabel::Responsible`].
    Responsible,
    /// See [`EdgeLabel::Guides`].
    Guides,
}

impl EdgeKind {
    /// The label of this kind.
    pub fn label(self) -> EdgeLabel {
        match self {
            EdgeKind::Contains { .. } => EdgeLabel::Contains,
            EdgeKind::Leads { .. } => EdgeLabel::Leads,
            EdgeKind::Cooperates => EdgeLabel::Cooperates,
            EdgeKind::Mentions => EdgeLabel::Mentions,
            EdgeKind::HasTarget => EdgeLabel::HasTarget,
            EdgeKind::MeasuredBy => EdgeLabel::MeasuredBy,
            EdgeKind::InArea => EdgeLabel::InArea,
            EdgeKind::SameAs => EdgeLabel::SameAs,
            EdgeKind::DesignatedPilot => EdgeLabel::DesignatedPilot,
            EdgeKind::Selected { .. } => EdgeLabel::Selected,
            EdgeKind::InPortfolio => EdgeLabel::InPortfolio,
            EdgeKind::AppliesTo => EdgeLabel::AppliesTo,
            EdgeKind::MayRecord => EdgeLabel::MayRecord,
            EdgeKind::Responsible => EdgeLabel::Responsible,
            EdgeKind::Guides => EdgeLabel::Guides,
        }
    }

    /// The part of the payload that is identity rather than attribute: the year of a
    /// selection (a county may select the same option in several years); 0 otherwise.
    /// Two edges with the same `(from, label, to, qualifier)` are the same edge.
    pub fn qualifier(self) -> u32 {
        match self {
            EdgeKind::Selected { year } => u32::from(year),
            _ => 0,
        }
    }

    /// The rest of the payload, which is attribute rather than identity: a lead's `rank`,
    /// a child's `order`; 0 otherwise. Label, qualifier and attribute together are the
    /// whole edge kind (see [`EdgeKind::from_parts`]), which is how the store keeps it.
    pub fn attribute(self) -> u32 {
        match self {
            EdgeKind::Contains { order } => order,
            EdgeKind::Leads { rank } => u32::from(rank),
            _ => 0,
        }
    }

    /// The kind with this label, qualifier and attribute; `None` if they do not fit the
    /// label (a year past `u16`, a qualifier on a label that has none, …).
    ///
    /// ```
    /// use reformgraph::{EdgeKind, EdgeLabel};
    /// let k = EdgeKind::Leads { rank: 2 };
    /// assert_eq!(EdgeKind::from_parts(k.label(), k.qualifier(), k.attribute()), Some(k));
    /// assert_eq!(EdgeKind::from_parts(EdgeLabel::Mentions, 2014, 0), None);
    /// ```
    pub fn from_parts(label: EdgeLabel, qualifier: u32, attribute: u32) -> Option<EdgeKind> {
        let kind = match label {
            EdgeLabel::Contains => EdgeKind::Contains { order: attribute },
            EdgeLabel::Leads => EdgeKind::Leads {
                rank: u16::try_from(attribute).ok()?,
            },
            EdgeLabel::Cooperates => EdgeKind::Cooperates,
            EdgeLabel::Mentions => EdgeKind::Mentions,
            EdgeLabel::HasTarget => EdgeKind::HasTarget,
            EdgeLabel::MeasuredBy => EdgeKind::MeasuredBy,
            EdgeLabel::InArea => EdgeKind::InArea,
            EdgeLabel::SameAs => EdgeKind::SameAs,
            EdgeLabel::DesignatedPilot => EdgeKind::DesignatedPilot,
            EdgeLabel::Selected => EdgeKind::Selected {
                year: u16::try_from(qualifier).ok()?,
            },
            EdgeLabel::InPortfolio => EdgeKind::InPortfolio,
            EdgeLabel::AppliesTo => EdgeKind::AppliesTo,
            EdgeLabel::MayRecord => EdgeKind::MayRecord,
            EdgeLabel::Responsible => EdgeKind::Responsible,
            EdgeLabel::Guides => EdgeKind::Guides,
        };
        (kind.qualifier() == qualifier && kind.attribute() == attribute).then_some(kind)
    }
}

/// Which way to follow edges from a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Edges that start at the node.
    Outgoing,
    /// Edges that end at the node.
    Incoming,
}

impl Direction {
    /// `outgoing` or `incoming`.
    ///
    /// ```
    /// assert_eq!(reformgraph::Direction::Incoming.name(), "incoming");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Direction::Outgoing => "outgoing",
            Direction::Incoming => "incoming",
        }
    }
}

/// A directed edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edge {
    /// Start node.
    pub from: NodeId,
    /// End node.
    pub to: NodeId,
    /// Kind and payload.
    pub kind: EdgeKind,
}

impl Edge {
    /// Builds an edge.
    #[inline]
    pub fn new(from: impl Into<NodeId>, kind: EdgeKind, to: impl Into<NodeId>) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
            kind,
        }
    }

    /// The node at the other end from `id` for the given direction.
    pub fn other(&self, direction: Direction) -> NodeId {
        match direction {
            Direction::Outgoing => self.to,
            Direction::Incoming => self.from,
        }
    }
}
