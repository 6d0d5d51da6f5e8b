//! Events as the `events` table holds them (format byte 1, every schema). Frozen: an event
//! is history, written once and read for ever, so its layout never changes; a new change
//! type is a new variant at the end of [`ChangeV1`], which leaves every old byte as it is.

use serde::{Deserialize, Serialize};

use super::common::{DateV1, UnitV1};
use super::mirror::{Thaw, Unfit, freeze_and_thaw, mirror_enum, mirror_struct};
use crate::model::{
    Actor, Change, Event, EventId, Evidence, ProjectSpec, ProjectStage, PublicKey, TaskStatus,
};

/// An event (the id is also the table key), without a seal: how unsigned events are stored,
/// and the part of a signed one that its signature covers (see `event_v2`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct EventV1 {
    pub(crate) id: u128,
    pub(crate) recorded_at: i64,
    pub(crate) effective: DateV1,
    pub(crate) actor: ActorV1,
    pub(crate) evidence: Option<EvidenceV1>,
    pub(crate) subject: String,
    pub(crate) change: ChangeV1,
    pub(crate) supersedes: Option<u128>,
}

impl From<Event> for EventV1 {
    /// The event without its seal (a sealed event is stored as `EventV2`, which keeps it).
    fn from(e: Event) -> Self {
        let Event {
            id,
            recorded_at,
            effective,
            actor,
            evidence,
            subject,
            change,
            supersedes,
            seal: _,
        } = e;
        Self {
            id: id.0,
            recorded_at,
            effective: effective.into(),
            actor: actor.into(),
            evidence: evidence.map(Into::into),
            subject,
            change: change.into(),
            supersedes: supersedes.map(|s| s.0),
        }
    }
}

impl TryFrom<EventV1> for Event {
    type Error = Unfit;
    fn try_from(r: EventV1) -> Result<Self, Unfit> {
        Ok(Event {
            id: EventId(r.id),
            recorded_at: r.recorded_at,
            effective: r.effective.thaw()?,
            actor: r.actor.thaw()?,
            evidence: r.evidence.thaw()?,
            subject: r.subject,
            change: r.change.thaw()?,
            supersedes: r.supersedes.map(EventId),
            seal: None,
        })
    }
}

freeze_and_thaw!(EventV1, Event);

impl EventV1 {
    /// The order in which events apply: effective date, then recording time, then id (as
    /// `Event::order_key`).
    pub(crate) fn order_key(&self) -> (DateV1, i64, u128) {
        (self.effective, self.recorded_at, self.id)
    }
}

mirror_struct! {
    /// `Actor`.
    ActorV1 <=> Actor { person: String, organization: Option<String> }
}

mirror_struct! {
    /// `Evidence`.
    EvidenceV1 <=> Evidence {
        document_number: Option<String>,
        link: Option<String>,
        note: Option<String>,
    }
}

mirror_enum! {
    /// `TaskStatus` (its `rename_all` only names variants in JSON; bincode writes the index).
    TaskStatusV1 <=> TaskStatus { NotStarted, InProgress, Completed, Delayed, Suspended, Cancelled }
}

mirror_enum! {
    /// `ProjectStage`.
    ProjectStageV1 <=> ProjectStage {
        Reserve,
        Signed,
        Landed,
        Started,
        UnderConstruction,
        InOperation,
        Suspended,
        Cancelled,
    }
}

mirror_struct! {
    /// `ProjectSpec`.
    ProjectSpecV1 <=> ProjectSpec {
        name: String,
        portfolio: String,
        domain: Option<String>,
        area: Option<String>,
        investment_wan_yuan: Option<f64>,
        responsible: Option<String>,
        year: u16,
    }
}

/// `Change` (its `rename_all` only names variants in JSON; bincode writes the index).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum ChangeV1 {
    TaskStatus {
        status: TaskStatusV1,
        progress: Option<f64>,
        note: Option<String>,
    },
    TaskDeadline {
        deadline: DateV1,
    },
    SubTaskAdded {
        year: u16,
        title: String,
        deadline: DateV1,
        responsible: Option<String>,
    },
    ProjectRegistered(ProjectSpecV1),
    ProjectAdjusted(ProjectSpecV1),
    ProjectWithdrawn,
    ProjectStage {
        stage: ProjectStageV1,
    },
    Observation {
        area: String,
        year: u16,
        value: f64,
        unit: UnitV1,
        source: Option<String>,
        reference: bool,
    },
    Selection {
        option: String,
        year: u16,
        selected: bool,
    },
    AccessRefused {
        attempted: String,
        reason: String,
    },
    KeyCertified {
        key: [u8; 32],
        person: String,
        organization: String,
        valid_until: Option<DateV1>,
    },
    KeyRevoked {
        key: [u8; 32],
    },
    AccessGranted {
        scope: String,
    },
    GrantWithdrawn {
        scope: String,
    },
    // Appended (variant 14): older files hold no such event, so their bytes are unchanged.
    LeadsAssigned {
        leads: Vec<String>,
        cooperating: Vec<String>,
        previous_leads: Vec<String>,
        previous_cooperating: Vec<String>,
    },
}

impl From<Change> for ChangeV1 {
    fn from(c: Change) -> Self {
        match c {
            Change::TaskStatus {
                status,
                progress,
                note,
            } => ChangeV1::TaskStatus {
                status: status.into(),
                progress,
                note,
            },
            Change::TaskDeadline { deadline } => ChangeV1::TaskDeadline {
                deadline: deadline.into(),
            },
            Change::SubTaskAdded {
                year,
                title,
                deadline,
                responsible,
            } => ChangeV1::SubTaskAdded {
                year,
                title,
                deadline: deadline.into(),
                responsible,
            },
            Change::ProjectRegistered(spec) => ChangeV1::ProjectRegistered(spec.into()),
            Change::ProjectAdjusted(spec) => ChangeV1::ProjectAdjusted(spec.into()),
            Change::ProjectWithdrawn => ChangeV1::ProjectWithdrawn,
            Change::ProjectStage { stage } => ChangeV1::ProjectStage {
                stage: stage.into(),
            },
            Change::Observation {
                area,
                year,
                value,
                unit,
                source,
                reference,
            } => ChangeV1::Observation {
                area,
                year,
                value,
                unit: unit.into(),
                source,
                reference,
            },
            Change::Selection {
                option,
                year,
                selected,
            } => ChangeV1::Selection {
                option,
                year,
                selected,
            },
            Change::AccessRefused { attempted, reason } => {
                ChangeV1::AccessRefused { attempted, reason }
            }
            Change::KeyCertified {
                key,
                person,
                organization,
                valid_until,
            } => ChangeV1::KeyCertified {
                key: key.0,
                person,
                organization,
                valid_until: valid_until.map(Into::into),
            },
            Change::KeyRevoked { key } => ChangeV1::KeyRevoked { key: key.0 },
            Change::AccessGranted { scope } => ChangeV1::AccessGranted { scope },
            Change::GrantWithdrawn { scope } => ChangeV1::GrantWithdrawn { scope },
            Change::LeadsAssigned {
                leads,
                cooperating,
                previous_leads,
                previous_cooperating,
            } => ChangeV1::LeadsAssigned {
                leads,
                cooperating,
                previous_leads,
                previous_cooperating,
            },
        }
    }
}

impl TryFrom<ChangeV1> for Change {
    type Error = Unfit;
    fn try_from(c: ChangeV1) -> Result<Self, Unfit> {
        Ok(match c {
            ChangeV1::TaskStatus {
                status,
                progress,
                note,
            } => Change::TaskStatus {
                status: status.into(),
                progress,
                note,
            },
            ChangeV1::TaskDeadline { deadline } => Change::TaskDeadline {
                deadline: deadline.thaw()?,
            },
            ChangeV1::SubTaskAdded {
                year,
                title,
                deadline,
                responsible,
            } => Change::SubTaskAdded {
                year,
                title,
                deadline: deadline.thaw()?,
                responsible,
            },
            ChangeV1::ProjectRegistered(spec) => Change::ProjectRegistered(spec.try_into()?),
            ChangeV1::ProjectAdjusted(spec) => Change::ProjectAdjusted(spec.try_into()?),
            ChangeV1::ProjectWithdrawn => Change::ProjectWithdrawn,
            ChangeV1::ProjectStage { stage } => Change::ProjectStage {
                stage: stage.into(),
            },
            ChangeV1::Observation {
                area,
                year,
                value,
                unit,
                source,
                reference,
            } => Change::Observation {
                area,
                year,
                value,
                unit: unit.into(),
                source,
                reference,
            },
            ChangeV1::Selection {
                option,
                year,
                selected,
            } => Change::Selection {
                option,
                year,
                selected,
            },
            ChangeV1::AccessRefused { attempted, reason } => {
                Change::AccessRefused { attempted, reason }
            }
            ChangeV1::KeyCertified {
                key,
                person,
                organization,
                valid_until,
            } => Change::KeyCertified {
                key: PublicKey(key),
                person,
                organization,
                valid_until: valid_until.thaw()?,
            },
            ChangeV1::KeyRevoked { key } => Change::KeyRevoked {
                key: PublicKey(key),
            },
            ChangeV1::AccessGranted { scope } => Change::AccessGranted { scope },
            ChangeV1::GrantWithdrawn { scope } => Change::GrantWithdrawn { scope },
            ChangeV1::LeadsAssigned {
                leads,
                cooperating,
                previous_leads,
                previous_cooperating,
            } => Change::LeadsAssigned {
                leads,
                cooperating,
                previous_leads,
                previous_cooperating,
            },
        })
    }
}

freeze_and_thaw!(ChangeV1, Change);
