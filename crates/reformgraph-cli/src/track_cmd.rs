//! `record`, `history`, tracking reports and `changeset`: the CLI side of `reformgraph::track`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use reformgraph::query::TaskFilter;
use reformgraph::track::{self, EventInput, LagThresholds, RecordedBy};
use reformgraph::{
    Change, Date, Evidence, GraphRead, ProjectSpec, ProjectStage, Store, TaskStatus,
};

use crate::Failure;
use crate::output;

/// Who records, when, on what evidence: shared by every `record` command.
#[derive(Args, Clone)]
pub struct Provenance {
    /// The person recording the change (required: every change has an author).
    #[arg(long)]
    actor: Option<String>,
    /// The actor's organisation (key, name or alias).
    #[arg(long)]
    org: Option<String>,
    /// When the change takes effect, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = parse_date)]
    effective: Option<Date>,
    /// Evidence: a document number such as 晋政办发〔2014〕12号.
    #[arg(long)]
    doc: Option<String>,
    /// Evidence: a link.
    #[arg(long)]
    link: Option<String>,
    /// Evidence: a note.
    #[arg(long)]
    evidence_note: Option<String>,
    /// Accept an effective date after today (a change planned ahead, pending until then) or
    /// before the plan's period.
    #[arg(long)]
    allow_unusual_date: bool,
    /// Sign the change with this key file (`reformgraph key new`). Required in a database
    /// with an administrator key; the person and organisation are then the key's
    /// certificate's.
    #[arg(long)]
    key: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum Record {
    /// A task's status and progress.
    #[command(
        after_help = "Example:\n  reformgraph record status shanxi-2013/reform/10 --status in_progress --progress 40 --actor 张三 --org 省环保厅"
    )]
    Status {
        /// Task key.
        task: String,
        /// not_started, in_progress, completed, delayed, suspended, cancelled.
        #[arg(long, value_parser = parse_status)]
        status: TaskStatus,
        /// Progress, 0–100.
        #[arg(long)]
        progress: Option<f64>,
        /// A progress note.
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        by: Provenance,
    },
    /// A task's deadline.
    Deadline {
        /// Task key.
        task: String,
        /// New deadline, YYYY-MM-DD.
        #[arg(value_parser = parse_date)]
        deadline: Date,
        #[command(flatten)]
        by: Provenance,
    },
    /// An annual action-plan sub-task under a task.
    Subtask {
        /// Parent task key.
        task: String,
        /// Year of the action plan.
        #[arg(long)]
        year: u16,
        /// What is to be done.
        #[arg(long)]
        title: String,
        /// Due date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        deadline: Date,
        /// Responsible organisation (key, name or alias).
        #[arg(long)]
        responsible: Option<String>,
        #[command(flatten)]
        by: Provenance,
    },
    /// Register a project into a portfolio.
    #[command(
        after_help = "Example:\n  reformgraph record register shanxi-2013/project/qinshui-cbm --name 沁水煤层气开发 --portfolio shanxi-2013/portfolio --year 2014 --area 晋城市 --actor 李四"
    )]
    Register {
        /// The new project's key, e.g. shanxi-2013/project/qinshui-cbm.
        project: String,
        #[command(flatten)]
        spec: SpecArgs,
        #[command(flatten)]
        by: Provenance,
    },
    /// Adjust a registered project (its fields are replaced).
    Adjust {
        /// Project key.
        project: String,
        #[command(flatten)]
        spec: SpecArgs,
        #[command(flatten)]
        by: Provenance,
    },
    /// Withdraw a project from its portfolio.
    Withdraw {
        /// Project key.
        project: String,
        #[command(flatten)]
        by: Provenance,
    },
    /// Move a project to a stage: 储备 签约 落地 开工 建设 投产, 暂停 取消 (or reserve, signed …).
    Stage {
        /// Project key.
        project: String,
        /// The stage.
        #[arg(value_parser = parse_stage)]
        stage: ProjectStage,
        #[command(flatten)]
        by: Provenance,
    },
    /// An observation of an indicator for an area and year.
    #[command(
        after_help = "Example:\n  reformgraph record observation 城镇化率 --area 山西省 --year 2013 --value 52.56 --source 统计公报 --actor 统计局"
    )]
    Observation {
        /// Indicator key or name.
        indicator: String,
        /// Area key or name.
        #[arg(long)]
        area: String,
        /// The year observed.
        #[arg(long)]
        year: u16,
        /// The value.
        #[arg(long, allow_hyphen_values = true)]
        value: f64,
        /// Unit as printed (default: the indicator's).
        #[arg(long)]
        unit: Option<String>,
        /// Where the figure comes from.
        #[arg(long)]
        source: Option<String>,
        /// The figure is the external reference (national average …), not the area's own.
        #[arg(long)]
        reference: bool,
        #[command(flatten)]
        by: Provenance,
    },
    /// A city's or county's choice of an option for a year.
    Selection {
        /// Area (or organisation) key or name.
        subject: String,
        /// Option key, e.g. shanxi-2013/city-option/1.
        option: String,
        /// The year.
        #[arg(long)]
        year: u16,
        /// Withdraw the selection instead.
        #[arg(long)]
        withdraw: bool,
        #[command(flatten)]
        by: Provenance,
    },
}

#[derive(Args, Clone)]
pub struct SpecArgs {
    /// Project name.
    #[arg(long)]
    name: String,
    /// Portfolio key.
    #[arg(long)]
    portfolio: String,
    /// The year it enters the portfolio.
    #[arg(long)]
    year: u16,
    /// Portfolio domain (产业转型 …).
    #[arg(long)]
    domain: Option<String>,
    /// Area (key or name).
    #[arg(long)]
    area: Option<String>,
    /// Planned investment, 万元.
    #[arg(long)]
    investment: Option<f64>,
    /// Responsible organisation (key, name or alias).
    #[arg(long)]
    responsible: Option<String>,
}

#[derive(Subcommand)]
pub enum Changeset {
    /// Write the events after a log position as a JSON changeset.
    Export {
        /// Log position to start after (the `through` of the last export; 0 for all).
        #[arg(long, default_value_t = 0)]
        after: u64,
        /// Most events to include.
        #[arg(long, default_value_t = 100_000)]
        limit: usize,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Apply a JSON changeset received from another device.
    Apply {
        /// The changeset file.
        file: PathBuf,
        /// This device's key file: in a database with an administrator key, the refusals
        /// kept in the history are signed with it (without one they are only reported).
        #[arg(long)]
        key: Option<PathBuf>,
    },
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

fn parse_status(s: &str) -> Result<TaskStatus, String> {
    reformgraph::query::vocabulary::task_status(s).map_err(|e| e.to_string())
}

fn parse_stage(s: &str) -> Result<ProjectStage, String> {
    reformgraph::query::vocabulary::project_stage(s).map_err(|e| e.to_string())
}

/// The input of a `record` command. Names (of the organisation, an area, an indicator)
/// are passed as given: `track::record` resolves them to keys.
fn input(subject: String, change: Change, by: Provenance) -> Result<EventInput, Failure> {
    Ok(EventInput::recorded_by(subject, change, recorded_by(by)?))
}

/// Who records, from the flags (the key file read, the evidence given or none).
pub fn recorded_by(by: Provenance) -> Result<RecordedBy, Failure> {
    let Some(actor) = by.actor else {
        return Err(Failure {
            message: "--actor is required: every change has an author".into(),
            hint: Some("add --actor NAME (the person recording it) and --org ORGANISATION".into()),
            code: 2,
            detail: None,
        });
    };
    let given = by.doc.is_some() || by.link.is_some() || by.evidence_note.is_some();
    Ok(RecordedBy {
        signer: by
            .key
            .as_deref()
            .map(track::SecretKey::read_file)
            .transpose()?,
        effective: by.effective,
        allow_unusual_date: by.allow_unusual_date,
        evidence: given.then_some(Evidence {
            document_number: by.doc,
            link: by.link,
            note: by.evidence_note,
        }),
        ..RecordedBy::person(actor, by.org)
    })
}

fn spec(s: SpecArgs) -> ProjectSpec {
    ProjectSpec {
        name: s.name,
        portfolio: s.portfolio,
        domain: s.domain,
        area: s.area,
        investment_wan_yuan: s.investment,
        responsible: s.responsible,
        year: s.year,
    }
}

pub fn record(db: &Path, cmd: Record, json: bool) -> Result<(), Failure> {
    let store = Store::open(db)?;
    let event = match cmd {
        Record::Status {
            task,
            status,
            progress,
            note,
            by,
        } => input(
            task,
            Change::TaskStatus {
                status,
                progress,
                note,
            },
            by,
        ),
        Record::Deadline { task, deadline, by } => {
            input(task, Change::TaskDeadline { deadline }, by)
        }
        Record::Subtask {
            task,
            year,
            title,
            deadline,
            responsible,
            by,
        } => input(
            task,
            Change::SubTaskAdded {
                year,
                title,
                deadline,
                responsible,
            },
            by,
        ),
        Record::Register {
            project,
            spec: s,
            by,
        } => input(project, Change::ProjectRegistered(spec(s)), by),
        Record::Adjust {
            project,
            spec: s,
            by,
        } => input(project, Change::ProjectAdjusted(spec(s)), by),
        Record::Withdraw { project, by } => input(project, Change::ProjectWithdrawn, by),
        Record::Stage { project, stage, by } => input(project, Change::ProjectStage { stage }, by),
        Record::Observation {
            indicator,
            area,
            year,
            value,
            unit,
            source,
            reference,
            by,
        } => {
            let unit = track::observation_unit(&store.read()?, &indicator, unit.as_deref())?;
            input(
                indicator,
                Change::Observation {
                    area,
                    year,
                    value,
                    unit,
                    source,
                    reference,
                },
                by,
            )
        }
        Record::Selection {
            subject,
            option,
            year,
            withdraw,
            by,
        } => input(
            subject,
            Change::Selection {
                option,
                year,
                selected: !withdraw,
            },
            by,
        ),
    }?;
    let defaulted = event.effective.is_none();
    let event = track::record(&store, event)?;
    output::event_recorded(&event, json);
    if defaulted && !json {
        // Said out loud: a change dated today by default is easy to miss in an as-of report
        // for an earlier day.
        eprintln!(
            "note: effective {} (today, the default); --effective YYYY-MM-DD records when it happened",
            event.effective
        );
    }
    Ok(())
}

pub fn history(db: &Path, key: &str, json: bool) -> Result<(), Failure> {
    let store = Store::open_read_only(db)?;
    let events = track::history(&store.read()?, key)?;
    output::history(&events, json);
    Ok(())
}

/// `report departments|categories|targets|projects|selections|tasks`.
pub fn report(
    db: &Path,
    which: &str,
    as_of: Option<Date>,
    year: Option<u16>,
    lead: Option<String>,
    json: bool,
) -> Result<(), Failure> {
    let store = Store::open_read_only(db)?;
    let snap = store.read()?;
    let t = LagThresholds::default();
    match which {
        "departments" => output::departments(&track::department_rollup(&snap, as_of, t)?, json),
        "categories" => output::categories(&track::category_rollup(&snap, as_of, t)?, json),
        "tasks" => {
            let f = TaskFilter {
                lead,
                ..TaskFilter::default()
            };
            output::task_views(&track::task_views(&snap, &f, as_of, t)?, json);
        }
        "overdue" => {
            let f = TaskFilter {
                lead,
                ..TaskFilter::default()
            };
            crate::supervision_out::overdue(&track::overdue(&snap, &f, as_of)?, json);
        }
        "attainment" => output::attainment(&track::attainments(&snap, as_of)?, json),
        "projects" => {
            let mut funnels = Vec::new();
            for p in snap.all::<reformgraph::Portfolio>()? {
                funnels.push((
                    p.key.to_string(),
                    track::project_funnel(&snap, p.key.as_str(), year, as_of)?,
                ));
            }
            output::funnels(&funnels, json);
        }
        "selections" => {
            output::selections(&track::selection_check(&snap, year, as_of)?, json);
        }
        _ => {
            return Err(Failure {
                message: format!("unknown report {which:?}"),
                hint: None,
                code: 2,
                detail: None,
            });
        }
    }
    Ok(())
}

pub fn changeset(db: &Path, cmd: Changeset, json: bool) -> Result<(), Failure> {
    match cmd {
        Changeset::Export { after, limit, out } => {
            let store = Store::open_read_only(db)?;
            let c = track::export_changeset(&store.read()?, after, limit)?;
            let text = c.to_json()?;
            match out {
                Some(path) => {
                    std::fs::write(&path, text).map_err(|source| reformgraph::Error::Io {
                        path: path.clone(),
                        source,
                    })?;
                    eprintln!(
                        "wrote {} event(s) to {}; next export: --after {}",
                        c.events.len(),
                        path.display(),
                        c.through
                    );
                }
                None => output::raw(&text),
            }
        }
        Changeset::Apply { file, key } => {
            let text = std::fs::read_to_string(&file).map_err(|source| reformgraph::Error::Io {
                path: file.clone(),
                source,
            })?;
            let c = track::Changeset::from_json(&text)?;
            let store = Store::open(db)?;
            let report = match key {
                Some(path) => {
                    track::apply_changeset_as(&store, &c, &track::SecretKey::read_file(&path)?)?
                }
                None => track::apply_changeset(&store, &c)?,
            };
            output::apply_report(&report, json);
        }
    }
    Ok(())
}
