//! `report assessment`: the 考核 table at the terminal, and to a file.

use std::path::Path;

use reformgraph::track::{self, Assessment, AssessmentOptions, AssessmentRubric};
use reformgraph::{Store, export};

use crate::Failure;
use crate::export_cmd::write;
use crate::output::{cut, print_json, table};

/// The rubric from `--weights completion,timeliness,targets,selections` (the core's
/// defaults when none are given; the core checks them).
pub fn rubric(weights: &[f64]) -> Result<AssessmentRubric, Failure> {
    let w = |i: usize| weights.get(i).copied();
    Ok(AssessmentRubric::given(w(0), w(1), w(2), w(3))?)
}

fn share(s: Option<f64>) -> String {
    s.map(|s| format!("{:.0}%", s * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn print(a: &Assessment) {
    let w = a.rubric;
    println!(
        "考核 {} — state on {}; weights: completion {}, timeliness {}, targets {}, selections {} (a part with nothing to measure is left out)",
        a.year, a.as_of, w.completion, w.timeliness, w.targets, w.selections
    );
    let mut start = 0;
    while start < a.units.len() {
        let group = a.units[start].group;
        let end = a.units[start..]
            .iter()
            .position(|u| u.group != group)
            .map_or(a.units.len(), |n| start + n);
        println!();
        println!("{} ({})", group.name_zh(), end - start);
        let rows: Vec<Vec<String>> = a.units[start..end]
            .iter()
            .map(|u| {
                vec![
                    u.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
                    cut(&u.name, 22),
                    u.score
                        .map(|s| format!("{s:.1}"))
                        .unwrap_or_else(|| "—".into()),
                    share(u.completion),
                    share(u.timeliness),
                    share(u.targets),
                    share(u.selections),
                    format!("{}/{}", u.completed, u.tasks),
                    u.overdue.to_string(),
                ]
            })
            .collect();
        table(
            &[
                "rank",
                "unit",
                "score",
                "完成",
                "序时",
                "目标",
                "选题",
                "done/tasks",
                "overdue",
            ],
            &rows,
        );
        start = end;
    }
}

/// Runs the assessment, prints it, and writes it to `out` (.xlsx or .csv) when given.
pub fn assessment(
    db: &Path,
    options: AssessmentOptions,
    out: Option<&Path>,
    json: bool,
) -> Result<(), Failure> {
    let store = Store::open_read_only(db)?;
    let a = track::assessment(&store.read()?, &options)?;
    if let Some(path) = out {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" => write(path, &export::assessment_xlsx(&a)?)?,
            "csv" => write(path, export::assessment_csv(&a, true).as_bytes())?,
            _ => {
                return Err(Failure {
                    message: format!("cannot write {}: give a .xlsx or .csv file", path.display()),
                    hint: None,
                    code: 2,
                    detail: None,
                });
            }
        }
    }
    if json {
        print_json(&a);
    } else {
        print(&a);
        if let Some(path) = out {
            println!();
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
