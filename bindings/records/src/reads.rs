//! The read operations both bindings expose, declared once.
//!
//! Each is one question to a consistent snapshot: its docs, its name in Python and in
//! Kotlin/Swift, its arguments in core types (the required ones, then after `;` the
//! optional ones, all `None` by default: the defaults are the core's), the record it answers
//! with (a shared record of `records.rs`, a `Vec` of them, or an `Option`), and the core
//! call. Each binding's emitter converts the arguments through its own trait, runs the
//! call on a snapshot (Python without the GIL) and converts the answer with `Cross`: a list
//! reaches Python as a `ResultList`, Kotlin/Swift as a `List`.

/// Calls `$emit!` with `read;` (the binding's runner of a call on a snapshot) and every read
/// operation. Per operation the emitter receives `#[doc…] python_name | ffi_name (arg: CoreType, …; opt: CoreType = None, …) -> Answer
/// |snapshot| { body }`, where the body, given `&Snapshot`, returns
/// `reformgraph::Result<T>` for a core `T` that crosses into `Answer`.
#[macro_export]
macro_rules! read_operations {
    ($emit:ident) => {
        $emit! { read;
            /// A task with its part, category and leads.
            ///
            /// # Errors
            /// `KeyNotFound` if no node has the key; `WrongKind` if it is not a task.
            task_summary | task_summary (key: String;) -> TaskSummary |s| {
                ::reformgraph::query::task_summary(s, ::reformgraph::GraphRead::require(s, &key)?.id)
            }

            /// Tasks an organisation (key, name or alias) leads, with how it leads each
            /// (`sole`, `first`, `co`), in document order.
            ///
            /// # Errors
            /// `KeyNotFound` (with close names) if no organisation has the name.
            tasks_led_by | tasks_led_by (organization: String;) -> Vec<LedTask> |s| {
                ::reformgraph::query::tasks_led_by(s, &organization)
            }

            /// The lead organisations of a task, in lead order.
            ///
            /// # Errors
            /// `KeyNotFound` if no node has the key.
            leads_of | leads_of (task: String;) -> Vec<Lead> |s| {
                ::reformgraph::query::leads_of(s, ::reformgraph::GraphRead::require(s, &task)?.id)
            }

            /// The targets of a task or plan.
            ///
            /// # Errors
            /// `KeyNotFound` if no node has the key.
            targets_of | targets_of (key: String;) -> Vec<TargetSummary> |s| {
                ::reformgraph::query::targets_of(s, &key)
            }

            /// Every target, in key order.
            ///
            /// # Errors
            /// Storage errors only.
            all_targets | all_targets (;) -> Vec<TargetSummary> |s| {
                ::reformgraph::query::all_targets(s)
            }

            /// The tasks that carry a target.
            ///
            /// # Errors
            /// `KeyNotFound` if no node has the key.
            tasks_behind | tasks_behind (target: String;) -> Vec<TaskSummary> |s| {
                ::reformgraph::query::tasks_behind(s, &target)
            }

            /// Every pair of organisations that lead a task together, with the tasks.
            ///
            /// # Errors
            /// Storage errors only.
            co_leadership | co_leadership (;) -> Vec<CoLead> |s| {
                ::reformgraph::query::co_leadership(s)
            }

            /// The organisation × category matrix of led tasks.
            ///
            /// # Errors
            /// Storage errors only.
            workload | workload (;) -> Workload |s| {
                ::reformgraph::query::workload(s)
            }

            /// Organisations with how many tasks each leads, most first.
            ///
            /// # Errors
            /// Storage errors only.
            lead_counts | lead_counts (;) -> Vec<LeadCount> |s| {
                ::reformgraph::query::lead_counts(s)
            }

            /// A shortest path between two nodes named by key or by an organisation's,
            /// area's or indicator's name or alias, edges followed both ways; `labels` and
            /// `max_depth` default to the core's (`PathOptions`: every label but `contains`
            /// and `in_area`, 8 edges). None when there is none.
            ///
            /// # Errors
            /// `KeyNotFound` for an end that names nothing (with close names); `Invalid` for
            /// an unknown label or an ambiguous name.
            shortest_path | shortest_path (
                source: String, target: String;
                labels: Option<Vec<String>> = None, max_depth: Option<u32> = None
            ) -> Option<Vec<Hop>> |s| {
                let options = ::reformgraph::query::PathOptions::given(labels.as_deref(), max_depth)?;
                ::reformgraph::query::path_between(s, &source, &target, &options)
            }

            /// The latest observation of an indicator (key or name) per area and year, for
            /// one area (key or name) or all.
            ///
            /// # Errors
            /// `KeyNotFound` (with close names) for an indicator or area that names nothing.
            observations | observations (indicator: String; area: Option<String> = None) -> Vec<Observation> |s| {
                let indicator = ::reformgraph::query::resolve(s, ::reformgraph::NodeKind::Indicator, &indicator)?;
                let area = area
                    .map(|a| ::reformgraph::query::resolve(s, ::reformgraph::NodeKind::Area, &a))
                    .transpose()?;
                ::reformgraph::GraphRead::observations(s, indicator.key.as_str(), area.as_ref().map(|a| a.key.as_str()))
            }

            /// A task's state, expected progress, lag and red/yellow/green class as of a
            /// day (today when None); `yellow` and `red` are the lag thresholds in
            /// percentage points (the core's 10 and 25 when None).
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` if `key` is not a task; `Invalid` for thresholds
            /// that are negative or out of order.
            task_view | task_view (
                key: String;
                as_of: Option<::reformgraph::Date> = None, yellow: Option<f64> = None, red: Option<f64> = None
            ) -> TaskView |s| {
                let t = ::reformgraph::track::LagThresholds::given(yellow, red)?;
                ::reformgraph::track::task_view(s, &key, as_of, t)
            }

            /// Per organisation: tasks led, by status, overdue, red/yellow/green, most tasks
            /// first, as of a day (today when None), with the thresholds of `task_view`.
            ///
            /// # Errors
            /// `Invalid` for thresholds that are negative or out of order.
            departments | departments (;
                as_of: Option<::reformgraph::Date> = None, yellow: Option<f64> = None, red: Option<f64> = None
            ) -> Vec<DepartmentRollup> |s| {
                let t = ::reformgraph::track::LagThresholds::given(yellow, red)?;
                ::reformgraph::track::department_rollup(s, as_of, t)
            }

            /// 督办: the tasks past their deadline and not closed on a day (today when None),
            /// by the organisation to chase (the first lead): the organisations with most
            /// first, each one's longest overdue first. `organization` (key, name or alias)
            /// keeps the tasks it leads at any rank; `plan` (key) one plan's.
            ///
            /// # Errors
            /// `KeyNotFound` (with close names) for an organisation or plan that names nothing.
            overdue | overdue (;
                organization: Option<String> = None, plan: Option<String> = None,
                as_of: Option<::reformgraph::Date> = None
            ) -> Vec<OverdueTask> |s| {
                let filter = ::reformgraph::query::TaskFilter { lead: organization, plan, ..Default::default() };
                ::reformgraph::track::overdue(s, &filter, as_of)
            }

            /// What a returned 台账 (this project's export, or an office's own sheet — .xlsx,
            /// .xls, .ods or .csv) would change, without recording anything: each row matched
            /// to its task by 任务键, else by title (and 编号), compared with the state on the
            /// ledger's 截至 date. `plan` (key, name or alias) limits the tasks matched.
            ///
            /// # Errors
            /// `Io` if the file cannot be read; `Import` if it is no spreadsheet or has no
            /// ledger header; `KeyNotFound` for an unknown plan. Rows that cannot be applied
            /// are not errors: they are in `problems`.
            diff_ledger | diff_ledger (path: ::std::path::PathBuf; plan: Option<String> = None) -> LedgerDiff |s| {
                let ledger = ::reformgraph::intake::read_ledger_file(&path)?;
                ::reformgraph::intake::diff_ledger(s, &ledger, plan.as_deref())
            }

            /// Writes the 台账 workbook (任务台账, 目标, 项目 sheets; title and 截至 rows;
            /// printable) to `path`: `organization` (key, name or alias) keeps what it is
            /// responsible for on every sheet, `plan` one plan's, `as_of` the state on that
            /// day (today when None).
            ///
            /// # Errors
            /// `KeyNotFound` for an unknown organisation or plan; `Io` if the file cannot be
            /// written.
            export_xlsx | export_ledger_xlsx (
                path: ::std::path::PathBuf;
                organization: Option<String> = None, plan: Option<String> = None,
                as_of: Option<::reformgraph::Date> = None
            ) -> () |s| {
                let options = ::reformgraph::export::LedgerOptions { organization, plan, as_of, ..Default::default() };
                ::reformgraph::export::save_ledger_xlsx(s, &options, &path)
            }

            /// 考核: every city, pilot county, provincial department and pilot enterprise scored
            /// for `year` (the report year when None) by the rubric — weights `completion`,
            /// `timeliness`, `targets`, `selections` (default 40, 30, 20, 10; a part with
            /// nothing to measure is left out) — and ranked in its group, on the year's last
            /// day or `as_of` when earlier; `plan` (key, name or alias) one plan's.
            ///
            /// # Errors
            /// `Invalid` for negative weights or all 0; `KeyNotFound` for an unknown plan.
            assessment | assessment (;
                year: Option<u16> = None, as_of: Option<::reformgraph::Date> = None,
                plan: Option<String> = None, completion: Option<f64> = None,
                timeliness: Option<f64> = None, targets: Option<f64> = None,
                selections: Option<f64> = None
            ) -> Assessment |s| {
                let rubric = ::reformgraph::track::AssessmentRubric::given(completion, timeliness, targets, selections)?;
                let options = ::reformgraph::track::AssessmentOptions { year, as_of, plan, rubric, ..Default::default() };
                ::reformgraph::track::assessment(s, &options)
            }

            /// Writes a report's chart as SVG to `path`: `workload`, `departments` (status by
            /// department, 红黄绿), `attainment`, `targets` or `projects`, on `as_of`.
            ///
            /// # Errors
            /// `Invalid` for a report without a chart; `Io` if the file cannot be written.
            export_svg | export_chart_svg (
                path: ::std::path::PathBuf, chart: String;
                as_of: Option<::reformgraph::Date> = None
            ) -> () |s| {
                ::reformgraph::export::save_report_svg(s, &chart, as_of, &path)
            }

            /// Writes the whole graph as GraphML (nodes with their kind and fields, edges with
            /// their label) to `path`, for Gephi, yEd or networkx.
            ///
            /// # Errors
            /// `Io` if the file cannot be written.
            export_graphml | export_graphml (path: ::std::path::PathBuf;) -> () |s| {
                ::reformgraph::export::save_graphml(s, &path)
            }

            /// Writes one CSV file per node kind and per edge label into the folder `path`
            /// (created if missing), with a UTF-8 byte-order mark first when `bom` (so Excel
            /// reads Chinese text); returns the files written.
            ///
            /// # Errors
            /// `Io` if the folder or a file cannot be written.
            export_csv | export_csv (path: ::std::path::PathBuf; bom: bool = false) -> Vec<String> |s| {
                ::reformgraph::export::write_csv(s, &path, bom)
                    .map(|files| files.iter().map(|f| f.display().to_string()).collect::<Vec<String>>())
            }

            /// Per category and part, in document order, as `departments`.
            ///
            /// # Errors
            /// `Invalid` for thresholds that are negative or out of order.
            categories | categories (;
                as_of: Option<::reformgraph::Date> = None, yellow: Option<f64> = None, red: Option<f64> = None
            ) -> Vec<SectionRollup> |s| {
                let t = ::reformgraph::track::LagThresholds::given(yellow, red)?;
                ::reformgraph::track::category_rollup(s, as_of, t)
            }

            /// A target's attainment for an area (key or name; the plan's when None) as of a
            /// day (today when None).
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` if `target` is not a target; `Invalid` if its
            /// observations are in another unit.
            attainment | attainment (
                target: String;
                area: Option<String> = None, as_of: Option<::reformgraph::Date> = None
            ) -> Attainment |s| {
                ::reformgraph::track::attainment(s, &target, area.as_deref(), as_of)
            }

            /// `attainment` of every target, for its plan's area, in key order.
            ///
            /// # Errors
            /// `Invalid` if a target's observations are in another unit.
            attainments | attainments (; as_of: Option<::reformgraph::Date> = None) -> Vec<Attainment> |s| {
                ::reformgraph::track::attainments(s, as_of)
            }

            /// The projects of a portfolio by stage (only those entering in `year` when
            /// given), as of a day (today when None).
            ///
            /// # Errors
            /// `KeyNotFound` / `WrongKind` if `portfolio` is not a portfolio.
            funnel | funnel (
                portfolio: String;
                year: Option<u16> = None, as_of: Option<::reformgraph::Date> = None
            ) -> Funnel |s| {
                ::reformgraph::track::project_funnel(s, &portfolio, year, as_of)
            }

            /// The cities' and pilot counties' selections of `year` checked against the
            /// plans' rules; without a year, the core's report year (the as-of year, else
            /// this year, within the plans' periods).
            ///
            /// # Errors
            /// Storage errors only.
            selections | selections (;
                year: Option<u16> = None, as_of: Option<::reformgraph::Date> = None
            ) -> SelectionCheck |s| {
                ::reformgraph::track::selection_check(s, year, as_of)
            }

            /// Every key the administrator certified, with its certificate as its history
            /// stands, in key order.
            ///
            /// # Errors
            /// Storage errors only.
            certificates | certificates (;) -> Vec<Certificate> |s| {
                ::reformgraph::track::certificates(s)
            }
        }
    };
}
