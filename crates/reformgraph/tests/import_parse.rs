//! Tests of the document parser on the shipped Shanxi plan and on small genre fixtures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use reformgraph::import::{Draft, PlanMeta, Registry, decode_text, parse};
use reformgraph::{
    AreaLevel, Comparator, Date, EdgeKind, EdgeLabel, NodeData, OrganizationKind, Section,
    SelectionSubject, Target, Task, TaskRole, Unit,
};

const PLAN: &str = include_str!("../data/shanxi-2013/plan.txt");

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap()
}

fn shanxi_meta() -> PlanMeta {
    PlanMeta {
        key: Some("shanxi-2013".into()),
        title: Some("山西省国家资源型经济转型综合配套改革试验实施方案".into()),
        period_start: Some(2013),
        period_end: Some(2015),
        area: Some("山西省".into()),
        ..PlanMeta::default()
    }
}

fn shanxi() -> Draft {
    parse(PLAN, &shanxi_meta(), &Registry::shanxi().unwrap()).unwrap()
}

fn demo(text: &str) -> Draft {
    let meta = PlanMeta {
        key: Some("demo".into()),
        ..PlanMeta::default()
    };
    parse(text, &meta, &Registry::shanxi().unwrap()).unwrap()
}

fn task<'a>(d: &'a Draft, key: &str) -> &'a Task {
    match d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == key)
        .map(|n| &n.data)
    {
        Some(NodeData::Task(t)) => t,
        other => panic!("{key} is not a task: {other:?}"),
    }
}

fn target<'a>(d: &'a Draft, key: &str) -> &'a Target {
    match d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == key)
        .map(|n| &n.data)
    {
        Some(NodeData::Target(t)) => t,
        other => panic!("{key} is not a target: {other:?}"),
    }
}

fn tasks_of(d: &Draft, role: TaskRole) -> Vec<(&str, &Task)> {
    d.nodes
        .iter()
        .filter_map(|n| match &n.data {
            NodeData::Task(t) if t.role == role => Some((n.key.as_str(), t)),
            _ => None,
        })
        .collect()
}

/// `(from, to)` of edges with `label`, in draft order.
fn edges(d: &Draft, label: EdgeLabel) -> Vec<(&str, &str)> {
    d.edges
        .iter()
        .filter(|e| e.kind.label() == label)
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect()
}

/// Leads of a task by rank.
fn leads(d: &Draft, task: &str) -> Vec<String> {
    let mut l: Vec<(u16, String)> = d
        .edges
        .iter()
        .filter_map(|e| match e.kind {
            EdgeKind::Leads { rank } if e.to.as_str() == task => {
                Some((rank, e.from.as_str().trim_start_matches("org/").to_owned()))
            }
            _ => None,
        })
        .collect();
    l.sort();
    l.into_iter().map(|(_, n)| n).collect()
}

fn parent_of<'a>(d: &'a Draft, child: &str) -> Option<&'a str> {
    d.edges
        .iter()
        .find(|e| e.kind.label() == EdgeLabel::Contains && e.to.as_str() == child)
        .map(|e| e.from.as_str())
}

fn org_kind(d: &Draft, key: &str) -> OrganizationKind {
    match d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == key)
        .map(|n| &n.data)
    {
        Some(NodeData::Organization(o)) => o.kind,
        other => panic!("{key} is not an organisation: {other:?}"),
    }
}

// ---------------------------------------------------------------- the Shanxi plan

#[test]
fn shanxi_plan_has_50_reforms_in_9_categories() {
    let d = shanxi();
    let reforms = tasks_of(&d, TaskRole::Reform);
    assert_eq!(reforms.len(), 50);
    let ordinals: Vec<u32> = reforms.iter().map(|(_, t)| t.ordinal).collect();
    assert_eq!(ordinals, (1..=50).collect::<Vec<_>>());
    let categories: BTreeSet<&str> = reforms
        .iter()
        .map(|(k, _)| parent_of(&d, k).unwrap())
        .collect();
    assert_eq!(categories.len(), 9);
    assert!(
        categories
            .iter()
            .all(|c| c.starts_with("shanxi-2013/part/2/"))
    );
    assert_eq!(
        parent_of(&d, "shanxi-2013/reform/20"),
        Some("shanxi-2013/part/2/3")
    );
    assert_eq!(
        parent_of(&d, "shanxi-2013/part/2/3"),
        Some("shanxi-2013/part/2")
    );
    assert_eq!(parent_of(&d, "shanxi-2013/part/2"), Some("shanxi-2013"));
}

#[test]
fn shanxi_plan_has_100_matters_in_7_categories() {
    let d = shanxi();
    let matters = tasks_of(&d, TaskRole::Matter);
    assert_eq!(matters.len(), 100);
    let categories: BTreeSet<&str> = matters
        .iter()
        .map(|(k, _)| parent_of(&d, k).unwrap())
        .collect();
    assert_eq!(categories.len(), 7);
    // Numbering runs on across categories: matter 21 opens 生态修复.
    assert_eq!(
        parent_of(&d, "shanxi-2013/matter/21"),
        Some("shanxi-2013/part/3/2")
    );
    assert_eq!(d.report.counts.get("task:matter"), Some(&100));
}

#[test]
fn shanxi_research_topics_are_tasks_while_principles_and_safeguards_stay_section_text() {
    let d = shanxi();
    // 五、重大课题: ten items, each naming a study (…研究) — tasks by their own words.
    assert_eq!(tasks_of(&d, TaskRole::ResearchTopic).len(), 10);
    let r10 = task(&d, "shanxi-2013/research/10");
    assert_eq!(r10.number, "十");
    assert_eq!(r10.title, "行政区划调整及省直管县管理体制改革研究");
    assert_eq!(
        parent_of(&d, "shanxi-2013/research/1"),
        Some("shanxi-2013/part/5")
    );
    // 七、保障措施 and （二）基本原则 carry no clause and no deadline: nothing to chase, so
    // they are sections and paragraphs, whatever their headings say.
    assert!(tasks_of(&d, TaskRole::SafeguardMeasure).is_empty());
    assert!(tasks_of(&d, TaskRole::Principle).is_empty());
    let safeguards: Vec<&Section> = d
        .nodes
        .iter()
        .filter(|n| n.key.as_str().starts_with("shanxi-2013/part/7/"))
        .filter_map(|n| match &n.data {
            NodeData::Section(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(safeguards.len(), 6);
    assert_eq!(safeguards[0].title, "切实加强组织领导");
    assert!(
        safeguards[0].paragraphs[0]
            .starts_with("山西省国家资源型经济转型综合配套改革试验区工作领导组")
    );
    assert_eq!(safeguards[5].title, "实施考核评价");
    assert_eq!(
        parent_of(&d, "shanxi-2013/part/7/6"),
        Some("shanxi-2013/part/7")
    );
    let principles = d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == "shanxi-2013/part/1/2")
        .unwrap();
    let NodeData::Section(principles) = &principles.data else {
        panic!("基本原则 is a section")
    };
    assert_eq!(principles.title, "基本原则");
    assert_eq!(principles.paragraphs.len(), 5);
    assert!(principles.paragraphs[0].starts_with("--坚持统筹兼顾，重点突破"));
    assert!(principles.paragraphs[4].starts_with("--坚持政府主导，市场运作"));
}

#[test]
fn shanxi_plan_has_10_city_options_6_county_areas_8_enterprise_areas() {
    let d = shanxi();
    let options = tasks_of(&d, TaskRole::CityTaskOption);
    assert_eq!(options.len(), 10);
    assert_eq!(options[0].1.title, "创新“五规合一”规划统筹协调机制");
    assert_eq!(options[9].1.title, "构建生态环境保护修复多元投入机制");
    let areas = tasks_of(&d, TaskRole::CountyPilotArea);
    assert_eq!(areas.len(), 6);
    assert_eq!(areas[0].1.title, "土地管理制度创新");
    assert_eq!(areas[5].1.title, "公共服务供给");
    let ent = tasks_of(&d, TaskRole::EnterpriseInnovationArea);
    assert_eq!(ent.len(), 8);
    assert_eq!(
        ent[2].1.title,
        "加快分离企业办社会职能步伐，推进厂办大集体改革"
    );
    assert_eq!(ent[7].1.title, "创新企业经营管理");
}

#[test]
fn shanxi_plan_selection_rules_have_min_and_max_per_year() {
    let d = shanxi();
    let rule = |key: &str| match d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == key)
        .map(|n| &n.data)
    {
        Some(NodeData::SelectionRule(r)) => r.clone(),
        other => panic!("{key}: {other:?}"),
    };
    let cities = rule("shanxi-2013/rule/cities");
    assert_eq!(cities.subject, SelectionSubject::Cities);
    assert_eq!((cities.min_per_year, cities.max_per_year), (Some(2), None));
    let counties = rule("shanxi-2013/rule/pilot-counties");
    assert_eq!(
        (counties.min_per_year, counties.max_per_year),
        (Some(2), Some(2))
    );
    let depts = rule("shanxi-2013/rule/departments");
    assert_eq!(depts.subject, SelectionSubject::ProvincialDepartments);
    assert_eq!(depts.min_per_year, Some(1));
    let applies = edges(&d, EdgeLabel::AppliesTo);
    assert_eq!(
        applies
            .iter()
            .filter(|(f, _)| *f == "shanxi-2013/rule/cities")
            .count(),
        10
    );
    assert_eq!(
        applies
            .iter()
            .filter(|(f, _)| *f == "shanxi-2013/rule/pilot-counties")
            .count(),
        6
    );
}

#[test]
fn shanxi_plan_designates_11_pilot_counties_and_12_pilot_enterprises() {
    let d = shanxi();
    let pilots = edges(&d, EdgeLabel::DesignatedPilot);
    assert!(pilots.iter().all(|(f, _)| *f == "shanxi-2013"));
    let counties: Vec<&str> = pilots
        .iter()
        .filter(|(_, t)| t.starts_with("area/"))
        .map(|p| p.1)
        .collect();
    let firms: Vec<&str> = pilots
        .iter()
        .filter(|(_, t)| t.starts_with("org/"))
        .map(|p| p.1)
        .collect();
    assert_eq!(counties.len(), 11);
    assert_eq!(counties.first(), Some(&"area/太原市尖草坪区"));
    assert_eq!(counties.last(), Some(&"area/运城市盐湖区"));
    assert_eq!(firms.len(), 12);
    assert_eq!(firms.first(), Some(&"org/太原钢铁（集团）有限公司"));
    assert!(
        firms
            .iter()
            .all(|f| org_kind(&d, f) == OrganizationKind::Enterprise)
    );
}

#[test]
fn shanxi_plan_has_11_prefecture_cities_inside_the_province() {
    let d = shanxi();
    let cities: Vec<&str> = d
        .nodes
        .iter()
        .filter(|n| matches!(&n.data, NodeData::Area(a) if a.level == AreaLevel::PrefectureCity))
        .map(|n| n.key.as_str())
        .collect();
    assert_eq!(cities.len(), 11);
    let in_area = edges(&d, EdgeLabel::InArea);
    for c in &cities {
        assert!(
            in_area.contains(&(*c, "area/山西省")),
            "{c} not in the province"
        );
    }
    assert!(in_area.contains(&("area/孝义市", "area/吕梁市")));
    assert!(in_area.contains(&("area/运城市盐湖区", "area/运城市")));
}

#[test]
fn reform_1_is_led_by_the_land_department() {
    let d = shanxi();
    assert_eq!(leads(&d, "shanxi-2013/reform/1"), ["省国土厅"]);
    let r1 = task(&d, "shanxi-2013/reform/1");
    assert_eq!(r1.number, "1");
    assert_eq!(r1.title, "理顺煤炭等矿产资源有偿获得开发利用体制");
    assert_eq!(r1.responsibility.as_deref(), Some("牵头部门：省国土厅"));
    assert!(r1.body.ends_with("分离国有矿山企业办社会职能。"));
    assert!(!r1.body.contains("牵头部门"));
}

#[test]
fn matter_64_has_three_leads_in_printed_order() {
    let d = shanxi();
    assert_eq!(
        leads(&d, "shanxi-2013/matter/64"),
        ["省安监局", "省食品药品监管局", "省公安厅"]
    );
    assert_eq!(leads(&d, "shanxi-2013/matter/65"), ["省财政厅", "省科技厅"]);
}

#[test]
fn matter_90_is_led_by_ndrc_then_pboc_branch() {
    let d = shanxi();
    assert_eq!(
        leads(&d, "shanxi-2013/matter/90"),
        ["省发展改革委", "人行太原中心支行"]
    );
    assert_eq!(
        org_kind(&d, "org/人行太原中心支行"),
        OrganizationKind::CentralVerticalBranch
    );
    assert_eq!(
        org_kind(&d, "org/省发展改革委"),
        OrganizationKind::ProvincialDepartment
    );
}

#[test]
fn matter_61_is_led_by_a_group_not_a_department() {
    let d = shanxi();
    assert_eq!(leads(&d, "shanxi-2013/matter/61"), ["各相关部门"]);
    assert_eq!(org_kind(&d, "org/各相关部门"), OrganizationKind::Group);
}

#[test]
fn organisation_and_area_nodes_appear_once() {
    let d = shanxi();
    let keys: Vec<&str> = d.nodes.iter().map(|n| n.key.as_str()).collect();
    let unique: BTreeSet<&str> = keys.iter().copied().collect();
    assert_eq!(keys.len(), unique.len());
    // 32 lead units (including the group) and 12 enterprises.
    assert_eq!(d.report.counts.get("organization"), Some(&44));
    assert_eq!(d.nodes.first().map(|n| n.key.as_str()), Some("shanxi-2013"));
}

#[test]
fn main_targets_have_comparator_value_unit_and_base_year() {
    let d = shanxi();
    let t = target(&d, "shanxi-2013/target/服务业增加值比重");
    assert_eq!(
        (t.comparator, t.value, t.unit.clone()),
        (Comparator::AtLeast, Some(40.0), Unit::Percent)
    );
    assert_eq!(t.deadline, Some(Date::new(2015, 12, 31).unwrap()));
    assert_eq!(t.wording, "服务业增加值比重达到40%以上");

    let t = target(&d, "shanxi-2013/target/单位地区生产总值能耗");
    assert_eq!(t.comparator, Comparator::DecreaseFromBase);
    assert_eq!(
        (t.value, t.base_year, t.unit.clone()),
        (Some(16.0), Some(2010), Unit::Percent)
    );

    let t = target(&d, "shanxi-2013/target/非化石能源占一次能源消费比重");
    assert_eq!(
        (t.comparator, t.value, t.value_max),
        (Comparator::Range, Some(3.0), Some(5.0))
    );

    let t = target(&d, "shanxi-2013/target/城镇化率");
    assert_eq!((t.comparator, t.value), (Comparator::Reach, Some(55.0)));

    let t = target(&d, "shanxi-2013/target/农村居民人均纯收入");
    assert_eq!(
        (t.comparator, t.value, t.unit.clone()),
        (Comparator::AtLeast, Some(9000.0), Unit::Yuan)
    );

    let t = target(&d, "shanxi-2013/target/10万以上人口规模的县城");
    assert_eq!(
        (t.comparator, t.value),
        (Comparator::Approximately, Some(20.0))
    );
    assert_eq!(t.unit, Unit::Count("个".into()));

    let t = target(&d, "shanxi-2013/target/节能减排幅度");
    assert_eq!(t.comparator, Comparator::AboveReference);
    assert_eq!(t.reference.as_deref(), Some("全国平均水平"));

    let t = target(&d, "shanxi-2013/target/氨氮排放");
    assert_eq!(t.comparator, Comparator::WithinReference);
    assert_eq!(t.reference.as_deref(), Some("国家确定的约束指标"));

    let plan_targets = edges(&d, EdgeLabel::HasTarget)
        .into_iter()
        .filter(|(f, _)| *f == "shanxi-2013")
        .count();
    assert_eq!(plan_targets, 21);
    assert!(
        edges(&d, EdgeLabel::MeasuredBy)
            .contains(&("shanxi-2013/target/城镇化率", "indicator/城镇化率"))
    );
}

#[test]
fn matter_8_links_to_the_same_services_share_target() {
    let d = shanxi();
    let has = edges(&d, EdgeLabel::HasTarget);
    assert!(has.contains(&(
        "shanxi-2013/matter/8",
        "shanxi-2013/target/服务业增加值比重"
    )));
    assert!(has.contains(&("shanxi-2013", "shanxi-2013/target/服务业增加值比重")));
    let services_targets = d
        .nodes
        .iter()
        .filter(
            |n| matches!(&n.data, NodeData::Target(t) if t.wording.contains("服务业增加值比重")),
        )
        .count();
    assert_eq!(services_targets, 1);
}

#[test]
fn targets_stated_inside_tasks_are_attached_to_their_task() {
    let d = shanxi();
    let has = edges(&d, EdgeLabel::HasTarget);
    assert!(has.contains(&("shanxi-2013/matter/27", "shanxi-2013/target/营造林")));
    let t = target(&d, "shanxi-2013/target/营造林");
    assert!(t.annual);
    assert_eq!((t.comparator, t.value), (Comparator::AtLeast, Some(400.0)));
    assert_eq!(t.unit, Unit::Other("万亩".into()));
    assert!(has.contains(&("shanxi-2013/matter/52", "shanxi-2013/target/农户入社率")));
    assert!(!target(&d, "shanxi-2013/target/农户入社率").annual);
}

#[test]
fn reform_20_is_same_as_city_option_1() {
    let d = shanxi();
    let same = edges(&d, EdgeLabel::SameAs);
    assert!(same.contains(&("shanxi-2013/city-option/1", "shanxi-2013/reform/20")));
    assert!(same.contains(&("shanxi-2013/city-option/4", "shanxi-2013/reform/21")));
    // 深化审批制度改革 is the administrative-approval reform, not the land-approval one.
    assert!(same.contains(&("shanxi-2013/city-option/3", "shanxi-2013/reform/50")));
    // 创新“四化同步”推进机制 repeats no reform.
    assert!(!same.iter().any(|(f, _)| *f == "shanxi-2013/city-option/2"));
}

#[test]
fn task_deadline_is_plan_end_unless_a_year_is_stated() {
    let d = shanxi();
    assert_eq!(
        task(&d, "shanxi-2013/reform/14").deadline,
        Some(Date::new(2014, 12, 31).unwrap())
    );
    assert_eq!(
        task(&d, "shanxi-2013/reform/13").deadline,
        Some(Date::new(2015, 12, 31).unwrap())
    );
}

#[test]
fn portfolio_has_quota_stages_and_four_domains() {
    let d = shanxi();
    let p = match d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == "shanxi-2013/portfolio")
        .map(|n| &n.data)
    {
        Some(NodeData::Portfolio(p)) => p.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(p.name, "省级重大项目");
    assert_eq!(p.quota, Some(100));
    assert_eq!((p.period_start, p.period_end), (Some(2013), Some(2015)));
    assert_eq!(p.stages, ["储备", "签约", "落地", "开工", "建设", "投产"]);
    let names: Vec<&str> = p.domains.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["产业转型", "生态修复", "城乡统筹", "民生改善"]);
    assert_eq!(
        p.domains[0].focus.first().map(String::as_str),
        Some("煤化工")
    );
    assert_eq!(
        p.domains[3].focus.last().map(String::as_str),
        Some("乡村清洁工程")
    );
    assert!(p.domains.iter().all(|d| !d.focus.is_empty()));
}

#[test]
fn mentions_prefer_longest_match_and_skip_regions_and_mountains() {
    let d = shanxi();
    let m = edges(&d, EdgeLabel::Mentions);
    let of =
        |task: &str| -> Vec<&str> { m.iter().filter(|(f, _)| *f == task).map(|p| p.1).collect() };
    // 晋煤集团 is the enterprise, not 晋城.
    assert_eq!(
        of("shanxi-2013/matter/7"),
        ["org/山西晋城无烟煤矿业集团有限责任公司"]
    );
    // 晋北、晋中、晋东 are coal regions, not the city 晋中.
    assert!(of("shanxi-2013/matter/3").is_empty());
    assert!(of("shanxi-2013/matter/6").is_empty());
    // 吕梁山 is a mountain range.
    assert!(of("shanxi-2013/matter/27").is_empty());
    // Short forms: 介休、原平、古交; 孝义、霍州.
    assert_eq!(
        of("shanxi-2013/matter/83"),
        ["area/介休市", "area/原平市", "area/古交市"]
    );
    assert!(of("shanxi-2013/matter/46").contains(&"area/霍州市"));
    // 大同、晋中、运城三大现代农业示范区: here 晋中 is the city.
    assert!(of("shanxi-2013/matter/53").contains(&"area/晋中市"));
}

#[test]
fn every_node_has_a_source_span_inside_the_text() {
    let d = shanxi();
    for n in &d.nodes {
        let s = n.source.unwrap_or_else(|| panic!("{} has no span", n.key));
        let slice = PLAN
            .get(s.start as usize..s.end as usize)
            .unwrap_or_else(|| panic!("{} span off", n.key));
        assert!(!slice.is_empty(), "{}", n.key);
        let line = PLAN[..s.start as usize].matches('\n').count() + 1;
        assert_eq!(line as u32, s.line, "{}", n.key);
    }
    let r1 = d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == "shanxi-2013/reform/1")
        .unwrap();
    let s = r1.source.unwrap();
    assert_eq!(s.line, 38);
    assert!(PLAN[s.start as usize..s.end as usize].starts_with("1.理顺"));
}

#[test]
fn shanxi_plan_leaves_nothing_unparsed() {
    let d = shanxi();
    assert_eq!(d.report.unparsed, []);
    assert_eq!(d.report.warnings, []);
    // Objective paragraphs are kept on their sections.
    let goals = match &d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == "shanxi-2013/part/1/3")
        .unwrap()
        .data
    {
        NodeData::Section(s) => s.paragraphs.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(goals.len(), 5);
}

#[test]
fn report_counts_match_nodes_and_edges() {
    let d = shanxi();
    assert_eq!(d.report.plan_key, "shanxi-2013");
    let total: usize = d
        .report
        .counts
        .iter()
        .filter(|(k, _)| !k.contains(':'))
        .map(|(_, v)| v)
        .sum();
    assert_eq!(total, d.nodes.len());
    assert_eq!(d.report.edge_counts.values().sum::<usize>(), d.edges.len());
    assert_eq!(d.report.counts.get("task:reform"), Some(&50));
    assert_eq!(d.report.edge_counts.get("leads"), Some(&154));
}

#[test]
fn plan_key_period_and_implements_come_from_the_text_without_meta() {
    let d = parse(PLAN, &PlanMeta::default(), &Registry::shanxi().unwrap()).unwrap();
    assert_eq!(d.plan_key.as_str(), "shanxi-2013");
    let NodeData::Plan(p) = &d.nodes[0].data else {
        panic!()
    };
    assert_eq!((p.period_start, p.period_end), (Some(2013), Some(2015)));
    assert_eq!(
        p.implements.as_deref(),
        Some("山西省国家资源型经济转型综合配套改革试验总体方案")
    );
    assert_eq!(p.preamble.len(), 1);
    // Without a title line the report says so.
    assert!(d.report.warnings.iter().any(|w| w.reason.contains("title")));
}

#[test]
fn parse_is_deterministic() {
    assert_eq!(shanxi(), shanxi());
}

#[test]
fn invalid_meta_key_is_an_error() {
    let meta = PlanMeta {
        key: Some("bad key".into()),
        ..PlanMeta::default()
    };
    assert!(parse(PLAN, &meta, &Registry::shanxi().unwrap()).is_err());
}

// ---------------------------------------------------------------- registry

#[test]
fn registry_finds_organisations_and_areas_by_alias() {
    let r = Registry::shanxi().unwrap();
    assert_eq!(r.organization("省发改委").unwrap().name, "省发展改革委");
    assert_eq!(
        r.organization("山西省发展和改革委员会").unwrap().name,
        "省发展改革委"
    );
    assert_eq!(
        r.organization("省人社厅").unwrap().name,
        "省人力资源社会保障厅"
    );
    assert_eq!(r.organization("山西省环境保护厅").unwrap().name, "省环保厅");
    assert_eq!(
        r.organization("太钢").unwrap().name,
        "太原钢铁（集团）有限公司"
    );
    assert_eq!(
        r.organization("太原钢铁(集团)有限公司").unwrap().name,
        "太原钢铁（集团）有限公司"
    );
    assert_eq!(
        r.organization("太原海关").unwrap().kind,
        OrganizationKind::CentralVerticalBranch
    );
    assert_eq!(r.area("孝义").unwrap().area.name, "孝义市");
    assert_eq!(
        r.area("大同").unwrap().area.level,
        AreaLevel::PrefectureCity
    );
    assert!(r.organization("省不存在厅").is_none());
    let enterprises = r
        .organizations()
        .iter()
        .filter(|o| o.kind == OrganizationKind::Enterprise)
        .count();
    assert_eq!(enterprises, 12);
}

#[test]
fn registry_rejects_malformed_lines_naming_them() {
    let err = Registry::from_tsv("# c\n\n省环保厅\n", "")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 3"), "{err}");
    let err = Registry::from_tsv("省环保厅\tbureau\t\n", "")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 1") && err.contains("bureau"), "{err}");
    let err = Registry::from_tsv("", "孝义市\tcounty_level_city\t吕梁市\t\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("吕梁市"), "{err}");
    let err = Registry::from_tsv("A\tother\tx\nB\tother\tx\n", "")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 2"), "{err}");
}

// ---------------------------------------------------------------- genre fixtures

#[test]
fn ladder_fixture_roles_come_from_headings() {
    let d = parse(
        &fixture("ladder.txt"),
        &PlanMeta::default(),
        &Registry::shanxi().unwrap(),
    )
    .unwrap();
    let NodeData::Plan(p) = &d.nodes[0].data else {
        panic!()
    };
    assert_eq!(p.title, "某省资源型经济转型改革实施方案（2014—2016年）");
    assert_eq!(p.document_number.as_deref(), Some("晋政发〔2014〕5号"));
    assert_eq!(p.issuer.as_deref(), Some("山西省人民政府"));
    assert_eq!(p.issued_on, Some(Date::new(2014, 3, 1).unwrap()));
    assert_eq!((p.period_start, p.period_end), (Some(2014), Some(2016)));
    assert_eq!(
        p.implements.as_deref(),
        Some("某省资源型经济转型综合配套改革总体方案")
    );
    assert_eq!(d.plan_key.as_str(), "plan-2014");
    // The principles and the safeguards name no unit and no deadline: section text.
    assert!(tasks_of(&d, TaskRole::Principle).is_empty());
    assert_eq!(tasks_of(&d, TaskRole::Reform).len(), 2);
    assert_eq!(tasks_of(&d, TaskRole::Matter).len(), 1);
    assert_eq!(tasks_of(&d, TaskRole::ResearchTopic).len(), 1);
    assert!(tasks_of(&d, TaskRole::SafeguardMeasure).is_empty());
    // （1）（2） continue reform 1; full-width ． and ASCII brackets and colon are read.
    let r1 = task(&d, "plan-2014/reform/1");
    assert_eq!(r1.title, "深化煤炭体制改革");
    assert!(r1.body.contains("***石"), "masked token kept: {}", r1.body);
    assert!(r1.body.ends_with("（2）推进煤炭价格改革。"));
    assert_eq!(leads(&d, "plan-2014/reform/1"), ["省发展改革委"]);
    assert_eq!(
        parent_of(&d, "plan-2014/reform/1"),
        Some("plan-2014/part/2/1")
    );
    assert_eq!(
        task(&d, "plan-2014/matter/1").deadline,
        Some(Date::new(2015, 12, 31).unwrap())
    );
    assert_eq!(
        task(&d, "plan-2014/reform/2").deadline,
        Some(Date::new(2016, 12, 31).unwrap())
    );
    let NodeData::Section(safeguard) = &d
        .nodes
        .iter()
        .find(|n| n.key.as_str() == "plan-2014/part/5/2")
        .unwrap()
        .data
    else {
        panic!("（二）强化考核评价 is a section")
    };
    assert_eq!(safeguard.paragraphs, ["将改革任务纳入年度目标责任考核。"]);
    assert_eq!(d.report.unparsed, []);
}

#[test]
fn responsibility_fixture_reads_every_suffix_shape() {
    let d = demo(&fixture("responsibility.txt"));
    assert_eq!(leads(&d, "demo/reform/1"), ["省财政厅", "省发展改革委"]);
    assert_eq!(leads(&d, "demo/reform/2"), ["太原钢铁（集团）有限公司"]);
    let coop: Vec<&str> = edges(&d, EdgeLabel::Cooperates)
        .into_iter()
        .filter(|(_, t)| *t == "demo/reform/2")
        .map(|p| p.0)
        .collect();
    // One node per body: 人民政府 folds to 政府 (the printed name is an alias).
    assert_eq!(coop, ["org/省国资委", "org/各县（市、区）政府"]);
    assert_eq!(
        org_kind(&d, "org/各县（市、区）政府"),
        OrganizationKind::Group
    );
    assert_eq!(
        task(&d, "demo/reform/2").responsibility.as_deref(),
        Some("牵头单位：太原钢铁（集团）有限公司，配合单位：省国资委、各县（市、区）人民政府")
    );
    // Trailing 等 dropped, alias resolved.
    assert_eq!(leads(&d, "demo/reform/3"), ["省环保厅"]);
    // ASCII brackets and colon; an unknown department is still imported, with a warning.
    assert_eq!(leads(&d, "demo/reform/4"), ["省教育厅", "省新设局"]);
    assert_eq!(
        org_kind(&d, "org/省新设局"),
        OrganizationKind::ProvincialDepartment
    );
    assert!(
        d.report
            .warnings
            .iter()
            .any(|w| w.reason.contains("省新设局"))
    );
    assert_eq!(task(&d, "demo/reform/4").body, "改革四。内容四。");
}

#[test]
fn convention_fixture_first_listed_unit_leads() {
    let d = demo(&fixture("convention.txt"));
    assert_eq!(leads(&d, "demo/matter/1"), ["省发展改革委"]);
    assert!(edges(&d, EdgeLabel::Cooperates).contains(&("org/省财政厅", "demo/matter/1")));
    assert_eq!(leads(&d, "demo/matter/2"), ["省科技厅"]);
    // Without the convention every listed unit leads.
    let text = fixture("convention.txt");
    let without: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let d = demo(&without);
    assert_eq!(leads(&d, "demo/matter/1"), ["省发展改革委", "省财政厅"]);
}

#[test]
fn report_lists_unparsed_paragraphs() {
    let d = demo(&fixture("unparsed.txt"));
    let lines: Vec<u32> = d.report.unparsed.iter().map(|u| u.line).collect();
    assert_eq!(lines, [4]);
    assert_eq!(
        d.report.unparsed[0].text,
        "这是一段无法识别的文字，没有编号。"
    );
    assert_eq!(tasks_of(&d, TaskRole::Reform).len(), 1);
}

/// A numbered item with a responsibility clause is a task whatever its heading says (issue
/// 13: it used to be "a numbered item under a heading that names no task role").
#[test]
fn an_item_with_a_clause_under_any_heading_is_a_task() {
    let d = demo(&fixture("unparsed.txt"));
    let generic = tasks_of(&d, TaskRole::Task);
    assert_eq!(generic.len(), 1);
    assert_eq!(leads(&d, generic[0].0), ["省财政厅"]);
}

#[test]
fn targets_fixture_reads_units_and_comparators() {
    let meta = PlanMeta {
        key: Some("demo".into()),
        period_end: Some(2016),
        ..PlanMeta::default()
    };
    let d = parse(&fixture("targets.txt"), &meta, &Registry::shanxi().unwrap()).unwrap();
    let t = target(&d, "demo/target/人均地区生产总值");
    assert_eq!(
        (t.comparator, t.value, t.unit.clone()),
        (Comparator::Reach, Some(50000.0), Unit::Yuan)
    );
    let t = target(&d, "demo/target/城镇登记失业率");
    assert_eq!(
        (t.comparator, t.value, t.unit.clone()),
        (Comparator::AtMost, Some(4.5), Unit::Percent)
    );
    let t = target(&d, "demo/target/第三产业比重");
    assert_eq!(t.comparator, Comparator::IncreaseFromBase);
    assert_eq!(
        (t.value, t.base_year, t.unit.clone()),
        (Some(3.0), Some(2012), Unit::PercentagePoints)
    );
    let t = target(&d, "demo/target/万元工业增加值用水量");
    assert_eq!(t.unit, Unit::Other("立方米".into()));
    let t = target(&d, "demo/target/规模以上工业企业研发投入强度");
    assert_eq!(
        (t.comparator, t.unit.clone()),
        (Comparator::Approximately, Unit::Permille)
    );
    let t = target(&d, "demo/target/新增造林面积");
    assert_eq!(
        (t.value, t.unit.clone()),
        (Some(120.0), Unit::Other("万亩".into()))
    );
    assert_eq!(t.deadline, Some(Date::new(2016, 12, 31).unwrap()));
    let t = target(&d, "demo/target/造林");
    assert!(t.annual);
    assert!(
        edges(&d, EdgeLabel::HasTarget).contains(&("demo/matter/1", "demo/target/城镇登记失业率"))
    );
}

#[test]
fn bracketed_arabic_items_are_tasks_when_no_numbered_item_precedes() {
    let d = demo(
        "一、重大事项\n（一）产业。\n（1）事项甲。内容。（牵头部门：省财政厅）\n(2)事项乙。内容。（牵头部门：省科技厅）\n",
    );
    assert_eq!(tasks_of(&d, TaskRole::Matter).len(), 2);
    assert_eq!(task(&d, "demo/matter/2").title, "事项乙");
    assert_eq!(leads(&d, "demo/matter/2"), ["省科技厅"]);
}

#[test]
fn repeated_item_numbers_get_unique_keys_with_a_warning() {
    let d = demo(
        "一、重大改革\n（一）甲。\n1.改革甲。（牵头部门：省财政厅）\n（二）乙。\n1.改革乙。（牵头部门：省财政厅）\n",
    );
    assert_eq!(task(&d, "demo/reform/2").title, "改革乙");
    assert_eq!(task(&d, "demo/reform/2").number, "1");
    assert!(
        d.report
            .warnings
            .iter()
            .any(|w| w.line == 5 && w.reason.contains("repeats"))
    );
}

#[test]
fn unknown_lead_units_are_imported_with_guessed_kind_and_a_warning() {
    let d = parse(PLAN, &shanxi_meta(), &Registry::empty()).unwrap();
    assert_eq!(org_kind(&d, "org/各相关部门"), OrganizationKind::Group);
    assert_eq!(
        org_kind(&d, "org/省国土厅"),
        OrganizationKind::ProvincialDepartment
    );
    assert_eq!(
        org_kind(&d, "org/太原钢铁（集团）有限公司"),
        OrganizationKind::Enterprise
    );
    // A customs office is a (central) department by the form of its name.
    assert_eq!(org_kind(&d, "org/太原海关"), OrganizationKind::Department);
    let unknown_orgs = d
        .report
        .warnings
        .iter()
        .filter(|w| w.reason.starts_with("organisation"))
        .count();
    assert_eq!(unknown_orgs, 32);
    // Leads still come out in order.
    assert_eq!(
        leads(&d, "shanxi-2013/matter/64"),
        ["省安监局", "省食品药品监管局", "省公安厅"]
    );
}

// ---------------------------------------------------------------- decoding

#[test]
fn decode_text_rejects_empty_input() {
    assert!(decode_text(b"").is_err());
    let err = decode_text(" \u{3000}\n\t".as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn decode_text_rejects_nul_bytes() {
    let err = decode_text(b"abc\n\0def").unwrap_err().to_string();
    assert!(err.contains("NUL") && err.contains("line 2"), "{err}");
}

#[test]
fn decode_text_decodes_gb18030() {
    // 一、总体要求 in GBK.
    let gbk = [
        0xD2, 0xBB, 0xA1, 0xA2, 0xD7, 0xDC, 0xCC, 0xE5, 0xD2, 0xAA, 0xC7, 0xF3,
    ];
    assert_eq!(decode_text(&gbk).unwrap(), "一、总体要求");
    // Random high bytes are neither UTF-8 nor GB18030: refused, with the offset and a hint.
    let err = decode_text(&[b'a', 0xFF, 0x20]).unwrap_err().to_string();
    assert!(err.contains("offset 1") && err.contains("iconv"), "{err}");
}

#[test]
fn the_plan_saved_as_gb18030_decodes_to_the_same_text() {
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(PLAN);
    assert!(!unmappable);
    assert_eq!(decode_text(&gb).unwrap(), PLAN);
    let decoded = reformgraph::import::decode::decode(&gb).unwrap();
    assert!(decoded.confident && decoded.encoding.name() == "GB18030");
}

#[test]
fn the_plan_saved_as_utf16_decodes_to_the_same_text_with_or_without_bom() {
    let le: Vec<u8> = PLAN.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = PLAN.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bom, body) in [([0xFF, 0xFE], le), ([0xFE, 0xFF], be)] {
        let decoded = reformgraph::import::decode::decode(&body).unwrap();
        assert!(decoded.confident);
        assert_eq!(decoded.text, PLAN);
        let with_bom = [&bom[..], &body].concat();
        assert_eq!(decode_text(&with_bom).unwrap(), PLAN);
    }
}

#[test]
fn decode_text_strips_a_bom() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(PLAN.as_bytes());
    assert_eq!(decode_text(&bytes).unwrap(), PLAN);
}

// ---------------------------------------------------------------- robustness

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_never_panics_on_arbitrary_strings(s in "\\PC{0,400}") {
        let _ = demo_result(&s);
    }

    #[test]
    fn parse_never_panics_on_plan_like_noise(s in "([一二三十（）()1-9.．、：:，。；%\\-—年比达到以上左右等负责牵头部门省厅\u{3000}\n]|[a-z]){0,300}") {
        let _ = demo_result(&s);
    }

    #[test]
    fn parse_never_panics_on_shuffled_truncated_plan(
        order in Just((0..445usize).collect::<Vec<_>>()).prop_shuffle(),
        keep in 0usize..445,
        cut in 0usize..200,
    ) {
        let lines: Vec<&str> = PLAN.lines().collect();
        let mut text = String::new();
        for i in order.into_iter().take(keep) {
            if let Some(l) = lines.get(i) {
                let l: String = l.chars().take(cut.max(1) * 3).collect();
                text.push_str(&l);
                text.push('\n');
            }
        }
        let d = demo_result(&text);
        prop_assert!(d.is_ok());
    }
}

fn demo_result(text: &str) -> reformgraph::Result<Draft> {
    let meta = PlanMeta {
        key: Some("demo".into()),
        ..PlanMeta::default()
    };
    parse(text, &meta, &Registry::shanxi().unwrap())
}
