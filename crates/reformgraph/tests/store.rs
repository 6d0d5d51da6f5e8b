//! Behaviour of the store: persistence, transactions, typed access, adjacency, errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use reformgraph::*;

fn area(name: &str) -> Area {
    Area {
        name: name.into(),
        level: AreaLevel::County,
        aliases: vec![],
    }
}

fn org(name: &str) -> Organization {
    Organization {
        name: name.into(),
        kind: OrganizationKind::ProvincialDepartment,
        aliases: vec![format!("山西{name}")],
        ..Default::default()
    }
}

fn task(n: u32) -> Task {
    Task {
        role: TaskRole::Reform,
        number: n.to_string(),
        ordinal: n,
        title: format!("改革{n}"),
        body: format!("改革{n}。正文。"),
        responsibility: Some("牵头部门：省环保厅".into()),
        deadline: Some(Date::new(2015, 12, 31).expect("valid")),
        ..Default::default()
    }
}

fn key(s: &str) -> NodeKey {
    NodeKey::new(s).expect("valid key")
}

fn build_small_graph(store: &Store) -> (OrganizationId, TaskId) {
    store
        .write(|tx| {
            let o = tx.insert(key("org/省环保厅"), org("省环保厅"), None)?;
            let t = tx.insert(
                key("p/reform/10"),
                task(10),
                Some(SourceSpan {
                    line: 3,
                    start: 10,
                    end: 90,
                }),
            )?;
            tx.add_edge(Edge::new(o, EdgeKind::Leads { rank: 1 }, t))?;
            Ok::<_, Error>((OrganizationId::from_raw(o.0), TaskId::from_raw(t.0)))
        })
        .expect("write")
}

#[test]
fn a_graph_survives_close_and_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    let (o, t) = {
        let store = Store::create(&path).expect("create");
        build_small_graph(&store)
    };
    let store = Store::open(&path).expect("reopen");
    let snap = store.read().expect("read");
    let task = snap.get(t).expect("get").expect("present");
    assert_eq!(task.value.title, "改革10");
    assert_eq!(task.key.as_str(), "p/reform/10");
    assert_eq!(task.source.map(|s| s.line), Some(3));
    let leads = snap
        .edges(t.node(), Some(EdgeLabel::Leads), Direction::Incoming)
        .expect("edges");
    assert_eq!(leads, vec![Edge::new(o, EdgeKind::Leads { rank: 1 }, t)]);
    assert!(store.verify().expect("verify").is_empty());
}

#[test]
fn create_opens_an_existing_store_without_losing_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    build_small_graph(&Store::create(&path).expect("create"));
    let again = Store::create(&path).expect("create again");
    assert_eq!(again.read().expect("read").node_count().expect("count"), 2);
}

#[test]
fn an_err_from_the_closure_writes_nothing() {
    let store = Store::in_memory().expect("store");
    let r: Result<(), Error> = store.write(|tx| {
        tx.insert(key("area/灵丘县"), area("灵丘县"), None)?;
        Err(Error::Invalid {
            what: "test".into(),
            reason: "abort".into(),
        })
    });
    assert!(r.is_err());
    let snap = store.read().expect("read");
    assert_eq!(snap.node_count().expect("count"), 0);
    assert_eq!(snap.id_of("area/灵丘县").expect("id"), None);
}

#[test]
fn a_panic_in_the_closure_writes_nothing_and_the_store_stays_usable() {
    let store = Store::in_memory().expect("store");
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = store.write(|tx| {
            tx.insert(key("area/灵丘县"), area("灵丘县"), None)?;
            #[allow(clippy::panic)]
            if tx.node_count()? == 1 {
                panic!("boom");
            }
            Ok::<_, Error>(())
        });
    }));
    assert!(r.is_err());
    assert_eq!(store.read().expect("read").node_count().expect("count"), 0);
    store
        .write(|tx| tx.insert(key("area/高平市"), area("高平市"), None))
        .expect("write after panic");
}

#[test]
fn ids_are_never_reused_after_a_removal() {
    let store = Store::in_memory().expect("store");
    let a = store
        .write(|tx| tx.insert(key("area/a"), area("a"), None))
        .expect("insert");
    store.write(|tx| tx.remove_node(a)).expect("remove");
    let b = store
        .write(|tx| tx.insert(key("area/a"), area("a"), None))
        .expect("insert again");
    assert!(b > a);
}

#[test]
fn a_duplicate_key_is_refused() {
    let store = Store::in_memory().expect("store");
    store
        .write(|tx| tx.insert(key("area/a"), area("a"), None))
        .expect("insert");
    let err = store
        .write(|tx| tx.insert(key("area/a"), area("b"), None))
        .expect_err("duplicate");
    assert!(matches!(err, Error::DuplicateKey { ref key } if key == "area/a"));
    assert!(err.to_string().contains("area/a"));
}

#[test]
fn a_typed_getter_refuses_a_node_of_another_kind() {
    let store = Store::in_memory().expect("store");
    let (o, _) = build_small_graph(&store);
    let snap = store.read().expect("read");
    let wrong = TaskId::from_raw(o.raw());
    let err = snap.get(wrong).expect_err("wrong kind");
    assert!(matches!(
        err,
        Error::WrongKind {
            expected: NodeKind::Task,
            found: NodeKind::Organization,
            ..
        }
    ));
    let by_key = snap
        .get_by_key::<Organization>("org/省环保厅")
        .expect("get")
        .expect("present");
    assert_eq!(by_key.id, o);
    assert_eq!(by_key.value.aliases, vec!["山西省环保厅".to_owned()]);
}

#[test]
fn upsert_with_another_kind_is_refused() {
    let store = Store::in_memory().expect("store");
    store
        .write(|tx| tx.insert(key("x/1"), area("a"), None))
        .expect("insert");
    let err = store
        .write(|tx| tx.upsert(key("x/1"), org("o"), None))
        .expect_err("kind change");
    assert!(matches!(err, Error::WrongKind { .. }));
}

#[test]
fn adjacency_answers_both_directions_and_filters_by_label() {
    let store = Store::in_memory().expect("store");
    let (o, t) = build_small_graph(&store);
    let city = store
        .write(|tx| {
            let c = tx.insert(key("area/大同市"), area("大同市"), None)?;
            tx.add_edge(Edge::new(t, EdgeKind::Mentions, c))?;
            Ok::<_, Error>(c)
        })
        .expect("write");
    let snap = store.read().expect("read");
    let out_of_task = snap
        .edges(t.node(), None, Direction::Outgoing)
        .expect("edges");
    assert_eq!(out_of_task, vec![Edge::new(t, EdgeKind::Mentions, city)]);
    let led = snap
        .neighbors(o.node(), Some(EdgeLabel::Leads), Direction::Outgoing)
        .expect("neighbors");
    assert_eq!(led.len(), 1);
    assert_eq!(led[0].1.key.as_str(), "p/reform/10");
    assert!(
        snap.edges(o.node(), Some(EdgeLabel::Mentions), Direction::Outgoing)
            .expect("edges")
            .is_empty()
    );
    assert_eq!(snap.edge_count().expect("count"), 2);
}

/// Enough neighbours to split a node's adjacency into many blocks, added in a scrambled
/// order with payload changes and removals, must read back exactly as a model says.
#[test]
fn a_node_with_a_thousand_neighbours_reads_back_in_order_after_splits_and_removals() {
    use std::collections::BTreeMap;
    let store = Store::in_memory().expect("store");
    let (o, _) = build_small_graph(&store);
    let tasks: Vec<NodeId> = store
        .write(|tx| {
            (100..1100)
                .map(|n| tx.insert(key(&format!("p/reform/{n}")), task(n), None))
                .collect::<Result<Vec<_>>>()
        })
        .expect("tasks");
    let mut model: BTreeMap<(NodeId, u32), u16> = BTreeMap::new();
    // Scramble with a fixed stride (coprime with 1 000), over three transactions.
    for round in 0..3u16 {
        store
            .write(|tx| {
                for i in 0..tasks.len() {
                    let t = tasks[(i * 389 + usize::from(round) * 7) % tasks.len()];
                    if (i + usize::from(round)) % 5 == 0 && round > 0 {
                        tx.remove_edge(&Edge::new(o, EdgeKind::Leads { rank: 0 }, t))?;
                        model.remove(&(t, 0));
                    } else {
                        tx.add_edge(Edge::new(o, EdgeKind::Leads { rank: round + 1 }, t))?;
                        model.insert((t, 0), round + 1);
                    }
                }
                Ok::<_, Error>(())
            })
            .expect("write");
    }
    let snap = store.read().expect("read");
    let led: Vec<(NodeId, u16)> = snap
        .edges(o.node(), Some(EdgeLabel::Leads), Direction::Outgoing)
        .expect("edges")
        .into_iter()
        .filter(|e| e.to.0 >= tasks[0].0)
        .map(|e| match e.kind {
            EdgeKind::Leads { rank } => (e.to, rank),
            other => panic!("{other:?}"),
        })
        .collect();
    let want: Vec<(NodeId, u16)> = model.iter().map(|((t, _), r)| (*t, *r)).collect();
    assert_eq!(led, want);
    for (t, rank) in &want {
        let back = snap
            .edge(o.node(), EdgeLabel::Leads, *t, 0)
            .expect("edge")
            .expect("present");
        assert_eq!(back.kind, EdgeKind::Leads { rank: *rank });
        let incoming = snap
            .edges(*t, Some(EdgeLabel::Leads), Direction::Incoming)
            .expect("edges");
        assert_eq!(incoming.len(), 1);
    }
    assert!(store.verify().expect("verify").is_empty());
}

#[test]
fn removing_a_node_removes_its_edges() {
    let store = Store::in_memory().expect("store");
    let (o, t) = build_small_graph(&store);
    store.write(|tx| tx.remove_node(t.node())).expect("remove");
    let snap = store.read().expect("read");
    assert!(
        snap.edges(o.node(), None, Direction::Outgoing)
            .expect("edges")
            .is_empty()
    );
    assert_eq!(snap.edge_count().expect("count"), 0);
    assert!(store.verify().expect("verify").is_empty());
}

#[test]
fn an_edge_to_a_missing_node_is_refused() {
    let store = Store::in_memory().expect("store");
    let (o, _) = build_small_graph(&store);
    let err = store
        .write(|tx| tx.add_edge(Edge::new(o, EdgeKind::Mentions, NodeId(999))))
        .expect_err("dangling");
    assert!(matches!(err, Error::NodeNotFound { id: NodeId(999) }));
}

#[test]
fn selections_in_different_years_are_different_edges() {
    let store = Store::in_memory().expect("store");
    let (_, t) = build_small_graph(&store);
    store
        .write(|tx| {
            let county = tx.insert(key("area/灵石县"), area("灵石县"), None)?;
            tx.add_edge(Edge::new(county, EdgeKind::Selected { year: 2013 }, t))?;
            tx.add_edge(Edge::new(county, EdgeKind::Selected { year: 2014 }, t))?;
            Ok::<_, Error>(())
        })
        .expect("write");
    let snap = store.read().expect("read");
    let selected = snap
        .edges(t.node(), Some(EdgeLabel::Selected), Direction::Incoming)
        .expect("edges");
    assert_eq!(selected.len(), 2);
}

#[test]
fn a_read_only_store_refuses_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    build_small_graph(&Store::create(&path).expect("create"));
    let ro = Store::open_read_only(&path).expect("open ro");
    let err = ro
        .write(|tx| tx.insert(key("area/a"), area("a"), None))
        .expect_err("read-only");
    assert!(matches!(err, Error::ReadOnly));
    assert_eq!(ro.read().expect("read").node_count().expect("count"), 2);
}

#[test]
fn a_second_writer_on_the_same_file_gets_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    let _first = Store::create(&path).expect("create");
    let err = Store::open(&path).expect_err("second writer");
    assert!(matches!(err, Error::AlreadyOpen { .. }), "{err:?}");
    assert!(err.to_string().contains("g.redb"));
}

#[test]
fn snapshots_do_not_see_later_commits() {
    let store = Store::in_memory().expect("store");
    let before = store.read().expect("read");
    build_small_graph(&store);
    assert_eq!(before.node_count().expect("count"), 0);
    assert_eq!(store.read().expect("read").node_count().expect("count"), 2);
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = Store::open(dir.path().join("nope.redb")).expect_err("missing");
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("nope.redb"));
}

#[test]
fn a_file_of_garbage_is_not_a_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("junk.redb");
    std::fs::write(&path, vec![0x5a; 10_000]).expect("write junk");
    let err = Store::open(&path).expect_err("junk");
    assert!(matches!(err, Error::NotAStore { .. }), "{err:?}");
}

mod raw {
    //! Tests that write the file with redb directly, as another program (or a newer
    //! reformgraph) would. The value types repeat the store's literal type names, which is
    //! exactly what makes the tables readable from outside.
    use super::*;
    use redb::{TableDefinition, TypeName, Value};

    #[derive(Debug)]
    pub struct Bytes<const N: u8>;
    impl<const N: u8> Value for Bytes<N> {
        type SelfType<'a> = &'a [u8];
        type AsBytes<'a> = &'a [u8];
        fn fixed_width() -> Option<usize> {
            None
        }
        fn from_bytes<'a>(data: &'a [u8]) -> &'a [u8]
        where
            Self: 'a,
        {
            data
        }
        fn as_bytes<'a, 'b: 'a>(value: &'a &'b [u8]) -> &'a [u8]
        where
            Self: 'b,
        {
            value
        }
        fn type_name() -> TypeName {
            TypeName::new(match N {
                0 => "reformgraph::MetaValue",
                1 => "reformgraph::NodeRecord",
                2 => "reformgraph::EdgeBlock",
                3 => "reformgraph::PostingBlock",
                _ => "reformgraph::Checkpoint",
            })
        }
    }

    const META: TableDefinition<&str, Bytes<0>> = TableDefinition::new("meta");
    const ADJ_OUT: TableDefinition<(u64, u8, u64, u32), Bytes<2>> = TableDefinition::new("adj_out");
    const FTS_BLOCKS: TableDefinition<(&str, u64), Bytes<3>> = TableDefinition::new("fts_blocks");
    const TIMELINE: TableDefinition<(&str, u32, i64, u128), Bytes<4>> =
        TableDefinition::new("timeline");

    /// Rewrites the first value of each block table with `damage` applied; returns the
    /// tables it damaged.
    pub fn damage_blocks(path: &Path, damage: impl Fn(&[u8]) -> Vec<u8>) -> Vec<&'static str> {
        use redb::ReadableTable;
        let db = redb::Database::open(path).expect("open raw");
        let tx = db.begin_write().expect("begin");
        let mut done = Vec::new();
        {
            let mut t = tx.open_table(ADJ_OUT).expect("table");
            let first = t
                .first()
                .expect("read")
                .map(|(k, v)| (k.value(), v.value().to_vec()));
            if let Some((k, v)) = first {
                t.insert(k, damage(&v).as_slice()).expect("insert");
                done.push("adj_out");
            }
        }
        {
            let mut t = tx.open_table(FTS_BLOCKS).expect("table");
            let first = t
                .first()
                .expect("read")
                .map(|(k, v)| ((k.value().0.to_owned(), k.value().1), v.value().to_vec()));
            if let Some(((term, id), v)) = first {
                t.insert((term.as_str(), id), damage(&v).as_slice())
                    .expect("insert");
                done.push("fts_blocks");
            }
        }
        {
            let mut t = tx.open_table(TIMELINE).expect("table");
            let first = t.first().expect("read").map(|(k, v)| {
                let (s, d, r, i) = k.value();
                ((s.to_owned(), d, r, i), v.value().to_vec())
            });
            if let Some(((s, d, r, i), v)) = first {
                t.insert((s.as_str(), d, r, i), damage(&v).as_slice())
                    .expect("insert");
                done.push("timeline");
            }
        }
        tx.commit().expect("commit");
        done
    }
    const NODES: TableDefinition<u64, Bytes<1>> = TableDefinition::new("nodes");

    pub fn put_meta(path: &Path, key: &str, value: &[u8]) {
        let db = redb::Database::open(path).expect("open raw");
        let tx = db.begin_write().expect("begin");
        tx.open_table(META)
            .expect("table")
            .insert(key, value)
            .expect("insert");
        tx.commit().expect("commit");
    }

    pub fn put_node(path: &Path, id: u64, value: &[u8]) {
        let db = redb::Database::open(path).expect("open raw");
        let tx = db.begin_write().expect("begin");
        tx.open_table(NODES)
            .expect("table")
            .insert(id, value)
            .expect("insert");
        tx.commit().expect("commit");
    }
}

#[test]
fn a_newer_schema_version_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    drop(Store::create(&path).expect("create"));
    // Format byte 1, then bincode's varint for the next version.
    let next = u8::try_from(SCHEMA_VERSION + 1).unwrap();
    raw::put_meta(&path, "schema_version", &[1, next]);
    for err in [
        Store::open(&path).expect_err("newer"),
        Store::open_read_only(&path).expect_err("newer"),
        Store::create(&path).expect_err("newer"),
    ] {
        assert!(
            matches!(
                err,
                Error::UnsupportedSchema { found, supported }
                    if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("upgrade reformgraph"));
    }
}

#[test]
fn an_unknown_record_format_byte_is_refused_not_misread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    drop(Store::create(&path).expect("create"));
    raw::put_meta(&path, "schema_version", &[9, 1]);
    let err = Store::open(&path).expect_err("unknown format");
    assert!(
        matches!(err, Error::Corrupt { table: "meta", .. }),
        "{err:?}"
    );
}

#[test]
fn a_redb_file_without_reformgraph_tables_is_not_a_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.redb");
    {
        let db = redb::Database::create(&path).expect("create raw");
        let tx = db.begin_write().expect("begin");
        let t: redb::TableDefinition<u64, u64> = redb::TableDefinition::new("something");
        tx.open_table(t).expect("t").insert(1, 2).expect("insert");
        tx.commit().expect("commit");
    }
    for err in [
        Store::open(&path).expect_err("foreign"),
        Store::create(&path).expect_err("foreign"),
    ] {
        assert!(matches!(err, Error::NotAStore { .. }), "{err:?}");
    }
}

#[test]
fn corrupted_value_bytes_give_a_corrupt_error_naming_table_and_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    let (_, t) = build_small_graph(&Store::create(&path).expect("create"));
    raw::put_node(&path, t.raw(), &[1, 0xff, 0xff, 0xff, 0xff, 0xff, 0x07]);
    let store = Store::open(&path).expect("open");
    let err = store.read().expect("read").get(t).expect_err("corrupt");
    match &err {
        Error::Corrupt { table, key, .. } => {
            assert_eq!(*table, "nodes");
            assert_eq!(*key, t.raw().to_string());
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    let problems = store.verify().expect("verify");
    assert!(
        problems
            .iter()
            .any(|p| p.table == "nodes" && p.key == t.raw().to_string()),
        "{problems:?}"
    );
}

#[test]
fn truncated_value_bytes_give_a_corrupt_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    let (_, t) = build_small_graph(&Store::create(&path).expect("create"));
    raw::put_node(&path, t.raw(), &[]);
    let store = Store::open(&path).expect("open");
    assert!(matches!(
        store.read().expect("read").node(t.node()),
        Err(Error::Corrupt { .. })
    ));
}

#[test]
fn verify_reports_a_key_index_entry_that_points_nowhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.redb");
    build_small_graph(&Store::create(&path).expect("create"));
    {
        let db = redb::Database::open(&path).expect("raw");
        let tx = db.begin_write().expect("begin");
        let keys: redb::TableDefinition<&str, u64> = redb::TableDefinition::new("keys");
        tx.open_table(keys)
            .expect("keys")
            .insert("org/ghost", 4242)
            .expect("insert");
        tx.commit().expect("commit");
    }
    let problems = Store::open(&path).expect("open").verify().expect("verify");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].table, "keys");
    assert_eq!(problems[0].key, "org/ghost");
}

#[test]
fn a_node_is_found_by_any_of_its_names_and_not_by_names_it_lost() {
    let store = Store::in_memory().expect("store");
    let id = store
        .write(|tx| {
            tx.insert(
                key("org/省发展改革委"),
                Organization {
                    name: "省发展改革委".into(),
                    kind: OrganizationKind::ProvincialDepartment,
                    aliases: vec!["省发改委".into(), "山西省发展和改革委员会".into()],
                    ..Default::default()
                },
                None,
            )
        })
        .expect("insert");
    let snap = store.read().expect("read");
    for name in ["省发展改革委", "省发改委", "山西省发展和改革委员会"] {
        assert_eq!(snap.ids_named(name).expect("names"), vec![id], "{name}");
    }
    drop(snap);
    store
        .write(|tx| {
            tx.update(
                id,
                Organization {
                    name: "省发展改革委".into(),
                    kind: OrganizationKind::ProvincialDepartment,
                    aliases: vec![],
                    ..Default::default()
                },
            )
        })
        .expect("update");
    let snap = store.read().expect("read");
    assert!(snap.ids_named("省发改委").expect("names").is_empty());
    assert_eq!(snap.ids_named("省发展改革委").expect("names"), vec![id]);
    assert!(store.verify().expect("verify").is_empty());
}

/// Damaged block values (adjacency, postings, timeline) are reported by `verify` under
/// their table, and reading through them is a typed error or a value, never a panic.
#[test]
fn damaged_blocks_are_reported_by_verify_and_never_panic_a_read() {
    let truncate = |v: &[u8]| v[..v.len() - 1].to_vec();
    let flip = |v: &[u8]| {
        let mut v = v.to_vec();
        let mid = v.len() / 2;
        v[mid] ^= 0x5a;
        v
    };
    let grow = |v: &[u8]| {
        let mut v = v.to_vec();
        v.push(7);
        v
    };
    for (name, damage) in [
        ("truncated", &truncate as &dyn Fn(&[u8]) -> Vec<u8>),
        ("flipped", &flip),
        ("extended", &grow),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("g.redb");
        {
            let store = Store::create(&path).expect("create");
            reformgraph::import::bundled::import_shanxi_2013(&store).expect("import");
            reformgraph::track::record(
                &store,
                reformgraph::track::EventInput::task_status(
                    "shanxi-2013/reform/1",
                    TaskStatus::InProgress,
                    Some(10.0),
                    "张三",
                ),
            )
            .expect("record");
        }
        let damaged = raw::damage_blocks(&path, damage);
        assert_eq!(damaged, ["adj_out", "fts_blocks", "timeline"]);
        let store = Store::open(&path).expect("opens");
        let problems = store.verify().expect("verify runs");
        let snap = store.read().expect("read");
        let derived = reformgraph::track::verify_state(&snap).expect("verify_state runs");
        for table in damaged {
            assert!(
                problems.iter().chain(&derived).any(|p| p.table == table),
                "{name} {table}: not reported in {problems:?} {derived:?}"
            );
        }
        // Reads that touch the damage: typed errors or values, no panic.
        for id in 1..40 {
            let _ = snap.edges(NodeId(id), None, Direction::Outgoing);
        }
        let _ = reformgraph::search::search(&snap, &reformgraph::search::SearchQuery::new("改革"));
    }
}

/// The search answers of a store, for comparing two stores' indexes.
fn answers(store: &Store, queries: &[&str]) -> Vec<Vec<(String, String)>> {
    let snap = store.read().unwrap();
    queries
        .iter()
        .map(|q| {
            search::search(&snap, &search::SearchQuery::new(*q))
                .unwrap()
                .hits
                .into_iter()
                .map(|h| (h.key, format!("{:.6}", h.score)))
                .collect()
        })
        .collect()
}

#[test]
fn a_name_added_later_indexes_the_earlier_texts_as_if_it_had_been_there() {
    // 煤层气开发利用办公室 is a name (an organisation) in both stores. Task 1 contains it,
    // task 2 contains all its bigrams but not the name, task 3 only a part of it.
    let texts = [
        "推进煤层气开发利用办公室牵头的抽采工程。",
        "煤层气开发；利用办公室。",
        "加快煤层气产业。",
    ];
    let tasks = |tx: &mut WriteTx<'_>| -> Result<()> {
        for (n, text) in (1u32..).zip(texts) {
            let t = Task {
                body: text.into(),
                ..task(n)
            };
            tx.insert(key(&format!("p/reform/{n}")), t, None)?;
        }
        Ok(())
    };
    let office = |tx: &mut WriteTx<'_>| -> Result<()> {
        let o = Organization {
            aliases: vec![],
            ..org("煤层气开发利用办公室")
        };
        tx.insert(key("org/煤层气开发利用办公室"), o, None)?;
        Ok(())
    };
    let later = Store::in_memory().unwrap();
    later.write(tasks).unwrap();
    // An unrelated write first: the store's cached names must not hide the new one.
    later
        .write(|tx| {
            tx.insert(key("org/省环保厅"), org("省环保厅"), None)
                .map(|_| ())
        })
        .unwrap();
    later.write(office).unwrap();
    let at_once = Store::in_memory().unwrap();
    at_once
        .write(|tx| {
            tasks(tx)?;
            tx.insert(key("org/省环保厅"), org("省环保厅"), None)?;
            office(tx)
        })
        .unwrap();
    // A text written after the name exists is tokenised with it (the cached names were
    // dropped when the name came).
    let task4 = |tx: &mut WriteTx<'_>| -> Result<()> {
        let t = Task {
            body: "煤层气开发利用办公室负责监测。".into(),
            ..task(4)
        };
        tx.insert(key("p/reform/4"), t, None).map(|_| ())
    };
    later.write(task4).unwrap();
    at_once.write(task4).unwrap();
    let queries = ["煤层气开发利用办公室", "利用办公室", "煤层气", "省环保厅"];
    let found = answers(&later, &queries);
    assert_eq!(found, answers(&at_once, &queries));
    let first: Vec<&str> = found[0].iter().map(|(k, _)| k.as_str()).collect();
    assert!(
        first.contains(&"p/reform/1") && first.contains(&"p/reform/4"),
        "{first:?}"
    );
    // Removing the name re-indexes the text that had it, again as a fresh build would.
    later
        .write(|tx| {
            let id = tx.id_of("org/煤层气开发利用办公室")?.expect("the office");
            tx.remove_node(id).map(|_| ())
        })
        .unwrap();
    let fresh = Store::in_memory().unwrap();
    fresh
        .write(|tx| {
            tasks(tx)?;
            task4(tx)?;
            tx.insert(key("org/省环保厅"), org("省环保厅"), None)
                .map(|_| ())
        })
        .unwrap();
    assert_eq!(answers(&later, &queries), answers(&fresh, &queries));
    assert!(later.verify().unwrap().is_empty());
}
