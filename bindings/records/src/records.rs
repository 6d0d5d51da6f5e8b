//! The declarations. Each record: docs, `Name (binder: CoreType)`, the fields a `repr`
//! shows, an optional DataFrame builder (Python), and the fields — a field without `= …`
//! takes the core value's field of the same name.

/// Calls `$emit!` with every shared record and generates their [`Cross`](crate::Cross)
/// impls from the core types. The emitter receives, per record,
/// `#[doc…] Name [repr fields] frame = "…" { #[doc…] field: Type, … }` (the frame optional).
#[macro_export]
macro_rules! shared_records {
    ($emit:ident) => {
        $crate::records! { $emit;

        /// Where in the source document a node came from: 1-based line, byte offsets.
        SourceSpan (s: ::reformgraph::SourceSpan) [line, start, end] {
            /// 1-based line number of the first line.
            line: u32,
            /// Byte offset of the first byte (UTF-8).
            start: u32,
            /// Byte offset one past the last byte.
            end: u32,
        }

        /// A part (一、) or category (（一）) a task sits in.
        SectionRef (s: ::reformgraph::query::SectionRef) [key, number, title] {
            /// Natural key.
            key: String,
            /// Number as printed (二).
            number: String,
            /// Title (重大改革).
            title: String,
        }

        /// A lead organisation of a task.
        Lead (l: ::reformgraph::query::LeadRef) [name, rank] {
            /// Natural key (`org/省环保厅`).
            key: String,
            /// The name as the plan prints it.
            name: String,
            /// Kind of organisation: `provincial_department`, `central_vertical_branch`,
            /// `government`, `enterprise`, `group` or `other`.
            kind: String,
            /// 1-based position in the responsibility clause (0 in lead counts).
            rank: u16,
        }

        /// A task with its part, category and leads.
        TaskSummary (t: ::reformgraph::query::TaskSummary) [key, title] {
            /// Natural key (`shanxi-2013/reform/10`).
            key: String,
            /// Role name: `reform`, `matter`, `research_topic`, `city_task_option` …
            role: String,
            /// The number as an integer (10 for `10` or `十`), so tasks sort as numbered.
            ordinal: Option<u32> = ::reformgraph::ordinal(&t.number),
            /// Number as printed.
            number: String,
            /// Title.
            title: String,
            /// The part (一、…) the task is in.
            part: Option<SectionRef>,
            /// The category ((一)…) the task is in, if any.
            category: Option<SectionRef>,
            /// Lead organisations in lead order.
            leads: Vec<Lead>,
            /// Deadline.
            deadline: Option<Day>,
        }

        /// A task as led by one organisation.
        LedTask (t: ::reformgraph::query::LedTask) [task, lead_role] {
            /// The task.
            task: TaskSummary,
            /// `sole`, `first` (of several) or `co`.
            lead_role: String,
        }

        /// A quantitative target on an indicator.
        Target (t: (String, ::reformgraph::Target, Option<::reformgraph::SourceSpan>)) [key, summary] {
            /// Natural key.
            key: String = t.0,
            /// The target compactly: `≥ 40%`, `−16% vs 2010`.
            summary: String = t.1.summary(),
            /// How the value is compared: `at_least`, `reach`, `at_most`, `range`,
            /// `approximately`, `decrease_from_base`, `increase_from_base`,
            /// `above_reference`, `within_reference`.
            comparator: String = t.1.comparator,
            /// The target value (low end of a range).
            value: Option<f64> = t.1.value,
            /// The high end of a range.
            value_max: Option<f64> = t.1.value_max,
            /// Unit as printed (`%`, `万亩` …); observations of the indicator use it.
            unit: String = t.1.unit,
            /// Base year of change-against-base targets.
            base_year: Option<u16> = t.1.base_year,
            /// When the target falls due.
            deadline: Option<Day> = t.1.deadline,
            /// A yearly target.
            annual: bool = t.1.annual,
            /// External reference (全国平均水平).
            reference: Option<String> = t.1.reference,
            /// The clause as printed.
            wording: String = t.1.wording,
            /// Where it sits in its source document.
            source: Option<SourceSpan> = t.2,
        }

        /// A target with its indicator.
        TargetSummary (t: ::reformgraph::query::TargetSummary) [key, indicator, target] {
            /// Natural key.
            key: String = t.key.clone(),
            /// Indicator name, if linked.
            indicator: Option<String>,
            /// The target.
            target: Target = (t.key, t.target, None::<::reformgraph::SourceSpan>),
        }

        /// Two organisations that lead tasks together.
        CoLead (c: ::reformgraph::query::CoLead) [a, b, tasks] {
            /// One organisation's key (the smaller).
            a: String,
            /// The other's key.
            b: String,
            /// Keys of the tasks they both lead.
            tasks: Vec<String>,
        }

        /// Organisations × categories: tasks each organisation leads in each category.
        Workload (w: ::reformgraph::query::Workload) [organizations, categories]
            frame = "workload_frame" {
            /// Row labels: organisation names, most tasks first.
            organizations: Vec<String>,
            /// Column labels: category titles, in document order.
            categories: Vec<String>,
            /// `counts[row][column]`.
            counts: Vec<Vec<u32>>,
            /// Row totals.
            totals: Vec<u32>,
        }

        /// An organisation and how many tasks it leads.
        LeadCount (c: ::reformgraph::query::LeadCount) [lead, tasks] {
            /// The organisation (rank 0: no single task's clause is meant).
            lead: Lead,
            /// Tasks it leads, as sole, first or co-lead.
            tasks: u32,
        }

        /// One node of a path or neighbourhood.
        Hop (h: ::reformgraph::query::Hop) [key, kind, depth, via] {
            /// Natural key of the node reached.
            key: String,
            /// Its kind (`task`, `organization` …).
            kind: String,
            /// Its title or name.
            label: String,
            /// Distance from the start.
            depth: u32,
            /// The edge label followed to reach it (none for the start).
            via: Option<String>,
            /// `outgoing` or `incoming`: how that edge was followed.
            direction: Option<String>,
        }

        /// A search hit.
        SearchHit (h: ::reformgraph::search::SearchHit) [key, score, title] {
            /// Natural key.
            key: String,
            /// Kind name (`task` …).
            kind: String,
            /// BM25 score; higher is better.
            score: f64,
            /// Title or name.
            title: String,
            /// About 60 characters around the first match, matches wrapped in 【】.
            snippet: String,
            /// Where the node sits in its source document.
            source: Option<SourceSpan>,
        }

        /// A task's annual sub-tasks (年度任务), rolled up.
        SubTaskRollup (s: ::reformgraph::track::SubTaskRollup) [count, completed, mean_progress] {
            /// How many sub-tasks.
            count: u32,
            /// How many of them are completed.
            completed: u32,
            /// Their mean progress, %.
            mean_progress: f64,
        }

        /// A task with its tracked state as of a date: one row of "my tasks".
        TaskView (v: ::reformgraph::track::TaskView) [key, status, progress, lag_class, as_of] {
            /// Task key.
            key: String = v.task.key.clone(),
            /// The task (title, category, leads …).
            task: TaskSummary,
            /// `not_started`, `in_progress`, `completed`, `delayed`, `suspended`, `cancelled`.
            status: TaskStatus,
            /// Progress, %.
            progress: f64,
            /// Deadline in force.
            deadline: Option<Day>,
            /// Time-proportional progress expected by the as-of date, %.
            expected_progress: Option<f64>,
            /// Expected minus actual progress, percentage points (positive = behind).
            lag: Option<f64>,
            /// `green`, `yellow` or `red`.
            lag_class: LagClass = v.class,
            /// Past its deadline and not closed.
            overdue: bool,
            /// Latest progress note.
            note: Option<String>,
            /// When it was last updated (effective date).
            last_update: Option<Day>,
            /// By whom.
            last_actor: Option<String>,
            /// Its annual sub-tasks rolled up, if it has any.
            sub_tasks: Option<SubTaskRollup>,
            /// The effective date of a change recorded ahead (after the view's date), pending.
            pending: Option<Day>,
            /// The date the view is for.
            as_of: Day,
        }

        /// A task past its deadline and not closed, with the organisation to chase (督办).
        OverdueTask (t: ::reformgraph::track::OverdueTask) [organization_name, task, deadline, days_late] {
            /// The organisation to chase: the task's first lead's key (none: no lead).
            organization: Option<String>,
            /// Its name.
            organization_name: Option<String>,
            /// The other lead organisations' names, in rank order.
            co_leads: Vec<String>,
            /// Task key.
            task: String,
            /// The task's number as printed.
            number: String,
            /// The task's title.
            title: String,
            /// The deadline in force.
            deadline: Day,
            /// Days past it on the report's date.
            days_late: u32,
            /// `not_started`, `in_progress`, `delayed` or `suspended`.
            status: TaskStatus,
            /// Progress, %.
            progress: f64,
            /// The latest progress note.
            note: Option<String>,
            /// When it was last updated (none: never).
            last_update: Option<Day>,
            /// Days since then (none: never updated).
            days_since_update: Option<u32>,
            /// Who last updated it.
            last_actor: Option<String>,
            /// The date the report is for.
            as_of: Day,
        }

        /// One unit's 考核: what it answers for, each part of the rubric (0–1, none when
        /// there is nothing to measure), its score (0–100) and rank in its group.
        AssessedUnit (u: ::reformgraph::track::AssessedUnit) [group, name, score, rank] {
            /// `city`, `pilot_county`, `provincial_department` or `pilot_enterprise`.
            group: String = u.group.name(),
            /// Its key (`area/大同市`, `org/省环保厅`).
            key: String,
            /// Its name.
            name: String,
            /// The tasks it answers for.
            tasks: u32,
            /// Of those, completed.
            completed: u32,
            /// Of those, overdue.
            overdue: u32,
            /// Of those, red.
            red: u32,
            /// Its tasks' targets with an observation.
            targets_measured: u32,
            /// Of those, attained.
            targets_met: u32,
            /// Selections made for the year, where a rule asks for some.
            selections_made: Option<u32>,
            /// The fewest the rule asks for.
            selections_required: Option<u32>,
            /// 完成情况, 0–1.
            completion: Option<f64>,
            /// 序时进度, 0–1.
            timeliness: Option<f64>,
            /// 目标, 0–1.
            targets: Option<f64>,
            /// 选题, 0–1.
            selections: Option<f64>,
            /// The weighted score, 0–100.
            score: Option<f64>,
            /// Rank in its group, from 1 (ties share one).
            rank: Option<u32>,
        }

        /// 考核 for a year: every assessed unit, group by group, best first, and the weights.
        Assessment (a: ::reformgraph::track::Assessment) [year, as_of, units]
            frame = "assessment_frame" {
            /// The year assessed.
            year: u16,
            /// The date the state is read on.
            as_of: Day,
            /// The units.
            units: Vec<AssessedUnit>,
            /// The weight of completion.
            completion_weight: f64 = a.rubric.completion,
            /// The weight of timeliness.
            timeliness_weight: f64 = a.rubric.timeliness,
            /// The weight of targets.
            targets_weight: f64 = a.rubric.targets,
            /// The weight of selections.
            selections_weight: f64 = a.rubric.selections,
        }

        /// A row of a returned ledger that changes its task: before (on the ledger's 截至
        /// date) and after.
        LedgerRowChange (c: ::reformgraph::intake::RowChange) [row, task, status_after] {
            /// The sheet.
            sheet: String,
            /// The row's number as the spreadsheet shows it.
            row: u32,
            /// The task's key.
            task: String,
            /// The task's title.
            title: String,
            /// Status on the ledger's date.
            status_before: TaskStatus,
            /// Status the row reports (the same when it reports none).
            status_after: TaskStatus,
            /// Progress on the ledger's date, %.
            progress_before: f64,
            /// The progress the row reports, when it differs.
            progress_after: Option<f64>,
            /// The note on the ledger's date.
            note_before: Option<String>,
            /// The note the row reports, when it differs.
            note_after: Option<String>,
        }

        /// A row of a returned ledger that cannot be applied, and why (never guessed).
        LedgerRowProblem (p: ::reformgraph::intake::RowProblem) [row, kind, message] {
            /// The sheet.
            sheet: String,
            /// The row's number.
            row: u32,
            /// The row's title, if any.
            title: Option<String>,
            /// `no_match`, `several_matches`, `repeated`, `unreadable`, `updated_since` or
            /// `deadline_not_imported` (the row's other entries still count).
            kind: String = p.kind.name().to_owned(),
            /// The tasks it could be (for `several_matches`).
            candidates: Vec<String>,
            /// What is wrong and what to do.
            message: String,
        }

        /// What a returned ledger changes, compared with the state on its 截至 date.
        LedgerDiff (d: ::reformgraph::intake::LedgerDiff) [source, as_of, unchanged] {
            /// The file's name.
            source: String,
            /// The date compared with (the ledger's 截至 date, else today).
            as_of: Day,
            /// The rows that change their task.
            changes: Vec<LedgerRowChange>,
            /// The rows that cannot be applied.
            problems: Vec<LedgerRowProblem>,
            /// Rows that match their task's state already.
            unchanged: u32,
            /// Rows that name a task but report nothing.
            blank: u32,
        }

        /// A returned ledger applied: its diff and the ids of the events recorded, one per
        /// change.
        LedgerImport (i: ::reformgraph::intake::LedgerImport) [events] {
            /// What it changed and what it could not.
            diff: LedgerDiff,
            /// The recorded events' ids, in the order of `diff.changes`.
            events: Vec<String> = i.events.iter().map(|e| e.id.to_string()).collect::<Vec<String>>(),
        }

        /// Tasks led by one organisation, counted.
        DepartmentRollup (r: ::reformgraph::track::DepartmentRollup)
            [name, tasks, overdue, red, yellow, green, mean_progress] {
            /// Organisation key.
            key: String,
            /// Name.
            name: String,
            /// Tasks it leads (any rank).
            tasks: u32 = r.counts.tasks,
            /// Tasks by status name.
            by_status: Map<String, u32> = r.counts.by_status,
            /// Overdue tasks.
            overdue: u32 = r.counts.overdue,
            /// Red tasks.
            red: u32 = r.counts.red,
            /// Yellow tasks.
            yellow: u32 = r.counts.yellow,
            /// Green tasks.
            green: u32 = r.counts.green,
            /// Mean progress, %.
            mean_progress: f64 = r.counts.mean_progress,
        }

        /// Tasks of one category (or part), counted.
        SectionRollup (r: ::reformgraph::track::SectionRollup)
            [part, category, tasks, red, yellow, green, mean_progress] {
            /// Part title.
            part: String,
            /// Category title, if the tasks sit in one.
            category: Option<String>,
            /// Tasks.
            tasks: u32 = r.counts.tasks,
            /// Tasks by status name.
            by_status: Map<String, u32> = r.counts.by_status,
            /// Overdue tasks.
            overdue: u32 = r.counts.overdue,
            /// Red tasks.
            red: u32 = r.counts.red,
            /// Yellow tasks.
            yellow: u32 = r.counts.yellow,
            /// Green tasks.
            green: u32 = r.counts.green,
            /// Mean progress, %.
            mean_progress: f64 = r.counts.mean_progress,
        }

        /// The latest observation of an indicator for an area and year.
        Observation (o: ::reformgraph::Observation) [indicator, area, year, value] {
            /// Indicator key.
            indicator: String,
            /// Area key.
            area: String,
            /// Year.
            year: u16,
            /// Value.
            value: f64,
            /// Unit as printed.
            unit: String,
            /// Where the figure comes from.
            source: Option<String>,
            /// The external reference value rather than the area's own.
            reference: bool,
            /// The event that recorded it.
            event: String,
            /// Its effective date.
            effective: Day,
        }

        /// A target's attainment for one area.
        Attainment (a: ::reformgraph::track::Attainment) [target, summary, attained, attainment_class] {
            /// Target key.
            target: String,
            /// Indicator key.
            indicator: Option<String>,
            /// Area key assessed.
            area: Option<String>,
            /// The target compactly (`≥ 40%`).
            summary: String,
            /// The value to reach.
            target_value: Option<f64>,
            /// The baseline observation.
            baseline: Option<Observation>,
            /// The latest observation.
            latest: Option<Observation>,
            /// Whether the latest value meets the target.
            attained: Option<bool>,
            /// Remaining distance to the target value (0 when attained).
            distance: Option<f64>,
            /// How far the latest value trails the straight line to the target (positive = behind).
            time_lag: Option<f64>,
            /// Observed ÷ required compound annual growth.
            growth_ratio: Option<f64>,
            /// `on_track`, `progressing`, `slow` or `regressing`.
            attainment_class: Option<String> = a.class,
            /// The value at the deadline if the trend continues linearly.
            projected: Option<f64>,
            /// What could not be assessed and why.
            notes: Vec<String>,
        }

        /// The options one subject selected in a year, under the rule that governs it.
        SubjectSelection (s: ::reformgraph::track::SubjectSelection) [subject, rule, options] {
            /// Area or organisation key.
            subject: String,
            /// Rule key.
            rule: String,
            /// Keys of the options it selected.
            options: Vec<String>,
        }

        /// A subject that selected too few or too many options in a year.
        SelectionViolation (v: ::reformgraph::track::SelectionViolation) [subject, selected, message] {
            /// Area or organisation key.
            subject: String,
            /// Rule key.
            rule: String,
            /// How many it selected.
            selected: u32,
            /// What the rule asks.
            message: String,
        }

        /// Selections for a year, checked against the plan's rules.
        SelectionCheck (c: ::reformgraph::track::SelectionCheck) [year, violations]
            frame = "selections_frame" {
            /// The year.
            year: u16,
            /// What each subject selected.
            selections: Vec<SubjectSelection>,
            /// Subjects that break a rule.
            violations: Vec<SelectionViolation>,
        }

        /// How many projects are at one stage.
        StageCount (s: ::reformgraph::track::StageCount) [stage, projects] {
            /// `reserve`, `signed`, `landed`, `started`, `under_construction`,
            /// `in_operation`, `suspended` or `cancelled`.
            stage: ProjectStage,
            /// The stage as the plan names it: 储备, 签约, 落地, 开工, 建设, 投产, 暂停, 取消.
            name_zh: String = s.stage.name_zh(),
            /// Projects at that stage.
            projects: u32,
        }

        /// A portfolio's projects by stage.
        Funnel (f: ::reformgraph::track::Funnel) [quota, total, withdrawn, stages]
            frame = "funnel_frame" {
            /// The portfolio's quota, if the plan sets one.
            quota: Option<u32>,
            /// Projects per stage, in lifecycle order, then suspended and cancelled.
            stages: Vec<StageCount>,
            /// Projects registered (not withdrawn).
            total: u32,
            /// Withdrawn projects.
            withdrawn: u32,
        }

        /// Two events that changed the same thing without either seeing the other.
        Conflict (c: ::reformgraph::track::Conflict) [subject, change, kept, overridden] {
            /// The node changed.
            subject: String,
            /// What about it (`task_status`, `project_stage`, `selection`, `observation` …).
            change: String,
            /// The event whose value stands.
            kept: String,
            /// The event it overrides.
            overridden: String,
        }

        /// A received event without effect: a stage change the merged history makes
        /// impossible (kept in the history), a change the access policy refuses, or an id
        /// already here with other content (both not stored).
        Refusal (r: ::reformgraph::track::Refusal) [event, reason] {
            /// The event id.
            event: String,
            /// Why, in words.
            reason: String,
        }

        /// What applying a changeset did.
        ApplyReport (r: ::reformgraph::track::ApplyReport) [applied, duplicates, conflicts, refused] {
            /// New events stored.
            applied: u32,
            /// Events this database already had.
            duplicates: u32,
            /// Concurrent changes, resolved the same way on every device.
            conflicts: Vec<Conflict>,
            /// Events without effect, and why.
            refused: Vec<Refusal>,
        }

        /// A paragraph that did not become data, or a warning of the importer.
        Unparsed (u: ::reformgraph::import::Unparsed) [line, reason] {
            /// 1-based line number.
            line: u32,
            /// The text (truncated to 200 characters).
            text: String,
            /// Why.
            reason: String,
        }

        /// What an import found and did.
        ImportReport (r: ::reformgraph::import::ImportReport) [plan_key, created, updated, removed] {
            /// The plan's key.
            plan_key: String,
            /// Nodes per kind (`task`, `organization` …) and tasks per role (`task:reform` …).
            counts: Map<String, u64>,
            /// Edges per label.
            edge_counts: Map<String, u64>,
            /// Paragraphs that did not become data.
            unparsed: Vec<Unparsed>,
            /// Things the importer did that a reader should check.
            warnings: Vec<Unparsed>,
            /// Nodes created (0 when re-importing an identical document).
            created: u64,
            /// Nodes whose data changed.
            updated: u64,
            /// Nodes and edges the new version no longer has, removed.
            removed: u64,
            /// Every non-blank line by what it became (`task`, `section`, `preamble`,
            /// `metadata`, `table_header`, `unparsed`).
            lines: Map<String, u64>,
            /// Keys of tasks for which no responsible unit was found.
            tasks_without_units: Vec<String>,
            /// Clauses read with low confidence (unlabelled lists of units).
            low_confidence: Vec<Unparsed>,
            /// Tasks with tracked history the re-import removed (with `allow_removals`).
            removed_with_history: Vec<String>,
            /// Tasks this version gives other lead or co-operating organisations (each got
            /// a `leads_assigned` event).
            leads_reassigned: Vec<String>,
        }

        /// Counts and facts about a database.
        StoreInfo (i: ::reformgraph::StoreInfo) [path, read_only, nodes, edges] {
            /// The file, none in memory.
            path: Option<String>,
            /// Schema version of the file.
            schema_version: u32,
            /// Whether it was opened read-only.
            read_only: bool,
            /// Nodes per kind.
            nodes: Map<String, u64>,
            /// Total edges.
            edges: u64,
            /// File size in bytes (0 in memory).
            file_bytes: u64,
        }

        /// What the plan's administrator certified a key for.
        Certificate (c: ::reformgraph::track::Certificate) [key, person, organization] {
            /// The key (`ed25519:…`).
            key: String,
            /// The person who holds it.
            person: String,
            /// Their organisation's key.
            organization: String,
            /// The first day it is valid.
            valid_from: Day,
            /// The last day it is valid, if it expires.
            valid_until: Option<Day>,
            /// When it was revoked (ms since the epoch, by recording time), if it was.
            revoked_at_ms: Option<i64> = c.revoked_at,
        }

        /// Something `verify` found wrong.
        Problem (p: ::reformgraph::Problem) [table, key, message] {
            /// The table the problem is in.
            table: String,
            /// The record's key, printed.
            key: String,
            /// What is wrong.
            message: String,
        }

        }
    };
}
