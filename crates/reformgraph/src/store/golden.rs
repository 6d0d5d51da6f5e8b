//! Golden bytes: the exact encoding of each record kind is pinned here. If one of these
//! fails, the on-disk format changed: bump the record format byte (keeping a decoder for the
//! old one) or the schema version, and add the old bytes as a fixture; never just update
//! the expected hex.
//!
//! Every value goes the way the store takes it: public type → record type → bytes, and
//! bytes → record type → public type.

use super::codec::{decode, encode};
use super::read::NodeRecord;
use super::records::edge_v1::EdgeKindV1;
use super::records::{decode_node, encode_node};
use crate::model::*;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn key(s: &str) -> NodeKey {
    NodeKey::new(s).unwrap_or_else(|e| unreachable!("{e}"))
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap_or_else(|e| unreachable!("{e}"))
}

fn samples() -> Vec<(&'static str, NodeRecord)> {
    let span = Some(SourceSpan {
        line: 7,
        start: 300,
        end: 420,
    });
    let rec = |k: &str, source, data| NodeRecord {
        key: key(k),
        source,
        data,
    };
    vec![
        (
            "plan",
            rec(
                "p",
                None,
                NodeData::Plan(Plan {
                    title: "方案".into(),
                    issuer: Some("省政府".into()),
                    document_number: None,
                    issued_on: Some(date(2013, 6, 1)),
                    period_start: Some(2013),
                    period_end: Some(2015),
                    implements: None,
                    preamble: vec!["序".into()],
                    retired: vec![],
                }),
            ),
        ),
        (
            "section",
            rec(
                "p/part/2",
                span,
                NodeData::Section(Section {
                    level: SectionLevel::Part,
                    number: "二".into(),
                    ordinal: 2,
                    title: "重大改革".into(),
                    paragraphs: vec![],
                }),
            ),
        ),
        (
            "task",
            rec(
                "p/reform/1",
                span,
                NodeData::Task(Task {
                    role: TaskRole::Reform,
                    number: "1".into(),
                    ordinal: 1,
                    title: "改革".into(),
                    body: "改革。".into(),
                    responsibility: Some("牵头部门：省国土厅".into()),
                    deadline: Some(date(2015, 12, 31)),
                    deadline_kind: DeadlineKind::Date,
                    deadline_text: None,
                    leaders: vec![],
                }),
            ),
        ),
        (
            "organization",
            rec(
                "org/省环保厅",
                None,
                NodeData::Organization(Organization {
                    name: "省环保厅".into(),
                    kind: OrganizationKind::ProvincialDepartment,
                    aliases: vec!["山西省环境保护厅".into()],
                    level: AdminLevel::Unknown,
                }),
            ),
        ),
        (
            "area",
            rec(
                "area/孝义市",
                None,
                NodeData::Area(Area {
                    name: "孝义市".into(),
                    level: AreaLevel::CountyLevelCity,
                    aliases: vec!["孝义".into()],
                }),
            ),
        ),
        (
            "indicator",
            rec(
                "indicator/城镇化率",
                None,
                NodeData::Indicator(Indicator {
                    name: "城镇化率".into(),
                    unit: Unit::Percent,
                }),
            ),
        ),
        (
            "target",
            rec(
                "p/target/城镇化率",
                span,
                NodeData::Target(Target {
                    comparator: Comparator::DecreaseFromBase,
                    value: Some(16.0),
                    value_max: None,
                    unit: Unit::Percent,
                    base_year: Some(2010),
                    deadline: Some(date(2015, 12, 31)),
                    annual: false,
                    reference: None,
                    wording: "降低16%".into(),
                }),
            ),
        ),
        (
            "project",
            rec(
                "p/project/1",
                None,
                NodeData::Project(Project {
                    name: "项目".into(),
                    domain: Some("产业转型".into()),
                    investment_wan_yuan: Some(1.5),
                    description: None,
                }),
            ),
        ),
        (
            "portfolio",
            rec(
                "p/portfolio",
                None,
                NodeData::Portfolio(Portfolio {
                    name: "省级重大项目".into(),
                    quota: Some(100),
                    period_start: Some(2013),
                    period_end: Some(2015),
                    stages: vec!["储备".into()],
                    domains: vec![PortfolioDomain {
                        name: "产业转型".into(),
                        focus: vec!["煤层气".into()],
                    }],
                    body: String::new(),
                }),
            ),
        ),
        (
            "selection_rule",
            rec(
                "p/rule/cities",
                None,
                NodeData::SelectionRule(SelectionRule {
                    subject: SelectionSubject::Cities,
                    min_per_year: Some(2),
                    max_per_year: None,
                    wording: "每年选择不少于两项".into(),
                }),
            ),
        ),
    ]
}

/// Node records as schemas 1–2 wrote them (format byte 1): frozen, decoded by
/// `records::node_v1`.
const NODE_GOLDEN_V1: [(&str, &str); 10] = [
    (
        "plan",
        "010170000006e696b9e6a1880109e79c81e694bfe5ba9c0001fbdd07060101fbdd0701fbdf07000103e5ba8f",
    ),
    (
        "section",
        "0108702f706172742f320107fb2c01fba401010003e4ba8c020ce9878de5a4a7e694b9e99da900",
    ),
    (
        "task",
        "010a702f7265666f726d2f310107fb2c01fba401020001310106e694b9e99da909e694b9e99da9e38082011be789b5e5a4b4e983a8e997a8efbc9ae79c81e59bbde59c9fe58e8501fbdf070c1f",
    ),
    (
        "organization",
        "01106f72672fe79c81e78eafe4bf9de58e8500030ce79c81e78eafe4bf9de58e85000118e5b1b1e8a5bfe79c81e78eafe5a283e4bf9de68aa4e58e85",
    ),
    (
        "area",
        "010e617265612fe5ad9de4b989e5b882000409e5ad9de4b989e5b882020106e5ad9de4b989",
    ),
    (
        "indicator",
        "0116696e64696361746f722fe59f8ee99587e58c96e78e8700050ce59f8ee99587e58c96e78e8701",
    ),
    (
        "target",
        "0115702f7461726765742fe59f8ee99587e58c96e78e870107fb2c01fba4010605010000000000003040000101fbda0701fbdf070c1f000009e9998de4bd8e313625",
    ),
    (
        "project",
        "010b702f70726f6a6563742f31000706e9a1b9e79bae010ce4baa7e4b89ae8bdace59e8b01000000000000f83f00",
    ),
    (
        "portfolio",
        "010b702f706f7274666f6c696f000812e79c81e7baa7e9878de5a4a7e9a1b9e79bae016401fbdd0701fbdf070106e582a8e5a487010ce4baa7e4b89ae8bdace59e8b0109e785a4e5b182e6b09400",
    ),
    (
        "selection_rule",
        "010d702f72756c652f6369746965730009000102001be6af8fe5b9b4e98089e68ba9e4b88de5b091e4ba8ee4b8a4e9a1b9",
    ),
];

/// The same samples in node record format 2 (schema 3), with the fields format 2 added
/// filled in by [`samples_v2`].
const NODE_GOLDEN_V2: [(&str, &str); 10] = [
    (
        "plan",
        "020170000006e696b9e6a1880109e79c81e694bfe5ba9c0001fbdd07060101fbdd0701fbdf07000103e5ba8f0108702f7461736b2f39",
    ),
    (
        "section",
        "0208702f706172742f320107fb2c01fba401010003e4ba8c020ce9878de5a4a7e694b9e99da900",
    ),
    (
        "task",
        "020a702f7265666f726d2f310107fb2c01fba401020001310106e694b9e99da909e694b9e99da9e38082011be789b5e5a4b4e983a8e997a8efbc9ae79c81e59bbde59c9fe58e8501fbdf070c1f01010d32303135e5b9b4e5ba95e5898d0106e5bca0e4b889",
    ),
    (
        "organization",
        "02106f72672fe79c81e78eafe4bf9de58e8500030ce79c81e78eafe4bf9de58e85000118e5b1b1e8a5bfe79c81e78eafe5a283e4bf9de68aa4e58e8502",
    ),
    (
        "area",
        "020e617265612fe5ad9de4b989e5b882000409e5ad9de4b989e5b882020106e5ad9de4b989",
    ),
    (
        "indicator",
        "0216696e64696361746f722fe59f8ee99587e58c96e78e8700050ce59f8ee99587e58c96e78e8701",
    ),
    (
        "target",
        "0215702f7461726765742fe59f8ee99587e58c96e78e870107fb2c01fba4010605010000000000003040000101fbda0701fbdf070c1f000009e9998de4bd8e313625",
    ),
    (
        "project",
        "020b702f70726f6a6563742f31000706e9a1b9e79bae010ce4baa7e4b89ae8bdace59e8b01000000000000f83f00",
    ),
    (
        "portfolio",
        "020b702f706f7274666f6c696f000812e79c81e7baa7e9878de5a4a7e9a1b9e79bae016401fbdd0701fbdf070106e582a8e5a487010ce4baa7e4b89ae8bdace59e8b0109e785a4e5b182e6b09400",
    ),
    (
        "selection_rule",
        "020d702f72756c652f6369746965730009000102001be6af8fe5b9b4e98089e68ba9e4b88de5b091e4ba8ee4b8a4e9a1b9",
    ),
];

/// [`samples`] with the fields of node format 2 set.
fn samples_v2() -> Vec<(&'static str, NodeRecord)> {
    let mut out = samples();
    for (_, rec) in &mut out {
        match &mut rec.data {
            NodeData::Task(t) => {
                t.deadline_text = Some("2015年底前".into());
                t.leaders = vec!["张三".into()];
            }
            NodeData::Organization(o) => o.level = AdminLevel::Provincial,
            NodeData::Plan(p) => p.retired = vec!["p/task/9".into()],
            _ => {}
        }
    }
    out
}

const EDGE_GOLDEN: [(EdgeKind, &str); 15] = [
    (EdgeKind::Contains { order: 3 }, "010003"),
    (EdgeKind::Leads { rank: 2 }, "010102"),
    (EdgeKind::Cooperates, "0102"),
    (EdgeKind::Mentions, "0103"),
    (EdgeKind::HasTarget, "0104"),
    (EdgeKind::MeasuredBy, "0105"),
    (EdgeKind::InArea, "0106"),
    (EdgeKind::SameAs, "0107"),
    (EdgeKind::DesignatedPilot, "0108"),
    (EdgeKind::Selected { year: 2014 }, "0109fbde07"),
    (EdgeKind::InPortfolio, "010a"),
    (EdgeKind::AppliesTo, "010b"),
    (EdgeKind::MayRecord, "010c"),
    (EdgeKind::Responsible, "010d"),
    (EdgeKind::Guides, "010e"),
];

#[test]
fn node_records_encode_to_pinned_bytes_and_back() {
    assert_eq!(
        samples().len(),
        NodeKind::ALL.len(),
        "one sample per node kind"
    );
    for ((name, record), (gname, golden)) in samples_v2().into_iter().zip(NODE_GOLDEN_V2) {
        assert_eq!(name, gname);
        let bytes = encode_node(&record).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(hex(&bytes), golden, "encoding of the {name} record changed");
        let back = decode_node(&bytes, || name.into()).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(back, record);
    }
}

#[test]
fn format_1_node_records_still_decode() {
    for ((name, record), (gname, golden)) in samples().into_iter().zip(NODE_GOLDEN_V1) {
        assert_eq!(name, gname);
        let bytes = unhex(golden);
        let back = decode_node(&bytes, || name.into()).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(back, record, "format-1 {name} record");
    }
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2).unwrap_or("zz"), 16).unwrap_or(0))
        .collect()
}

#[test]
fn edge_payloads_encode_to_pinned_bytes_and_back() {
    for (kind, golden) in EDGE_GOLDEN {
        let bytes = encode(&EdgeKindV1::from(kind)).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(hex(&bytes), golden, "encoding of {kind:?} changed");
        let back: EdgeKindV1 =
            decode(&bytes, "edges_out", String::new).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(EdgeKind::from(back), kind);
    }
}

#[test]
fn meta_values_encode_to_pinned_bytes() {
    assert_eq!(
        hex(&encode(&1u32).unwrap_or_else(|e| unreachable!("{e}"))),
        "0101"
    );
    assert_eq!(
        hex(&encode(&300u64).unwrap_or_else(|e| unreachable!("{e}"))),
        "01fb2c01"
    );
}

#[test]
fn every_record_starts_with_the_format_byte() {
    for (_, record) in samples() {
        let bytes = encode_node(&record).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(bytes.first(), Some(&super::codec::FORMAT_V2));
    }
}

#[test]
fn trailing_bytes_are_corruption() {
    let mut bytes =
        encode(&EdgeKindV1::from(EdgeKind::Mentions)).unwrap_or_else(|e| unreachable!("{e}"));
    bytes.push(0);
    let err = decode::<EdgeKindV1>(&bytes, "edges_out", || "k".into());
    assert!(matches!(
        err,
        Err(crate::Error::Corrupt {
            table: "edges_out",
            ..
        })
    ));
}

mod history;
