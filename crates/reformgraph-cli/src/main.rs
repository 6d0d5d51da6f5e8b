//! `reformgraph`: the command-line front end of the reformgraph database.
//!
//! Exit codes (as README.md says): 0 success; 1 the command ran and found problems
//! (`verify`, `repair`) or nothing (`path`); 2 bad usage; 3 the database or input could not
//! be used — an unknown key or name included, for every command (the message says why and
//! what to do, with close names).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use reformgraph::import::{self, ImportOptions, PlanMeta, Registry};
use reformgraph::query::{self, TaskFilter};
use reformgraph::search::{self, SearchQuery};
use reformgraph::{EdgeLabel, Store, TaskRole};

mod access_cmd;
mod assessment_out;
mod export_cmd;
mod key_cmd;
mod ledger_cmd;
mod output;
mod supervision_out;
mod track_cmd;

/// Default database file, in the current directory.
const DEFAULT_DB: &str = "reformgraph.redb";

#[derive(Parser)]
#[command(
    name = "reformgraph",
    version,
    about = "An embedded graph database for government reform plans",
    after_help = "Examples:
  reformgraph demo                                  # import the bundled Shanxi plan
  reformgraph tasks --lead 省环保厅                  # what does 省环保厅 lead
  reformgraph search 煤层气                          # where is 煤层气 discussed
  reformgraph show shanxi-2013/reform/20
  reformgraph path org/省环保厅 area/孝义市
  reformgraph report workload --json

Exit codes: 0 ok, 1 problems found, 2 bad usage, 3 database or input unusable."
)]
struct Cli {
    /// The database file.
    #[arg(long, global = true, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import the bundled Shanxi 2013–2015 plan into --db and print a summary.
    Demo,
    /// Import a plan document (text: UTF-8, GB18030 or UTF-16) into --db.
    #[command(
        after_help = "Example:\n  reformgraph import crates/reformgraph/data/shanxi-2013/plan.txt --meta crates/reformgraph/data/shanxi-2013/meta.json"
    )]
    Import {
        /// The document.
        file: PathBuf,
        /// Plan metadata as JSON (key, title, issuer, period_start, period_end, implements …).
        #[arg(long)]
        meta: Option<PathBuf>,
        /// The plan's key (overrides the metadata and what the text suggests).
        #[arg(long)]
        plan_key: Option<String>,
        /// Organisation registry (TSV: name, kind, aliases); default: the bundled one.
        #[arg(long, requires = "areas")]
        organizations: Option<PathBuf>,
        /// Area registry (TSV: name, level, parent, aliases); default: the bundled one.
        #[arg(long, requires = "organizations")]
        areas: Option<PathBuf>,
        /// Fail, writing nothing, if any line does not become data, a task has no responsible
        /// unit, or no task is found.
        #[arg(long)]
        strict: bool,
        /// Let a re-import remove tasks that have tracked history (their history stays
        /// readable with `history KEY`).
        #[arg(long)]
        allow_removals: bool,
        /// The administrator's key file: needed, in a database with an administrator key,
        /// when this version gives a task other lead or co-operating organisations (each
        /// such task gets a signed `leads_assigned` event in its history).
        #[arg(long, value_name = "FILE")]
        admin: Option<PathBuf>,
    },
    /// Show counts and facts about a database.
    Info,
    /// Upgrade a database written by an older reformgraph to this version's schema, in
    /// place (opening it for writing does the same), then show its facts.
    Upgrade,
    /// Check every invariant of a database; exit code 1 if anything is wrong.
    Verify,
    /// Recover a database after a crash (what opening it for writing does), then check it;
    /// exit code 1 if anything is wrong.
    Repair,
    /// List tasks, filtered.
    #[command(
        after_help = "Examples:\n  reformgraph tasks --lead 省发改委 --role reform\n  reformgraph tasks --category 生态修复\n  reformgraph tasks --mentions 孝义市 --json"
    )]
    Tasks {
        /// Led by this organisation (key, name or alias).
        #[arg(long)]
        lead: Option<String>,
        /// In this category or part (title, number as printed, or key); an unknown one is an
        /// error naming the titles close to it.
        #[arg(long)]
        category: Option<String>,
        /// With this role: reform, matter, research_topic, city_task_option, county_pilot_area, enterprise_innovation_area, safeguard_measure, principle.
        #[arg(long, value_parser = parse_role)]
        role: Option<TaskRole>,
        /// Mentioning this area or enterprise (key, name or alias).
        #[arg(long)]
        mentions: Option<String>,
    },
    /// Show one node with its edges.
    Show {
        /// Natural key, e.g. shanxi-2013/reform/20 or org/省环保厅.
        key: String,
    },
    /// Full-text search (Chinese and ASCII; "quoted phrases").
    Search {
        /// The query.
        query: String,
        /// Only tasks with this role.
        #[arg(long, value_parser = parse_role)]
        role: Option<TaskRole>,
        /// Only tasks in this category or part.
        #[arg(long)]
        category: Option<String>,
        /// Only tasks led by this organisation.
        #[arg(long)]
        lead: Option<String>,
        /// Hits to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Hits to skip.
        #[arg(long, default_value_t = 0)]
        offset: usize,
    },
    /// Shortest path between two nodes (keys or names), e.g. a department and a county.
    Path {
        /// Start: key, or an organisation / area name.
        from: String,
        /// End: key, or an organisation / area name.
        to: String,
        /// Longest path to look for, in edges.
        #[arg(long, default_value_t = query::PathOptions::DEFAULT_MAX_DEPTH)]
        max_depth: u32,
        /// Edge labels to follow, comma-separated (default: all but contains and in_area,
        /// so paths run through shared work rather than through sections or the province).
        #[arg(long, value_delimiter = ',', value_parser = parse_label)]
        via: Vec<EdgeLabel>,
    },
    /// Reports over the whole graph, now or as of a date.
    Report {
        #[command(subcommand)]
        report: Report,
        /// Report the state as it was on this date (YYYY-MM-DD): departments, categories,
        /// tasks, overdue, attainment, projects, selections (workload, co-leads and targets
        /// describe the plan as imported and refuse it).
        #[arg(long, global = true, value_parser = track_cmd::parse_date)]
        as_of: Option<reformgraph::Date>,
        /// Also draw the report as an SVG chart into this file (workload, departments,
        /// attainment, projects).
        #[arg(long, global = true)]
        svg: Option<PathBuf>,
    },
    /// Record a change: task status, deadline, sub-task, project, stage, observation, selection.
    Record {
        #[command(subcommand)]
        record: Box<track_cmd::Record>,
    },
    /// The history of a node (task, project, indicator, area), oldest first.
    History {
        /// Natural key.
        key: String,
    },
    /// The access policy (who may record what) and its grants.
    Access {
        #[command(subcommand)]
        access: access_cmd::Access,
    },
    /// Key files, the database's administrator key, and certificates: who a key acts for.
    Key {
        #[command(subcommand)]
        key: key_cmd::Key,
    },
    /// Exchange events with another device.
    Changeset {
        #[command(subcommand)]
        changeset: track_cmd::Changeset,
    },
    /// Export the database: json (lossless dump), csv (a folder of files), xlsx (the 台账
    /// ledger), graphml, node-link (networkx JSON).
    #[command(
        after_help = "Examples:\n  reformgraph export json --out plan.json\n  reformgraph export xlsx --org 省环保厅 --out 省环保厅台账.xlsx\n  reformgraph export csv --bom --out csv/\n  reformgraph export graphml --out plan.graphml"
    )]
    Export {
        /// json, csv, xlsx, graphml or node-link.
        #[arg(value_parser = ["json", "csv", "xlsx", "graphml", "node-link"])]
        format: String,
        /// Output file (a folder for csv).
        #[arg(long)]
        out: PathBuf,
        /// xlsx: only what this organisation is responsible for, on every sheet: the tasks it
        /// leads, their targets, its projects.
        #[arg(long)]
        org: Option<String>,
        /// xlsx: only this plan's tasks, targets and projects (its key).
        #[arg(long)]
        plan: Option<String>,
        /// xlsx: the state as of this date (default today; the ledger prints the date).
        #[arg(long, value_parser = track_cmd::parse_date)]
        as_of: Option<reformgraph::Date>,
        /// csv: start each file with a UTF-8 byte-order mark so Excel reads Chinese text.
        #[arg(long)]
        bom: bool,
    },
    /// Load a JSON dump (from `export json`) into an empty database.
    ImportJson {
        /// The dump.
        file: PathBuf,
    },
    /// Read a returned 台账 (this project's `export xlsx`, or an office's own sheet whose
    /// header names 任务 and 进展情况/状态/进度 …): show what it changes; record it with --apply.
    #[command(
        after_help = "Rows are matched to tasks by the hidden 任务键 column, else by title (and 编号); rows that match no task or several are listed, never guessed. Entries are compared with the state on the ledger's 截至 date, so an unchanged ledger records nothing.\n\nExamples:\n  reformgraph import-ledger 省环保厅台账.xlsx                       # what it would change\n  reformgraph import-ledger 省环保厅台账.xlsx --apply --actor 张三 --org 省环保厅 --effective 2014-09-30"
    )]
    ImportLedger {
        /// The returned ledger: .xlsx, .xls, .ods or .csv.
        file: PathBuf,
        /// Only this plan's tasks (key, name or alias).
        #[arg(long)]
        plan: Option<String>,
        /// Record the changes (without it, nothing is written).
        #[arg(long, requires = "actor")]
        apply: bool,
        /// With --apply: who records the changes (the ledger's rows become their events).
        #[command(flatten)]
        by: track_cmd::Provenance,
    },
}

#[derive(Subcommand)]
enum Report {
    /// Tasks led per organisation and category.
    Workload,
    /// Per organisation: tasks led by status, overdue, red/yellow/green.
    Departments,
    /// Per category and part: tasks by status, overdue, red/yellow/green.
    Categories,
    /// Tasks with status, progress, deadline and lag behind time-proportional progress.
    Tasks {
        /// Only tasks led by this organisation.
        #[arg(long)]
        lead: Option<String>,
    },
    /// Every target's attainment: latest value, distance, lag, growth ratio, projection.
    Attainment,
    /// The project portfolio by stage (the funnel).
    Projects {
        /// Only projects entering the portfolio in this year.
        #[arg(long)]
        year: Option<u16>,
    },
    /// Cities' and pilot counties' selections for a year, checked against the rules.
    Selections {
        /// The year (default: the as-of year, else this year, within the plans' periods).
        #[arg(long)]
        year: Option<u16>,
    },
    /// 督办: tasks past their deadline and not closed, by the organisation to chase (the
    /// first lead), with days late and the last update.
    Overdue {
        /// Only tasks this organisation leads (at any rank).
        #[arg(long)]
        lead: Option<String>,
    },
    /// 考核: every city, pilot county, provincial department and pilot enterprise scored by
    /// the rubric (completion 40, timeliness 30, targets 20, selections 10) and ranked in
    /// its group; see docs/assessment.md.
    #[command(
        after_help = "Examples:\n  reformgraph report assessment --year 2014\n  reformgraph report assessment --year 2014 --weights 50,30,20,0 --out 考核2014.xlsx"
    )]
    Assessment {
        /// The year (default: the as-of date's, within the plan's period).
        #[arg(long)]
        year: Option<u16>,
        /// Only this plan's tasks and units (key, name or alias).
        #[arg(long)]
        plan: Option<String>,
        /// The rubric's weights: completion,timeliness,targets,selections.
        #[arg(long, value_delimiter = ',', num_args = 4)]
        weights: Vec<f64>,
        /// Also write the table to this file: .xlsx (printable) or .csv.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Pairs of organisations that lead tasks together.
    CoLeads,
    /// Every target.
    Targets,
}

fn report_name(r: &Report) -> &'static str {
    match r {
        Report::Workload => "workload",
        Report::Departments => "departments",
        Report::Categories => "categories",
        Report::Tasks { .. } => "tasks",
        Report::Attainment => "attainment",
        Report::Projects { .. } => "projects",
        Report::Selections { .. } => "selections",
        Report::Overdue { .. } => "overdue",
        Report::Assessment { .. } => "assessment",
        Report::CoLeads => "co-leads",
        Report::Targets => "targets",
    }
}

fn parse_role(s: &str) -> Result<TaskRole, String> {
    query::vocabulary::task_role(s).map_err(|e| e.to_string())
}

fn parse_label(s: &str) -> Result<EdgeLabel, String> {
    query::vocabulary::edge_label(s).map_err(|e| e.to_string())
}

/// A command failure: the message goes to stderr (as JSON with `--json`), the code to the
/// shell.
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
    pub(crate) code: u8,
    /// What a core error says beyond its message (none for the CLI's own failures).
    pub(crate) detail: Option<Detail>,
}

/// A core error's kind (`KeyNotFound` …), the key or name it is about, and close names.
pub(crate) struct Detail {
    kind: &'static str,
    subject: Option<String>,
    suggestions: Vec<String>,
}

impl Failure {
    /// The failure as `{"error": {"kind", "message", "hint", "subject", "suggestions"}}`:
    /// the kind is the core's error kind, `Usage` for a command line the CLI cannot run,
    /// `Failed` for anything else.
    fn to_json(&self) -> serde_json::Value {
        let (kind, subject, suggestions) = match &self.detail {
            Some(d) => (d.kind, d.subject.clone(), d.suggestions.clone()),
            None if self.code == 2 => ("Usage", None, Vec::new()),
            None => ("Failed", None, Vec::new()),
        };
        serde_json::json!({ "error": {
            "kind": kind,
            "message": self.message,
            "hint": self.hint,
            "subject": subject,
            "suggestions": suggestions,
        }})
    }
}

impl From<reformgraph::Error> for Failure {
    fn from(e: reformgraph::Error) -> Self {
        use reformgraph::Error as E;
        let hint = match &e {
            E::Io { .. } => Some("check the path; `reformgraph demo` creates a database to try"),
            E::AlreadyOpen { .. } => {
                Some("another reformgraph process is writing this file; wait for it to finish")
            }
            E::KeyNotFound { .. } | E::NameNotFound { .. } => Some(
                "keys look like shanxi-2013/reform/20, org/省环保厅, area/孝义市; `reformgraph search` finds them",
            ),
            E::NotAStore { .. } => Some("point --db at a reformgraph database"),
            _ => None,
        };
        Failure {
            message: e.to_string(),
            hint: hint.map(str::to_owned),
            code: 3,
            detail: Some(Detail {
                kind: e.kind().name(),
                subject: e.subject(),
                suggestions: e.suggestions().to_vec(),
            }),
        }
    }
}

fn read_registry(orgs: &PathBuf, areas: &PathBuf) -> Result<Registry, Failure> {
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).map_err(|source| reformgraph::Error::Io {
            path: p.clone(),
            source,
        })
    };
    Ok(Registry::from_tsv(&read(orgs)?, &read(areas)?)?)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let json = cli.json;
    match cli.command {
        Command::Demo => {
            let store = Store::create(&cli.db)?;
            let report = import::bundled::import_shanxi_2013(&store)?;
            // The official 2013–2015 figures, recorded as observations with their sources
            // (nothing new when the demo runs again).
            reformgraph::track::record_published(
                &store,
                &reformgraph::track::shanxi_2013_2015_figures()?,
            )?;
            let snap = store.read()?;
            output::demo(&cli.db, &report, &snap, json)?;
        }
        Command::Import {
            file,
            meta,
            plan_key,
            organizations,
            areas,
            strict,
            allow_removals,
            admin,
        } => {
            let mut plan_meta = match &meta {
                Some(p) => {
                    let text =
                        std::fs::read_to_string(p).map_err(|source| reformgraph::Error::Io {
                            path: p.clone(),
                            source,
                        })?;
                    import::meta_from_json(&text)?
                }
                None => PlanMeta::default(),
            };
            if plan_key.is_some() {
                plan_meta.key = plan_key;
            }
            let registry = match (&organizations, &areas) {
                (Some(o), Some(a)) => read_registry(o, a)?,
                _ => Registry::shanxi()?,
            };
            let options = ImportOptions {
                strict,
                allow_removals,
            };
            // Read and check the document before touching the database, so that a file that
            // cannot be read or yields nothing creates no database file.
            let bytes = std::fs::read(&file).map_err(|source| reformgraph::Error::Io {
                path: file.clone(),
                source,
            })?;
            let text = import::decode_text(&bytes)?;
            let draft = import::prepare(&text, &plan_meta, &registry, options)?;
            let admin = admin
                .map(|p| reformgraph::track::SecretKey::read_file(&p))
                .transpose()?;
            let store = Store::create(&cli.db)?;
            let report = store
                .write(|tx| import::load_as(tx, &draft, options.allow_removals, admin.as_ref()))?;
            output::import_report(&report, json);
        }
        Command::Info => {
            let store = Store::open_read_only(&cli.db)?;
            output::info(&store.info()?, json);
        }
        Command::Upgrade => {
            let store = Store::open(&cli.db)?;
            output::info(&store.info()?, json);
        }
        Command::Repair => {
            // Opening for writing is what recovers a file after a crash.
            return verify_and_report(&Store::open(&cli.db)?, json);
        }
        Command::Verify => {
            return verify_and_report(&Store::open_read_only(&cli.db)?, json);
        }
        Command::Tasks {
            lead,
            category,
            role,
            mentions,
        } => {
            let store = Store::open_read_only(&cli.db)?;
            let snap = store.read()?;
            let filter = TaskFilter {
                lead,
                category,
                role,
                mentions,
                plan: None,
            };
            output::tasks(&query::tasks(&snap, &filter)?, json);
        }
        Command::Show { key } => {
            let store = Store::open_read_only(&cli.db)?;
            let snap = store.read()?;
            let node = query::resolve_any(&snap, &key)?;
            output::show(&snap, &node, json)?;
        }
        Command::Search {
            query: text,
            role,
            category,
            lead,
            limit,
            offset,
        } => {
            let store = Store::open_read_only(&cli.db)?;
            let snap = store.read()?;
            let q = SearchQuery {
                role,
                category,
                lead,
                limit,
                offset,
                ..SearchQuery::new(text)
            };
            output::search(&search::search(&snap, &q)?, json);
        }
        Command::Path {
            from,
            to,
            max_depth,
            via,
        } => {
            let store = Store::open_read_only(&cli.db)?;
            let snap = store.read()?;
            // The core's defaults (PathOptions) unless the caller chose labels.
            let mut options = query::PathOptions {
                max_depth,
                ..query::PathOptions::default()
            };
            if !via.is_empty() {
                options.labels = via;
            }
            let path = query::path_between(&snap, &from, &to, &options)?;
            output::path(path.as_deref(), json);
            if path.is_none() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Report { report, as_of, svg } => {
            // These describe the plan as imported, not a state on a date: a date given to
            // them would be silently ignored, so it is refused.
            if let (Some(_), "workload" | "co-leads" | "targets") = (as_of, report_name(&report)) {
                return Err(Failure {
                    message: format!(
                        "report {} describes the plan as imported and has no --as-of",
                        report_name(&report)
                    ),
                    hint: Some(
                        "for the state on a date: report departments | categories | tasks | overdue | attainment | projects | selections --as-of DATE"
                            .into(),
                    ),
                    code: 2,
                    detail: None,
                });
            }
            if let Some(path) = &svg {
                export_cmd::chart(&cli.db, report_name(&report), as_of, path)?;
            }
            let tracked = |which: &str, year: Option<u16>, lead: Option<String>| {
                track_cmd::report(&cli.db, which, as_of, year, lead, json)
            };
            match report {
                Report::Departments => tracked("departments", None, None)?,
                Report::Categories => tracked("categories", None, None)?,
                Report::Tasks { lead } => tracked("tasks", None, lead)?,
                Report::Overdue { lead } => tracked("overdue", None, lead)?,
                Report::Assessment {
                    year,
                    plan,
                    weights,
                    out,
                } => assessment_out::assessment(
                    &cli.db,
                    reformgraph::track::AssessmentOptions {
                        year,
                        as_of,
                        plan,
                        rubric: assessment_out::rubric(&weights)?,
                        ..Default::default()
                    },
                    out.as_deref(),
                    json,
                )?,
                Report::Attainment => tracked("attainment", None, None)?,
                Report::Projects { year } => tracked("projects", year, None)?,
                Report::Selections { year } => tracked("selections", year, None)?,
                other => {
                    let store = Store::open_read_only(&cli.db)?;
                    let snap = store.read()?;
                    match other {
                        Report::Workload => output::workload(&query::workload(&snap)?, json),
                        Report::CoLeads => output::co_leads(&query::co_leadership(&snap)?, json),
                        _ => output::targets(&query::all_targets(&snap)?, json),
                    }
                }
            }
        }
        Command::Record { record } => track_cmd::record(&cli.db, *record, json)?,
        Command::History { key } => track_cmd::history(&cli.db, &key, json)?,
        Command::Key { key } => key_cmd::key(&cli.db, key, json)?,
        Command::Changeset { changeset } => track_cmd::changeset(&cli.db, changeset, json)?,
        Command::Access { access } => access_cmd::access(&cli.db, access, json)?,
        Command::Export {
            format,
            out,
            org,
            plan,
            as_of,
            bom,
        } => export_cmd::export(
            &cli.db,
            &format,
            &out,
            export_cmd::Scope { org, plan, as_of },
            bom,
            json,
        )?,
        Command::ImportJson { file } => export_cmd::import_json(&cli.db, &file, json)?,
        Command::ImportLedger {
            file,
            plan,
            apply,
            by,
        } => ledger_cmd::import_ledger(&cli.db, &file, plan.as_deref(), apply.then_some(by), json)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks the store's invariants, then (if they hold) its derived state against a replay;
/// prints what is wrong and exits 1 if anything is.
fn verify_and_report(store: &Store, json: bool) -> Result<ExitCode, Failure> {
    let problems = reformgraph::track::verify(store)?;
    output::verify(&problems, json);
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn main() -> ExitCode {
    // A damaged file is reported as an error, never as a Rust panic message.
    reformgraph::quiet_contained_panics();
    // `--json` anywhere on the line asks for JSON errors, a command line clap refuses too.
    let json = std::env::args_os().any(|a| a == "--json");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if json && e.use_stderr() => {
            // clap's text: "error: …" on the first line, then the usage and a tip.
            let text = e.render().to_string();
            let (first, rest) = text.split_once('\n').unwrap_or((text.as_str(), ""));
            let f = Failure {
                message: first.trim_start_matches("error: ").trim().to_owned(),
                hint: Some(rest.trim().to_owned()).filter(|h| !h.is_empty()),
                code: 2,
                detail: None,
            };
            eprintln!("{}", f.to_json());
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(code) => code,
        Err(f) if json => {
            eprintln!("{}", f.to_json());
            ExitCode::from(f.code)
        }
        Err(f) => {
            eprintln!("error: {}", output::escape_controls(&f.message));
            if let Some(hint) = f.hint {
                eprintln!("hint: {}", output::escape_controls(&hint));
            }
            ExitCode::from(f.code)
        }
    }
}
