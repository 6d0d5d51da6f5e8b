//! What a caller asks to record ([`EventInput`]), with names resolved to keys and the
//! defaults every front-end shares (an observation's unit).

use crate::error::{Error, Result};
use crate::model::{
    Actor, Change, Date, Evidence, NodeData, NodeKind, ProjectStage, TaskStatus, Unit,
};
use crate::store::GraphRead;

/// A change to record, before it gets its id and its recording time (from the store's
/// clock, [`Store::set_clock`](crate::Store::set_clock): never from the caller).
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
    /// Accept an effective date after today or before the plan's period (a change is
    /// normally recorded once it has happened, within the plan it belongs to).
    pub allow_unusual_date: bool,
    /// The key that signs the event (required in a store with an administrator key).
    pub signer: Option<super::SecretKey>,
}

/// Who records a change and on what grounds: everything of an [`EventInput`] but the change.
/// Each front-end fills it from its own arguments (the CLI's flags, Python's keywords,
/// Kotlin/Swift's `Provenance`) and records with [`EventInput::recorded_by`], so none of
/// them assembles an input field by field.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedBy {
    /// Who (the organisation: a key, name or alias, resolved when recorded).
    pub actor: Actor,
    /// On what evidence.
    pub evidence: Option<Evidence>,
    /// When it takes effect; today (UTC) when `None`.
    pub effective: Option<Date>,
    /// Accept an effective date after today or before the plan's period.
    pub allow_unusual_date: bool,
    /// The key that signs the event (required in a store with an administrator key).
    pub signer: Option<super::SecretKey>,
}

impl RecordedBy {
    /// `person` (of `organization`, if given), effective today, without evidence or key.
    pub fn person(person: impl Into<String>, organization: Option<String>) -> Self {
        Self {
            actor: Actor {
                person: person.into(),
                organization,
            },
            evidence: None,
            effective: None,
            allow_unusual_date: false,
            signer: None,
        }
    }
}

impl EventInput {
    /// A change by `person`, effective today.
    pub fn new(subject: impl Into<String>, change: Change, person: impl Into<String>) -> Self {
        Self::recorded_by(subject, change, RecordedBy::person(person, None))
    }

    /// The change to `subject`, recorded as `by` says.
    ///
    /// ```
    /// use reformgraph::{Change, Store, TaskStatus, import::bundled, track::{self, EventInput, RecordedBy}};
    /// let store = Store::in_memory()?;
    /// bundled::import_shanxi_2013(&store)?;
    /// let by = RecordedBy::person("张三", Some("省环保厅".into()));
    /// let change = Change::TaskStatus { status: TaskStatus::InProgress, progress: Some(40.0), note: None };
    /// let event = track::record(&store, EventInput::recorded_by("shanxi-2013/reform/10", change, by))?;
    /// assert_eq!(event.actor.organization.as_deref(), Some("org/省环保厅"));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn recorded_by(subject: impl Into<String>, change: Change, by: RecordedBy) -> Self {
        Self {
            subject: subject.into(),
            change,
            actor: by.actor,
            evidence: by.evidence,
            effective: by.effective,
            allow_unusual_date: by.allow_unusual_date,
            signer: by.signer,
        }
    }

    /// Signed by `key`: in a store with an administrator key, the event's person and
    /// organisation are then the key's certificate's.
    pub fn signed_by(mut self, key: &super::SecretKey) -> Self {
        self.signer = Some(key.clone());
        self
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

    /// Accepts an effective date after today or before the plan's period: a change planned
    /// ahead (shown as pending until its date) or a record of something long past.
    #[must_use]
    pub fn allow_unusual_date(mut self) -> Self {
        self.allow_unusual_date = true;
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
