//! The corpus score: every real document in `data/corpus/` imported and compared with the
//! answers people wrote by reading it (`NAME.expected.json`, spec in
//! `data/corpus/ANNOTATION.md`). `make corpus` prints the table; this test also holds the
//! totals at or above the levels reached, so an importer change cannot lose ground silently.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use reformgraph::import::{Draft, PlanMeta, Registry, decode_text, parse};
use reformgraph::{DeadlineKind, EdgeKind, NodeData, NodeKey};
use serde_json::Value;

/// Levels reached (see docs/import.md); raise them as the importer improves.
const MIN_TASK_RECALL: f64 = 0.97;
const MIN_FIRST_LEAD: f64 = 0.95;
const MIN_UNIT_RECALL: f64 = 0.98;
const MIN_UNIT_PRECISION: f64 = 0.97;
const MIN_DEADLINES: f64 = 0.97;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus")
}

/// Folds punctuation width (and Traditional characters, as the importer does) so names
/// compare across forms.
fn fold(s: &str) -> String {
    reformgraph::import::normalize::normalize(s)
        .text
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            ';' => '；',
            '!' => '！',
            '?' => '？',
            '﹒' | '．' => '.',
            other => other,
        })
        .collect()
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    expected: usize,
    found: usize,
    first_lead_right: usize,
    units_expected: usize,
    units_imported: usize,
    units_right: usize,
    deadlines_right: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.expected += o.expected;
        self.found += o.found;
        self.first_lead_right += o.first_lead_right;
        self.units_expected += o.units_expected;
        self.units_imported += o.units_imported;
        self.units_right += o.units_right;
        self.deadlines_right += o.deadlines_right;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The units of an imported task as (names the organisation goes by, role).
fn imported_units(draft: &Draft, task: &NodeKey) -> Vec<(Vec<String>, &'static str, u16)> {
    let names = |key: &NodeKey| -> Vec<String> {
        draft
            .nodes
            .iter()
            .find(|n| &n.key == key)
            .and_then(|n| match &n.data {
                NodeData::Organization(o) => Some(
                    std::iter::once(o.name.clone())
                        .chain(o.aliases.iter().cloned())
                        .map(|s| fold(&s))
                        .collect(),
                ),
                _ => None,
            })
            .unwrap_or_default()
    };
    let mut out: Vec<(Vec<String>, &'static str, u16)> = draft
        .edges
        .iter()
        .filter(|e| &e.to == task)
        .filter_map(|e| {
            let (role, rank) = match e.kind {
                EdgeKind::Leads { rank } => ("lead", rank),
                EdgeKind::Responsible => ("responsible", u16::MAX),
                EdgeKind::Cooperates => ("cooperating", u16::MAX),
                EdgeKind::Guides => ("guiding", u16::MAX),
                _ => return None,
            };
            Some((names(&e.from), role, rank))
        })
        .collect();
    out.sort_by_key(|(_, role, rank)| (role_order(role), *rank));
    out
}

fn role_order(role: &str) -> u8 {
    match role {
        "lead" => 0,
        "responsible" => 1,
        "guiding" => 2,
        _ => 3,
    }
}

fn score_document(name: &str, text: &str, expected: &Value) -> Score {
    let stem: String = name
        .trim_end_matches(".txt")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let meta = PlanMeta {
        key: Some(stem),
        ..PlanMeta::default()
    };
    let draft = parse(text, &meta, &Registry::empty()).expect("parse");
    let tasks: Vec<_> = draft
        .nodes
        .iter()
        .filter_map(|n| match &n.data {
            NodeData::Task(t) => Some((n, t)),
            _ => None,
        })
        .collect();
    let mut s = Score::default();
    let items = expected["tasks"].as_array().cloned().unwrap_or_default();
    s.expected = items.len();
    for item in &items {
        let start = item["text_start"].as_str().unwrap_or("");
        let Some(at) = text.find(start) else {
            panic!("{name}: text_start {start:?} is not in the text");
        };
        // The imported task whose span holds this text and starts last before it (a row
        // printed one cell per line starts at its first cell, before the text).
        let Some((node, task)) = tasks
            .iter()
            .filter(|(n, _)| {
                n.source
                    .is_some_and(|sp| (sp.start as usize) <= at && at < sp.end as usize)
            })
            .max_by_key(|(n, _)| n.source.map(|sp| sp.start))
        else {
            continue;
        };
        s.found += 1;
        let mut want: Vec<(String, String)> = item["units"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|u| {
                (
                    fold(u["name"].as_str().unwrap_or("")),
                    u["role"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        want.sort_by_key(|(_, r)| role_order(r));
        let got = imported_units(&draft, &node.key);
        s.units_expected += want.len();
        s.units_imported += got.len();
        s.units_right += want
            .iter()
            .filter(|(n, r)| {
                got.iter()
                    .any(|(names, gr, _)| gr == r && names.contains(n))
            })
            .count();
        let first_right = match (want.first(), got.first()) {
            (Some((n, r)), Some((names, gr, _))) => gr == r && names.contains(n),
            (None, None) => true,
            _ => false,
        };
        s.first_lead_right += usize::from(first_right);
        let deadline_right = match &item["deadline"] {
            Value::Null => task.deadline_kind == DeadlineKind::Unstated,
            d => {
                let kind = d["kind"].as_str().unwrap_or("");
                kind == task.deadline_kind.name()
                    && (kind != "date"
                        || d["date"].as_str() == task.deadline.map(|x| x.to_string()).as_deref())
            }
        };
        s.deadlines_right += usize::from(deadline_right);
    }
    s
}

fn documents() -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(corpus_dir())
        .expect("data/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    entries.sort();
    for answers in entries {
        let name = answers
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .replace(".expected.json", ".txt");
        let bytes = std::fs::read(corpus_dir().join(&name)).expect("corpus text");
        let text = decode_text(&bytes).expect("decodable");
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&answers).expect("answers"))
                .expect("answers are JSON");
        out.push((name, text, expected));
    }
    out
}

#[test]
fn the_corpus_scores_at_or_above_the_levels_reached() {
    let docs = documents();
    assert!(docs.len() >= 14, "the corpus has its documents and answers");
    let mut total = Score::default();
    let mut rows: BTreeMap<String, Score> = BTreeMap::new();
    for (name, text, expected) in &docs {
        let s = score_document(name, text, expected);
        total.add(&s);
        rows.insert(name.clone(), s);
    }
    println!(
        "{:<72} {:>9} {:>10} {:>8} {:>8} {:>9}",
        "document", "tasks", "1st lead", "recall", "prec.", "deadline"
    );
    for (name, s) in rows
        .iter()
        .chain(std::iter::once((&"TOTAL".to_owned(), &total)))
    {
        println!(
            "{:<72} {:>4}/{:<4} {:>9.1}% {:>7.1}% {:>7.1}% {:>8.1}%",
            name,
            s.found,
            s.expected,
            100.0 * ratio(s.first_lead_right, s.expected),
            100.0 * ratio(s.units_right, s.units_expected),
            100.0 * ratio(s.units_right, s.units_imported),
            100.0 * ratio(s.deadlines_right, s.expected),
        );
    }
    let task_recall = ratio(total.found, total.expected);
    let first_lead = ratio(total.first_lead_right, total.expected);
    let unit_recall = ratio(total.units_right, total.units_expected);
    let unit_precision = ratio(total.units_right, total.units_imported);
    assert!(
        task_recall >= MIN_TASK_RECALL,
        "task recall {task_recall:.3}"
    );
    assert!(first_lead >= MIN_FIRST_LEAD, "first leads {first_lead:.3}");
    assert!(
        unit_recall >= MIN_UNIT_RECALL,
        "unit recall {unit_recall:.3}"
    );
    assert!(
        unit_precision >= MIN_UNIT_PRECISION,
        "unit precision {unit_precision:.3}"
    );
    let deadlines = ratio(total.deadlines_right, total.expected);
    assert!(deadlines >= MIN_DEADLINES, "deadlines {deadlines:.3}");
}
