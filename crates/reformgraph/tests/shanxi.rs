//! The bundled Shanxi plan, end to end: import, re-import, queries and search with known
//! answers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use reformgraph::import::{self, ImportOptions, Registry, bundled};
use reformgraph::query::{self, LeadRole, TaskFilter};
use reformgraph::search::{self, SearchQuery};
use reformgraph::*;

fn shanxi() -> Store {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    store
}

/// Every node by key, every edge by keys.
type Dump = (
    BTreeMap<String, (Option<SourceSpan>, NodeData)>,
    Vec<(String, EdgeKind, String)>,
);

/// Everything observable: every node by key, every edge by keys.
fn dump(store: &Store) -> Dump {
    let snap = store.read().unwrap();
    let mut nodes = BTreeMap::new();
    let mut key_of = BTreeMap::new();
    for kind in NodeKind::ALL {
        for id in snap.ids_of_kind(kind).unwrap() {
            let n = snap.node(id).unwrap().unwrap();
            key_of.insert(id, n.key.to_string());
            nodes.insert(n.key.to_string(), (n.source, n.data));
        }
    }
    let mut edges = Vec::new();
    for (&id, key) in &key_of {
        for e in snap.edges(id, None, Direction::Outgoing).unwrap() {
            edges.push((key.clone(), e.kind, key_of[&e.to].clone()));
        }
    }
    edges.sort_by(|a, b| {
        (&a.0, &a.2, format!("{:?}", a.1)).cmp(&(&b.0, &b.2, format!("{:?}", b.1)))
    });
    (nodes, edges)
}

#[test]
fn the_shanxi_plan_loads_with_its_exact_counts_and_a_clean_verify() {
    let store = Store::in_memory().unwrap();
    let report = bundled::import_shanxi_2013(&store).unwrap();
    assert!(report.unparsed.is_empty(), "{:?}", report.unparsed);
    let snap = store.read().unwrap();
    let by_role = |role| {
        query::tasks(
            &snap,
            &TaskFilter {
                role: Some(role),
                ..TaskFilter::default()
            },
        )
        .unwrap()
        .len()
    };
    assert_eq!(by_role(TaskRole::Reform), 50);
    assert_eq!(by_role(TaskRole::Matter), 100);
    assert_eq!(by_role(TaskRole::ResearchTopic), 10);
    // 保障措施 and 基本原则 name no unit and no deadline: sections, not tasks.
    assert_eq!(by_role(TaskRole::SafeguardMeasure), 0);
    assert_eq!(by_role(TaskRole::Principle), 0);
    assert_eq!(by_role(TaskRole::CityTaskOption), 10);
    assert_eq!(by_role(TaskRole::CountyPilotArea), 6);
    assert_eq!(by_role(TaskRole::EnterpriseInnovationArea), 8);
    assert_eq!(report.created as u64, snap.node_count().unwrap());
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn importing_the_same_document_twice_leaves_an_identical_graph() {
    let store = shanxi();
    let before = dump(&store);
    let again = bundled::import_shanxi_2013(&store).unwrap();
    assert_eq!((again.created, again.updated, again.removed), (0, 0, 0));
    assert_eq!(dump(&store), before);
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn a_corrected_version_updates_nodes_in_place_and_drops_what_it_lost() {
    let store = shanxi();
    let id_before = store
        .read()
        .unwrap()
        .id_of("shanxi-2013/reform/3")
        .unwrap()
        .unwrap();
    let corrected = bundled::SHANXI_2013_TEXT
        .replace("推进煤电体制改革。", "深化煤电体制改革。")
        .replace(
            "　　100.建立实施转型综改统计指标体系。突出资源型经济转型导向，从产业转型、生态修复、城乡统筹、民生改善等四个方面建立并实施反映转型综改试验区建设进展和效果的统计指标体系和统计方法制度。（牵头部门：省统计局）\n",
            "",
        );
    assert_ne!(corrected, bundled::SHANXI_2013_TEXT);
    let report = import::import_text(
        &store,
        &corrected,
        &bundled::shanxi_2013_meta().unwrap(),
        &Registry::shanxi().unwrap(),
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(report.created, 0);
    assert!(report.updated >= 1);
    assert!(report.removed >= 1);
    let snap = store.read().unwrap();
    let task = snap
        .get_by_key::<Task>("shanxi-2013/reform/3")
        .unwrap()
        .unwrap();
    assert_eq!(task.id.node(), id_before, "updated in place, same id");
    assert_eq!(task.value.title, "深化煤电体制改革");
    assert!(
        snap.node_by_key("shanxi-2013/matter/100")
            .unwrap()
            .is_none()
    );
    // The search index followed the edit.
    let old = search::search(&snap, &SearchQuery::new("\"推进煤电体制改革\"")).unwrap();
    assert!(!old.hits.iter().any(|h| h.key == "shanxi-2013/reform/3"));
    let new = search::search(&snap, &SearchQuery::new("\"深化煤电体制改革\"")).unwrap();
    assert_eq!(
        new.hits.first().map(|h| h.key.as_str()),
        Some("shanxi-2013/reform/3")
    );
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn strict_mode_refuses_a_document_with_an_unusable_paragraph_and_writes_nothing() {
    let store = Store::in_memory().unwrap();
    // An unnumbered paragraph in the middle of the numbered reforms belongs to nothing.
    let text = bundled::SHANXI_2013_TEXT.replacen(
        "（牵头部门：省国土厅）\n",
        "（牵头部门：省国土厅）\n\n　　这一段不是任何结构的一部分，也没有编号？\n",
        1,
    );
    let meta = bundled::shanxi_2013_meta().unwrap();
    let registry = Registry::shanxi().unwrap();
    let lenient = import::parse(&text, &meta, &registry).unwrap();
    assert_eq!(
        lenient.report.unparsed.len(),
        1,
        "{:?}",
        lenient.report.unparsed
    );
    let err = import::import_text(
        &store,
        &text,
        &meta,
        &registry,
        ImportOptions {
            strict: true,
            ..ImportOptions::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, Error::Import { .. }), "{err}");
    assert!(err.to_string().contains("strict"));
    assert_eq!(store.read().unwrap().node_count().unwrap(), 0);
}

#[test]
fn tasks_by_lead_are_the_same_under_every_alias() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let keys = |name: &str| -> Vec<String> {
        query::tasks_led_by(&snap, name)
            .unwrap()
            .into_iter()
            .map(|t| t.task.key)
            .collect()
    };
    let canonical = keys("省发展改革委");
    assert_eq!(canonical.len(), 28);
    for alias in ["山西省发展和改革委员会", "省发改委", "org/省发展改革委"] {
        assert_eq!(keys(alias), canonical, "{alias}");
    }
    let env = keys("山西省环境保护厅");
    assert_eq!(env.len(), 12);
    assert!(env.contains(&"shanxi-2013/reform/10".to_owned()));
}

#[test]
fn lead_roles_follow_the_printed_order() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let role_of = |org: &str, key: &str| {
        query::tasks_led_by(&snap, org)
            .unwrap()
            .into_iter()
            .find(|t| t.task.key == key)
            .map(|t| t.lead_role)
    };
    assert_eq!(
        role_of("省国土厅", "shanxi-2013/reform/1"),
        Some(LeadRole::Sole)
    );
    assert_eq!(
        role_of("省安监局", "shanxi-2013/matter/64"),
        Some(LeadRole::First)
    );
    assert_eq!(
        role_of("省公安厅", "shanxi-2013/matter/64"),
        Some(LeadRole::Co)
    );
    let id = snap.id_of("shanxi-2013/matter/90").unwrap().unwrap();
    let leads: Vec<String> = query::leads_of(&snap, id)
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
    assert_eq!(leads, ["省发展改革委", "人行太原中心支行"]);
}

#[test]
fn tasks_that_mention_a_county_are_found_by_its_short_name() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let keys: Vec<String> = query::tasks_mentioning(&snap, "孝义")
        .unwrap()
        .into_iter()
        .map(|t| t.key)
        .collect();
    // Matter 46 (孝义、霍州 resource-exhausted cities) and matter 58 (阳泉、侯马、孝义 pilots).
    assert!(
        keys.contains(&"shanxi-2013/matter/46".to_owned()),
        "{keys:?}"
    );
    assert!(
        keys.contains(&"shanxi-2013/matter/58".to_owned()),
        "{keys:?}"
    );
    for k in &keys {
        let body = snap.get_by_key::<Task>(k).unwrap().unwrap().value.body;
        assert!(body.contains("孝义"), "{k} does not mention 孝义");
    }
}

#[test]
fn a_search_for_a_policy_term_finds_exactly_the_tasks_that_contain_it_best_first() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let q = SearchQuery {
        kinds: vec![NodeKind::Task],
        limit: 100,
        ..SearchQuery::new("煤层气")
    };
    let found = search::search(&snap, &q).unwrap();
    let mut expected: Vec<String> = snap
        .all::<Task>()
        .unwrap()
        .into_iter()
        .filter(|t| {
            NodeData::Task(t.value.clone())
                .search_text()
                .contains("煤层气")
        })
        .map(|t| t.key.to_string())
        .collect();
    let mut got: Vec<String> = found.hits.iter().map(|h| h.key.clone()).collect();
    // The two tasks about 煤层气 itself rank above those that list it among others.
    assert_eq!(&got[..2], ["shanxi-2013/reform/5", "shanxi-2013/matter/7"]);
    assert!(found.hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(found.hits.iter().all(|h| h.snippet.contains("【煤层气】")));
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn search_filters_narrow_by_role_category_and_lead() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let all = search::search(
        &snap,
        &SearchQuery {
            limit: 500,
            ..SearchQuery::new("生态")
        },
    )
    .unwrap();
    let led = search::search(
        &snap,
        &SearchQuery {
            lead: Some("省环保厅".into()),
            limit: 500,
            ..SearchQuery::new("生态")
        },
    )
    .unwrap();
    assert!(led.total > 0 && led.total < all.total);
    let env: Vec<String> = query::tasks_led_by(&snap, "省环保厅")
        .unwrap()
        .into_iter()
        .map(|t| t.task.key)
        .collect();
    assert!(led.hits.iter().all(|h| env.contains(&h.key)));
    let reforms = search::search(
        &snap,
        &SearchQuery {
            role: Some(TaskRole::Reform),
            category: Some("（二）".into()),
            limit: 500,
            ..SearchQuery::new("生态")
        },
    )
    .unwrap();
    assert!(reforms.total > 0);
    assert!(
        reforms
            .hits
            .iter()
            .all(|h| h.key.starts_with("shanxi-2013/reform/"))
    );
}

#[test]
fn a_two_character_query_inside_a_longer_word_still_matches() {
    let store = shanxi();
    let snap = store.read().unwrap();
    // 煤层 only occurs inside 煤层气 and 特厚煤层: jieba would not cut there, bigrams do.
    let found = search::search(&snap, &SearchQuery::new("煤层")).unwrap();
    assert!(found.total >= 6, "{}", found.total);
    assert!(found.hits.iter().any(|h| h.key == "shanxi-2013/matter/15"));
}

#[test]
fn a_department_name_is_one_search_term() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let found = search::search(
        &snap,
        &SearchQuery {
            limit: 100,
            ..SearchQuery::new("省人力资源社会保障厅")
        },
    )
    .unwrap();
    let led: Vec<String> = query::tasks_led_by(&snap, "省人力资源社会保障厅")
        .unwrap()
        .into_iter()
        .map(|t| t.task.key)
        .collect();
    for key in &led {
        assert!(found.hits.iter().any(|h| &h.key == key), "{key} missing");
    }
}

#[test]
fn mixed_ascii_and_chinese_queries_work() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let found = search::search(&snap, &SearchQuery::new("PM2.5 监测")).unwrap();
    assert_eq!(
        found.hits.first().map(|h| h.key.as_str()),
        Some("shanxi-2013/matter/24")
    );
    let phrase = search::search(&snap, &SearchQuery::new("\"CO2捕集\"")).unwrap();
    assert_eq!(
        phrase.hits.first().map(|h| h.key.as_str()),
        Some("shanxi-2013/matter/69")
    );
}

#[test]
fn a_term_found_nowhere_gives_no_hits_not_an_error() {
    let store = shanxi();
    let snap = store.read().unwrap();
    assert_eq!(
        search::search(&snap, &SearchQuery::new("量子计算"))
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        search::search(&snap, &SearchQuery::new("blockchain"))
            .unwrap()
            .total,
        0
    );
}

#[test]
fn pages_of_hits_do_not_overlap() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let first = search::search(
        &snap,
        &SearchQuery {
            limit: 5,
            ..SearchQuery::new("改革")
        },
    )
    .unwrap();
    let second = search::search(
        &snap,
        &SearchQuery {
            limit: 5,
            offset: 5,
            ..SearchQuery::new("改革")
        },
    )
    .unwrap();
    assert_eq!(first.total, second.total);
    assert!(first.total > 10);
    for h in &second.hits {
        assert!(!first.hits.iter().any(|f| f.key == h.key));
    }
}

#[test]
fn the_index_stays_consistent_after_updates_and_deletes() {
    let store = shanxi();
    store
        .write(|tx| {
            let id = tx.id_of("shanxi-2013/matter/7")?.unwrap();
            let mut task = tx.get(TaskId::from_raw(id.0))?.unwrap().value;
            task.body = "加快页岩气开发。".into();
            tx.update(id, task)?;
            let gone = tx.id_of("shanxi-2013/reform/5")?.unwrap();
            tx.remove_node(gone)?;
            // A new name makes a term of itself in every text that contains it.
            tx.insert(
                NodeKey::organization("沁水煤层气基地")?,
                Organization {
                    name: "沁水煤层气基地".into(),
                    kind: OrganizationKind::Other,
                    aliases: vec![],
                    ..Default::default()
                },
                None,
            )?;
            Ok::<_, Error>(())
        })
        .unwrap();
    assert!(
        store.verify().unwrap().is_empty(),
        "{:?}",
        store.verify().unwrap()
    );
    let snap = store.read().unwrap();
    let hits = search::search(
        &snap,
        &SearchQuery {
            limit: 100,
            ..SearchQuery::new("煤层气")
        },
    )
    .unwrap();
    assert!(
        !hits
            .hits
            .iter()
            .any(|h| h.key == "shanxi-2013/matter/7" || h.key == "shanxi-2013/reform/5")
    );
    let shale = search::search(&snap, &SearchQuery::new("页岩气")).unwrap();
    assert_eq!(
        shale.hits.first().map(|h| h.key.as_str()),
        Some("shanxi-2013/matter/7")
    );
}

#[test]
fn the_workload_matrix_adds_up_to_the_leads() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let w = query::workload(&snap).unwrap();
    assert_eq!(
        w.organizations.first().map(String::as_str),
        Some("省发展改革委")
    );
    for (row, total) in w.counts.iter().zip(&w.totals) {
        assert_eq!(row.iter().sum::<u32>(), *total);
    }
    let leads: u32 = query::lead_counts(&snap)
        .unwrap()
        .iter()
        .map(|c| c.tasks)
        .sum();
    assert_eq!(w.totals.iter().sum::<u32>(), leads);
}

#[test]
fn targets_link_to_tasks_that_repeat_them() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let behind: Vec<String> = query::tasks_behind(&snap, "shanxi-2013/target/服务业增加值比重")
        .unwrap()
        .into_iter()
        .map(|t| t.key)
        .collect();
    assert_eq!(behind, ["shanxi-2013/matter/8"]);
    let of_matter: Vec<String> = query::targets_of(&snap, "shanxi-2013/matter/8")
        .unwrap()
        .into_iter()
        .map(|t| t.key)
        .collect();
    assert_eq!(of_matter, ["shanxi-2013/target/服务业增加值比重"]);
}

#[test]
fn a_path_from_a_department_to_a_pilot_county_runs_through_tasks() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let from = snap.id_of("org/省发展改革委").unwrap().unwrap();
    let to = snap.id_of("area/孝义市").unwrap().unwrap();
    let path = query::shortest_path(&snap, from, to, &[EdgeLabel::Leads, EdgeLabel::Mentions], 6)
        .unwrap()
        .unwrap();
    assert_eq!(path.len(), 3);
    assert_eq!(path[1].kind, reformgraph::NodeKind::Task);
    let isolated = query::shortest_path(&snap, from, to, &[EdgeLabel::SameAs], 6).unwrap();
    assert!(isolated.is_none());
}

#[test]
fn tasks_of_a_plan_are_its_own_even_next_to_a_plan_whose_key_extends_it() {
    let store = shanxi();
    // `shanxi-2013-copy` sorts between `shanxi-2013` and `shanxi-2013/…` in the key index.
    let meta = import::PlanMeta {
        key: Some("shanxi-2013-copy".into()),
        ..bundled::shanxi_2013_meta().unwrap()
    };
    import::import_text(
        &store,
        bundled::SHANXI_2013_TEXT,
        &meta,
        &Registry::shanxi().unwrap(),
        ImportOptions::default(),
    )
    .unwrap();
    let snap = store.read().unwrap();
    let all = query::tasks(&snap, &TaskFilter::default()).unwrap();
    for plan in ["shanxi-2013", "shanxi-2013-copy"] {
        let filter = TaskFilter {
            plan: Some(plan.into()),
            ..TaskFilter::default()
        };
        let keys: Vec<String> = query::tasks(&snap, &filter)
            .unwrap()
            .into_iter()
            .map(|t| t.key)
            .collect();
        let expected: Vec<String> = all
            .iter()
            .filter(|t| t.key.starts_with(&format!("{plan}/")))
            .map(|t| t.key.clone())
            .collect();
        assert_eq!(keys, expected, "{plan}");
        assert_eq!(
            keys.len() * 2,
            all.len(),
            "each plan holds half of the tasks"
        );
        // With another filter too: the plan's tasks led by 省环保厅 only.
        let led = TaskFilter {
            lead: Some("省环保厅".into()),
            ..filter
        };
        assert!(
            query::tasks(&snap, &led)
                .unwrap()
                .iter()
                .all(|t| t.key.starts_with(&format!("{plan}/")))
        );
    }
}

#[test]
fn an_unknown_category_is_an_error_with_the_titles_close_to_it() {
    let store = shanxi();
    let snap = store.read().unwrap();
    let by = |category: &str| {
        query::tasks(
            &snap,
            &TaskFilter {
                category: Some(category.into()),
                ..TaskFilter::default()
            },
        )
    };
    // （二）生态修复 is a category of the plan (line 199 of the source).
    assert!(!by("生态修复").unwrap().is_empty());
    // 生态 is no section's title, number or key; 生态修复 contains it.
    let err = by("生态").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyNotFound);
    assert!(
        err.suggestions().iter().any(|s| s == "生态修复"),
        "{:?}",
        err.suggestions()
    );
    assert!(err.to_string().contains("section"), "{err}");
    // A category that exists but holds none of the tasks asked for is an empty answer.
    let none = query::tasks(
        &snap,
        &TaskFilter {
            category: Some("生态修复".into()),
            role: Some(TaskRole::ResearchTopic),
            ..TaskFilter::default()
        },
    )
    .unwrap();
    assert!(none.is_empty());
}
