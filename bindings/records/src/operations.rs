//! The recording operations both bindings expose, declared once.
//!
//! Each operation is one change to one node: its docs, its name in Python and in
//! Kotlin/Swift, its arguments in core types (the required ones, then after `;` the
//! optional ones with their defaults), and how the subject and [`Change`] are made from
//! them. The emitter of each binding adds who records it (Python's `actor=`, `org=` …
//! keywords; uniffi's `by: Provenance`, placed after the required arguments), converts each
//! argument from its binding type into the core type through its own trait, and calls
//! `track::record` through its one recording helper. So the two bindings accept the same
//! arguments, with the same defaults, for the same change.
//!
//! [`Change`]: reformgraph::Change

/// Calls `$emit!` with every recording operation. Per operation the emitter receives
/// `#[doc…] python_name | ffi_name (arg: CoreType, …; opt: CoreType = default, …)
/// |snapshot| { body }`, where the body, given a snapshot for name resolution, returns
/// `reformgraph::Result<(subject, Change)>`. Defaults are single tokens (`None`, `true`,
/// `false`), which both pyo3 signatures and uniffi `default(…)` accept.
#[macro_export]
macro_rules! record_operations {
    ($emit:ident) => {
        $emit! {
            /// Records a task's status (`not_started`, `in_progress`, `completed`, `delayed`,
            /// `suspended`, `cancelled`) and progress (0–100 %), with an optional note.
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` if `task` is not a task (or the organisation not
            /// an organisation); `Invalid` for progress outside 0–100 or an empty person;
            /// `ReadOnly`. Nothing is written on error.
            record_status | record_task_status (
                task: String, status: ::reformgraph::TaskStatus;
                progress: Option<f64> = None, note: Option<String> = None
            ) |_s| {
                Ok((task, ::reformgraph::Change::TaskStatus { status, progress, note }))
            }

            /// Records a new deadline for a task.
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` if `task` is not a task; `ReadOnly`.
            record_deadline | record_deadline (task: String, deadline: ::reformgraph::Date;) |_s| {
                Ok((task, ::reformgraph::Change::TaskDeadline { deadline }))
            }

            /// Adds an annual action-plan sub-task (年度行动计划) under a task, with its year,
            /// title, deadline and responsible organisation (key, name or alias).
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` for a task or organisation that is not one;
            /// `Invalid` for an empty title or an implausible year.
            record_subtask | record_subtask (
                task: String, year: u16, title: String, deadline: ::reformgraph::Date;
                responsible: Option<String> = None
            ) |_s| {
                Ok((task, ::reformgraph::Change::SubTaskAdded { year, title, deadline, responsible }))
            }

            /// Registers a project into a portfolio under a new key
            /// (`shanxi-2013/project/qinshui-cbm`): its name, portfolio key, the year it
            /// enters, and optionally its domain (产业转型 …), area and responsible
            /// organisation (keys, names or aliases) and planned investment in 万元.
            ///
            /// # Errors
            /// `DuplicateKey` if the key is taken; `KeyNotFound` / `WrongKind` for a
            /// portfolio, area or organisation that is not one; `Invalid` for an empty name.
            register_project | register_project (
                key: String, name: String, portfolio: String, year: u16;
                domain: Option<String> = None, area: Option<String> = None,
                investment_wan_yuan: Option<f64> = None, responsible: Option<String> = None
            ) |_s| {
                let spec = ::reformgraph::ProjectSpec {
                    name, portfolio, domain, area, investment_wan_yuan, responsible, year,
                };
                Ok((key, ::reformgraph::Change::ProjectRegistered(spec)))
            }

            /// Adjusts a registered project: its fields are replaced by these.
            ///
            /// # Errors
            /// As `register_project`, and `KeyNotFound` if the project was never registered.
            adjust_project | adjust_project (
                key: String, name: String, portfolio: String, year: u16;
                domain: Option<String> = None, area: Option<String> = None,
                investment_wan_yuan: Option<f64> = None, responsible: Option<String> = None
            ) |_s| {
                let spec = ::reformgraph::ProjectSpec {
                    name, portfolio, domain, area, investment_wan_yuan, responsible, year,
                };
                Ok((key, ::reformgraph::Change::ProjectAdjusted(spec)))
            }

            /// Withdraws a project from its portfolio.
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` if `key` is not a registered project.
            withdraw_project | withdraw_project (key: String;) |_s| {
                Ok((key, ::reformgraph::Change::ProjectWithdrawn))
            }

            /// Moves a project to a stage: `reserve`, `signed`, `landed`, `started`,
            /// `under_construction`, `in_operation`, `suspended`, `cancelled`
            /// (储备 签约 落地 开工 建设 投产 暂停 取消).
            ///
            /// # Errors
            /// `InvalidTransition` if the project cannot move there from its current stage;
            /// `KeyNotFound` / `WrongKind` if `project` is not a project.
            record_stage | record_project_stage (project: String, stage: ::reformgraph::ProjectStage;) |_s| {
                Ok((project, ::reformgraph::Change::ProjectStage { stage }))
            }

            /// Records an indicator's value for an area and year. `indicator` and `area` are
            /// keys or names; `unit` defaults to the indicator's (as printed: `%`, `个百分点`
            /// …); `reference` marks an external reference value (the national average).
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` for an indicator or area that is not one;
            /// `Invalid` if the unit is not the indicator's, the value is not finite, or a
            /// share, amount or count is negative.
            record_observation | record_observation (
                indicator: String, area: String, year: u16, value: f64;
                unit: Option<String> = None, source: Option<String> = None, reference: bool = false
            ) |s| {
                let unit = ::reformgraph::track::observation_unit(s, &indicator, unit.as_deref())?;
                let change = ::reformgraph::Change::Observation { area, year, value, unit, source, reference };
                Ok((indicator, change))
            }

            /// Records that an area (or organisation) selected an option for a year;
            /// `selected` false withdraws the selection.
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` for a subject that is not an area or organisation;
            /// `Invalid` if the option is not one that can be selected (a city task option,
            /// county pilot area or enterprise innovation area) or the year is implausible.
            record_selection | record_selection (
                subject: String, option: String, year: u16; selected: bool = true
            ) |_s| {
                Ok((subject, ::reformgraph::Change::Selection { option, year, selected }))
            }
        }
    };
}
