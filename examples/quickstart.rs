//! Build a tiny plan graph by hand, then ask who leads what.
//!
//! `cargo run -p reformgraph-examples --example quickstart [DB]`

use reformgraph::{
    Direction, Edge, EdgeKind, EdgeLabel, GraphRead, NodeKey, Organization, OrganizationKind,
    Store, Task, TaskRole, query,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let store = match std::env::args().nth(1) {
        Some(path) => Store::create(path)?,
        None => Store::in_memory()?,
    };
    store.write(|tx| {
        let env = tx.upsert(
            NodeKey::organization("省环保厅")?,
            Organization {
                name: "省环保厅".into(),
                kind: OrganizationKind::ProvincialDepartment,
                aliases: vec!["山西省环境保护厅".into()],
                ..Default::default()
            },
            None,
        )?;
        for (n, title) in [
            (14, "实施主要污染物总量管理制度改革"),
            (15, "推进污染者付全费制度改革"),
        ] {
            let task = tx.upsert(
                NodeKey::new(format!("example/reform/{n}"))?,
                Task {
                    role: TaskRole::Reform,
                    number: n.to_string(),
                    ordinal: n,
                    title: title.into(),
                    body: String::new(),
                    responsibility: Some("牵头部门：省环保厅".into()),
                    deadline: None,
                    ..Default::default()
                },
                None,
            )?;
            tx.add_edge(Edge::new(env.id(), EdgeKind::Leads { rank: 1 }, task.id()))?;
        }
        Ok::<_, reformgraph::Error>(())
    })?;

    let snap = store.read()?;
    // By alias: the department's full official name finds the same node.
    for led in query::tasks_led_by(&snap, "山西省环境保护厅")? {
        println!(
            "{} {} ({:?})",
            led.task.number, led.task.title, led.lead_role
        );
    }
    let org = snap.require("org/省环保厅")?;
    let n = snap
        .edges(org.id, Some(EdgeLabel::Leads), Direction::Outgoing)?
        .len();
    println!("省环保厅 leads {n} tasks; verify: {:?}", store.verify()?);
    Ok(())
}
