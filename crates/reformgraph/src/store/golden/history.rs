//! Golden bytes of the history and the state derived from it (see the parent module).

use super::super::codec::{decode, encode};
use super::super::records::StoredRecord;
use super::super::records::event_v1::EventV1;
use super::super::records::mirror::Unfit;
use super::super::records::state_v1::{CheckpointV1, ObservationV1, ProjectStateV1, TaskStateV1};
use super::{date, hex, unhex};
use crate::model::*;

fn event() -> Event {
    Event {
        id: EventId(0x0190_b7e2_5c3a_7d2e_9f10_3a4b_5c6d_7e8f),
        recorded_at: 1_400_000_000_000,
        effective: date(2014, 6, 30),
        actor: Actor {
            person: "张三".into(),
            organization: Some("org/省环保厅".into()),
        },
        evidence: Some(Evidence {
            document_number: Some("晋环发〔2014〕1号".into()),
            link: None,
            note: None,
        }),
        subject: "p/reform/10".into(),
        change: Change::TaskStatus {
            status: TaskStatus::InProgress,
            progress: Some(40.0),
            note: None,
        },
        supersedes: None,
        seal: None,
    }
}

/// RFC 8032, section 7.1, test 1: the secret key and the public key the RFC derives from it.
const RFC8032_SECRET: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC8032_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

/// A signed event is format 2: format 1's body, then the seal — the signer's 32 bytes,
/// `None` for the previous hash (0), and the 64-byte signature — and it reads back signed.
#[test]
fn a_signed_event_is_the_unsigned_layout_then_its_seal() {
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&unhex(RFC8032_SECRET));
    let key = crate::track::SecretKey::from_bytes(seed);
    assert_eq!(hex(&key.public().0), RFC8032_PUBLIC);
    let mut e = event();
    e.seal = Some(
        key.seal(&e, None)
            .unwrap_or_else(|err| unreachable!("{err}")),
    );
    crate::track::check_seal(&e).unwrap_or_else(|err| unreachable!("{err}"));
    let bytes = hex(&super::super::records::encode_event(&e).unwrap_or_default());
    let signature = e.seal.map(|s| hex(&s.signature.0)).unwrap_or_default();
    let want = format!("02{}{RFC8032_PUBLIC}00{signature}", &GOLDEN_EVENT[2..]);
    assert_eq!(bytes, want);
    let back = super::super::records::decode_event(&unhex(&bytes), String::new)
        .unwrap_or_else(|err| unreachable!("{err}"));
    assert_eq!(back, e);
    // An unsigned event keeps format 1, byte for byte.
    let unsigned = hex(&super::super::records::encode_event(&event()).unwrap_or_default());
    assert_eq!(unsigned, GOLDEN_EVENT);
}

/// The history and the state derived from it, pinned like the graph records.
#[test]
fn history_and_state_records_encode_to_pinned_bytes() {
    let e = event();
    let task = TaskState {
        status: TaskStatus::Delayed,
        progress: 35.5,
        deadline: Some(date(2015, 12, 31)),
        note: Some("进展".into()),
        last_event: Some(e.id),
        last_update: Some(date(2014, 6, 30)),
        last_actor: Some(e.actor.clone()),
    };
    let project = ProjectState {
        spec: ProjectSpec {
            name: "项目".into(),
            portfolio: "p/portfolio".into(),
            domain: None,
            area: Some("area/孝义市".into()),
            investment_wan_yuan: Some(1.5),
            responsible: None,
            year: 2014,
        },
        stage: ProjectStage::Signed,
        resume_stage: None,
        withdrawn: false,
        last_event: Some(e.id),
        last_update: None,
    };
    let observation = Observation {
        indicator: "indicator/城镇化率".into(),
        area: "area/山西省".into(),
        year: 2013,
        value: 52.56,
        unit: Unit::Percent,
        source: None,
        reference: false,
        event: e.id,
        effective: date(2014, 2, 28),
    };
    let block = crate::store::fulltext::PostingBlock::from_entries(&[
        crate::store::fulltext::Entry {
            id: 300,
            tf: 3,
            doc_len: 120,
        },
        crate::store::fulltext::Entry {
            id: 302,
            tf: 1,
            doc_len: 80,
        },
    ]);
    let doc = crate::store::fulltext::FtsDoc {
        len: 120,
        hash: 0xdead_beef,
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("event", frozen::<EventV1, _>(&e), GOLDEN_EVENT),
        (
            "task_state",
            frozen::<TaskStateV1, _>(&task),
            GOLDEN_TASK_STATE,
        ),
        (
            "project_state",
            frozen::<ProjectStateV1, _>(&project),
            GOLDEN_PROJECT_STATE,
        ),
        (
            "observation",
            frozen::<ObservationV1, _>(&observation),
            GOLDEN_OBSERVATION,
        ),
        (
            "edge block",
            encode(&crate::store::adjacency::EdgeBlock::from_entries(&[
                crate::store::adjacency::AdjEntry {
                    other: 40,
                    qualifier: 0,
                    attribute: 1,
                },
                crate::store::adjacency::AdjEntry {
                    other: 41,
                    qualifier: 2014,
                    attribute: 0,
                },
                crate::store::adjacency::AdjEntry {
                    other: 41,
                    qualifier: 2015,
                    attribute: 0,
                },
            ]))
            .unwrap_or_default(),
            GOLDEN_EDGE_BLOCK,
        ),
        (
            "posting block",
            encode(&block).unwrap_or_default(),
            GOLDEN_POSTING_BLOCK,
        ),
        ("fts_doc", encode(&doc).unwrap_or_default(), GOLDEN_FTS_DOC),
        (
            "task checkpoint",
            frozen::<CheckpointV1, _>(&Checkpoint::Task(task.clone())),
            GOLDEN_TASK_CHECKPOINT,
        ),
        (
            "project checkpoint",
            frozen::<CheckpointV1, _>(&Checkpoint::Project(Some(project.clone()))),
            GOLDEN_PROJECT_CHECKPOINT,
        ),
        (
            "unregistered project checkpoint",
            frozen::<CheckpointV1, _>(&Checkpoint::Project(None)),
            GOLDEN_NO_PROJECT_CHECKPOINT,
        ),
    ];
    for (name, bytes, golden) in cases {
        assert_eq!(hex(&bytes), golden, "encoding of {name} changed");
    }
    assert_eq!(thawed::<EventV1, Event>(GOLDEN_EVENT, "events"), e);
    assert_eq!(
        thawed::<TaskStateV1, TaskState>(GOLDEN_TASK_STATE, "task_state"),
        task
    );
    assert_eq!(
        thawed::<ProjectStateV1, ProjectState>(GOLDEN_PROJECT_STATE, "project_state"),
        project
    );
    assert_eq!(
        thawed::<ObservationV1, Observation>(GOLDEN_OBSERVATION, "observations"),
        observation
    );
    assert_eq!(
        thawed::<CheckpointV1, Checkpoint>(GOLDEN_NO_PROJECT_CHECKPOINT, "timeline"),
        Checkpoint::Project(None)
    );
}

/// The bytes of `value` as the store writes them: through its record type `R`.
fn frozen<R: StoredRecord + serde::Serialize + From<T>, T: Clone>(value: &T) -> Vec<u8> {
    encode(&R::from(value.clone())).unwrap_or_default()
}

/// The value pinned bytes decode to, through the record type `R`, as the store reads them.
fn thawed<R: StoredRecord + serde::de::DeserializeOwned, T: TryFrom<R, Error = Unfit>>(
    golden: &str,
    table: &'static str,
) -> T {
    let record: R =
        decode(&unhex(golden), table, String::new).unwrap_or_else(|e| unreachable!("{e}"));
    T::try_from(record).unwrap_or_else(|e| unreachable!("{e:?}"))
}

const GOLDEN_EVENT: &str = "01fe8f7e6d5c4b3a109f2e7d3a5ce2b79001fd006001ed8b020000fbde07061e06e5bca0e4b88901106f72672fe79c81e78eafe4bf9de58e85010117e6998be78eafe58f91e3809432303134e3809531e58fb700000b702f7265666f726d2f313000010100000000000044400000";
const GOLDEN_TASK_STATE: &str = "01030000000000c0414001fbdf070c1f0106e8bf9be5b19501fe8f7e6d5c4b3a109f2e7d3a5ce2b7900101fbde07061e0106e5bca0e4b88901106f72672fe79c81e78eafe4bf9de58e85";
const GOLDEN_PROJECT_STATE: &str = "0106e9a1b9e79bae0b702f706f7274666f6c696f00010e617265612fe5ad9de4b989e5b88201000000000000f83f00fbde0701000001fe8f7e6d5c4b3a109f2e7d3a5ce2b7900100";
const GOLDEN_OBSERVATION: &str = "0116696e64696361746f722fe59f8ee99587e58c96e78e870e617265612fe5b1b1e8a5bfe79c81fbdd0748e17a14ae474a40010000fe8f7e6d5c4b3a109f2e7d3a5ce2b79001fbde07021c";
const GOLDEN_POSTING_BLOCK: &str = "01020002020301027850";
const GOLDEN_FTS_DOC: &str = "0178fcefbeadde";
const GOLDEN_TASK_CHECKPOINT: &str = "0100030000000000c0414001fbdf070c1f0106e8bf9be5b19501fe8f7e6d5c4b3a109f2e7d3a5ce2b7900101fbde07061e0106e5bca0e4b88901106f72672fe79c81e78eafe4bf9de58e85";
const GOLDEN_PROJECT_CHECKPOINT: &str = "01010106e9a1b9e79bae0b702f706f7274666f6c696f00010e617265612fe5ad9de4b989e5b88201000000000000f83f00fbde0701000001fe8f7e6d5c4b3a109f2e7d3a5ce2b7900100";
const GOLDEN_NO_PROJECT_CHECKPOINT: &str = "010100";
const GOLDEN_EDGE_BLOCK: &str = "01030001000300fbde07fbdf0703010000";
