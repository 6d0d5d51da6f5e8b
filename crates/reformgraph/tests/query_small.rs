//! Queries on a small hand-built graph (the bundled plan is covered in `query_shanxi.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph::query::{self, LeadRole, TaskFilter};
use reformgraph::*;

fn k(s: &str) -> NodeKey {
    NodeKey::new(s).unwrap()
}

fn org(name: &str, aliases: &[&str]) -> Organization {
    Organization {
        name: name.into(),
        kind: OrganizationKind::ProvincialDepartment,
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        ..Default::default()
    }
}

fn section(level: SectionLevel, n: u32, title: &str) -> Section {
    Section {
        level,
        number: ["零", "一", "二", "三"][n as usize].to_owned(),
        ordinal: n,
        title: title.into(),
        paragraphs: vec![],
    }
}

fn task(role: TaskRole, n: u32) -> Task {
    Task {
        role,
        number: n.to_string(),
        ordinal: n,
        title: format!("任务{n}"),
        body: String::new(),
        responsibility: None,
        deadline: None,
        ..Default::default()
    }
}

/// p ─ part 2 ─ category 1 ─ reform 1 (led by A), reform 2 (led by A then B)
///            └ category 2 ─ reform 3 (led by B), mentions 孝义市
/// 孝义市 in 吕梁市; an isolated area 大同市.
fn build() -> Store {
    let store = Store::in_memory().unwrap();
    store
        .write(|tx| {
            let part = tx.insert(
                k("p/part/2"),
                section(SectionLevel::Part, 2, "重大改革"),
                None,
            )?;
            let c1 = tx.insert(
                k("p/part/2/1"),
                section(SectionLevel::Category, 1, "产业"),
                None,
            )?;
            let c2 = tx.insert(
                k("p/part/2/2"),
                section(SectionLevel::Category, 2, "生态"),
                None,
            )?;
            tx.add_edge(Edge::new(part, EdgeKind::Contains { order: 0 }, c1))?;
            tx.add_edge(Edge::new(part, EdgeKind::Contains { order: 1 }, c2))?;
            let a = tx.insert(k("org/甲厅"), org("甲厅", &["省甲厅", "甲"]), None)?;
            let b = tx.insert(k("org/乙委"), org("乙委", &[]), None)?;
            let t: Vec<NodeId> = (1..=3)
                .map(|n| tx.insert(k(&format!("p/reform/{n}")), task(TaskRole::Reform, n), None))
                .collect::<Result<_>>()?;
            tx.add_edge(Edge::new(c1, EdgeKind::Contains { order: 0 }, t[0]))?;
            tx.add_edge(Edge::new(c1, EdgeKind::Contains { order: 1 }, t[1]))?;
            tx.add_edge(Edge::new(c2, EdgeKind::Contains { order: 0 }, t[2]))?;
            tx.add_edge(Edge::new(a, EdgeKind::Leads { rank: 1 }, t[0]))?;
            tx.add_edge(Edge::new(a, EdgeKind::Leads { rank: 1 }, t[1]))?;
            tx.add_edge(Edge::new(b, EdgeKind::Leads { rank: 2 }, t[1]))?;
            tx.add_edge(Edge::new(b, EdgeKind::Leads { rank: 1 }, t[2]))?;
            let area = |name: &str, level| Area {
                name: name.into(),
                level,
                aliases: vec![name.trim_end_matches('市').to_owned()],
            };
            let xy = tx.insert(
                k("area/孝义市"),
                area("孝义市", AreaLevel::CountyLevelCity),
                None,
            )?;
            let ll = tx.insert(
                k("area/吕梁市"),
                area("吕梁市", AreaLevel::PrefectureCity),
                None,
            )?;
            tx.insert(
                k("area/大同市"),
                area("大同市", AreaLevel::PrefectureCity),
                None,
            )?;
            tx.add_edge(Edge::new(xy, EdgeKind::InArea, ll))?;
            tx.add_edge(Edge::new(t[2], EdgeKind::Mentions, xy))?;
            Ok::<_, Error>(())
        })
        .unwrap();
    store
}

#[test]
fn tasks_led_by_an_alias_carry_their_lead_role() {
    let store = build();
    let snap = store.read().unwrap();
    for name in ["甲厅", "省甲厅", "甲", "org/甲厅"] {
        let led = query::tasks_led_by(&snap, name).unwrap();
        let got: Vec<_> = led
            .iter()
            .map(|t| (t.task.number.as_str(), t.lead_role))
            .collect();
        assert_eq!(
            got,
            [("1", LeadRole::Sole), ("2", LeadRole::First)],
            "{name}"
        );
    }
    let led = query::tasks_led_by(&snap, "乙委").unwrap();
    let got: Vec<_> = led
        .iter()
        .map(|t| (t.task.number.as_str(), t.lead_role))
        .collect();
    assert_eq!(got, [("2", LeadRole::Co), ("3", LeadRole::Sole)]);
}

#[test]
fn an_unknown_organisation_is_not_found_by_name() {
    let store = build();
    let err = query::tasks_led_by(&store.read().unwrap(), "丙局").unwrap_err();
    assert!(
        matches!(&err, Error::NameNotFound { name, kinds, .. } if name == "丙局" && kinds == &["organization"]),
        "{err:?}"
    );
}

#[test]
fn a_task_summary_names_part_category_and_leads_in_order() {
    let store = build();
    let snap = store.read().unwrap();
    let id = snap.id_of("p/reform/2").unwrap().unwrap();
    let s = query::task_summary(&snap, id).unwrap();
    assert_eq!(s.part.as_ref().map(|p| p.title.as_str()), Some("重大改革"));
    assert_eq!(s.category.as_ref().map(|c| c.title.as_str()), Some("产业"));
    let leads: Vec<_> = s.leads.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(leads, ["甲厅", "乙委"]);
}

#[test]
fn filters_combine() {
    let store = build();
    let snap = store.read().unwrap();
    let f = TaskFilter {
        lead: Some("乙委".into()),
        category: Some("生态".into()),
        ..TaskFilter::default()
    };
    let keys: Vec<_> = query::tasks(&snap, &f)
        .unwrap()
        .into_iter()
        .map(|t| t.key)
        .collect();
    assert_eq!(keys, ["p/reform/3"]);
    let f = TaskFilter {
        category: Some("（一）".into()),
        ..TaskFilter::default()
    };
    assert_eq!(query::tasks(&snap, &f).unwrap().len(), 2);
    let f = TaskFilter {
        role: Some(TaskRole::Matter),
        ..TaskFilter::default()
    };
    assert!(query::tasks(&snap, &f).unwrap().is_empty());
}

#[test]
fn tasks_mentioning_an_area_by_short_name() {
    let store = build();
    let snap = store.read().unwrap();
    let keys: Vec<_> = query::tasks_mentioning(&snap, "孝义")
        .unwrap()
        .into_iter()
        .map(|t| t.key)
        .collect();
    assert_eq!(keys, ["p/reform/3"]);
}

#[test]
fn co_leadership_lists_each_pair_once() {
    let store = build();
    let pairs = query::co_leadership(&store.read().unwrap()).unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].tasks, ["p/reform/2"]);
}

#[test]
fn the_workload_matrix_counts_each_lead_once_per_task() {
    let store = build();
    let w = query::workload(&store.read().unwrap()).unwrap();
    // Equal totals are ordered by name.
    assert_eq!(w.organizations, ["乙委", "甲厅"]);
    assert_eq!(w.categories, ["产业", "生态"]);
    assert_eq!(w.counts, [[1, 1], [2, 0]]);
    assert_eq!(w.totals, [2, 2]);
}

#[test]
fn a_shortest_path_runs_from_a_department_to_a_city_through_tasks() {
    let store = build();
    let snap = store.read().unwrap();
    let from = snap.id_of("org/甲厅").unwrap().unwrap();
    let to = snap.id_of("area/吕梁市").unwrap().unwrap();
    let path = query::shortest_path(&snap, from, to, &[], 10)
        .unwrap()
        .unwrap();
    let keys: Vec<_> = path.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "org/甲厅",
            "p/reform/2",
            "org/乙委",
            "p/reform/3",
            "area/孝义市",
            "area/吕梁市"
        ]
    );
    assert_eq!(path[1].via, Some(reformgraph::EdgeLabel::Leads));
    assert_eq!(path[2].direction, Some(reformgraph::Direction::Incoming));
    // Too short a budget, or no connection at all, is None, not an error.
    assert!(
        query::shortest_path(&snap, from, to, &[], 3)
            .unwrap()
            .is_none()
    );
    let isolated = snap.id_of("area/大同市").unwrap().unwrap();
    assert!(
        query::shortest_path(&snap, from, isolated, &[], 10)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_neighbourhood_grows_with_k() {
    let store = build();
    let snap = store.read().unwrap();
    let a = snap.id_of("org/甲厅").unwrap().unwrap();
    assert_eq!(query::neighborhood(&snap, a, 0, &[]).unwrap().len(), 1);
    assert_eq!(query::neighborhood(&snap, a, 1, &[]).unwrap().len(), 3);
    let two = query::neighborhood(&snap, a, 2, &[EdgeLabel::Leads]).unwrap();
    let keys: Vec<_> = two.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys, ["org/甲厅", "p/reform/1", "p/reform/2", "org/乙委"]);
}

#[test]
fn result_enum_names_are_their_json_names() {
    // The bindings show these names; the JSON output (serde) must say the same.
    use reformgraph::track::{AttainmentClass, LagClass};
    fn json<T: serde::Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }
    for r in [LeadRole::Sole, LeadRole::First, LeadRole::Co] {
        assert_eq!(r.name(), json(r));
    }
    for c in [LagClass::Green, LagClass::Yellow, LagClass::Red] {
        assert_eq!(c.name(), json(c));
    }
    for c in [
        AttainmentClass::OnTrack,
        AttainmentClass::Progressing,
        AttainmentClass::Slow,
        AttainmentClass::Regressing,
    ] {
        assert_eq!(c.name(), json(c));
    }
}
