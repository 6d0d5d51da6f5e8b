//! The state derived from the history, as `task_state`, `project_state`, `observations` and
//! `timeline` hold it (format byte 1). Frozen like the events they are derived from.

use serde::{Deserialize, Serialize};

use super::common::{DateV1, UnitV1};
use super::event_v1::{ActorV1, ProjectSpecV1, ProjectStageV1, TaskStatusV1};
use super::mirror::{Thaw, Unfit, mirror_struct};
use crate::model::{Checkpoint, Observation, ProjectState, TaskState};

mirror_struct! {
    /// `TaskState`.
    TaskStateV1 <=> TaskState {
        status: TaskStatusV1,
        progress: f64,
        deadline: Option<DateV1>,
        note: Option<String>,
        last_event: Option<u128>,
        last_update: Option<DateV1>,
        last_actor: Option<ActorV1>,
    }
}

mirror_struct! {
    /// `ProjectState`.
    ProjectStateV1 <=> ProjectState {
        spec: ProjectSpecV1,
        stage: ProjectStageV1,
        resume_stage: Option<ProjectStageV1>,
        withdrawn: bool,
        last_event: Option<u128>,
        last_update: Option<DateV1>,
    }
}

mirror_struct! {
    /// `Observation` (the latest per indicator, area, year and reference flag).
    ObservationV1 <=> Observation {
        indicator: String,
        area: String,
        year: u16,
        value: f64,
        unit: UnitV1,
        source: Option<String>,
        reference: bool,
        event: u128,
        effective: DateV1,
    }
}

/// `Checkpoint`: a subject's state right after one of its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum CheckpointV1 {
    Task(TaskStateV1),
    Project(Option<ProjectStateV1>),
}

impl From<Checkpoint> for CheckpointV1 {
    fn from(c: Checkpoint) -> Self {
        match c {
            Checkpoint::Task(s) => CheckpointV1::Task(s.into()),
            Checkpoint::Project(s) => CheckpointV1::Project(s.map(Into::into)),
        }
    }
}

impl TryFrom<CheckpointV1> for Checkpoint {
    type Error = Unfit;
    fn try_from(c: CheckpointV1) -> Result<Self, Unfit> {
        Ok(match c {
            CheckpointV1::Task(s) => Checkpoint::Task(s.try_into()?),
            CheckpointV1::Project(s) => Checkpoint::Project(s.thaw()?),
        })
    }
}
