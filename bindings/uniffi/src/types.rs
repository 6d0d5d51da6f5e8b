//! Records and enums that cross the boundary, and their conversions from and to the core's
//! types. Nothing here decides anything: each value is the core's, renamed or flattened.

use reformgraph::track;
use reformgraph::{Change, Date, Event};
use reformgraph_records::{Cross, Unmapped};

use crate::error::{ReformGraphError, Result, newer_core};

/// The emitter for `reformgraph_records::shared_records!`: each shared record as an
/// immutable `uniffi::Record`.
macro_rules! ffi_records {
    ($(
        $(#[$meta:meta])* $name:ident [$($repr:ident),*] $(frame = $frame:literal)? {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    )*) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, PartialEq, uniffi::Record)]
            pub struct $name {
                $( $(#[$fmeta])* pub $field: $ty, )*
            }
        )*
    };
}

/// Maps cross as Kotlin `Map` and Swift `Dictionary`.
type Map<K, V> = std::collections::HashMap<K, V>;

reformgraph_records::shared_records!(ffi_records);

/// Declares an enum that mirrors a core enum variant for variant, with the conversion to the
/// core's and, from the core's, a [`Cross`] that refuses a variant added to the core later.
macro_rules! mirror_enum {
    (
        $(#[$meta:meta])* $name:ident = $core:path, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl From<$name> for $core {
            fn from(v: $name) -> Self {
                match v {
                    $( $name::$variant => Self::$variant, )*
                }
            }
        }

        impl Cross<$name> for $core {
            fn cross(self) -> std::result::Result<$name, Unmapped> {
                #[allow(unreachable_patterns)]
                match self {
                    $( Self::$variant => Ok($name::$variant), )*
                    other => Err(Unmapped { what: $what, name: other.name().to_owned() }),
                }
            }
        }
    };
}

mirror_enum! {
    /// The status of a task.
    TaskStatus = reformgraph::TaskStatus, "task status" {
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
}

mirror_enum! {
    /// A project's stage: 储备 → 签约 → 落地 → 开工 → 建设 → 投产, or 暂停 / 取消.
    ProjectStage = reformgraph::ProjectStage, "project stage" {
        /// 储备: in the reserve pool.
        Reserve,
        /// 签约: contract signed.
        Signed,
        /// 落地: site and approvals settled.
        Landed,
        /// 开工: construction started.
        Started,
        /// 建设: under construction.
        UnderConstruction,
        /// 投产: in operation.
        InOperation,
        /// 暂停: suspended.
        Suspended,
        /// 取消: cancelled.
        Cancelled,
    }
}

mirror_enum! {
    /// How far a task is behind time-proportional progress (序时进度).
    LagClass = reformgraph::track::LagClass, "lag class" {
        /// On or ahead of schedule, or closed.
        Green,
        /// Somewhat behind, or marked delayed.
        Yellow,
        /// Far behind, or overdue.
        Red,
    }
}

impl From<Unmapped> for ReformGraphError {
    fn from(u: Unmapped) -> Self {
        newer_core(u.what, &u.name)
    }
}

impl Cross<Day> for Date {
    fn cross(self) -> std::result::Result<Day, Unmapped> {
        Ok(self.into())
    }
}

/// A calendar date (1900-01-01 … 2200-12-31). Every date crosses the boundary as one; turn
/// text into one with `parseDay("2014-06-30")` and back with `formatDay`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Day {
    /// The year, 1900–2200.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1–31.
    pub day: u8,
}

impl From<Date> for Day {
    fn from(d: Date) -> Self {
        Day {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

impl TryFrom<Day> for Date {
    type Error = ReformGraphError;
    fn try_from(d: Day) -> Result<Date> {
        Ok(Date::new(d.year, d.month, d.day)?)
    }
}

/// An optional [`Day`] to an optional core date.
pub(crate) fn date_of(day: Option<Day>) -> Result<Option<Date>> {
    day.map(Date::try_from).transpose()
}

/// How far behind time-proportional progress a task may be, in percentage points, before it
/// turns yellow and red. Pass `null`/`nil` for the core's defaults (10 and 25).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct LagThresholds {
    /// More than this behind is yellow.
    pub yellow: f64,
    /// More than this behind (or overdue) is red.
    pub red: f64,
}

/// Optional thresholds to the core's, its defaults for `None`.
pub(crate) fn thresholds_of(t: Option<LagThresholds>) -> track::LagThresholds {
    t.map_or_else(track::LagThresholds::default, |t| track::LagThresholds {
        yellow: t.yellow,
        red: t.red,
    })
}

/// Which tasks to list. Every field narrows; `null`/`nil` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct TaskFilter {
    /// Led by this organisation: its key (`org/省环保厅`), name or any alias.
    #[uniffi(default = None)]
    pub lead: Option<String>,
    /// In this category or part: a section key, a title such as 生态修复, or a number as
    /// printed (（二）, 三、).
    #[uniffi(default = None)]
    pub category: Option<String>,
    /// With this role: `reform`, `matter`, `research_topic`, `city_task_option` …
    #[uniffi(default = None)]
    pub role: Option<String>,
    /// Mentioning this area or enterprise (key, name or alias).
    #[uniffi(default = None)]
    pub mentions: Option<String>,
    /// Of the plan with this key (`shanxi-2013`).
    #[uniffi(default = None)]
    pub plan: Option<String>,
}

/// A task role name to the core's role (the core's reading of the name).
pub(crate) fn role_of(name: Option<String>) -> Result<Option<reformgraph::TaskRole>> {
    Ok(name
        .map(|n| reformgraph::query::vocabulary::task_role(&n))
        .transpose()?)
}

impl TryFrom<TaskFilter> for reformgraph::query::TaskFilter {
    type Error = ReformGraphError;
    fn try_from(f: TaskFilter) -> Result<Self> {
        Ok(Self {
            lead: f.lead,
            category: f.category,
            role: role_of(f.role)?,
            mentions: f.mentions,
            plan: f.plan,
        })
    }
}

/// A page of task rows.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TaskPage {
    /// Tasks the filter selects, in all.
    pub total: u64,
    /// The requested page, in document order.
    pub items: Vec<TaskView>,
}

/// What a change rests on.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Evidence {
    /// A document number: 晋政办发〔2014〕12号.
    #[uniffi(default = None)]
    pub document_number: Option<String>,
    /// A link.
    #[uniffi(default = None)]
    pub link: Option<String>,
    /// A free note.
    #[uniffi(default = None)]
    pub note: Option<String>,
}

impl From<Evidence> for reformgraph::Evidence {
    fn from(e: Evidence) -> Self {
        Self {
            document_number: e.document_number,
            link: e.link,
            note: e.note,
        }
    }
}

/// Who records a change, when it takes effect and on what evidence.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Provenance {
    /// The person recording (required: every change has an author).
    pub person: String,
    /// Their organisation: key, name or alias (`org/省环保厅`, `山西省环境保护厅`).
    #[uniffi(default = None)]
    pub organization: Option<String>,
    /// When the change takes effect; today (UTC) when absent.
    #[uniffi(default = None)]
    pub effective: Option<Day>,
    /// The evidence.
    #[uniffi(default = None)]
    pub evidence: Option<Evidence>,
    /// Accept an effective date after today (pending until then) or before the plan's
    /// period; refused otherwise.
    #[uniffi(default = false)]
    pub allow_unusual_date: bool,
    /// The key that signs the change (required in a database with an administrator key;
    /// the person and organisation are then its certificate's).
    #[uniffi(default = None)]
    pub signer: Option<std::sync::Arc<crate::keys::SecretKey>>,
}

/// A project to register into a portfolio.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProjectSpec {
    /// Project name.
    pub name: String,
    /// Portfolio key (`shanxi-2013/portfolio`).
    pub portfolio: String,
    /// The year it enters the portfolio.
    pub year: u16,
    /// Portfolio domain (产业转型 …).
    #[uniffi(default = None)]
    pub domain: Option<String>,
    /// Area: key, name or alias (`area/孝义市`, `孝义市`).
    #[uniffi(default = None)]
    pub area: Option<String>,
    /// Planned investment, 万元.
    #[uniffi(default = None)]
    pub investment_wan_yuan: Option<f64>,
    /// Responsible organisation: key, name or alias.
    #[uniffi(default = None)]
    pub responsible: Option<String>,
}

impl From<reformgraph::Evidence> for Evidence {
    fn from(e: reformgraph::Evidence) -> Self {
        Self {
            document_number: e.document_number,
            link: e.link,
            note: e.note,
        }
    }
}

impl From<reformgraph::ProjectSpec> for ProjectSpec {
    fn from(s: reformgraph::ProjectSpec) -> Self {
        Self {
            name: s.name,
            portfolio: s.portfolio,
            domain: s.domain,
            area: s.area,
            investment_wan_yuan: s.investment_wan_yuan,
            responsible: s.responsible,
            year: s.year,
        }
    }
}

/// What a recorded event changed.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum EventChange {
    /// A task's status and progress.
    StatusChanged {
        /// New status.
        status: TaskStatus,
        /// Progress, 0–100 %.
        progress: Option<f64>,
        /// A progress note.
        note: Option<String>,
    },
    /// A task's deadline.
    DeadlineChanged {
        /// New deadline.
        deadline: Day,
    },
    /// An annual action-plan sub-task under the subject task.
    SubTaskAdded {
        /// Year of the action plan.
        year: u16,
        /// What is to be done.
        title: String,
        /// When.
        deadline: Day,
        /// Responsible organisation key.
        responsible: Option<String>,
    },
    /// A project registered (the subject is its key).
    ProjectRegistered {
        /// The project.
        spec: ProjectSpec,
    },
    /// A project adjusted.
    ProjectAdjusted {
        /// The project as adjusted.
        spec: ProjectSpec,
    },
    /// A project withdrawn from its portfolio.
    ProjectWithdrawn,
    /// A project moved to a stage.
    StageChanged {
        /// New stage.
        stage: ProjectStage,
    },
    /// An observation of the subject indicator.
    Observed {
        /// Area key.
        area: String,
        /// Year observed.
        year: u16,
        /// Value.
        value: f64,
        /// Unit as printed.
        unit: String,
        /// Source.
        source: Option<String>,
        /// External reference rather than the area's own figure.
        reference: bool,
    },
    /// The subject area or organisation selected (or deselected) an option for a year.
    Selected {
        /// Option key.
        option: String,
        /// Year.
        year: u16,
        /// False withdraws an earlier selection.
        selected: bool,
    },
    /// A change the access policy refused, kept for the audit (it changed nothing).
    AccessRefused {
        /// The change type attempted (`task_status` …).
        attempted: String,
        /// Why it was refused.
        reason: String,
    },
    /// The administrator certified a key (the subject) for a person of an organisation.
    KeyCertified {
        /// The key (`ed25519:…`).
        key: String,
        /// The person who holds it.
        person: String,
        /// Their organisation's key.
        organization: String,
        /// The last day it is valid, if it expires.
        valid_until: Option<Day>,
    },
    /// The administrator revoked a key (the subject).
    KeyRevoked {
        /// The key (`ed25519:…`).
        key: String,
    },
    /// The subject organisation may record on a scope and everything in it.
    AccessGranted {
        /// The scope's key.
        scope: String,
    },
    /// The subject organisation's grant on a scope is withdrawn.
    GrantWithdrawn {
        /// The scope's key.
        scope: String,
    },
    /// A re-imported plan gives the subject task other responsible organisations.
    LeadsAssigned {
        /// Lead organisation keys, in the plan's order.
        leads: Vec<String>,
        /// Co-operating organisation keys.
        cooperating: Vec<String>,
        /// The leads before.
        previous_leads: Vec<String>,
        /// The co-operating organisations before.
        previous_cooperating: Vec<String>,
    },
}

impl Cross<EventChange> for Change {
    fn cross(self) -> std::result::Result<EventChange, Unmapped> {
        type Ch = EventChange;
        Ok(match self {
            Change::TaskStatus {
                status,
                progress,
                note,
            } => Ch::StatusChanged {
                status: status.cross()?,
                progress,
                note,
            },
            Change::TaskDeadline { deadline } => Ch::DeadlineChanged {
                deadline: deadline.into(),
            },
            Change::SubTaskAdded {
                year,
                title,
                deadline,
                responsible,
            } => Ch::SubTaskAdded {
                year,
                title,
                deadline: deadline.into(),
                responsible,
            },
            Change::ProjectRegistered(spec) => Ch::ProjectRegistered { spec: spec.into() },
            Change::ProjectAdjusted(spec) => Ch::ProjectAdjusted { spec: spec.into() },
            Change::ProjectWithdrawn => Ch::ProjectWithdrawn,
            Change::ProjectStage { stage } => Ch::StageChanged {
                stage: stage.cross()?,
            },
            Change::Observation {
                area,
                year,
                value,
                unit,
                source,
                reference,
            } => Ch::Observed {
                area,
                year,
                value,
                unit: unit.symbol().to_owned(),
                source,
                reference,
            },
            Change::Selection {
                option,
                year,
                selected,
            } => Ch::Selected {
                option,
                year,
                selected,
            },
            Change::AccessRefused { attempted, reason } => Ch::AccessRefused { attempted, reason },
            Change::KeyCertified {
                key,
                person,
                organization,
                valid_until,
            } => Ch::KeyCertified {
                key: key.to_string(),
                person,
                organization,
                valid_until: valid_until.map(Into::into),
            },
            Change::KeyRevoked { key } => Ch::KeyRevoked {
                key: key.to_string(),
            },
            Change::AccessGranted { scope } => Ch::AccessGranted { scope },
            Change::GrantWithdrawn { scope } => Ch::GrantWithdrawn { scope },
            Change::LeadsAssigned {
                leads,
                cooperating,
                previous_leads,
                previous_cooperating,
            } => Ch::LeadsAssigned {
                leads,
                cooperating,
                previous_leads,
                previous_cooperating,
            },
            other => {
                return Err(Unmapped {
                    what: "change",
                    name: other.name().to_owned(),
                });
            }
        })
    }
}

/// One entry of a node's history.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EventRow {
    /// Globally unique id (a UUIDv7).
    pub id: String,
    /// When it was recorded, milliseconds since the Unix epoch (UTC).
    pub recorded_at_millis: i64,
    /// The date it takes effect.
    pub effective: Day,
    /// Who recorded it.
    pub person: String,
    /// Their organisation's key.
    pub organization: Option<String>,
    /// On what evidence.
    pub evidence: Option<Evidence>,
    /// The natural key of the node changed.
    pub subject: String,
    /// The change type's name (`task_status`, `project_stage`, `observation` …).
    pub change_name: String,
    /// What changed.
    pub change: EventChange,
    /// The event that was current for the same thing when this one was recorded.
    pub supersedes: Option<String>,
    /// The public key that signed it (`ed25519:…`), if it is signed.
    pub signer: Option<String>,
}

impl Cross<EventRow> for Event {
    fn cross(self) -> std::result::Result<EventRow, Unmapped> {
        let e = self;
        Ok(EventRow {
            id: e.id.to_string(),
            recorded_at_millis: e.recorded_at,
            effective: e.effective.into(),
            person: e.actor.person,
            organization: e.actor.organization,
            evidence: e.evidence.map(Into::into),
            subject: e.subject,
            change_name: e.change.name().to_owned(),
            change: e.change.cross()?,
            supersedes: e.supersedes.map(|id| id.to_string()),
            signer: e.seal.map(|s| s.signer.to_string()),
        })
    }
}

/// A page of a node's history.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EventPage {
    /// Events in the history, in all.
    pub total: u64,
    /// The requested page, in application order (effective date, then recording time).
    pub items: Vec<EventRow>,
}

/// A task with its text, targets and the first page of its history.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TaskDetail {
    /// The task and its tracked state as of the date asked for.
    pub task: TaskView,
    /// The task's full text.
    pub body: String,
    /// The responsibility clause as printed (牵头单位：…).
    pub responsibility: Option<String>,
    /// Line of the plan text the task starts on, to cite.
    pub source_line: Option<u32>,
    /// Its quantitative targets.
    pub targets: Vec<TargetSummary>,
    /// The first events of its history (page on with `history`).
    pub history: EventPage,
}

/// What to search for. Fields other than `text` narrow; `null`/`nil` (or empty) means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct SearchRequest {
    /// Words separated by spaces, phrases in quotes: `煤层气`, `"资源型经济"`.
    pub text: String,
    /// Only nodes of these kinds (`task`, `target`, `organization` …).
    #[uniffi(default = [])]
    pub kinds: Vec<String>,
    /// Only tasks with this role (`reform` …).
    #[uniffi(default = None)]
    pub role: Option<String>,
    /// Only tasks in this category or part.
    #[uniffi(default = None)]
    pub category: Option<String>,
    /// Only tasks led by this organisation (key, name or alias).
    #[uniffi(default = None)]
    pub lead: Option<String>,
    /// Only nodes of the plan with this key.
    #[uniffi(default = None)]
    pub plan: Option<String>,
}

/// A page of search hits.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SearchPage {
    /// Matching nodes in all.
    pub total: u64,
    /// The requested page, best first.
    pub hits: Vec<SearchHit>,
}

/// A node found by key, name or alias.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NodeRef {
    /// Natural key.
    pub key: String,
    /// Kind name.
    pub kind: String,
    /// Title or name.
    pub label: String,
}

impl From<reformgraph::Node> for NodeRef {
    fn from(n: reformgraph::Node) -> Self {
        NodeRef {
            key: n.key.to_string(),
            kind: n.kind().name().to_owned(),
            label: n.data.label().to_owned(),
        }
    }
}

/// A changeset to send to another device.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChangesetExport {
    /// The changeset, JSON (the exchange format).
    pub json: String,
    /// The log position it starts after (the `after` asked for).
    pub after: u64,
    /// The log position of its last event: store it and pass it as `after` next time.
    pub next_cursor: u64,
    /// Events in it; fewer than the limit means this device has nothing more to send.
    pub event_count: u32,
}

impl ChangesetExport {
    /// Converts a core changeset.
    pub(crate) fn of(c: &track::Changeset) -> Result<Self> {
        Ok(ChangesetExport {
            json: c.to_json()?,
            after: c.after,
            next_cursor: c.through,
            event_count: u32::try_from(c.events.len()).unwrap_or(u32::MAX),
        })
    }
}
