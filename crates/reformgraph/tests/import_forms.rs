//! Document forms of the genre read by the importer: enumerations inside a paragraph and
//! tables whose cells are joined by spaces. Expectations are written from the texts below.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use reformgraph::import::{Draft, PlanMeta, Registry, parse};
use reformgraph::{Date, EdgeKind, NodeData, Task};

fn draft(text: &str) -> Draft {
    let meta = PlanMeta {
        key: Some("demo".into()),
        ..PlanMeta::default()
    };
    parse(text, &meta, &Registry::shanxi().unwrap()).unwrap()
}

/// A task as read: title, leads in rank order, co-operating units, deadline.
type Read = (String, Vec<String>, Vec<String>, Option<Date>);

/// The tasks in document order.
fn tasks(d: &Draft) -> Vec<Read> {
    let name = |key: &str| key.strip_prefix("org/").unwrap_or(key).to_owned();
    d.nodes
        .iter()
        .filter_map(|n| match &n.data {
            NodeData::Task(t) => Some((n.key.as_str(), t)),
            _ => None,
        })
        .map(|(key, t): (&str, &Task)| {
            let mut leads: Vec<(u32, String)> = Vec::new();
            let mut cooperating = Vec::new();
            for e in d.edges.iter().filter(|e| e.to.as_str() == key) {
                match e.kind {
                    EdgeKind::Leads { rank } => {
                        leads.push((u32::from(rank), name(e.from.as_str())))
                    }
                    EdgeKind::Cooperates => cooperating.push(name(e.from.as_str())),
                    _ => {}
                }
            }
            leads.sort();
            let leads = leads.into_iter().map(|(_, n)| n).collect();
            (t.title.clone(), leads, cooperating, t.deadline)
        })
        .collect()
}

fn parent_of<'a>(d: &'a Draft, child: &str) -> Option<&'a str> {
    d.edges
        .iter()
        .find(|e| matches!(e.kind, EdgeKind::Contains { .. }) && e.to.as_str() == child)
        .map(|e| e.from.as_str())
}

const ENUMERATION: &str = "\
某市2024年重点工作任务分解方案
一、推动高质量发展
（一）优化营商环境。一是深化“放管服”改革，2024年6月底前实现企业开办一日办结（市政务服务局负责）；二是加强社会信用体系建设（市发展改革委牵头，市市场监管局配合）；三是清理拖欠企业账款（市财政局、市工信局负责）。
（二）扩大有效投资。全年实施市级重点项目100个。（市发展改革委负责）
";

#[test]
fn an_enumeration_whose_members_name_their_units_is_one_task_per_member() {
    let d = draft(ENUMERATION);
    let found = tasks(&d);
    let titles: Vec<&str> = found.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(
        titles,
        [
            "深化“放管服”改革，2024年6月底前实现企业开办一日办结",
            "加强社会信用体系建设",
            "清理拖欠企业账款",
            "扩大有效投资",
        ]
    );
    assert_eq!(found[0].1, ["市政务服务局"]);
    assert_eq!(found[0].3, Some(Date::new(2024, 6, 30).unwrap()));
    assert_eq!(found[1].1, ["市发展改革委"]);
    assert_eq!(found[1].2, ["市市场监管局"]);
    // 工信局 is folded into its full name (data/org_abbreviations.tsv).
    assert_eq!(found[2].1, ["市财政局", "市工业和信息化局"]);
    assert_eq!(found[3].1, ["市发展改革委"]);
    // The members sit under a section made of the paragraph's heading, kept in the outline.
    let first = d
        .nodes
        .iter()
        .find(|n| matches!(&n.data, NodeData::Task(t) if t.title == "加强社会信用体系建设"))
        .unwrap();
    let section = parent_of(&d, first.key.as_str()).unwrap();
    let NodeData::Section(s) = &d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == section)
        .unwrap()
        .data
    else {
        panic!("{section} is not a section")
    };
    assert_eq!(s.title, "优化营商环境");
    assert!(d.report.unparsed.is_empty(), "{:?}", d.report.unparsed);
}

#[test]
fn an_enumeration_with_one_clause_for_all_stays_one_task() {
    let d = draft(
        "某市工作方案\n一、重点任务\n（一）优化营商环境。一是深化改革；二是加强信用建设；三是清理欠款。（市发展改革委牵头，市财政局配合）\n",
    );
    let found = tasks(&d);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "优化营商环境");
    assert_eq!(found[0].1, ["市发展改革委"]);
    assert_eq!(found[0].2, ["市财政局"]);
}

const SPACE_TABLE: &str = "\
某区2023年政府工作报告重点任务分解表
序号 工作任务 牵头单位 责任单位 完成时限
1 推进政务服务“一网通办”，实现高频事项全程网办 区政务服务中心 各街道办事处 2023年6月底前
2 新建改造老旧小区 20个 区住房城乡建设局 区财政局、各街道办事处 2023年12月底前
3 开展安全生产专项整治 区应急管理局 各街道办事处
";

#[test]
fn a_table_whose_cells_are_joined_by_spaces_is_read_as_rows() {
    let d = draft(SPACE_TABLE);
    let found = tasks(&d);
    let titles: Vec<&str> = found.iter().map(|t| t.0.as_str()).collect();
    // The text column keeps its own spaces (新建改造老旧小区 20个).
    assert_eq!(
        titles,
        [
            "推进政务服务“一网通办”，实现高频事项全程网办",
            "新建改造老旧小区 20个",
            "开展安全生产专项整治",
        ]
    );
    assert_eq!(found[0].1, ["区政务服务中心"]);
    assert_eq!(found[0].3, Some(Date::new(2023, 6, 30).unwrap()));
    assert_eq!(found[1].1, ["区住房城乡建设局"]);
    assert_eq!(found[1].3, Some(Date::new(2023, 12, 31).unwrap()));
    // A row without its last cell: the deadline is simply not stated.
    assert_eq!(found[2].1, ["区应急管理局"]);
    let responsible = |title: &str| -> Vec<String> {
        let key = d
            .nodes
            .iter()
            .find(|n| matches!(&n.data, NodeData::Task(t) if t.title == title))
            .unwrap()
            .key
            .as_str();
        d.edges
            .iter()
            .filter(|e| e.to.as_str() == key && e.kind == EdgeKind::Responsible)
            .map(|e| e.from.as_str().trim_start_matches("org/").to_owned())
            .collect()
    };
    assert_eq!(
        responsible("新建改造老旧小区 20个"),
        ["区财政局", "各街道办事处"]
    );
    assert_eq!(d.report.lines.get("table_header"), Some(&1));
    assert!(d.report.unparsed.is_empty(), "{:?}", d.report.unparsed);
}
