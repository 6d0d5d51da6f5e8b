//! Generated plan documents of the 实施方案 / 分工方案 / 责任分解 genre, with known truth: the
//! importer must recover every task (by the byte offset where it begins), its number, its
//! leads in rank order, the other units with their roles, its leaders and its deadline, and
//! make no task of anything else.
//!
//! The generator (`support/plan_gen.rs`) follows `data/corpus/ANNOTATION.md`. The property
//! runs 64 cases; `REFORMGRAPH_GEN_CASES=10000` runs more. One plain test per responsibility
//! form documents that form on a small hand-written document, with the same checks.
//!
//! Two reports, not checks (`--ignored --nocapture`): `report_by_form` runs the generator
//! one form at a time and prints, per form, how often each kind of problem occurs and a
//! minimal (shrunk) document for each; `print_samples` prints generated documents.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "support/plan_gen.rs"]
mod plan_gen;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use plan_gen::{
    CLAUSE_WORDS, Deadline, FormKind, Generated, ParaKind, TruthTask, describe_truth, generated,
    to_half_width, to_traditional,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{TestError, TestRunner};
use reformgraph::import::{Draft, DraftNode, Registry, parse};
use reformgraph::{Date, DeadlineKind, EdgeKind, NodeData, NodeKey, Organization, Task};

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

/// Cases per property: 64, or `REFORMGRAPH_GEN_CASES`.
fn cases() -> u32 {
    std::env::var("REFORMGRAPH_GEN_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(64)
}

/// No regression file is written (the test leaves the source tree alone).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    }
}

// ---------------------------------------------------------------------------------------
// Checking a draft against the truth
// ---------------------------------------------------------------------------------------

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    /// `parse` returned an error.
    Parse,
    /// No task node starts where the task begins.
    NotFound,
    /// Several task nodes start there.
    Duplicate,
    /// `Task::number` differs.
    Number,
    /// Leads (or their ranks) differ.
    Leads,
    /// Responsible units differ.
    Responsible,
    /// Co-operating units differ.
    Cooperating,
    /// Guiding units differ.
    Guiding,
    /// Leaders differ.
    Leaders,
    /// Deadline kind or date differs.
    Deadline,
    /// A noise paragraph became a task.
    NoiseTask,
    /// Another line (heading, preamble, clause line, table header …) became a task.
    ExtraTask,
    /// The number of tasks differs.
    Count,
}

/// One difference between the draft and the truth.
#[derive(Debug, Clone)]
struct Problem {
    kind: Kind,
    /// The form of the task concerned, if one is.
    form: Option<FormKind>,
    text: String,
}

/// Folds punctuation width (（）：，； ↔ ():,;).
fn fold(s: &str) -> String {
    to_half_width(s)
}

fn matches(org: Option<&Organization>, name: &str) -> bool {
    let name = fold(name);
    org.is_some_and(|o| fold(&o.name) == name || o.aliases.iter().any(|a| fold(a) == name))
}

/// A unit at the end of an edge: its organisation, or `None` if the node is not one.
#[derive(Clone, Copy)]
struct UnitRef<'a> {
    key: &'a NodeKey,
    org: Option<&'a Organization>,
}

impl UnitRef<'_> {
    fn label(&self) -> String {
        match self.org {
            Some(o) if o.aliases.is_empty() => o.name.clone(),
            Some(o) => format!("{} (aka {})", o.name, o.aliases.join("|")),
            None => format!("<{} is not an organisation>", self.key.as_str()),
        }
    }
}

/// What the draft says about one task's units.
struct Got<'a> {
    /// Leads with their rank, sorted by rank.
    leads: Vec<(u16, UnitRef<'a>)>,
    responsible: Vec<UnitRef<'a>>,
    cooperating: Vec<UnitRef<'a>>,
    guiding: Vec<UnitRef<'a>>,
}

struct Index<'a> {
    draft: &'a Draft,
    nodes: HashMap<&'a NodeKey, &'a DraftNode>,
    incoming: HashMap<&'a NodeKey, Vec<(&'a EdgeKind, &'a NodeKey)>>,
}

impl<'a> Index<'a> {
    fn new(draft: &'a Draft) -> Self {
        let nodes = draft.nodes.iter().map(|n| (&n.key, n)).collect();
        let mut incoming: HashMap<&NodeKey, Vec<(&EdgeKind, &NodeKey)>> = HashMap::new();
        for e in &draft.edges {
            incoming.entry(&e.to).or_default().push((&e.kind, &e.from));
        }
        Index {
            draft,
            nodes,
            incoming,
        }
    }

    fn unit(&self, key: &'a NodeKey) -> UnitRef<'a> {
        let org = match self.nodes.get(key).map(|n| &n.data) {
            Some(NodeData::Organization(o)) => Some(o),
            _ => None,
        };
        UnitRef { key, org }
    }

    fn got(&self, task: &'a NodeKey) -> Got<'a> {
        let mut got = Got {
            leads: Vec::new(),
            responsible: Vec::new(),
            cooperating: Vec::new(),
            guiding: Vec::new(),
        };
        for &(kind, from) in self.incoming.get(task).map(Vec::as_slice).unwrap_or(&[]) {
            let u = self.unit(from);
            match kind {
                EdgeKind::Leads { rank } => got.leads.push((*rank, u)),
                EdgeKind::Responsible => got.responsible.push(u),
                EdgeKind::Cooperates => got.cooperating.push(u),
                EdgeKind::Guides => got.guiding.push(u),
                _ => {}
            }
        }
        got.leads.sort_by_key(|(rank, _)| *rank);
        got
    }

    /// Task nodes, in draft order.
    fn tasks(&self) -> Vec<(&'a DraftNode, &'a Task)> {
        self.draft
            .nodes
            .iter()
            .filter_map(|n| match &n.data {
                NodeData::Task(t) => Some((n, t)),
                _ => None,
            })
            .collect()
    }
}

fn start_of(n: &DraftNode) -> Option<usize> {
    n.source.map(|s| s.start as usize)
}

fn labels<'a>(units: impl IntoIterator<Item = &'a UnitRef<'a>>) -> Vec<String> {
    units.into_iter().map(UnitRef::label).collect()
}

/// Every expected name matched by exactly one unit, and no unit left over.
fn same_set(expected: &[String], got: &[UnitRef<'_>]) -> bool {
    let mut used = vec![false; got.len()];
    for name in expected {
        match (0..got.len()).find(|&i| !used[i] && matches(got[i].org, name)) {
            Some(i) => used[i] = true,
            None => return false,
        }
    }
    used.iter().all(|&u| u)
}

fn expected_kind(d: Deadline) -> DeadlineKind {
    match d {
        Deadline::Unstated => DeadlineKind::Unstated,
        Deadline::Date(..) => DeadlineKind::Date,
        Deadline::Continuous => DeadlineKind::Continuous,
        Deadline::Yearly => DeadlineKind::Yearly,
    }
}

fn describe_deadline(t: &Task) -> String {
    let date = t
        .deadline
        .map(|d| d.to_string())
        .unwrap_or_else(|| "-".into());
    format!(
        "{} {date} {:?}",
        t.deadline_kind.name(),
        t.deadline_text.as_deref().unwrap_or("")
    )
}

fn excerpt(text: &str, at: usize) -> String {
    text.get(at..)
        .unwrap_or("")
        .chars()
        .take_while(|&c| c != '\n')
        .take(18)
        .collect()
}

/// Compares one found task with its truth.
fn check_task(t: &TruthTask, task: &Task, got: &Got<'_>, who: &str, out: &mut Vec<Problem>) {
    let mut push = |kind, text: String| {
        out.push(Problem {
            kind,
            form: Some(t.form),
            text: format!("{who}: {text}"),
        });
    };
    if task.number != t.number {
        push(
            Kind::Number,
            format!("number expected {:?}, got {:?}", t.number, task.number),
        );
    }
    let ranks_ok = got
        .leads
        .iter()
        .enumerate()
        .all(|(i, (rank, _))| usize::from(*rank) == i + 1);
    let leads_ok = got.leads.len() == t.leads.len()
        && got
            .leads
            .iter()
            .zip(&t.leads)
            .all(|((_, u), name)| matches(u.org, name));
    if !leads_ok || !ranks_ok {
        let got_leads: Vec<String> = got
            .leads
            .iter()
            .map(|(rank, u)| format!("{rank}:{}", u.label()))
            .collect();
        push(
            Kind::Leads,
            format!(
                "leads (rank order) expected {:?}, got {got_leads:?}",
                t.leads
            ),
        );
    }
    for (kind, role, expected, units) in [
        (
            Kind::Responsible,
            "responsible",
            &t.responsible,
            &got.responsible,
        ),
        (
            Kind::Cooperating,
            "cooperating",
            &t.cooperating,
            &got.cooperating,
        ),
        (Kind::Guiding, "guiding", &t.guiding, &got.guiding),
    ] {
        if !same_set(expected, units) {
            push(
                kind,
                format!(
                    "{role} units expected {expected:?}, got {:?}",
                    labels(units.iter())
                ),
            );
        }
    }
    if task.leaders != t.leaders {
        push(
            Kind::Leaders,
            format!("leaders expected {:?}, got {:?}", t.leaders, task.leaders),
        );
    }
    let date_ok = match t.deadline {
        Deadline::Date(y, m, d) => task.deadline == Some(Date::new(y, m, d).unwrap()),
        _ => true,
    };
    if task.deadline_kind != expected_kind(t.deadline) || !date_ok {
        push(
            Kind::Deadline,
            format!(
                "deadline expected {}, got {}",
                t.deadline,
                describe_deadline(task)
            ),
        );
    }
}

/// Everything in which the draft differs from the truth.
fn check(g: &Generated, draft: &Draft) -> Vec<Problem> {
    let mut out = Vec::new();
    let index = Index::new(draft);
    let tasks = index.tasks();
    for t in &g.tasks {
        let who = format!(
            "task {:?} (line {}, byte {}, «{}», {:?})",
            if t.marker.is_empty() {
                &t.number
            } else {
                &t.marker
            },
            t.line,
            t.start,
            excerpt(&g.text, t.start),
            t.form
        );
        let found: Vec<_> = tasks
            .iter()
            .filter(|(n, _)| start_of(n) == Some(t.start))
            .collect();
        let Some(&&(node, task)) = found.first() else {
            let near: Vec<String> = tasks
                .iter()
                .filter_map(|(n, _)| n.source)
                .filter(|s| s.line == t.line)
                .map(|s| format!("byte {}", s.start))
                .collect();
            out.push(Problem {
                kind: Kind::NotFound,
                form: Some(t.form),
                text: format!(
                    "{who}: not found (no task node starts at byte {}){}",
                    t.start,
                    if near.is_empty() {
                        String::new()
                    } else {
                        format!("; task nodes on that line start at {}", near.join(", "))
                    }
                ),
            });
            continue;
        };
        if found.len() > 1 {
            out.push(Problem {
                kind: Kind::Duplicate,
                form: Some(t.form),
                text: format!("{who}: {} task nodes start there", found.len()),
            });
        }
        check_task(t, task, &index.got(&node.key), &who, &mut out);
    }
    for (n, task) in &tasks {
        let start = start_of(n);
        if start.is_some_and(|s| g.tasks.iter().any(|t| t.start == s)) {
            continue;
        }
        let inside = start.and_then(|s| {
            g.paras
                .iter()
                .find(|p| p.start <= s && s < p.end.max(p.start + 1))
        });
        let (kind, what) = match inside {
            Some(p) if p.kind == ParaKind::Noise => (
                Kind::NoiseTask,
                format!("a noise paragraph (line {}) became a task", p.line),
            ),
            Some(p) => (
                Kind::ExtraTask,
                format!("made of a {:?} line (line {})", p.kind, p.line),
            ),
            None => (Kind::ExtraTask, "not at any generated line".to_owned()),
        };
        out.push(Problem {
            kind,
            form: None,
            text: format!(
                "extra task {} (span {:?}, «{}»): {what}",
                n.key.as_str(),
                n.source.map(|s| (s.line, s.start, s.end)),
                task.title.chars().take(18).collect::<String>()
            ),
        });
    }
    if tasks.len() != g.tasks.len() {
        out.push(Problem {
            kind: Kind::Count,
            form: None,
            text: format!(
                "the draft has {} task nodes, the document {} tasks",
                tasks.len(),
                g.tasks.len()
            ),
        });
    }
    out
}

/// The importer's tasks, one line each, and its first unparsed paragraphs.
fn importer_view(draft: &Draft) -> String {
    let index = Index::new(draft);
    let mut s = String::new();
    let tasks = index.tasks();
    if tasks.is_empty() {
        s.push_str("  (none)\n");
    }
    for (n, task) in tasks {
        let got = index.got(&n.key);
        let leads: Vec<String> = got
            .leads
            .iter()
            .map(|(r, u)| format!("{r}:{}", u.label()))
            .collect();
        let _ = writeln!(
            s,
            "  {} span={:?} number={:?} «{}» leads={leads:?} responsible={:?} cooperating={:?} guiding={:?} leaders={:?} deadline={}",
            n.key.as_str(),
            n.source.map(|s| (s.line, s.start)),
            task.number,
            task.title.chars().take(16).collect::<String>(),
            labels(got.responsible.iter()),
            labels(got.cooperating.iter()),
            labels(got.guiding.iter()),
            task.leaders,
            describe_deadline(task),
        );
    }
    for u in draft.report.unparsed.iter().take(8) {
        let _ = writeln!(s, "  unparsed line {}: {} ({})", u.line, u.reason, u.text);
    }
    s
}

/// Parses `g` and checks it.
fn problems(g: &Generated) -> (Vec<Problem>, String) {
    match parse(&g.text, &g.meta(), &Registry::empty()) {
        Ok(draft) => (check(g, &draft), importer_view(&draft)),
        Err(e) => (
            vec![Problem {
                kind: Kind::Parse,
                form: None,
                text: format!("parse failed: {e}"),
            }],
            String::new(),
        ),
    }
}

/// The failure message: the problems, (`with_doc`) the numbered document and its truth, and
/// the importer's tasks. Proptest prints the document itself (`Generated`'s `Debug`).
fn report(g: &Generated, problems: &[Problem], view: &str, with_doc: bool) -> String {
    let mut s = format!(
        "the importer did not recover the document ({} problems):\n",
        problems.len()
    );
    for p in problems {
        let _ = writeln!(s, "  - [{:?}] {}", p.kind, p.text);
    }
    if with_doc {
        let _ = writeln!(s, "document ({}):", g.options);
        s.push_str(&g.numbered_text());
        s.push_str("truth:\n");
        for t in &g.tasks {
            let _ = writeln!(s, "  {}", describe_truth(t));
        }
    }
    s.push_str("importer's tasks:\n");
    s.push_str(view);
    s
}

fn run(g: &Generated, with_doc: bool) -> Result<(), String> {
    let (problems, view) = problems(g);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(report(g, &problems, &view, with_doc))
    }
}

// ---------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(cases()))]

    #[test]
    fn importer_recovers_generated_plans(g in generated(&FormKind::ALL)) {
        if let Err(report) = run(&g, false) {
            return Err(TestCaseError::fail(report));
        }
    }

    /// The generator's own invariants (no importer involved): a failure here is a bug of
    /// the test, not of the importer.
    #[test]
    fn generator_truth_is_consistent(g in generated(&FormKind::ALL)) {
        let simplified = fold(&plan_gen::to_simplified(&g.text));
        for t in &g.tasks {
            prop_assert!(g.text.is_char_boundary(t.start));
            prop_assert!(g.text[t.start..].starts_with(&t.marker), "{}", describe_truth(t));
            let line_start = g.text[..t.start].rfind('\n').map_or(0, |i| i + 1);
            // A task begins its line, or is a member of an enumeration (…。一是…；二是…).
            let before = &g.text[line_start..t.start];
            let member = t.marker.ends_with('是')
                && before.chars().next_back().is_some_and(|c| matches!(c, '。' | '；' | ';'));
            prop_assert!(
                member || before.chars().all(|c| c == ' ' || c == '\u{3000}'),
                "a task begins its line: {}", describe_truth(t)
            );
            prop_assert!(!t.leads.is_empty(), "every form names a lead: {}", describe_truth(t));
            let mut all: Vec<&String> = t.leads.iter()
                .chain(&t.responsible).chain(&t.cooperating).chain(&t.guiding).collect();
            for name in &all {
                prop_assert!(simplified.contains(&fold(name)), "{name} is printed");
            }
            let n = all.len();
            all.sort();
            all.dedup();
            prop_assert_eq!(all.len(), n, "a unit has one role: {}", describe_truth(t));
        }
        for p in &g.paras {
            if p.kind == ParaKind::Noise {
                prop_assert!(plan_gen::NOISE.contains(&&g.text[p.start..p.end])
                    || plan_gen::NOISE.iter().any(|n| to_half_width(n) == g.text[p.start..p.end]));
            }
        }
    }
}

/// Noise paragraphs, headings and task bodies are made of words that name no unit, assign
/// nothing and state no deadline.
#[test]
fn vocabulary_has_no_clause_words() {
    for (pool, words) in plan_gen::plain_vocabulary() {
        for text in words {
            for w in CLAUSE_WORDS {
                assert!(!text.contains(w), "{pool} {text:?} contains {w}");
            }
        }
    }
}

#[test]
fn traditional_conversion_is_reversible() {
    assert_eq!(to_traditional("牵头单位"), "牽頭單位");
    assert_eq!(to_traditional("负责"), "負責");
    assert_eq!(to_traditional("责任单位"), "責任單位");
    assert_eq!(to_traditional("配合单位"), "配合單位");
    for name in plan_gen::DEPARTMENTS.iter().chain(plan_gen::GROUPS) {
        assert_eq!(plan_gen::to_simplified(&to_traditional(name)), *name);
    }
}

// ---------------------------------------------------------------------------------------
// Reports (ignored: they print, they do not check)
// ---------------------------------------------------------------------------------------

/// Per form: the share of generated documents (that form only) with each kind of problem
/// on a task of that form, and a shrunk minimal document for each kind.
#[test]
#[ignore = "a report, not a check: run with --ignored --nocapture"]
fn report_by_form() {
    let cases = cases();
    let mut summary = String::new();
    for form in FormKind::ALL {
        let strategy = generated(&[form]);
        let mut runner = TestRunner::new(config(cases));
        let mut tally: BTreeMap<Kind, u32> = BTreeMap::new();
        let mut failing = 0;
        for _ in 0..cases {
            let g = strategy.new_tree(&mut runner).unwrap().current();
            let (ps, _) = problems(&g);
            let mut kinds: Vec<Kind> = ps
                .iter()
                .filter(|p| p.form.is_none_or(|f| f == form))
                .map(|p| p.kind)
                .collect();
            kinds.sort();
            kinds.dedup();
            failing += u32::from(!kinds.is_empty());
            for k in kinds {
                *tally.entry(k).or_default() += 1;
            }
        }
        let _ = writeln!(
            summary,
            "{} {form:?} {}: {failing}/{cases} documents fail{}",
            if failing == 0 { "PASS" } else { "FAIL" },
            form.pattern(),
            tally
                .iter()
                .map(|(k, n)| format!(" {k:?}={n}"))
                .collect::<String>()
        );
        for &kind in tally.keys() {
            let mut runner = TestRunner::new(config(cases.max(256)));
            let result = runner.run(&strategy, |g| {
                let (ps, view) = problems(&g);
                if ps.iter().any(|p| p.kind == kind) {
                    Err(TestCaseError::fail(report(&g, &ps, &view, false)))
                } else {
                    Ok(())
                }
            });
            if let Err(TestError::Fail(why, g)) = result {
                println!("===== {form:?} / {kind:?}: minimal document\n{g:?}{why}\n");
            }
        }
    }
    println!("{summary}");
}

/// Prints generated documents with their truth (to see what the generator makes).
#[test]
#[ignore = "prints samples: run with --ignored --nocapture"]
fn print_samples() {
    let mut runner = TestRunner::default();
    let strategy = generated(&FormKind::ALL);
    for _ in 0..cases().min(20) {
        let g = strategy.new_tree(&mut runner).unwrap().current();
        println!("{g:?}");
    }
}

// ---------------------------------------------------------------------------------------
// One hand-written document per form
// ---------------------------------------------------------------------------------------

const PREAMBLE: &str = "滨江市人民政府关于印发滨江市优化营商环境实施方案的通知
各县（市、区）人民政府，市政府各部门：
《滨江市优化营商环境实施方案》已经市政府同意，现印发给你们，请认真贯彻落实。
滨江市人民政府
2021年3月6日
滨江市优化营商环境实施方案
";

fn doc(body: &str) -> String {
    format!("{PREAMBLE}{body}")
}

fn doc_half(body: &str) -> String {
    format!("{}{body}", to_half_width(PREAMBLE))
}

/// An expected task: `at` is the text where it begins (unique in the document).
struct Exp {
    at: &'static str,
    /// The number as ANNOTATION.md writes it.
    number: &'static str,
    form: FormKind,
    leads: &'static [&'static str],
    responsible: &'static [&'static str],
    cooperating: &'static [&'static str],
    guiding: &'static [&'static str],
    leaders: &'static [&'static str],
    deadline: Deadline,
}

impl Default for Exp {
    fn default() -> Self {
        Exp {
            at: "",
            number: "",
            form: FormKind::LeadCoopLabel,
            leads: &[],
            responsible: &[],
            cooperating: &[],
            guiding: &[],
            leaders: &[],
            deadline: Deadline::Unstated,
        }
    }
}

fn unique_offset(text: &str, needle: &str) -> usize {
    let hits: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
    assert_eq!(hits.len(), 1, "{needle:?} must occur once in the document");
    hits[0]
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// A hand-written document with its truth; `noise` lists paragraphs that are not tasks.
fn hand(text: String, exps: &[Exp], noise: &[&str]) -> Generated {
    let line_of = |at: usize| u32::try_from(text[..at].matches('\n').count() + 1).unwrap();
    let tasks = exps
        .iter()
        .map(|e| {
            let start = unique_offset(&text, e.at);
            TruthTask {
                start,
                line: line_of(start),
                marker: String::new(),
                number: e.number.to_owned(),
                form: e.form,
                leads: strings(e.leads),
                responsible: strings(e.responsible),
                cooperating: strings(e.cooperating),
                guiding: strings(e.guiding),
                leaders: strings(e.leaders),
                deadline: e.deadline,
            }
        })
        .collect();
    let paras = noise
        .iter()
        .map(|n| {
            let start = unique_offset(&text, n);
            plan_gen::Para {
                kind: ParaKind::Noise,
                start,
                end: start + n.len(),
                line: line_of(start),
            }
        })
        .collect();
    Generated {
        text,
        issuer: "滨江市人民政府".into(),
        tasks,
        paras,
        options: "hand-written".into(),
    }
}

/// Checks every document; fails listing each one the importer gets wrong.
fn assert_recovers(docs: &[Generated]) {
    let failures: Vec<String> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            run(g, true)
                .err()
                .map(|r| format!("document #{}: {r}", i + 1))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The checker itself: each kind of wrong truth is reported (so a pass means something).
#[test]
fn check_reports_each_kind_of_difference() {
    let g = hand(
        doc("一、推进简政放权，释放发展活力
1.推进政务服务标准化建设（牵头单位：市财政局、市教育局；配合单位：市统计局）。
"),
        &[Exp {
            at: "1.推进",
            number: "1",
            leads: &["市财政局", "市教育局"],
            cooperating: &["市统计局"],
            ..Exp::default()
        }],
        &[],
    );
    let draft = parse(&g.text, &g.meta(), &Registry::empty()).unwrap();
    let kinds = |g: &Generated| -> Vec<Kind> { check(g, &draft).iter().map(|p| p.kind).collect() };
    type Mutation = (Kind, fn(&mut TruthTask));
    let mutations: [Mutation; 9] = [
        (Kind::Number, |t| t.number = "2".into()),
        (Kind::Leads, |t| t.leads.reverse()),
        (Kind::Leads, |t| t.leads.truncate(1)),
        (Kind::Responsible, |t| t.responsible.push("市审计局".into())),
        (Kind::Cooperating, |t| t.cooperating.clear()),
        (Kind::Guiding, |t| t.guiding.push("市审计局".into())),
        (Kind::Leaders, |t| t.leaders.push("王明".into())),
        (Kind::Deadline, |t| t.deadline = Deadline::Yearly),
        (Kind::NotFound, |t| t.start += 1),
    ];
    for (kind, mutate) in mutations {
        let mut wrong = g.clone();
        mutate(&mut wrong.tasks[0]);
        assert!(
            kinds(&wrong).contains(&kind),
            "{kind:?} not reported for {}",
            describe_truth(&wrong.tasks[0])
        );
    }
    let mut noise = g.clone();
    let t = noise.tasks.remove(0);
    noise.paras.push(plan_gen::Para {
        kind: ParaKind::Noise,
        start: t.start,
        end: t.start + 10,
        line: t.line,
    });
    let k = kinds(&noise);
    assert!(
        k.contains(&Kind::NoiseTask) && k.contains(&Kind::Count),
        "{k:?}"
    );
}

/// `（牵头单位：X；配合单位：Y、Z）` → X leads, Y and Z co-operate; `（牵头单位：X，责任单位：Y）`
/// → X leads, Y is responsible. Brackets 〔〕 work the same; a deadline word may end the
/// clause; the clause may sit before or after the final 。.
#[test]
fn form_labelled_lead_with_cooperating_or_responsible_units() {
    let noise =
        "要充分认识做好此项工作的重要意义，进一步统一思想、提高认识，确保各项工作落到实处。";
    let a = hand(
        doc(&format!(
            "一、推进简政放权，释放发展活力
1.推进政务服务标准化建设。建立健全工作机制。（牵头单位：市财政局、市教育局；配合单位：市统计局、各县（市、区）人民政府）
2.完善社会信用体系建设，力争2022年6月底前取得明显成效。〔牵头单位：市商务局，责任单位：有关部门〕
{noise}
3.2022年底前完成重点项目审批流程改革（牵头单位：市司法局，责任单位：市审计局、市直各单位）。
"
        )),
        &[
            Exp {
                at: "1.推进政务",
                number: "1",
                leads: &["市财政局", "市教育局"],
                cooperating: &["市统计局", "各县（市、区）人民政府"],
                ..Exp::default()
            },
            Exp {
                at: "2.完善社会",
                number: "2",
                form: FormKind::LeadRespLabel,
                leads: &["市商务局"],
                responsible: &["有关部门"],
                deadline: Deadline::Date(2022, 6, 30),
                ..Exp::default()
            },
            Exp {
                at: "3.2022",
                number: "3",
                form: FormKind::LeadRespLabel,
                leads: &["市司法局"],
                responsible: &["市审计局", "市直各单位"],
                deadline: Deadline::Date(2022, 12, 31),
                ..Exp::default()
            },
        ],
        &[noise],
    );
    let b = hand(
        doc_half(
            "(一)优化市场准入环境
1.深化数字政府建设。(牵头单位:省商务厅;配合单位:省财政厅、各区、县级市;持续推进)
",
        ),
        &[Exp {
            at: "1.深化",
            number: "1",
            leads: &["省商务厅"],
            cooperating: &["省财政厅", "各区、县级市"],
            deadline: Deadline::Continuous,
            ..Exp::default()
        }],
        &[],
    );
    assert_recovers(&[a, b]);
}

/// `〔责任单位：X、Y按职责分工负责〕` names no 牵头 unit: X and Y lead, in order (等 dropped).
#[test]
fn form_responsibility_label_with_divided_duties() {
    let a = hand(
        doc("一、深化重点领域改革
（一）推进社会信用体系建设。〔责任单位：市财政局、市教育局按职责分工负责〕
（二）加快数字政府建设，到2023年全面推开。〔责任单位：国家统计局、生态环境部等按职责分工负责〕
"),
        &[
            Exp {
                at: "（一）推进",
                number: "一",
                form: FormKind::RespDivided,
                leads: &["市财政局", "市教育局"],
                ..Exp::default()
            },
            Exp {
                at: "（二）加快",
                number: "二",
                form: FormKind::RespDivided,
                leads: &["国家统计局", "生态环境部"],
                deadline: Deadline::Date(2023, 12, 31),
                ..Exp::default()
            },
        ],
        &[],
    );
    assert_recovers(&[a]);
}

/// `（X牵头，Y配合）` and `（X牵头，Y参与）`: X leads, Y co-operates; `每年` → yearly.
#[test]
fn form_lead_verb_with_cooperating_or_participating_units() {
    let a = hand(
        doc("一、提升公共服务水平
1、完善公共文化服务体系建设（市文化和旅游局牵头，市教育局、市民政局配合）。
2、实施农村人居环境整治（市农业农村局牵头，各区、县级市参与，每年）。
"),
        &[
            Exp {
                at: "1、完善",
                number: "1",
                form: FormKind::LeadCoopVerb,
                leads: &["市文化和旅游局"],
                cooperating: &["市教育局", "市民政局"],
                ..Exp::default()
            },
            Exp {
                at: "2、实施",
                number: "2",
                form: FormKind::LeadJoinVerb,
                leads: &["市农业农村局"],
                cooperating: &["各区、县级市"],
                deadline: Deadline::Yearly,
                ..Exp::default()
            },
        ],
        &[],
    );
    assert_recovers(&[a]);
}

/// `（X、Y牵头，有关部门按职责分工负责）`: X and Y lead (ranks 1, 2), 有关部门 is responsible.
/// Also in Traditional characters with half-width punctuation (names come back Simplified).
#[test]
fn form_leads_with_divided_responsibility() {
    let a = hand(
        doc("六、推动城乡融合发展
（二十四）健全城乡融合发展机制。科学制定规划。（国家发展改革委、农业农村部牵头，有关部门按职责分工负责）
（二十五）推进政务服务标准化建设（市公安局牵头，市司法局、市直各单位按职责分工负责，长期坚持）。
"),
        &[
            Exp {
                at: "（二十四）",
                number: "二十四",
                form: FormKind::LeadsDivided,
                leads: &["国家发展改革委", "农业农村部"],
                responsible: &["有关部门"],
                ..Exp::default()
            },
            Exp {
                at: "（二十五）",
                number: "二十五",
                form: FormKind::LeadsDivided,
                leads: &["市公安局"],
                responsible: &["市司法局", "市直各单位"],
                deadline: Deadline::Continuous,
                ..Exp::default()
            },
        ],
        &[],
    );
    let b = hand(
        doc_half(
            "一、深化重点领域改革
1.推进行政备案事项管理。(市財政局、省商務廳牽頭,有關部門按職責分工負責)
",
        ),
        &[Exp {
            at: "1.推进",
            number: "1",
            form: FormKind::LeadsDivided,
            leads: &["市财政局", "省商务厅"],
            responsible: &["有关部门"],
            ..Exp::default()
        }],
        &[],
    );
    assert_recovers(&[a, b]);
}

/// `（X负责）`, `（X、Y负责）`: no 牵头 unit, so every unit named leads, in order.
#[test]
fn form_responsible_verb() {
    let a = hand(
        doc("一、加强生态环境保护
1.深化数字政府建设（市财政局负责）。
2.强化中小企业服务体系，新增120家以上市场主体（市统计局、国家统计局负责，每年）。
"),
        &[
            Exp {
                at: "1.深化",
                number: "1",
                form: FormKind::Responsible,
                leads: &["市财政局"],
                ..Exp::default()
            },
            Exp {
                at: "2.强化",
                number: "2",
                form: FormKind::Responsible,
                leads: &["市统计局", "国家统计局"],
                deadline: Deadline::Yearly,
                ..Exp::default()
            },
        ],
        &[],
    );
    assert_recovers(&[a]);
}

/// `（X指导，Y负责落实）`: X guides, Y leads (负责落实 with no 牵头 unit); two dates → the
/// latest.
#[test]
fn form_guide_and_implement() {
    let a = hand(
        doc("一、优化营商环境
（一）开展营商环境评价工作。（省商务厅指导，市商务局负责落实）
（二）健全基层治理体系建设，2022年3月底前完成试点，2023年底前全面推开。（省公安厅、省教育厅指导，各县（市、区）人民政府负责落实）
"),
        &[
            Exp {
                at: "（一）开展",
                number: "一",
                form: FormKind::GuideImpl,
                leads: &["市商务局"],
                guiding: &["省商务厅"],
                ..Exp::default()
            },
            Exp {
                at: "（二）健全",
                number: "二",
                form: FormKind::GuideImpl,
                leads: &["各县（市、区）人民政府"],
                guiding: &["省公安厅", "省教育厅"],
                deadline: Deadline::Date(2023, 12, 31),
                ..Exp::default()
            },
        ],
        &[],
    );
    assert_recovers(&[a]);
}

/// `（X分别负责，年内持续推进）`: X leads; 年内 wins over 持续推进 → 31 December of the
/// document's year (signed 2021年3月6日).
#[test]
fn form_separately_within_the_year() {
    let a = hand(
        doc("一、落实主要工作部署
（一）总体要求。
1.推进政务服务标准化建设，推动各项政策措施落地见效。（市直各单位分别负责，年内持续推进）
2.落实行政备案事项管理（市财政局、市审计局分别负责）。
"),
        &[
            Exp {
                at: "1.推进",
                number: "1",
                form: FormKind::Separately,
                leads: &["市直各单位"],
                deadline: Deadline::Date(2021, 12, 31),
                ..Exp::default()
            },
            Exp {
                at: "2.落实",
                number: "2",
                form: FormKind::Separately,
                leads: &["市财政局", "市审计局"],
                ..Exp::default()
            },
        ],
        &[],
    );
    assert_recovers(&[a]);
}

/// An unlabelled list `（X，Y、Z）`: every unit leads, in printed order; ， and 、 both
/// separate; a group keeps its brackets and 、 inside.
#[test]
fn form_unlabelled_unit_list() {
    let a = hand(
        doc_half(
            "一、主要工作
1、推进数字政府建设(市财政局,市税务局、市统计局,各县(市、区)人民政府)。
2、加快重点项目审批流程改革,2022年底前完成(市司法局,有关部门)。
",
        ),
        &[
            Exp {
                at: "1、推进",
                number: "1",
                form: FormKind::Unlabelled,
                leads: &["市财政局", "市税务局", "市统计局", "各县（市、区）人民政府"],
                ..Exp::default()
            },
            Exp {
                at: "2、加快",
                number: "2",
                form: FormKind::Unlabelled,
                leads: &["市司法局", "有关部门"],
                deadline: Deadline::Date(2022, 12, 31),
                ..Exp::default()
            },
        ],
        &[],
    );
    assert_recovers(&[a]);
}

/// Clauses on their own lines after the task: 牵头单位 / 牵头责任单位 lead; 责任单位 is
/// responsible beside a 牵头 line and leads without one; 配合单位 / 协同责任单位 co-operate;
/// 分管领导 / 牵头负责领导 name leaders.
#[test]
fn form_own_line_clauses() {
    let a = hand(
        doc_half(
            "一、推动高质量发展
1﹒推进政务服务标准化建设,在实际工作中力争更好结果。
牵头负责领导:周喜安。
牵头责任单位:省商务厅。
协同责任单位:省财政厅、省教育厅、省公安厅等。
2﹒2022年6月底前完成工程建设项目审批制度改革。
分管领导:王明、李平
牵头单位:市司法局
责任单位:各区、县级市
配合单位:市审计局
",
        ),
        &[
            Exp {
                at: "1﹒推进",
                number: "1",
                form: FormKind::OwnLine,
                leads: &["省商务厅"],
                cooperating: &["省财政厅", "省教育厅", "省公安厅"],
                leaders: &["周喜安"],
                ..Exp::default()
            },
            Exp {
                at: "2﹒2022",
                number: "2",
                form: FormKind::OwnLine,
                leads: &["市司法局"],
                responsible: &["各区、县级市"],
                cooperating: &["市审计局"],
                leaders: &["王明", "李平"],
                deadline: Deadline::Date(2022, 6, 30),
                ..Exp::default()
            },
        ],
        &[],
    );
    let b = hand(
        doc("一、优化营商环境
（一）开展营商环境评价工作
责任单位：市商务局、有关部门
配合单位：市统计局
"),
        &[Exp {
            at: "（一）开展",
            number: "一",
            form: FormKind::OwnLine,
            leads: &["市商务局", "有关部门"],
            cooperating: &["市统计局"],
            ..Exp::default()
        }],
        &[],
    );
    assert_recovers(&[a, b]);
}

/// A table flattened to text (pipes, tabs, or one cell per line): each row is a task that
/// begins at its first cell; 牵头单位 → lead, 责任单位 → responsible beside a 牵头 column and
/// lead without one, 配合单位 → co-operating, 完成时限 → the deadline.
#[test]
fn form_flattened_table() {
    let pipes = hand(
        doc("序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限
1 | 推进政务服务标准化建设 | 市财政局 | 市统计局、市审计局 | 2022年底前
2 | 完善社会信用体系建设 | 市商务局、市司法局 | 有关部门 | 持续推进
"),
        &[
            Exp {
                at: "1 | 推进",
                number: "1",
                form: FormKind::Table,
                leads: &["市财政局"],
                cooperating: &["市统计局", "市审计局"],
                deadline: Deadline::Date(2022, 12, 31),
                ..Exp::default()
            },
            Exp {
                at: "2 | 完善",
                number: "2",
                form: FormKind::Table,
                leads: &["市商务局", "市司法局"],
                cooperating: &["有关部门"],
                deadline: Deadline::Continuous,
                ..Exp::default()
            },
        ],
        &[],
    );
    let tabs = hand(
        doc("序号\t重点任务\t牵头单位\t责任单位\t完成时限
1\t开展营商环境评价工作\t省商务厅\t各县（市、区）人民政府\t2022年6月底前
"),
        &[Exp {
            at: "1\t开展",
            number: "1",
            form: FormKind::Table,
            leads: &["省商务厅"],
            responsible: &["各县（市、区）人民政府"],
            deadline: Deadline::Date(2022, 6, 30),
            ..Exp::default()
        }],
        &[],
    );
    let cells = hand(
        doc("序号

工作任务

责任单位

完成时限

1

落实行政备案事项管理

市直各单位

每年

"),
        &[Exp {
            at: "1\n\n落实",
            number: "1",
            form: FormKind::Table,
            leads: &["市直各单位"],
            deadline: Deadline::Yearly,
            ..Exp::default()
        }],
        &[],
    );
    assert_recovers(&[pipes, tabs, cells]);
}
