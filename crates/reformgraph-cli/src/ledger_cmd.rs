//! `import-ledger`: a returned 台账 read back, shown as a diff, recorded with `--apply`.

use std::path::Path;

use reformgraph::Store;
use reformgraph::intake::{self, LedgerDiff};
use serde_json::json;

use crate::Failure;
use crate::output::{cut, print_json, table};
use crate::track_cmd::{self, Provenance};

fn percent(p: f64) -> String {
    format!("{p:.0}%")
}

fn print_diff(d: &LedgerDiff) {
    println!(
        "{}: {} row(s) change their task, {} unchanged, {} blank, {} cannot be applied (compared with the state on {})",
        d.source,
        d.changes.len(),
        d.unchanged,
        d.blank,
        d.problems.len(),
        d.as_of
    );
    if !d.changes.is_empty() {
        println!();
        let rows: Vec<Vec<String>> = d
            .changes
            .iter()
            .map(|c| {
                let status = if c.status_after == c.status_before {
                    c.status_after.name_zh().to_owned()
                } else {
                    format!(
                        "{} → {}",
                        c.status_before.name_zh(),
                        c.status_after.name_zh()
                    )
                };
                vec![
                    format!("{} {}", c.sheet, c.row),
                    c.task.clone(),
                    cut(&c.title, 24),
                    status,
                    match c.progress_after {
                        Some(p) => format!("{} → {}", percent(c.progress_before), percent(p)),
                        None => percent(c.progress_before),
                    },
                    c.note_after
                        .as_deref()
                        .map(|n| cut(n, 30))
                        .unwrap_or_default(),
                ]
            })
            .collect();
        table(
            &["row", "task", "title", "状态", "进度", "new 进展情况"],
            &rows,
        );
    }
    if !d.problems.is_empty() {
        println!();
        println!("rows not applied:");
        for p in &d.problems {
            let mut line = format!("  {} row {}: {}", p.sheet, p.row, p.message);
            if !p.candidates.is_empty() {
                line.push_str(&format!(" ({})", p.candidates.join(", ")));
            }
            println!("{line}");
        }
    }
}

/// Reads `file`, prints what it changes; with `by`, records it.
pub fn import_ledger(
    db: &Path,
    file: &Path,
    plan: Option<&str>,
    by: Option<Provenance>,
    json: bool,
) -> Result<(), Failure> {
    let ledger = intake::read_ledger_file(file)?;
    let Some(by) = by else {
        let store = Store::open_read_only(db)?;
        let diff = intake::diff_ledger(&store.read()?, &ledger, plan)?;
        if json {
            print_json(&json!({ "applied": false, "diff": diff }));
        } else {
            print_diff(&diff);
            if !diff.changes.is_empty() {
                println!();
                println!(
                    "dry run: nothing recorded; add --apply --actor NAME (and --org, --effective) to record {} event(s)",
                    diff.changes.len()
                );
            }
        }
        return Ok(());
    };
    let by = track_cmd::recorded_by(by)?;
    let effective = by.effective;
    let store = Store::open(db)?;
    let done = intake::apply_ledger(&store, &ledger, plan, by)?;
    if json {
        print_json(&json!({ "applied": true, "diff": done.diff, "events": done.events }));
        return Ok(());
    }
    print_diff(&done.diff);
    if let Some(first) = done.events.first() {
        let when = match effective {
            Some(d) => d.to_string(),
            None => format!("{} (today; --effective to choose)", first.effective),
        };
        println!();
        println!("recorded {} event(s), effective {when}", done.events.len());
    } else {
        println!("nothing to record");
    }
    Ok(())
}
