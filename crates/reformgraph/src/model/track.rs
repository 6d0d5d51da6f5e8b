//! Tracking types: events (the append-only history) and the state derived from them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Date, ProjectStage, PublicKey, Seal, Unit};

/// A globally unique event id: a UUIDv7 (48-bit millisecond timestamp, then random bits),
/// so ids from several devices never collide and sort roughly by time.
///
/// In JSON (human-readable formats) it is the UUID string; in the store's binary records,
/// the 16-byte integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId(pub u128);

impl Serialize for EventId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.to_string())
        } else {
            s.serialize_u128(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for EventId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            s.parse().map_err(serde::de::Error::custom)
        } else {
            u128::deserialize(d).map(EventId)
        }
    }
}

impl EventId {
    /// The millisecond timestamp encoded in the id.
    pub fn millis(self) -> u64 {
        u64::try_from(self.0 >> 80).unwrap_or(u64::MAX)
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = format!("{:032x}", self.0);
        let part = |a: usize, b: usize| h.get(a..b).unwrap_or_default();
        write!(
            f,
            "{}-{}-{}-{}-{}",
            part(0, 8),
            part(8, 12),
            part(12, 16),
            part(16, 20),
            part(20, 32)
        )
    }
}

/// Why a string is not an [`EventId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid event id {0:?}: expected a UUID such as 0190b7e2-5c3a-7d2e-9f10-3a4b5c6d7e8f")]
pub struct EventIdError(String);

impl FromStr for EventId {
    type Err = EventIdError;
    fn from_str(s: &str) -> Result<Self, EventIdError> {
        let hex: String = s.chars().filter(|c| *c != '-').collect();
        if hex.len() != 32 {
            return Err(EventIdError(s.to_owned()));
        }
        u128::from_str_radix(&hex, 16)
            .map(EventId)
            .map_err(|_| EventIdError(s.to_owned()))
    }
}

impl TryFrom<String> for EventId {
    type Error = EventIdError;
    fn try_from(s: String) -> Result<Self, EventIdError> {
        s.parse()
    }
}

impl From<EventId> for String {
    fn from(id: EventId) -> String {
        id.to_string()
    }
}

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The person, as they sign: 张三.
    pub person: String,
    /// Their organisation's key (`org/省环保厅`), if known.
    pub organization: Option<String>,
}

/// What a change rests on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// A document number: 晋政办发〔2014〕12号.
    pub document_number: Option<String>,
    /// A link.
    pub link: Option<String>,
    /// A free note.
    pub note: Option<String>,
}

/// The status of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TaskStatus {
    /// 未启动.
    NotStarted,
    /// 推进中.
    InProgress,
    /// 已完成.
    Completed,
    /// 滞后: behind schedule.
    Delayed,
    /// 暂停.
    Suspended,
    /// 取消.
    Cancelled,
}

impl TaskStatus {
    /// Every status.
    pub const ALL: [TaskStatus; 6] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Completed,
        TaskStatus::Delayed,
        TaskStatus::Suspended,
        TaskStatus::Cancelled,
    ];

    /// Snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Completed => "completed",
            TaskStatus::Delayed => "delayed",
            TaskStatus::Suspended => "suspended",
            TaskStatus::Cancelled => "cancelled",
        }
    }

    /// Parses [`TaskStatus::name`].
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.name() == s)
    }

    /// The Chinese name a 台账 prints: 未启动, 推进中, 已完成, 滞后, 暂停 or 取消.
    ///
    /// ```
    /// use reformgraph::TaskStatus;
    /// assert_eq!(TaskStatus::InProgress.name_zh(), "推进中");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "未启动",
            TaskStatus::InProgress => "推进中",
            TaskStatus::Completed => "已完成",
            TaskStatus::Delayed => "滞后",
            TaskStatus::Suspended => "暂停",
            TaskStatus::Cancelled => "取消",
        }
    }

    /// Whether the task needs no more work (completed or cancelled).
    pub fn is_closed(self) -> bool {
        matches!(self, TaskStatus::Completed | TaskStatus::Cancelled)
    }
}

/// A project to register into a portfolio (the plan names none; 动态补充和调整).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectSpec {
    /// Project name.
    pub name: String,
    /// Portfolio key (`shanxi-2013/portfolio`).
    pub portfolio: String,
    /// Portfolio domain (产业转型 …).
    pub domain: Option<String>,
    /// Area key (`area/孝义市`).
    pub area: Option<String>,
    /// Planned investment, 万元.
    pub investment_wan_yuan: Option<f64>,
    /// Responsible organisation key.
    pub responsible: Option<String>,
    /// The year it enters the portfolio.
    pub year: u16,
}

/// A change, the payload of an [`Event`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// A task's status and progress.
    TaskStatus {
        /// New status.
        status: TaskStatus,
        /// Progress, 0–100 %.
        progress: Option<f64>,
        /// A progress note (searchable).
        note: Option<String>,
    },
    /// A task's deadline.
    TaskDeadline {
        /// New deadline.
        deadline: Date,
    },
    /// An annual action-plan sub-task (年度行动计划) under the subject task.
    SubTaskAdded {
        /// Year of the action plan.
        year: u16,
        /// What is to be done.
        title: String,
        /// When.
        deadline: Date,
        /// Responsible organisation key.
        responsible: Option<String>,
    },
    /// A project registered into a portfolio; the subject is the new project's key.
    ProjectRegistered(ProjectSpec),
    /// A project adjusted (fields replaced).
    ProjectAdjusted(ProjectSpec),
    /// A project withdrawn from its portfolio.
    ProjectWithdrawn,
    /// A project moved to a stage.
    ProjectStage {
        /// New stage.
        stage: ProjectStage,
    },
    /// An observation of an indicator (the subject) for an area and year.
    Observation {
        /// Area key.
        area: String,
        /// The year observed.
        year: u16,
        /// The value.
        value: f64,
        /// Its unit; must be the indicator's.
        unit: Unit,
        /// Where the figure comes from (统计公报 …).
        source: Option<String>,
        /// True when the figure is the external reference of a reference target (the
        /// national average, say) rather than the area's own value.
        reference: bool,
    },
    /// An area or organisation (the subject) selected, or deselected, an option for a year.
    Selection {
        /// Option key (a city task option or county pilot area).
        option: String,
        /// The year.
        year: u16,
        /// False withdraws an earlier selection.
        selected: bool,
    },
    /// A change the access policy refused (kept so the refusal can be audited; it changes
    /// nothing else).
    AccessRefused {
        /// The change that was attempted (its type name: `task_status` …).
        attempted: String,
        /// Why it was refused.
        reason: String,
    },
    /// The administrator certifies that a key is a person of an organisation, from the
    /// event's effective date (the subject is the key, `ed25519:…`). Events signed by the
    /// key act for that organisation.
    KeyCertified {
        /// The key certified.
        key: PublicKey,
        /// The person who holds it, as they sign: 张三.
        person: String,
        /// Their organisation's key (`org/省环保厅`).
        organization: String,
        /// The last day the certificate is valid, if it expires.
        valid_until: Option<Date>,
    },
    /// The administrator revokes a key: events it signs from then on (by recording time)
    /// are refused (the subject is the key).
    KeyRevoked {
        /// The key revoked.
        key: PublicKey,
    },
    /// The subject organisation may record on `scope` and everything in it (a plan,
    /// section, task, area, indicator or portfolio), whatever it leads. The administrator's
    /// in a store with an administrator key.
    AccessGranted {
        /// The scope's key.
        scope: String,
    },
    /// The subject organisation's grant on `scope` is withdrawn.
    GrantWithdrawn {
        /// The scope's key.
        scope: String,
    },
    /// Who is responsible for the subject task changed: a re-imported version of the plan
    /// names other lead (牵头) or co-operating (配合) organisations. The administrator's in a
    /// store with an administrator key; from its effective date the access policy reads
    /// these organisations for the task, on every device that has the event.
    LeadsAssigned {
        /// Lead organisation keys, in the order the plan names them.
        leads: Vec<String>,
        /// Co-operating organisation keys.
        cooperating: Vec<String>,
        /// The leads before the change.
        previous_leads: Vec<String>,
        /// The co-operating organisations before the change.
        previous_cooperating: Vec<String>,
    },
}

impl Change {
    /// A short name of the change type.
    pub fn name(&self) -> &'static str {
        match self {
            Change::TaskStatus { .. } => "task_status",
            Change::TaskDeadline { .. } => "task_deadline",
            Change::SubTaskAdded { .. } => "sub_task_added",
            Change::ProjectRegistered(_) => "project_registered",
            Change::ProjectAdjusted(_) => "project_adjusted",
            Change::ProjectWithdrawn => "project_withdrawn",
            Change::ProjectStage { .. } => "project_stage",
            Change::Observation { .. } => "observation",
            Change::Selection { .. } => "selection",
            Change::AccessRefused { .. } => "access_refused",
            Change::KeyCertified { .. } => "key_certified",
            Change::KeyRevoked { .. } => "key_revoked",
            Change::AccessGranted { .. } => "access_granted",
            Change::GrantWithdrawn { .. } => "grant_withdrawn",
            Change::LeadsAssigned { .. } => "leads_assigned",
        }
    }
}

/// One entry of the append-only history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Globally unique id.
    pub id: EventId,
    /// When it was recorded, milliseconds since the Unix epoch (UTC).
    pub recorded_at: i64,
    /// The date the change takes effect (as-of reads use it).
    pub effective: Date,
    /// Who.
    pub actor: Actor,
    /// On what evidence.
    pub evidence: Option<Evidence>,
    /// The natural key of the node changed.
    pub subject: String,
    /// What changed.
    pub change: Change,
    /// The event that was current for the same thing (the same task's status, the same
    /// county's selection for the same year …) when this one was recorded: what its author
    /// saw. Two events that supersede the same predecessor were made concurrently, and
    /// applying one after the other reports a conflict.
    pub supersedes: Option<EventId>,
    /// The signature, when the event is signed (always, in a store with an administrator
    /// key; see `track::keys`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<Seal>,
}

impl Event {
    /// The order in which events apply: effective date, then recording time, then id. A
    /// total order, the same on every device, so replays converge.
    pub fn order_key(&self) -> (Date, i64, EventId) {
        (self.effective, self.recorded_at, self.id)
    }
}

/// The current (or as-of) state of a task, derived from its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskState {
    /// Status.
    pub status: TaskStatus,
    /// Progress, 0–100 %.
    pub progress: f64,
    /// Deadline (the plan's, or a later event's).
    pub deadline: Option<Date>,
    /// The latest progress note.
    pub note: Option<String>,
    /// The last event applied.
    pub last_event: Option<EventId>,
    /// When it took effect.
    pub last_update: Option<Date>,
    /// Who recorded it.
    pub last_actor: Option<Actor>,
}

/// The current (or as-of) state of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectState {
    /// The project as registered or last adjusted.
    pub spec: ProjectSpec,
    /// Stage.
    pub stage: ProjectStage,
    /// The stage before a suspension, to resume to.
    pub resume_stage: Option<ProjectStage>,
    /// Withdrawn from the portfolio.
    pub withdrawn: bool,
    /// The last event applied.
    pub last_event: Option<EventId>,
    /// When it took effect.
    pub last_update: Option<Date>,
}

/// An observation as kept in the observation table (the latest per indicator, area, year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Indicator key.
    pub indicator: String,
    /// Area key.
    pub area: String,
    /// Year.
    pub year: u16,
    /// Value.
    pub value: f64,
    /// Unit.
    pub unit: Unit,
    /// Source.
    pub source: Option<String>,
    /// External reference value rather than the area's own.
    pub reference: bool,
    /// The event that recorded it.
    pub event: EventId,
    /// Its effective date.
    pub effective: Date,
}

/// A subject's derived state right after one of its events, as the timeline keeps it: an
/// as-of read decodes one checkpoint instead of replaying the history up to the date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Checkpoint {
    /// A task's state after a status or deadline event.
    Task(TaskState),
    /// A project's state after a registration, adjustment, withdrawal or stage event
    /// (`None` while the project is not registered yet: an event merged from another
    /// device can precede the registration in application order).
    Project(Option<ProjectState>),
}
