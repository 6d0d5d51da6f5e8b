//! Printing results as aligned text tables or JSON.

/// `println!` that ends the program quietly when stdout is closed (`reformgraph … | head`)
/// instead of panicking.
macro_rules! outln {
    () => {
        crate::output::write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        crate::output::write_line(format_args!($($arg)*))
    };
}

use std::path::Path;

use reformgraph::import::ImportReport;
use reformgraph::query::{self, CoLead, Hop, TargetSummary, TaskSummary, Workload};
use reformgraph::search::SearchResults;
use reformgraph::{Direction, GraphRead, Node, NodeData, Problem, Snapshot, StoreInfo, track};
use serde::Serialize;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

pub fn write_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let line = args.to_string();
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{}", escape_controls(&line)) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to standard output: {e}");
        std::process::exit(3);
    }
}

/// `text` with control characters other than line breaks and tabs shown as `\u{1b}`: a name,
/// actor or note holding ESC or OSC sequences is printed, never obeyed by the terminal.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let keep = |c: char| !c.is_control() || c == '\n' || c == '\t';
    if text.chars().all(keep) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if keep(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    std::borrow::Cow::Owned(out)
}

pub fn print_json<T: Serialize + ?Sized>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => outln!("{s}"),
        // Our types always serialise; say so rather than panic if one ever does not.
        Err(e) => eprintln!("error: cannot print JSON: {e}"),
    }
}

/// Pads to a display width: CJK characters take two columns.
fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Cuts to at most `width` display columns, with an ellipsis.
pub(crate) fn cut(s: &str, width: usize) -> String {
    if UnicodeWidthStr::width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if UnicodeWidthStr::width(out.as_str())
            + UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str)
            > width.saturating_sub(1)
        {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Prints rows under headers, columns aligned by display width.
pub(crate) fn table(headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| UnicodeWidthStr::width(*h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(UnicodeWidthStr::width(cell.as_str()));
            }
        }
    }
    let line = |cells: Vec<String>| {
        let last = cells.len().saturating_sub(1);
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.clone()
                } else {
                    pad(c, widths.get(i).copied().unwrap_or(0))
                }
            })
            .collect();
        outln!("{}", parts.join("  ").trim_end());
    };
    line(headers.iter().map(|h| (*h).to_owned()).collect());
    line(widths.iter().map(|w| "─".repeat(*w)).collect());
    for row in rows {
        line(row.clone());
    }
}

pub fn info(info: &StoreInfo, as_json: bool) {
    if as_json {
        let nodes: serde_json::Map<String, serde_json::Value> = info
            .nodes
            .iter()
            .map(|(k, v)| (k.name().to_owned(), json!(v)))
            .collect();
        print_json(&json!({
            "path": info.path,
            "schema_version": info.schema_version,
            "read_only": info.read_only,
            "nodes": nodes,
            "edges": info.edges,
            "file_bytes": info.file_bytes,
        }));
        return;
    }
    let path = info
        .path
        .as_ref()
        .map_or_else(|| ":memory:".to_owned(), |p| p.display().to_string());
    outln!("database  {path}");
    outln!("schema    v{}", info.schema_version);
    outln!("size      {} bytes", info.file_bytes);
    outln!("edges     {}", info.edges);
    let rows: Vec<Vec<String>> = info
        .nodes
        .iter()
        .map(|(k, n)| vec![k.name().to_owned(), n.to_string()])
        .collect();
    table(&["node kind", "count"], &rows);
}

pub fn verify(problems: &[Problem], as_json: bool) {
    if as_json {
        print_json(&json!({ "ok": problems.is_empty(), "problems": problems }));
        return;
    }
    if problems.is_empty() {
        outln!("ok: every invariant holds");
    } else {
        outln!("{} problem(s):", problems.len());
        for p in problems {
            outln!("  {p}");
        }
    }
}

pub fn import_report(report: &ImportReport, as_json: bool) {
    if as_json {
        print_json(report);
        return;
    }
    outln!(
        "imported plan {}: {} created, {} updated, {} removed",
        report.plan_key,
        report.created,
        report.updated,
        report.removed
    );
    let rows: Vec<Vec<String>> = report
        .counts
        .iter()
        .map(|(k, n)| vec![k.clone(), n.to_string()])
        .collect();
    table(&["kind", "count"], &rows);
    if report.unparsed.is_empty() {
        outln!("every paragraph became data");
    } else {
        outln!(
            "{} paragraph(s) did not become data:",
            report.unparsed.len()
        );
        for u in &report.unparsed {
            outln!("  line {}: {} — {}", u.line, u.reason, cut(&u.text, 60));
        }
    }
    for w in &report.warnings {
        outln!(
            "  warning, line {}: {} — {}",
            w.line,
            w.reason,
            cut(&w.text, 60)
        );
    }
    if !report.leads_reassigned.is_empty() {
        outln!(
            "{} task(s) have other lead or co-operating organisations in this version (see `history KEY`): {}",
            report.leads_reassigned.len(),
            report.leads_reassigned.join(", ")
        );
    }
}

pub fn demo(
    db: &Path,
    report: &ImportReport,
    snap: &Snapshot,
    as_json: bool,
) -> reformgraph::Result<()> {
    let leads = query::lead_counts(snap)?;
    let targets = query::all_targets(snap)?;
    // Which targets the published figures show met by the end of the plan's period.
    let end_2015 = reformgraph::Date::new(2015, 12, 31)?;
    let measured: Vec<track::Attainment> = track::attainments(snap, Some(end_2015))?
        .into_iter()
        .filter(|a| a.latest.is_some())
        .collect();
    if as_json {
        print_json(&json!({
            "database": db,
            "report": report,
            "top_leads": leads.iter().take(10).map(|c| json!({"key": c.lead.key, "name": c.lead.name, "kind": c.lead.kind.name(), "tasks": c.tasks})).collect::<Vec<_>>(),
            "targets": targets,
            "attainment_2015": measured,
        }));
        return Ok(());
    }
    let count = |k: &str| report.counts.get(k).copied().unwrap_or(0);
    // The plan's own title, as imported.
    let title = match snap.node_by_key(report.plan_key.as_str())? {
        Some(reformgraph::Node {
            data: reformgraph::NodeData::Plan(plan),
            ..
        }) => plan.title,
        _ => report.plan_key.to_string(),
    };
    outln!("{title}");
    outln!(
        "imported into {} (plan key {})",
        db.display(),
        report.plan_key
    );
    outln!();
    // Every role the plan has, in the model's order (a role with no task is not listed).
    let roles: Vec<String> = reformgraph::TaskRole::ALL
        .iter()
        .filter_map(|role| {
            let n = count(&format!("task:{}", role.name()));
            (n > 0).then(|| format!("{n} {} ({})", role.name_zh(), role.name().replace('_', " ")))
        })
        .collect();
    outln!("{}", roles.join(", "));
    outln!(
        "{} organisations, {} areas, {} targets, {} nodes and {} edges in all",
        count("organization"),
        count("area"),
        count("target"),
        snap.node_count()?,
        snap.edge_count()?
    );
    outln!();
    outln!("Lead departments with the most tasks (牵头部门):");
    let rows: Vec<Vec<String>> = leads
        .iter()
        .take(10)
        .map(|c| vec![c.lead.name.clone(), c.tasks.to_string()])
        .collect();
    table(&["organisation", "tasks"], &rows);
    outln!();
    outln!("Targets (主要目标 and task targets), due end of 2015 unless stated:");
    let rows: Vec<Vec<String>> = targets
        .iter()
        .map(|t| {
            vec![
                cut(t.indicator.as_deref().unwrap_or(&t.target.wording), 36),
                t.target.summary(),
                t.target.deadline.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    table(&["indicator", "target", "due"], &rows);
    outln!();
    outln!("Met by 2015? The official figures bundled (统计公报, 统计年鉴; each with its source):");
    let rows: Vec<Vec<String>> = measured
        .iter()
        .filter_map(|a| {
            let o = a.latest.as_ref()?;
            let met = match a.attained {
                Some(true) => "yes",
                Some(false) => "no",
                None => "cannot tell",
            };
            let indicator = a.indicator.as_deref().unwrap_or(&a.target);
            Some(vec![
                indicator.trim_start_matches("indicator/").to_owned(),
                a.summary.clone(),
                format!("{}{} ({})", o.value, o.unit.symbol(), o.year),
                met.to_owned(),
            ])
        })
        .collect();
    table(&["indicator", "target", "published", "met"], &rows);
    outln!(
        "{} other targets have no official figure bundled (docs/published-figures.md says what was looked for); sources: reformgraph history 城镇化率",
        targets.len() - measured.len()
    );
    outln!();
    outln!(
        "Try: reformgraph tasks --lead 省环保厅 | reformgraph search 煤层气 | reformgraph show shanxi-2013/reform/20"
    );
    Ok(())
}

fn lead_names(t: &TaskSummary) -> String {
    t.leads
        .iter()
        .map(|l| l.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

pub fn tasks(tasks: &[TaskSummary], as_json: bool) {
    if as_json {
        print_json(tasks);
        return;
    }
    let rows: Vec<Vec<String>> = tasks
        .iter()
        .map(|t| {
            vec![
                t.key.clone(),
                t.category
                    .as_ref()
                    .or(t.part.as_ref())
                    .map(|c| cut(&c.title, 16))
                    .unwrap_or_default(),
                cut(&t.title, 40),
                lead_names(t),
            ]
        })
        .collect();
    table(&["key", "category", "title", "leads"], &rows);
    outln!("{} task(s)", tasks.len());
}

pub fn show(snap: &Snapshot, node: &Node, as_json: bool) -> reformgraph::Result<()> {
    let mut edges = Vec::new();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        for (edge, other) in snap.neighbors(node.id, None, dir)? {
            edges.push(json!({
                "direction": if dir == Direction::Outgoing { "outgoing" } else { "incoming" },
                "label": edge.kind.label().name(),
                "edge": edge.kind,
                "key": other.key,
                "kind": other.kind().name(),
                "label_text": other.data.label(),
            }));
        }
    }
    let summary = match node.data {
        NodeData::Task(_) => Some(query::task_summary(snap, node.id)?),
        _ => None,
    };
    if as_json {
        print_json(&json!({
            "key": node.key,
            "kind": node.kind().name(),
            "source": node.source,
            "data": node.data,
            "task": summary,
            "edges": edges,
        }));
        return Ok(());
    }
    outln!("{}  ({})", node.key, node.kind().name());
    if let Some(s) = node.source {
        outln!("source: line {}", s.line);
    }
    if let Some(t) = &summary {
        if let Some(c) = t.category.as_ref().or(t.part.as_ref()) {
            outln!("category: {}", c.title);
        }
        outln!("leads: {}", lead_names(t));
    }
    match &node.data {
        NodeData::Task(t) => {
            outln!("{} {}", t.number, t.title);
            outln!();
            outln!("{}", t.body);
            if let Some(d) = t.deadline {
                outln!("deadline: {d}");
            }
        }
        NodeData::Target(t) => outln!("{}  ({})", t.summary(), t.wording),
        other => outln!("{}", other.search_text()),
    }
    outln!();
    let rows: Vec<Vec<String>> = edges
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            let arrow = if s("direction") == "outgoing" {
                "→"
            } else {
                "←"
            };
            vec![
                format!("{arrow} {}", s("label")),
                s("key"),
                cut(&s("label_text"), 40),
            ]
        })
        .collect();
    table(&["edge", "node", "title / name"], &rows);
    Ok(())
}

pub fn search(results: &SearchResults, as_json: bool) {
    if as_json {
        print_json(results);
        return;
    }
    for hit in &results.hits {
        let line = hit
            .source
            .map(|s| format!(" (line {})", s.line))
            .unwrap_or_default();
        outln!("{:>7.3}  {}{line}", hit.score, hit.key);
        outln!("         {}", hit.snippet);
    }
    outln!("{} hit(s) in all", results.total);
}

pub fn path(path: Option<&[Hop]>, as_json: bool) {
    if as_json {
        print_json(&path);
        return;
    }
    let Some(path) = path else {
        outln!("no path");
        return;
    };
    for hop in path {
        let via = match (hop.via, hop.direction) {
            (Some(v), Some(reformgraph::Direction::Incoming)) => format!("← {v} ─ "),
            (Some(v), _) => format!("─ {v} → "),
            _ => String::new(),
        };
        outln!(
            "{}{via}{}  {}",
            "  ".repeat(hop.depth as usize),
            hop.key,
            cut(&hop.label, 40)
        );
    }
}

pub fn workload(w: &Workload, as_json: bool) {
    if as_json {
        print_json(w);
        return;
    }
    // One line per organisation, its categories after its total, most first: the matrix
    // itself has a column per category (20 or more), which no terminal shows unclipped.
    // `--json` (and Python's `to_pandas()`) give the matrix.
    let rows: Vec<Vec<String>> = w
        .organizations
        .iter()
        .zip(&w.counts)
        .zip(&w.totals)
        .map(|((org, counts), total)| {
            let mut by: Vec<(&String, u32)> = w
                .categories
                .iter()
                .zip(counts.iter().copied())
                .filter(|(_, n)| *n > 0)
                .collect();
            by.sort_by_key(|b| std::cmp::Reverse(b.1));
            let spread: Vec<String> = by
                .iter()
                .map(|(c, n)| format!("{} {n}", cut(c, 14)))
                .collect();
            vec![org.clone(), total.to_string(), spread.join(" · ")]
        })
        .collect();
    table(
        &["organisation", "tasks", "by category (most first)"],
        &rows,
    );
}

pub fn co_leads(pairs: &[CoLead], as_json: bool) {
    if as_json {
        print_json(pairs);
        return;
    }
    let rows: Vec<Vec<String>> = pairs
        .iter()
        .map(|p| vec![p.a.clone(), p.b.clone(), p.tasks.join(" ")])
        .collect();
    table(&["organisation", "with", "tasks"], &rows);
}

pub fn targets(targets: &[TargetSummary], as_json: bool) {
    if as_json {
        print_json(targets);
        return;
    }
    let rows: Vec<Vec<String>> = targets
        .iter()
        .map(|t| {
            vec![
                t.key.clone(),
                cut(t.indicator.as_deref().unwrap_or(""), 30),
                t.target.summary(),
            ]
        })
        .collect();
    table(&["key", "indicator", "target"], &rows);
}

pub fn raw(text: &str) {
    outln!("{text}");
}

pub fn event_recorded(e: &reformgraph::Event, as_json: bool) {
    if as_json {
        print_json(e);
        return;
    }
    outln!(
        "recorded {} {} on {} (effective {}) by {}",
        e.change.name(),
        e.id,
        e.subject,
        e.effective,
        e.actor.person
    );
}

pub fn history(events: &[reformgraph::Event], as_json: bool) {
    if as_json {
        print_json(events);
        return;
    }
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let what = match &e.change {
                reformgraph::Change::TaskStatus {
                    status,
                    progress,
                    note,
                } => format!(
                    "{} {}{}",
                    status.name(),
                    progress.map(|p| format!("{p}%")).unwrap_or_default(),
                    note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default()
                ),
                reformgraph::Change::ProjectStage { stage } => stage.name_zh().to_owned(),
                reformgraph::Change::Observation {
                    area,
                    year,
                    value,
                    unit,
                    ..
                } => {
                    format!("{area} {year}: {value}{}", unit.symbol())
                }
                reformgraph::Change::Selection {
                    option,
                    year,
                    selected,
                } => {
                    format!(
                        "{} {option} for {year}",
                        if *selected { "selected" } else { "withdrew" }
                    )
                }
                reformgraph::Change::LeadsAssigned {
                    leads,
                    previous_leads,
                    ..
                } => {
                    let names = |keys: &[String]| {
                        keys.iter()
                            .map(|k| k.strip_prefix("org/").unwrap_or(k))
                            .collect::<Vec<_>>()
                            .join("、")
                    };
                    format!("leads {} → {}", names(previous_leads), names(leads))
                }
                // The rest: the change type and its fields (a deadline's new date, a
                // sub-task's year, title and date …), from the core's one list of them.
                other => std::iter::once(other.name().to_owned())
                    .chain(
                        other
                            .fields()
                            .into_iter()
                            .filter(|(_, v)| *v != reformgraph::FieldValue::Missing)
                            .map(|(name, v)| format!("{name}={v}")),
                    )
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            vec![
                e.effective.to_string(),
                e.actor.person.clone(),
                cut(&what, 50),
                // The document number, else the link (a returned ledger's file name).
                e.evidence
                    .as_ref()
                    .and_then(|ev| ev.document_number.clone().or_else(|| ev.link.clone()))
                    .map(|s| cut(&s, 30))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(&["effective", "by", "change", "evidence"], &rows);
}

fn counts_row(name: String, c: &reformgraph::track::Counts) -> Vec<String> {
    let st = |k: &str| c.by_status.get(k).copied().unwrap_or(0).to_string();
    vec![
        name,
        c.tasks.to_string(),
        st("completed"),
        st("in_progress"),
        st("delayed"),
        c.overdue.to_string(),
        c.red.to_string(),
        c.yellow.to_string(),
        c.green.to_string(),
        format!("{:.0}%", c.mean_progress),
    ]
}

const COUNT_HEADERS: [&str; 9] = [
    "tasks", "done", "doing", "delayed", "overdue", "red", "yellow", "green", "progress",
];

pub fn departments(rows: &[reformgraph::track::DepartmentRollup], as_json: bool) {
    if as_json {
        print_json(rows);
        return;
    }
    let data: Vec<Vec<String>> = rows
        .iter()
        .map(|r| counts_row(r.name.clone(), &r.counts))
        .collect();
    let mut headers = vec!["organisation"];
    headers.extend(COUNT_HEADERS);
    table(&headers, &data);
}

pub fn categories(rows: &[reformgraph::track::SectionRollup], as_json: bool) {
    if as_json {
        print_json(rows);
        return;
    }
    let data: Vec<Vec<String>> = rows
        .iter()
        .map(|r| counts_row(cut(r.category.as_deref().unwrap_or(&r.part), 20), &r.counts))
        .collect();
    let mut headers = vec!["category"];
    headers.extend(COUNT_HEADERS);
    table(&headers, &data);
}

pub fn task_views(views: &[reformgraph::track::TaskView], as_json: bool) {
    if as_json {
        print_json(views);
        return;
    }
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|v| {
            vec![
                v.task.key.clone(),
                cut(&v.task.title, 30),
                v.status.name().to_owned(),
                format!("{:.0}%", v.progress),
                v.deadline.map(|d| d.to_string()).unwrap_or_default(),
                v.lag.map(|l| format!("{l:+.0}")).unwrap_or_default(),
                format!("{:?}{}", v.class, if v.overdue { " overdue" } else { "" }).to_lowercase(),
                v.pending.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &[
            "key", "title", "status", "progress", "deadline", "lag", "class", "pending",
        ],
        &rows,
    );
}

pub fn attainment(rows: &[reformgraph::track::Attainment], as_json: bool) {
    if as_json {
        print_json(rows);
        return;
    }
    let num = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "–".into());
    let data: Vec<Vec<String>> = rows
        .iter()
        .map(|a| {
            vec![
                cut(
                    a.indicator
                        .as_deref()
                        .unwrap_or(&a.target)
                        .trim_start_matches("indicator/"),
                    24,
                ),
                a.summary.clone(),
                num(a.latest.as_ref().map(|o| o.value)),
                match a.attained {
                    Some(true) => "yes".into(),
                    Some(false) => "no".into(),
                    None => "–".into(),
                },
                num(a.distance),
                num(a.growth_ratio),
                a.class
                    .map(|c| format!("{c:?}").to_lowercase())
                    .unwrap_or_default(),
                num(a.projected),
            ]
        })
        .collect();
    table(
        &[
            "indicator",
            "target",
            "latest",
            "attained",
            "distance",
            "ratio",
            "class",
            "projected",
        ],
        &data,
    );
}

pub fn funnels(rows: &[(String, reformgraph::track::Funnel)], as_json: bool) {
    if as_json {
        print_json(rows);
        return;
    }
    for (key, f) in rows {
        outln!(
            "{key}: {} project(s) of a quota of {}, {} withdrawn",
            f.total,
            f.quota.map_or_else(|| "–".to_owned(), |q| q.to_string()),
            f.withdrawn
        );
        let data: Vec<Vec<String>> = f
            .stages
            .iter()
            .map(|s| {
                vec![
                    s.stage.name_zh().to_owned(),
                    s.projects.to_string(),
                    "█".repeat(s.projects as usize),
                ]
            })
            .collect();
        table(&["stage", "projects", ""], &data);
    }
}

pub fn selections(check: &reformgraph::track::SelectionCheck, as_json: bool) {
    if as_json {
        print_json(check);
        return;
    }
    let data: Vec<Vec<String>> = check
        .selections
        .iter()
        .map(|s| {
            vec![
                s.subject.trim_start_matches("area/").to_owned(),
                s.options.len().to_string(),
                s.options
                    .iter()
                    .map(|c| c.rsplit('/').next().unwrap_or(c))
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    table(&["area", "selected", "options"], &data);
    outln!("{} violation(s) in {}", check.violations.len(), check.year);
    for v in &check.violations {
        outln!("  {}: {}", v.subject, v.message);
    }
}

pub fn access(enforced: bool, grants: &[(String, String)], as_json: bool) {
    if as_json {
        let grants: Vec<_> = grants
            .iter()
            .map(|(org, scope)| json!({ "organization": org, "scope": scope }))
            .collect();
        print_json(&json!({ "enforced": enforced, "grants": grants }));
        return;
    }
    outln!(
        "access policy: {}",
        if enforced {
            "on (an organisation records only what it leads, co-operates on, is responsible for or was granted)"
        } else {
            "off (anyone may record anything)"
        }
    );
    let rows: Vec<Vec<String>> = grants
        .iter()
        .map(|(org, scope)| vec![org.clone(), scope.clone()])
        .collect();
    if rows.is_empty() {
        outln!("no grants");
    } else {
        table(&["organisation", "may record on"], &rows);
    }
}

pub fn apply_report(r: &reformgraph::track::ApplyReport, as_json: bool) {
    if as_json {
        print_json(r);
        return;
    }
    outln!("{} applied, {} already here", r.applied, r.duplicates);
    for c in &r.conflicts {
        outln!(
            "  conflict on {} ({}): kept {}, overridden {}",
            c.subject,
            c.change,
            c.kept,
            c.overridden
        );
    }
    for r in &r.refused {
        outln!("  without effect: {}: {}", r.event, r.reason);
    }
}

pub fn written(files: &[String], as_json: bool) {
    if as_json {
        print_json(&json!({ "written": files }));
        return;
    }
    for f in files {
        outln!("wrote {f}");
    }
}

pub fn loaded(r: &reformgraph::export::LoadReport, as_json: bool) {
    if as_json {
        print_json(r);
        return;
    }
    outln!(
        "loaded {} nodes, {} edges and {} events; access policy {}",
        r.nodes,
        r.edges,
        r.events,
        if r.access_enforced { "on" } else { "off" }
    );
}
