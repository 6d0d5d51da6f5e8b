//! Tracking what happens after a plan is imported: task status and progress, project
//! stages, indicator observations, selections of options, annual sub-tasks — all as an
//! append-only history of [`Event`]s, with the current state kept materialised in the same
//! transaction.
//!
//! State is a pure function of the set of events (applied in [`Event::order_key`] order),
//! so devices that exchange events converge whatever order they receive them in.
//!
//! ```
//! use reformgraph::{GraphRead, Store, TaskStatus, import::bundled, track::{self, EventInput}};
//! let store = Store::in_memory()?;
//! bundled::import_shanxi_2013(&store)?;
//! let input = EventInput::task_status("shanxi-2013/reform/10", TaskStatus::InProgress, Some(40.0), "张三")
//!     .effective("2014-06-30".parse()?);
//! track::record(&store, input)?;
//! let state = store.read()?.task_state("shanxi-2013/reform/10")?.expect("recorded");
//! assert_eq!(state.progress, 40.0);
//! # Ok::<(), reformgraph::Error>(())
//! ```

mod access;
mod id;
mod report;
pub(crate) mod state;
mod sync;
pub(crate) mod timeline;

pub use access::{grant, grants, revoke, set_access_enforced};
pub use report::{
    Attainment, AttainmentClass, Counts, DepartmentRollup, Funnel, LagClass, LagThresholds,
    SectionRollup, SelectionCheck, SelectionViolation, TaskView, attainment, category_rollup,
    department_rollup, project_funnel, report_year, selection_check, task_view, task_views,
};
pub use sync::{
    ApplyReport, Changeset, Conflict, apply_changeset, apply_events_in, export_changeset,
};

use crate::error::{Error, Result};
use crate::model::{
    Actor, Change, Checkpoint, Date, Edge, EdgeKind, EdgeLabel, Event, EventId, Evidence, NodeData,
    NodeKey, NodeKind, Project, ProjectStage, Task, TaskRole, TaskStatus, Unit,
};
use crate::store::{GraphRead, Store, WriteTx};

/// A change to record, before it gets its id and timestamp.
#[derive(Debug, Clone, PartialEq)]
pub struct EventInput {
    /// Natural key of the node changed.
    pub subject: String,
    /// The change.
    pub change: Change,
    /// Who.
    pub actor: Actor,
    /// On what evidence.
    pub evidence: Option<Evidence>,
    /// When it takes effect; today (UTC) when `None`.
    pub effective: Option<Date>,
    /// Recording time in ms since the epoch; now when `None` (set it for reproducible tests
    /// and imports of old records).
    pub recorded_at: Option<i64>,
}

impl EventInput {
    /// A change by `person`, effective today.
    pub fn new(subject: impl Into<String>, change: Change, person: impl Into<String>) -> Self {
        Self {
            subject: subject.into(),
            change,
            actor: Actor {
                person: person.into(),
                organization: None,
            },
            evidence: None,
            effective: None,
            recorded_at: None,
        }
    }

    /// A task status update.
    pub fn task_status(
        task: impl Into<String>,
        status: TaskStatus,
        progress: Option<f64>,
        person: impl Into<String>,
    ) -> Self {
        Self::new(
            task,
            Change::TaskStatus {
                status,
                progress,
                note: None,
            },
            person,
        )
    }

    /// A project stage change.
    pub fn project_stage(
        project: impl Into<String>,
        stage: ProjectStage,
        person: impl Into<String>,
    ) -> Self {
        Self::new(project, Change::ProjectStage { stage }, person)
    }

    /// An indicator observation for an area and year.
    pub fn observation(
        indicator: impl Into<String>,
        area: impl Into<String>,
        year: u16,
        value: f64,
        unit: Unit,
        person: impl Into<String>,
    ) -> Self {
        Self::new(
            indicator,
            Change::Observation {
                area: area.into(),
                year,
                value,
                unit,
                source: None,
                reference: false,
            },
            person,
        )
    }

    /// A selection of an option by an area (or organisation) for a year.
    pub fn selection(
        subject: impl Into<String>,
        option: impl Into<String>,
        year: u16,
        person: impl Into<String>,
    ) -> Self {
        Self::new(
            subject,
            Change::Selection {
                option: option.into(),
                year,
                selected: true,
            },
            person,
        )
    }

    /// Sets the effective date.
    #[must_use]
    pub fn effective(mut self, date: Date) -> Self {
        self.effective = Some(date);
        self
    }

    /// Sets the actor's organisation (a key such as `org/省环保厅`).
    #[must_use]
    pub fn organization(mut self, org: impl Into<String>) -> Self {
        self.actor.organization = Some(org.into());
        self
    }

    /// Sets the evidence.
    #[must_use]
    pub fn evidence(mut self, evidence: Evidence) -> Self {
        self.evidence = Some(evidence);
        self
    }

    /// Sets the recording time (ms since the epoch).
    #[must_use]
    pub fn recorded_at(mut self, millis: i64) -> Self {
        self.recorded_at = Some(millis);
        self
    }

    /// Replaces names by keys, as [`query::resolve`](crate::query::resolve) finds them: the
    /// actor's organisation, an observation's indicator (the subject) and area, a
    /// selection's subject (an area), a project's area and responsible organisation, a
    /// sub-task's responsible organisation. A string that already is a key is kept, and so
    /// is one that names nothing (validation then reports it); task and project subjects
    /// are keys. [`record`] does this itself, so callers may pass names or keys.
    ///
    /// # Errors
    /// [`Error::Invalid`] if a name is ambiguous (it names several nodes of the kind);
    /// storage errors.
    ///
    /// ```
    /// use reformgraph::{Change, Store, Unit, import::bundled, track::EventInput};
    /// let store = Store::in_memory()?;
    /// bundled::import_shanxi_2013(&store)?;
    /// let input = EventInput::observation("城镇化率", "山西省", 2013, 52.56, Unit::Percent, "张三")
    ///     .organization("山西省统计局")
    ///     .resolve_names(&store.read()?)?;
    /// assert_eq!(input.subject, "indicator/城镇化率");
    /// assert!(matches!(&input.change, Change::Observation { area, .. } if area == "area/山西省"));
    /// assert_eq!(input.actor.organization.as_deref(), Some("org/省统计局"));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn resolve_names<R: GraphRead + ?Sized>(mut self, r: &R) -> Result<Self> {
        use NodeKind::{Area, Indicator, Organization};
        if let Some(org) = self.actor.organization.take() {
            self.actor.organization = Some(key_for(r, Organization, org)?);
        }
        match &mut self.change {
            Change::Observation { area, .. } => {
                self.subject = key_for(r, Indicator, std::mem::take(&mut self.subject))?;
                *area = key_for(r, Area, std::mem::take(area))?;
            }
            Change::Selection { .. } => {
                self.subject = key_for(r, Area, std::mem::take(&mut self.subject))?;
            }
            Change::ProjectRegistered(spec) | Change::ProjectAdjusted(spec) => {
                if let Some(area) = spec.area.take() {
                    spec.area = Some(key_for(r, Area, area)?);
                }
                if let Some(org) = spec.responsible.take() {
                    spec.responsible = Some(key_for(r, Organization, org)?);
                }
            }
            Change::SubTaskAdded { responsible, .. } => {
                if let Some(org) = responsible.take() {
                    *responsible = Some(key_for(r, Organization, org)?);
                }
            }
            _ => {}
        }
        Ok(self)
    }
}

/// The key for `name`: kept if it is a key or names nothing, else the key of the one node of
/// `kind` with that name or alias.
fn key_for<R: GraphRead + ?Sized>(r: &R, kind: NodeKind, name: String) -> Result<String> {
    if r.id_of(&name)?.is_some() {
        return Ok(name);
    }
    match crate::query::resolve(r, kind, &name) {
        Ok(node) => Ok(node.key.to_string()),
        Err(Error::NameNotFound { .. }) => Ok(name),
        Err(e) => Err(e),
    }
}

/// The unit an observation of `indicator` is recorded in: the one the caller printed
/// (`%`, `万亩` …), else the indicator's own. Every front-end fills a missing unit this way.
///
/// # Errors
/// [`Error::NameNotFound`] if no unit is given and no indicator has that key or name;
/// storage errors.
///
/// ```
/// use reformgraph::{Store, Unit, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let snap = store.read()?;
/// assert_eq!(track::observation_unit(&snap, "城镇化率", None)?, Unit::Percent);
/// assert_eq!(track::observation_unit(&snap, "城镇化率", Some("万亩"))?, Unit::Other("万亩".into()));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn observation_unit<R: GraphRead + ?Sized>(
    r: &R,
    indicator: &str,
    given: Option<&str>,
) -> Result<Unit> {
    match given {
        Some(unit) => Ok(Unit::parse(unit)),
        None => indicator_unit(r, indicator),
    }
}

/// The unit an indicator is measured in: what an observation of it is recorded in when the
/// caller gives none. `indicator` is a key, name or alias.
///
/// # Errors
/// [`Error::NameNotFound`] if no indicator has that key or name; storage errors.
///
/// ```
/// use reformgraph::{Store, Unit, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// assert_eq!(track::indicator_unit(&store.read()?, "城镇化率")?, Unit::Percent);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn indicator_unit<R: GraphRead + ?Sized>(r: &R, indicator: &str) -> Result<Unit> {
    match crate::query::resolve(r, NodeKind::Indicator, indicator)?.data {
        NodeData::Indicator(i) => Ok(i.unit),
        _ => Ok(Unit::None),
    }
}

/// Today's date (UTC).
pub(crate) fn today() -> Date {
    date_of_millis(id::now_millis())
}

/// The UTC date of a timestamp, clamped into [`Date`]'s range.
pub(crate) fn date_of_millis(millis: i64) -> Date {
    // Civil-from-days (Howard Hinnant), inverse of Date::days_since_epoch.
    let z = millis.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let clamp = |y: i64| u16::try_from(y.clamp(1900, 2200)).unwrap_or(1900);
    Date::new(
        clamp(year),
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
    .unwrap_or(if year < 1900 { Date::MIN } else { Date::MAX })
}

fn invalid(what: &str, reason: impl Into<String>) -> Error {
    Error::invalid(what, reason)
}

fn check_finite(what: &str, v: f64) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(invalid(
            what,
            format!("{v} is not a number; give a finite value"),
        ))
    }
}

fn check_year(what: &str, y: u16) -> Result<()> {
    if (crate::model::MIN_YEAR..=crate::model::MAX_YEAR).contains(&y) {
        Ok(())
    } else {
        Err(invalid(what, format!("year {y} is outside 1900–2200")))
    }
}

fn require_kind<R: GraphRead + ?Sized>(
    r: &R,
    key: &str,
    kind: NodeKind,
) -> Result<crate::model::Node> {
    let node = r.require(key)?;
    if node.kind() == kind {
        Ok(node)
    } else {
        Err(Error::WrongKind {
            key: key.to_owned(),
            expected: kind,
            found: node.kind(),
        })
    }
}

/// Checks an event against the store as it is: subject and referenced nodes exist with the
/// right kinds, numbers are finite and in range, units match, stage moves are allowed.
fn validate(tx: &WriteTx<'_>, e: &Event, applying: bool) -> Result<()> {
    if let Some(org) = &e.actor.organization {
        require_kind(tx, org, NodeKind::Organization)?;
    }
    if e.actor.person.trim().is_empty() {
        return Err(invalid("actor", "name the person who records the change"));
    }
    match &e.change {
        Change::AccessRefused { .. } if applying => {}
        Change::AccessRefused { .. } => {
            return Err(invalid(
                "change",
                "access refusals are recorded by the store itself, not by callers",
            ));
        }
        Change::TaskStatus { progress, .. } => {
            require_kind(tx, &e.subject, NodeKind::Task)?;
            if let Some(p) = progress {
                check_finite("progress", *p)?;
                if !(0.0..=100.0).contains(p) {
                    return Err(invalid(
                        "progress",
                        format!("{p} is not between 0 and 100 (%)"),
                    ));
                }
            }
        }
        Change::TaskDeadline { .. } => {
            require_kind(tx, &e.subject, NodeKind::Task)?;
        }
        Change::SubTaskAdded {
            year,
            title,
            responsible,
            ..
        } => {
            require_kind(tx, &e.subject, NodeKind::Task)?;
            check_year("sub-task year", *year)?;
            if title.trim().is_empty() {
                return Err(invalid("sub-task title", "it is empty"));
            }
            if let Some(org) = responsible {
                require_kind(tx, org, NodeKind::Organization)?;
            }
        }
        Change::ProjectRegistered(spec) | Change::ProjectAdjusted(spec) => {
            if matches!(e.change, Change::ProjectRegistered(_)) {
                NodeKey::new(e.subject.as_str())?;
                // A registration from another device may meet the project already made
                // there by an adjustment applied first; replay sorts it out.
                if !applying && tx.id_of(&e.subject)?.is_some() {
                    return Err(Error::DuplicateKey {
                        key: e.subject.clone(),
                    });
                }
            } else if !applying {
                require_kind(tx, &e.subject, NodeKind::Project)?;
            }
            if spec.name.trim().is_empty() {
                return Err(invalid("project name", "it is empty"));
            }
            require_kind(tx, &spec.portfolio, NodeKind::Portfolio)?;
            if let Some(a) = &spec.area {
                require_kind(tx, a, NodeKind::Area)?;
            }
            if let Some(o) = &spec.responsible {
                require_kind(tx, o, NodeKind::Organization)?;
            }
            if let Some(v) = spec.investment_wan_yuan {
                check_finite("investment", v)?;
                if v < 0.0 {
                    return Err(invalid("investment", format!("{v} 万元 is negative")));
                }
            }
            check_year("portfolio year", spec.year)?;
        }
        Change::ProjectWithdrawn if applying => {
            NodeKey::new(e.subject.as_str())?;
        }
        Change::ProjectWithdrawn => {
            require_kind(tx, &e.subject, NodeKind::Project)?;
        }
        Change::ProjectStage { .. } if applying => {
            // Validity depends on the merged order; replay decides and reports.
            NodeKey::new(e.subject.as_str())?;
        }
        Change::ProjectStage { stage } => {
            require_kind(tx, &e.subject, NodeKind::Project)?;
            let current = tx.project_state(&e.subject)?.ok_or_else(|| {
                invalid(
                    "project",
                    format!("{} has no registration event", e.subject),
                )
            })?;
            if let Some(why) = state::stage_refusal(current.stage, current.resume_stage, *stage) {
                return Err(Error::InvalidTransition {
                    project: e.subject.clone(),
                    from: current.stage,
                    to: *stage,
                    reason: why,
                });
            }
        }
        Change::Observation {
            area,
            year,
            value,
            unit,
            ..
        } => {
            let node = require_kind(tx, &e.subject, NodeKind::Indicator)?;
            require_kind(tx, area, NodeKind::Area)?;
            check_year("observation year", *year)?;
            check_finite("observation value", *value)?;
            if let NodeData::Indicator(ind) = &node.data
                && ind.unit != *unit
            {
                return Err(invalid(
                    "unit",
                    format!(
                        "{} is measured in {:?}, not {:?}; convert the value first",
                        ind.name, ind.unit, unit
                    ),
                ));
            }
            let never_negative = matches!(
                unit,
                Unit::Percent | Unit::Permille | Unit::Yuan | Unit::Count(_)
            );
            if never_negative && *value < 0.0 {
                return Err(invalid(
                    "observation value",
                    format!("{value} is negative, which a share, amount or count cannot be"),
                ));
            }
        }
        Change::Selection { option, year, .. } => {
            let subject = tx.require(&e.subject)?;
            if !matches!(subject.kind(), NodeKind::Area | NodeKind::Organization) {
                return Err(Error::WrongKind {
                    key: e.subject.clone(),
                    expected: NodeKind::Area,
                    found: subject.kind(),
                });
            }
            let opt = require_kind(tx, option, NodeKind::Task)?;
            let is_option = matches!(
                &opt.data,
                NodeData::Task(Task {
                    role: TaskRole::CityTaskOption
                        | TaskRole::CountyPilotArea
                        | TaskRole::EnterpriseInnovationArea
                        | TaskRole::DepartmentSpecialReform,
                    ..
                })
            );
            if !is_option {
                return Err(invalid(
                    "selection",
                    format!(
                        "{option} is not an option that can be selected (a city task option, county pilot area or enterprise innovation area)"
                    ),
                ));
            }
            check_year("selection year", *year)?;
        }
    }
    Ok(())
}

/// Whether `e` comes after the event `current` in application order.
fn later(tx: &WriteTx<'_>, e: &Event, current: Option<EventId>) -> Result<bool> {
    let Some(current) = current else {
        return Ok(true);
    };
    Ok(match tx.event(current)? {
        Some(c) => e.order_key() > c.order_key(),
        None => true,
    })
}

/// Moves the winners of `e`'s slot and of its subject forward if `e` is later. Returns
/// whether `e` is now the latest event of its subject — then its effect can be applied to
/// the materialised state directly, without replaying the history.
pub(crate) fn advance_slots(tx: &mut WriteTx<'_>, e: &Event) -> Result<bool> {
    if let Some(slot) = state::slot(e)
        && later(tx, e, tx.slot_winner(&slot)?)?
    {
        tx.set_slot_winner(&slot, e.id)?;
    }
    let subject = state::subject_slot(&e.subject);
    let latest = later(tx, e, tx.slot_winner(&subject)?)?;
    if latest {
        tx.set_slot_winner(&subject, e.id)?;
    }
    Ok(latest)
}

/// Validates and records one change in an open transaction; returns the stored event.
///
/// # Errors
/// [`Error::KeyNotFound`], [`Error::WrongKind`], [`Error::Invalid`],
/// [`Error::InvalidTransition`] for bad input (nothing is written); storage errors.
pub fn record_in(tx: &mut WriteTx<'_>, input: EventInput) -> Result<Event> {
    let input = input.resolve_names(tx)?;
    let recorded_at = input.recorded_at.unwrap_or_else(id::now_millis);
    let mut event = Event {
        id: id::new_event_id(recorded_at),
        recorded_at,
        effective: input
            .effective
            .unwrap_or_else(|| date_of_millis(recorded_at)),
        actor: input.actor,
        evidence: input.evidence,
        subject: input.subject,
        change: input.change,
        supersedes: None,
    };
    validate(tx, &event, false)?;
    access::check(tx, &event)?;
    event.supersedes = match state::slot(&event) {
        Some(slot) => tx.slot_winner(&slot)?,
        None => None,
    };
    tx.append_event(&event)?;
    let latest = advance_slots(tx, &event)?;
    if let Some(outcome) = timeline::insert(tx, &event)? {
        // Task and project state: the timeline replays only what follows the event.
        materialise(tx, &event.subject, outcome.latest)?;
    } else if latest {
        apply_latest(tx, &event)?;
    } else {
        // A back-dated change: recompute from the history.
        refresh(tx, &event)?;
    }
    Ok(event)
}

/// Validates and records one change in its own durable transaction.
///
/// # Errors
/// As [`record_in`]; on error nothing is written.
///
/// ```
/// use reformgraph::{Error, Store, TaskStatus, import::bundled, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let bad = EventInput::task_status("shanxi-2013/reform/10", TaskStatus::InProgress, Some(140.0), "张三");
/// assert!(matches!(track::record(&store, bad), Err(Error::Invalid { .. })));
/// # Ok::<(), Error>(())
/// ```
pub fn record(store: &Store, input: EventInput) -> Result<Event> {
    let attempt = input.clone();
    store
        .write(|tx| record_in(tx, input))
        .map_err(|e| audit_refusal(store, &attempt, e))
}

/// Keeps a refused change in the history (its own small transaction; the refused one wrote
/// nothing) and returns the refusal.
fn audit_refusal(store: &Store, attempt: &EventInput, error: Error) -> Error {
    let Error::AccessDenied { reason, .. } = &error else {
        return error;
    };
    let recorded_at = id::now_millis();
    let event = Event {
        id: id::new_event_id(recorded_at),
        recorded_at,
        effective: date_of_millis(recorded_at),
        actor: attempt.actor.clone(),
        evidence: attempt.evidence.clone(),
        subject: attempt.subject.clone(),
        change: Change::AccessRefused {
            attempted: attempt.change.name().to_owned(),
            reason: reason.clone(),
        },
        supersedes: None,
    };
    let logged = store.write(|tx| {
        tx.append_event(&event)?;
        advance_slots(tx, &event)?;
        Ok::<_, Error>(())
    });
    match logged {
        Ok(()) => error,
        // The refusal stands either way; say that it could not be logged too.
        Err(log_error) => Error::invalid(
            "access",
            format!("{error} (and the refusal could not be logged: {log_error})"),
        ),
    }
}

/// Records many changes in one transaction (all or nothing).
///
/// # Errors
/// As [`record_in`] for the first bad input; then nothing is written.
///
/// ```
/// use reformgraph::{Store, TaskStatus, import::bundled, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let inputs = (1..=3).map(|n| EventInput::task_status(format!("shanxi-2013/reform/{n}"), TaskStatus::InProgress, Some(10.0), "李四"));
/// assert_eq!(track::record_all(&store, inputs)?.len(), 3);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn record_all(
    store: &Store,
    inputs: impl IntoIterator<Item = EventInput>,
) -> Result<Vec<Event>> {
    let mut refused: Option<EventInput> = None;
    let result = store.write(|tx| {
        let mut out = Vec::new();
        for input in inputs {
            let attempt = input.clone();
            match record_in(tx, input) {
                Ok(e) => out.push(e),
                Err(e) => {
                    refused = Some(attempt);
                    return Err(e);
                }
            }
        }
        Ok(out)
    });
    match (result, refused) {
        (Err(e), Some(attempt)) => Err(audit_refusal(store, &attempt, e)),
        (r, _) => r,
    }
}

/// Makes a task's or project's materialised state the timeline's latest checkpoint.
fn materialise(tx: &mut WriteTx<'_>, subject: &str, latest: Checkpoint) -> Result<()> {
    match latest {
        Checkpoint::Task(s) => tx.put_task_state(subject, Some(&s)),
        Checkpoint::Project(s) => {
            tx.put_project_state(subject, s.as_ref())?;
            match &s {
                Some(s) => sync_project(tx, subject, s),
                None => Ok(()),
            }
        }
    }
}

/// Applies an event that is the latest of its subject straight to the materialised state:
/// the same result as [`refresh`], without reading the history.
fn apply_latest(tx: &mut WriteTx<'_>, e: &Event) -> Result<()> {
    match &e.change {
        // The timeline keeps these (see `record_in`); a full refresh is the same result.
        Change::TaskStatus { .. }
        | Change::TaskDeadline { .. }
        | Change::ProjectRegistered(_)
        | Change::ProjectAdjusted(_)
        | Change::ProjectWithdrawn
        | Change::ProjectStage { .. } => refresh(tx, e).map(|_| ()),
        Change::Observation {
            area,
            year,
            reference,
            ..
        } => {
            if let Some(o) =
                state::observation(&e.subject, std::slice::from_ref(e), area, *year, *reference)
            {
                tx.put_observation(&o)?;
            }
            Ok(())
        }
        Change::Selection {
            option,
            year,
            selected,
        } => set_selection(tx, &e.subject, option, *year, *selected),
        Change::SubTaskAdded { .. } => refresh(tx, e).map(|_| ()),
        Change::AccessRefused { .. } => Ok(()),
    }
}

fn set_selection(
    tx: &mut WriteTx<'_>,
    subject: &str,
    option: &str,
    year: u16,
    on: bool,
) -> Result<()> {
    let (Some(from), Some(to)) = (tx.id_of(subject)?, tx.id_of(option)?) else {
        return Ok(());
    };
    let edge = Edge::new(from, EdgeKind::Selected { year }, to);
    if on {
        tx.add_edge(edge)?;
    } else {
        tx.remove_edge(&edge)?;
    }
    Ok(())
}

/// Recomputes what `event` affects from the subject's whole history.
pub(crate) fn refresh(tx: &mut WriteTx<'_>, event: &Event) -> Result<Vec<(EventId, String)>> {
    let mut history = tx.events_of(&event.subject)?;
    state::sort(&mut history);
    match &event.change {
        Change::AccessRefused { .. } => Ok(Vec::new()),
        Change::TaskStatus { .. }
        | Change::TaskDeadline { .. }
        | Change::ProjectRegistered(_)
        | Change::ProjectAdjusted(_)
        | Change::ProjectWithdrawn
        | Change::ProjectStage { .. } => match timeline::rebuild(tx, &event.subject, &history)? {
            Some(outcome) => {
                materialise(tx, &event.subject, outcome.latest)?;
                Ok(outcome.refused)
            }
            None => Ok(Vec::new()),
        },
        Change::SubTaskAdded {
            year,
            title,
            deadline,
            responsible,
        } => {
            let parent = tx.require(&event.subject)?;
            let key = NodeKey::new(format!("{}/annual/{year}/{}", event.subject, event.id))?;
            let siblings = tx
                .edges(
                    parent.id,
                    Some(EdgeLabel::Contains),
                    crate::model::Direction::Outgoing,
                )?
                .len();
            let task = Task {
                role: TaskRole::AnnualAction,
                number: format!("{year}"),
                ordinal: u32::from(*year),
                title: title.clone(),
                body: title.clone(),
                responsibility: responsible.clone(),
                deadline: Some(*deadline),
                deadline_kind: crate::model::DeadlineKind::Date,
                ..Task::default()
            };
            let child = tx.upsert(key, task, None)?.id();
            let order = u32::try_from(siblings).unwrap_or(u32::MAX);
            if tx.edge(parent.id, EdgeLabel::Contains, child, 0)?.is_none() {
                tx.add_edge(Edge::new(parent.id, EdgeKind::Contains { order }, child))?;
            }
            if let Some(org) = responsible
                && let Some(org_id) = tx.id_of(org)?
            {
                tx.add_edge(Edge::new(org_id, EdgeKind::Leads { rank: 1 }, child))?;
            }
            Ok(Vec::new())
        }
        Change::Observation {
            area,
            year,
            reference,
            ..
        } => {
            if let Some(o) = state::observation(&event.subject, &history, area, *year, *reference) {
                tx.put_observation(&o)?;
            }
            Ok(Vec::new())
        }
        Change::Selection { option, year, .. } => {
            let on = state::selected(&history, option, *year);
            set_selection(tx, &event.subject, option, *year, on)?;
            Ok(Vec::new())
        }
    }
}

/// Makes the project's node and edges (portfolio, area, responsible organisation) match
/// its state.
fn sync_project(tx: &mut WriteTx<'_>, key: &str, state: &crate::model::ProjectState) -> Result<()> {
    let spec = &state.spec;
    let node_key = NodeKey::new(key)?;
    let id = tx
        .upsert(
            node_key,
            Project {
                name: spec.name.clone(),
                domain: spec.domain.clone(),
                investment_wan_yuan: spec.investment_wan_yuan,
                description: None,
            },
            None,
        )?
        .id();
    // Replace the project's links with those of its current spec.
    for label in [EdgeLabel::InPortfolio, EdgeLabel::InArea] {
        for e in tx.edges(id, Some(label), crate::model::Direction::Outgoing)? {
            tx.remove_edge(&e)?;
        }
    }
    for e in tx.edges(
        id,
        Some(EdgeLabel::Leads),
        crate::model::Direction::Incoming,
    )? {
        tx.remove_edge(&e)?;
    }
    let mut wanted = Vec::new();
    if !state.withdrawn
        && let Some(p) = tx.id_of(&spec.portfolio)?
    {
        wanted.push((id, EdgeKind::InPortfolio, p));
    }
    if let Some(a) = &spec.area
        && let Some(a) = tx.id_of(a)?
    {
        wanted.push((id, EdgeKind::InArea, a));
    }
    if let Some(o) = &spec.responsible
        && let Some(o) = tx.id_of(o)?
    {
        wanted.push((o, EdgeKind::Leads { rank: 1 }, id));
    }
    for (from, kind, to) in wanted {
        tx.add_edge(Edge::new(from, kind, to))?;
    }
    Ok(())
}

/// The history of a node, in application order.
///
/// # Errors
/// [`Error::KeyNotFound`] if the key names nothing and has no events.
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// assert!(track::history(&store.read()?, "shanxi-2013/reform/1")?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn history<R: GraphRead + ?Sized>(r: &R, key: &str) -> Result<Vec<Event>> {
    let mut events = r.events_of(key)?;
    if events.is_empty() && r.id_of(key)?.is_none() {
        return Err(Error::KeyNotFound {
            key: key.to_owned(),
        });
    }
    state::sort(&mut events);
    Ok(events)
}

/// Checks that the materialised state equals a replay of the history: every task and
/// project state, every latest observation, every selection edge. [`Store::verify`]
/// checks the storage invariants; this checks the derived state on top of them.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, TaskStatus, import::bundled, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// track::record(&store, EventInput::task_status("shanxi-2013/reform/1", TaskStatus::InProgress, Some(5.0), "张三"))?;
/// assert!(track::verify_state(&store.read()?)?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn verify_state<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<crate::store::Problem>> {
    use std::collections::BTreeMap;
    let mut problems = Vec::new();
    let mut push = |table: &'static str, key: String, message: String| {
        problems.push(crate::store::Problem {
            table,
            key,
            message,
        });
    };
    // Keys of tasks removed by a re-import with their history kept (Plan::retired).
    let mut retired: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for id in r.ids_of_kind(crate::model::NodeKind::Plan)? {
        if let Some(crate::model::Node {
            data: NodeData::Plan(p),
            ..
        }) = r.node(id)?
        {
            retired.extend(p.retired);
        }
    }
    let mut by_subject: BTreeMap<String, Vec<Event>> = BTreeMap::new();
    for (_, e) in r.events_after(0, usize::MAX)? {
        by_subject.entry(e.subject.clone()).or_default().push(e);
    }
    for (subject, events) in &mut by_subject {
        state::sort(events);
        let node = r.node_by_key(subject)?;
        match node.as_ref().map(|n| n.kind()) {
            Some(NodeKind::Task) => {
                let plan_deadline = match node.map(|n| n.data) {
                    Some(NodeData::Task(t)) => t.deadline,
                    _ => None,
                };
                let want = state::task(plan_deadline, events);
                if r.task_state(subject)? != want {
                    push(
                        "task_state",
                        subject.clone(),
                        "differs from a replay of its events".into(),
                    );
                }
            }
            Some(NodeKind::Project) | None
                if events
                    .iter()
                    .any(|e| matches!(e.change, Change::ProjectRegistered(_))) =>
            {
                let (want, _) = state::project(events);
                if r.project_state(subject)? != want {
                    push(
                        "project_state",
                        subject.clone(),
                        "differs from a replay of its events".into(),
                    );
                }
            }
            Some(NodeKind::Indicator) => {
                let stored = r.observations(subject, None)?;
                let mut slots = std::collections::BTreeSet::new();
                for e in events.iter() {
                    if let Change::Observation {
                        area,
                        year,
                        reference,
                        ..
                    } = &e.change
                    {
                        slots.insert((area.clone(), *year, *reference));
                    }
                }
                for (area, year, reference) in slots {
                    let want = state::observation(subject, events, &area, year, reference);
                    let have = stored
                        .iter()
                        .find(|o| o.area == area && o.year == year && o.reference == reference);
                    if have != want.as_ref() {
                        push(
                            "observations",
                            format!("({subject}, {area}, {year})"),
                            "differs from a replay of its events".into(),
                        );
                    }
                }
            }
            Some(NodeKind::Area | NodeKind::Organization) => {
                let Some(from) = r.id_of(subject)? else {
                    continue;
                };
                let mut slots = std::collections::BTreeSet::new();
                for e in events.iter() {
                    if let Change::Selection { option, year, .. } = &e.change {
                        slots.insert((option.clone(), *year));
                    }
                }
                for (option, year) in slots {
                    let Some(to) = r.id_of(&option)? else {
                        continue;
                    };
                    let want = state::selected(events, &option, year);
                    let have = r
                        .edge(from, EdgeLabel::Selected, to, u32::from(year))?
                        .is_some();
                    if want != have {
                        push(
                            "adj_out",
                            format!("({subject} selected {option} in {year})"),
                            format!(
                                "edge {} but the events say {}",
                                if have { "present" } else { "absent" },
                                want
                            ),
                        );
                    }
                }
            }
            Some(_) => {}
            // A task a re-import removed with --allow-removals keeps its history.
            None if retired.contains(subject.as_str()) => {}
            None => push(
                "events",
                subject.clone(),
                "events about a node that does not exist".into(),
            ),
        }
    }
    timeline::check(r, &by_subject, &mut push)?;
    for (key, _) in r.task_states()? {
        if !by_subject.contains_key(&key) {
            push("task_state", key, "a state without events".into());
        }
    }
    // Slot winners: the latest event of each slot and of each subject.
    let mut want: BTreeMap<String, EventId> = BTreeMap::new();
    for (subject, events) in &by_subject {
        for e in events {
            // `events` is sorted, so later events overwrite earlier ones.
            if let Some(slot) = state::slot(e) {
                want.insert(slot, e.id);
            }
            want.insert(state::subject_slot(subject), e.id);
        }
    }
    let have: BTreeMap<String, EventId> = r.slot_winners()?.into_iter().collect();
    if have != want {
        let wrong: Vec<String> = want
            .iter()
            .filter(|(k, v)| have.get(*k) != Some(v))
            .map(|(k, _)| k.clone())
            .chain(have.keys().filter(|k| !want.contains_key(*k)).cloned())
            .take(5)
            .collect();
        push(
            "slots",
            wrong.join(", "),
            "winners differ from the history".into(),
        );
    }
    Ok(problems)
}
