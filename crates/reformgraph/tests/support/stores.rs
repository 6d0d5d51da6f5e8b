//! Stores the ledger, 督办 and intake tests start from.
#![allow(dead_code, clippy::unwrap_used)]

use reformgraph::import::{self, ImportOptions, PlanMeta, Registry};
use reformgraph::track::{self, EventInput};
use reformgraph::{Change, Evidence, Store, TaskStatus};

/// A plan of the genre imported under the key `demo` with the Shanxi registry.
pub fn demo_store(text: &str) -> Store {
    let store = Store::in_memory().unwrap();
    let meta = PlanMeta {
        key: Some("demo".into()),
        ..PlanMeta::default()
    };
    import::import_text(
        &store,
        text,
        &meta,
        &Registry::shanxi().unwrap(),
        ImportOptions::default(),
    )
    .unwrap();
    store
}

/// Reform 10 of the bundled plan in progress at 40 % with the note 资金未到位, on the
/// document 晋政办发〔2014〕12号, effective 2014-06-30, by 张三.
pub fn reform_10_in_progress(store: &Store) {
    track::record(
        store,
        EventInput::new(
            "shanxi-2013/reform/10",
            Change::TaskStatus {
                status: TaskStatus::InProgress,
                progress: Some(40.0),
                note: Some("资金未到位".into()),
            },
            "张三",
        )
        .evidence(Evidence {
            document_number: Some("晋政办发〔2014〕12号".into()),
            link: None,
            note: None,
        })
        .effective("2014-06-30".parse().unwrap()),
    )
    .unwrap();
}

/// An annual sub-task (2014) of reform 16, 省环保厅's, added on 2014-02-01 by 王五.
pub fn sub_task_of_reform_16() -> EventInput {
    EventInput::new(
        "shanxi-2013/reform/16",
        Change::SubTaskAdded {
            year: 2014,
            title: "制定排污权初始分配政策".into(),
            deadline: "2014-12-31".parse().unwrap(),
            responsible: Some("org/省环保厅".into()),
        },
        "王五",
    )
    .effective("2014-02-01".parse().unwrap())
}
