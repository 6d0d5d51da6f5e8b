//! The typed plan graph: node and edge types, ids and keys. No storage here; this module
//! imports none of the others.

mod change_fields;
mod date;
mod edge;
mod ids;
mod key;
mod node;
mod numbering;
mod seal;
pub(crate) mod state;
mod track;

pub use change_fields::FieldValue;
pub use date::{Date, DateError, MAX_YEAR, MIN_YEAR};
pub use edge::{Direction, Edge, EdgeKind, EdgeLabel};
pub use ids::{
    AreaId, Id, IndicatorId, NodeId, OrganizationId, PlanId, PortfolioId, ProjectId, SectionId,
    SelectionRuleId, TargetId, TaskId,
};
pub use key::{KeyError, MAX_KEY_LEN, NodeKey};
pub use node::{
    AdminLevel, Area, AreaLevel, Comparator, DeadlineKind, Indicator, Node, NodeData, NodeKind,
    NodeType, Organization, OrganizationKind, Plan, Portfolio, PortfolioDomain, Project,
    ProjectStage, Record, Section, SectionLevel, SelectionRule, SelectionSubject, SourceSpan,
    Target, Task, TaskRole, Unit,
};
pub use numbering::ordinal;
pub(crate) use numbering::{any_number, cn_number};
pub use seal::{EventHash, HexError, PublicKey, Seal, Signature};
pub use track::{
    Actor, Change, Checkpoint, Event, EventId, EventIdError, Evidence, Observation, ProjectSpec,
    ProjectState, TaskState, TaskStatus,
};
