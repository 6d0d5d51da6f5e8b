//! Property test: random transactions of node and edge operations, each committed or aborted,
//! applied both to the store and to a `BTreeMap` reference model. After every transaction
//! the two must give the same answers and `verify()` must be clean.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use proptest::prelude::*;
use reformgraph::*;

const KEYS: [&str; 6] = ["a/1", "a/2", "a/3", "b/1", "b/2", "org/x"];

#[derive(Debug, Clone)]
enum Op {
    Insert(usize, NodeData),
    Upsert(usize, NodeData),
    Remove(usize),
    AddEdge(usize, EdgeKind, usize),
    RemoveEdge(usize, EdgeKind, usize),
}

fn data() -> impl Strategy<Value = NodeData> {
    prop_oneof![
        ("[a-c]{1,3}", prop::bool::ANY).prop_map(|(name, county)| NodeData::Area(Area {
            name,
            level: if county {
                AreaLevel::County
            } else {
                AreaLevel::PrefectureCity
            },
            aliases: vec![],
        })),
        "[x-z]{1,2}".prop_map(|name| NodeData::Organization(Organization {
            name,
            kind: OrganizationKind::Group,
            aliases: vec!["alias".into()],
            ..Default::default()
        })),
    ]
}

fn edge_kind() -> impl Strategy<Value = EdgeKind> {
    prop_oneof![
        (1u16..3).prop_map(|rank| EdgeKind::Leads { rank }),
        Just(EdgeKind::Mentions),
        (2013u16..2015).prop_map(|year| EdgeKind::Selected { year }),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let k = 0..KEYS.len();
    prop_oneof![
        (k.clone(), data()).prop_map(|(k, d)| Op::Insert(k, d)),
        (k.clone(), data()).prop_map(|(k, d)| Op::Upsert(k, d)),
        k.clone().prop_map(Op::Remove),
        (k.clone(), edge_kind(), k.clone()).prop_map(|(a, e, b)| Op::AddEdge(a, e, b)),
        (k.clone(), edge_kind(), k).prop_map(|(a, e, b)| Op::RemoveEdge(a, e, b)),
    ]
}

/// The reference: nodes by key, edges by (from key, label, to key, qualifier).
#[derive(Debug, Clone, Default, PartialEq)]
struct Model {
    nodes: BTreeMap<String, NodeData>,
    edges: BTreeMap<(String, u8, String, u32), EdgeKind>,
}

impl Model {
    /// Applies an op; `Err(())` where the store must return an error.
    fn apply(&mut self, op: &Op) -> Result<(), ()> {
        let ek = |k: EdgeKind| (k.label().tag(), k.qualifier());
        match op {
            Op::Insert(k, d) => {
                let key = KEYS[*k].to_owned();
                if self.nodes.contains_key(&key) {
                    return Err(());
                }
                self.nodes.insert(key, d.clone());
            }
            Op::Upsert(k, d) => {
                let key = KEYS[*k].to_owned();
                if self
                    .nodes
                    .get(&key)
                    .is_some_and(|old| old.kind() != d.kind())
                {
                    return Err(());
                }
                self.nodes.insert(key, d.clone());
            }
            Op::Remove(k) => {
                let key = KEYS[*k];
                self.nodes.remove(key);
                self.edges.retain(|(f, _, t, _), _| f != key && t != key);
            }
            Op::AddEdge(a, kind, b) => {
                let (from, to) = (KEYS[*a].to_owned(), KEYS[*b].to_owned());
                if !self.nodes.contains_key(&from) || !self.nodes.contains_key(&to) {
                    return Err(());
                }
                let (tag, q) = ek(*kind);
                self.edges.insert((from, tag, to, q), *kind);
            }
            Op::RemoveEdge(a, kind, b) => {
                let (tag, q) = ek(*kind);
                self.edges
                    .remove(&(KEYS[*a].to_owned(), tag, KEYS[*b].to_owned(), q));
            }
        }
        Ok(())
    }
}

fn apply_store(tx: &mut WriteTx<'_>, op: &Op) -> Result<(), Error> {
    let id = |tx: &WriteTx<'_>, k: usize| tx.id_of(KEYS[k]);
    match op {
        Op::Insert(k, d) => tx
            .insert(
                NodeKey::new(KEYS[*k]).map_err(|e| Error::Invalid {
                    what: "key".into(),
                    reason: e.to_string(),
                })?,
                d.clone(),
                None,
            )
            .map(|_| ()),
        Op::Upsert(k, d) => tx
            .upsert(
                NodeKey::new(KEYS[*k]).map_err(|e| Error::Invalid {
                    what: "key".into(),
                    reason: e.to_string(),
                })?,
                d.clone(),
                None,
            )
            .map(|_| ()),
        Op::Remove(k) => {
            if let Some(i) = id(tx, *k)? {
                tx.remove_node(i)?;
            }
            Ok(())
        }
        Op::AddEdge(a, kind, b) => {
            let from = id(tx, *a)?.unwrap_or(NodeId(u64::MAX));
            let to = id(tx, *b)?.unwrap_or(NodeId(u64::MAX));
            tx.add_edge(Edge::new(from, *kind, to)).map(|_| ())
        }
        Op::RemoveEdge(a, kind, b) => {
            if let (Some(from), Some(to)) = (id(tx, *a)?, id(tx, *b)?) {
                tx.remove_edge(&Edge::new(from, *kind, to))?;
            }
            Ok(())
        }
    }
}

fn observe(store: &Store) -> Model {
    let snap = store.read().expect("read");
    let mut m = Model::default();
    let mut key_of = BTreeMap::new();
    for kind in NodeKind::ALL {
        for id in snap.ids_of_kind(kind).expect("ids") {
            let n = snap.node(id).expect("node").expect("present");
            key_of.insert(id, n.key.to_string());
            m.nodes.insert(n.key.to_string(), n.data);
        }
    }
    for (&id, key) in &key_of {
        let out = snap.edges(id, None, Direction::Outgoing).expect("out");
        for e in out {
            m.edges.insert(
                (
                    key.clone(),
                    e.kind.label().tag(),
                    key_of[&e.to].clone(),
                    e.kind.qualifier(),
                ),
                e.kind,
            );
        }
        // Every incoming edge must be the mirror of an outgoing one.
        for e in snap.edges(id, None, Direction::Incoming).expect("in") {
            let out_of_from = snap.edges(e.from, None, Direction::Outgoing).expect("out");
            assert!(
                out_of_from.contains(&e),
                "incoming {e:?} has no outgoing mirror"
            );
        }
    }
    m
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn store_matches_a_btreemap_model(
        txns in prop::collection::vec((prop::collection::vec(op(), 1..6), prop::bool::weighted(0.8)), 1..12)
    ) {
        let store = Store::in_memory().expect("store");
        let mut model = Model::default();
        for (ops, commit) in txns {
            let mut next = model.clone();
            let mut expect_ok = true;
            for op in &ops {
                if next.apply(op).is_err() {
                    expect_ok = false;
                    break;
                }
            }
            let result = store.write(|tx| {
                for op in &ops {
                    apply_store(tx, op)?;
                }
                if commit { Ok(()) } else { Err(Error::ReadOnly) }
            });
            if commit {
                prop_assert_eq!(result.is_ok(), expect_ok, "ops {:?}: {:?}", ops, result);
            } else {
                prop_assert!(result.is_err());
            }
            if commit && expect_ok {
                model = next;
            }
            prop_assert_eq!(&observe(&store), &model);
            let problems = store.verify().expect("verify");
            prop_assert!(problems.is_empty(), "{:?}", problems);
        }
    }
}
