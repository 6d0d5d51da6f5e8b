//! Reading tracked state: task views with time-proportional lag, target attainment,
//! roll-ups, selection checks and the project funnel — each now or as of a date. One file
//! per report.

mod assessment;
mod attainment;
mod funnel;
mod overdue;
mod rollups;
mod selections;
mod tasks;

pub use assessment::{
    AssessedGroup, AssessedUnit, Assessment, AssessmentOptions, AssessmentRubric, assessment,
};
pub use attainment::{Attainment, AttainmentClass, AttainmentNote, attainment, attainments};
pub(crate) use funnel::project_states_on;
pub use funnel::{Funnel, StageCount, project_funnel};
pub use overdue::{OverdueTask, overdue};
pub use rollups::{Counts, DepartmentRollup, SectionRollup, category_rollup, department_rollup};
pub use selections::{
    SelectionCheck, SelectionViolation, SubjectSelection, report_year, selection_check,
};
pub use tasks::{LagClass, LagThresholds, SubTaskRollup, TaskView, task_view, task_views};
