//! Synthetic plan documents of the 实施方案 / 分工方案 / 责任分解 genre, with known truth.
//!
//! A [`DocSpec`] is drawn by proptest (so failures shrink to small documents) and rendered by
//! [`DocSpec::render`] into a [`Generated`]: the text, and for every task the byte offset
//! where it begins plus the units, roles, leaders and deadline a person reading the text
//! would annotate, following `data/corpus/ANNOTATION.md`:
//!
//! - `牵头` units are leads, ranked in printed order; when a clause names no `牵头` unit,
//!   the units it makes responsible (`X负责`, `责任单位：X`, `X负责落实`, `X分别负责`,
//!   `X按职责分工负责`) and the units of an unlabelled list `（X，Y，Z）` are leads;
//! - `责任单位` / `按职责分工负责` units beside a `牵头` unit are responsible;
//! - `配合` / `参与` / `协同责任单位` / `协同单位` units co-operate; `指导` units guide;
//! - `分管领导` / `分管省领导` / `牵头负责领导` name leaders;
//! - `2022年底前` / `到2022年` → 2022-12-31, `2022年6月底前` → 2022-06-30, the latest of
//!   several; `年内` → 31 December of the document's year (the year of its signature date,
//!   2021, also the first year of the plan period); `持续推进` / `长期坚持` → continuous;
//!   `每年` → yearly; nothing → unstated.
//!
//! Unit names come from a fixed list of full names that need no abbreviation folding, plus
//! groups (各县（市、区）人民政府, 各区、县级市 …) that are one unit each. In a half-width
//! document every （）：，； of the text is printed ():,;. In a Traditional document the
//! clause words (labels, verbs, deadline words) are printed in Traditional characters, and
//! sometimes the unit names too; the truth keeps the Simplified names.

use std::fmt;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::subsequence;
use proptest::strategy::Union;
use reformgraph::import::PlanMeta;

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

/// Departments: full names as officially printed (no abbreviation to fold).
pub const DEPARTMENTS: &[&str] = &[
    "市财政局",
    "市教育局",
    "市公安局",
    "市民政局",
    "市司法局",
    "市商务局",
    "市统计局",
    "市审计局",
    "市税务局",
    "市水利局",
    "市农业农村局",
    "市交通运输局",
    "市卫生健康委",
    "市应急管理局",
    "市医疗保障局",
    "市文化和旅游局",
    "市住房和城乡建设局",
    "市自然资源和规划局",
    "市生态环境局",
    "市退役军人事务局",
    "市林业局",
    "区司法局",
    "区财政局",
    "区教育局",
    "区民政局",
    "省商务厅",
    "省财政厅",
    "省教育厅",
    "省公安厅",
    "省水利厅",
    "省交通运输厅",
    "省农业农村厅",
    "国家统计局",
    "国家发展改革委",
    "国家林业和草原局",
    "生态环境部",
    "市场监管总局",
    "财政部",
    "教育部",
    "商务部",
    "水利部",
    "农业农村部",
    "交通运输部",
    "自然资源部",
    "中国人民银行",
];

/// Groups: each is ONE unit, even where it contains 、 or brackets.
pub const GROUPS: &[&str] = &[
    "各县（市、区）人民政府",
    "有关部门",
    "市直各单位",
    "各区、县级市",
];

/// The name of unit `u` (an index into [`DEPARTMENTS`] then [`GROUPS`]).
pub fn unit_name(u: usize) -> &'static str {
    if u < DEPARTMENTS.len() {
        DEPARTMENTS[u]
    } else {
        GROUPS[u - DEPARTMENTS.len()]
    }
}

fn unit_of(name: &str) -> usize {
    (0..DEPARTMENTS.len() + GROUPS.len())
        .find(|&u| unit_name(u) == name)
        .expect("a listed unit")
}

/// Leaders: every character is the same in Simplified and Traditional.
const LEADERS: &[&str] = &[
    "王明",
    "李平",
    "周喜安",
    "林志",
    "朱建文",
    "胡春",
    "郭海峰",
    "何青",
    "高峰",
    "徐平安",
];

const PLACES: &[&str] = &["滨江", "青山", "临川", "云溪", "东湖", "南屏"];

/// (issuer suffix, short name used in the notice, addressees line without the ：).
const ISSUER_KINDS: &[(&str, &str, &str)] = &[
    (
        "市人民政府",
        "市政府",
        "各县（市、区）人民政府，市政府各部门，各直属机构",
    ),
    (
        "市人民政府办公室",
        "市政府",
        "各县（市、区）人民政府，市政府各部门，各直属机构",
    ),
    (
        "区人民政府",
        "区政府",
        "各街道办事处，区政府各部门，区属各企事业单位",
    ),
    (
        "省人民政府办公厅",
        "省政府",
        "各市人民政府，省政府各部门、各直属机构",
    ),
];

const TOPICS: &[&str] = &[
    "深化“放管服”改革优化营商环境",
    "推进数字政府建设",
    "加快现代流通体系建设",
    "推动绿色低碳高质量发展",
    "深化新旧动能转换",
    "全面推进乡村振兴",
];

const GENRES: &[&str] = &["实施方案", "重点任务分工方案", "重点工作责任分解方案"];

/// Plain paragraphs that assign nothing: no clause word, no unit, no date, no deadline word.
pub const NOISE: &[&str] = &[
    "要充分认识做好此项工作的重要意义，进一步统一思想、提高认识，确保各项工作落到实处。",
    "坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众的获得感、幸福感、安全感。",
    "聚焦重点领域和关键环节，加强政策衔接，推动改革举措系统集成、落地见效。",
    "及时总结推广典型经验做法，加强宣传引导，营造良好社会氛围。",
    "对工作推进中遇到的新情况新问题，要深入调查研究，及时提出解决办法。",
    "坚持问题导向和目标导向相统一，注重改革的系统性、整体性、协调性。",
    "统筹发展和安全，守住不发生系统性风险的底线。",
];

/// Words a noise paragraph, heading or task body must never contain.
pub const CLAUSE_WORDS: &[&str] = &[
    "牵头",
    "负责",
    "配合",
    "参与",
    "指导",
    "责任",
    "协同",
    "协办",
    "分工",
    "单位",
    "部门",
    "领导",
    "持续推进",
    "长期坚持",
    "每年",
    "年内",
    "底前",
    "（",
    "(",
    "〔",
];

const HEADINGS: &[&str] = &[
    "推进简政放权，释放发展活力",
    "深化重点领域改革",
    "加快产业转型升级",
    "提升公共服务水平",
    "加强生态环境保护",
    "推动城乡融合发展",
    "优化市场准入环境",
    "强化科技创新支撑",
    "规范精简审批，进一步提高行政效能",
    "健全现代流通网络",
];

const VERBS: &[&str] = &[
    "推进", "深化", "完善", "健全", "加快", "实施", "开展", "强化", "优化", "落实",
];

const OBJECTS: &[&str] = &[
    "政务服务标准化建设",
    "营商环境评价工作",
    "社会信用体系建设",
    "基层治理体系建设",
    "城乡融合发展机制",
    "数字政府建设",
    "农村人居环境整治",
    "公共文化服务体系建设",
    "重点项目审批流程改革",
    "中小企业服务体系",
    "工程建设项目审批制度改革",
    "行政备案事项管理",
];

const EXTRAS: &[&str] = &[
    "建立健全工作机制，形成一批可复制可推广的经验",
    "推动各项政策措施落地见效",
    "进一步压减办理时限，提升群众和企业满意度",
    "加强数据共享，推进跨层级、跨领域业务协作",
    "完善配套政策，强化要素保障",
];

/// Quantities; `#` is replaced by a number.
const QUANTITIES: &[&str] = &["新增#家以上市场主体", "建成#个示范点", "培育#个重点项目"];

/// The word pools that must contain no clause word (see [`CLAUSE_WORDS`]).
pub fn plain_vocabulary() -> [(&'static str, &'static [&'static str]); 6] {
    [
        ("noise", NOISE),
        ("heading", HEADINGS),
        ("verb", VERBS),
        ("object", OBJECTS),
        ("extra", EXTRAS),
        ("quantity", QUANTITIES),
    ]
}

/// The year of the document (its signature date; also the first year of its period).
pub const DOC_YEAR: u16 = 2021;

// ---------------------------------------------------------------------------------------
// Truth
// ---------------------------------------------------------------------------------------

/// A task's deadline as ANNOTATION.md defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// No stated deadline.
    Unstated,
    /// A date (year, month, day).
    Date(u16, u8, u8),
    /// 持续推进, 长期坚持.
    Continuous,
    /// 每年.
    Yearly,
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deadline::Unstated => f.write_str("unstated"),
            Deadline::Date(y, m, d) => write!(f, "date {y:04}-{m:02}-{d:02}"),
            Deadline::Continuous => f.write_str("continuous"),
            Deadline::Yearly => f.write_str("yearly"),
        }
    }
}

/// Which responsibility form a task was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormKind {
    /// `（牵头单位：X；配合单位：Y、Z）`
    LeadCoopLabel,
    /// `（牵头单位：X，责任单位：Y）`
    LeadRespLabel,
    /// `〔责任单位：X、Y按职责分工负责〕`
    RespDivided,
    /// `（X牵头，Y配合）`
    LeadCoopVerb,
    /// `（X牵头，Y参与）`
    LeadJoinVerb,
    /// `（X、Y牵头，有关部门按职责分工负责）`
    LeadsDivided,
    /// `（X负责）`, `（X、Y负责）`
    Responsible,
    /// `（X指导，Y负责落实）`
    GuideImpl,
    /// `（X分别负责，年内持续推进）`
    Separately,
    /// `（X，Y，Z）`
    Unlabelled,
    /// `牵头单位：X` / `责任单位：…` / `配合单位：…` / `分管领导：…` lines after the task.
    OwnLine,
    /// A row of a table flattened to text.
    Table,
}

impl FormKind {
    /// Every form.
    pub const ALL: [FormKind; 12] = [
        FormKind::LeadCoopLabel,
        FormKind::LeadRespLabel,
        FormKind::RespDivided,
        FormKind::LeadCoopVerb,
        FormKind::LeadJoinVerb,
        FormKind::LeadsDivided,
        FormKind::Responsible,
        FormKind::GuideImpl,
        FormKind::Separately,
        FormKind::Unlabelled,
        FormKind::OwnLine,
        FormKind::Table,
    ];

    /// The form as printed, for reports.
    pub fn pattern(self) -> &'static str {
        match self {
            FormKind::LeadCoopLabel => "（牵头单位：X；配合单位：Y、Z）",
            FormKind::LeadRespLabel => "（牵头单位：X，责任单位：Y）",
            FormKind::RespDivided => "〔责任单位：X、Y按职责分工负责〕",
            FormKind::LeadCoopVerb => "（X牵头，Y配合）",
            FormKind::LeadJoinVerb => "（X牵头，Y参与）",
            FormKind::LeadsDivided => "（X、Y牵头，有关部门按职责分工负责）",
            FormKind::Responsible => "（X负责） / （X、Y负责）",
            FormKind::GuideImpl => "（X指导，Y负责落实）",
            FormKind::Separately => "（X分别负责，年内持续推进）",
            FormKind::Unlabelled => "（X，Y，Z）",
            FormKind::OwnLine => {
                "own-line 牵头单位：/责任单位：/配合单位：/协同责任单位：/分管领导："
            }
            FormKind::Table => "table row (序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限)",
        }
    }
}

/// What a reader annotates for one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruthTask {
    /// Byte offset where the task begins: its number marker, or its first character
    /// (unnumbered paragraph; a table row's first cell).
    pub start: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// The marker as printed (`3.`, `（二）`, `①`, `` for none, the 序号 cell of a row).
    pub marker: String,
    /// The number as ANNOTATION.md writes it: the marker without its punctuation (`3`,
    /// `二`, `①`; `` for an unnumbered paragraph or a table without a 序号 column).
    pub number: String,
    /// The form its clause was written in.
    pub form: FormKind,
    /// Lead units in rank order (Simplified, full-width punctuation).
    pub leads: Vec<String>,
    /// Responsible units.
    pub responsible: Vec<String>,
    /// Co-operating units.
    pub cooperating: Vec<String>,
    /// Guiding units.
    pub guiding: Vec<String>,
    /// Leaders, as printed.
    pub leaders: Vec<String>,
    /// The deadline.
    pub deadline: Deadline,
}

/// What a paragraph of the generated text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// Title, document number, addressees, notice, signature, date, plan title, intro.
    Preamble,
    /// A section heading (its children are tasks or sections).
    Heading,
    /// A plain paragraph between tasks that assigns nothing.
    Noise,
    /// The first line of a task.
    Task,
    /// A responsibility line after a task (`牵头单位：X`).
    Clause,
    /// A table's title or 附件 line.
    TableTitle,
    /// A table's header (row or cell).
    TableHeader,
    /// A table cell or row.
    TableCell,
}

/// One line of the generated text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Para {
    /// What it is.
    pub kind: ParaKind,
    /// Byte offset of its first character (after indentation).
    pub start: usize,
    /// Byte offset one past its last character (before the line break).
    pub end: usize,
    /// 1-based line number.
    pub line: u32,
}

/// A generated document with its truth.
#[derive(Clone)]
pub struct Generated {
    /// The text.
    pub text: String,
    /// The issuer (for [`PlanMeta::issuer`]).
    pub issuer: String,
    /// Every task, in document order.
    pub tasks: Vec<TruthTask>,
    /// Every line that is not blank.
    pub paras: Vec<Para>,
    /// One-line description of the document's options.
    pub options: String,
}

impl Generated {
    /// The metadata the importer gets.
    pub fn meta(&self) -> PlanMeta {
        PlanMeta {
            key: Some("gen".into()),
            period_start: Some(2021),
            period_end: Some(2023),
            issuer: Some(self.issuer.clone()),
            ..PlanMeta::default()
        }
    }

    /// The text with line numbers, for failure messages.
    pub fn numbered_text(&self) -> String {
        self.text
            .split('\n')
            .enumerate()
            .map(|(i, l)| format!("{:>4}| {l}\n", i + 1))
            .collect()
    }
}

impl fmt::Debug for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Generated document ({}):", self.options)?;
        writeln!(f, "-----8<-----")?;
        f.write_str(&self.text)?;
        writeln!(f, "----->8-----")?;
        writeln!(f, "truth:")?;
        for t in &self.tasks {
            writeln!(f, "  {}", describe_truth(t))?;
        }
        Ok(())
    }
}

/// A marker without its punctuation: `3.` → `3`, `（二）` → `二`, `①` → `①`.
pub fn number_of(marker: &str) -> String {
    marker
        .chars()
        .filter(|c| !"、.．﹒（）()".contains(*c))
        .collect()
}

/// One line describing a truth task.
pub fn describe_truth(t: &TruthTask) -> String {
    format!(
        "line {} byte {} {:?} number={:?} [{:?}] leads={:?} responsible={:?} cooperating={:?} guiding={:?} leaders={:?} deadline={}",
        t.line,
        t.start,
        t.marker,
        t.number,
        t.form,
        t.leads,
        t.responsible,
        t.cooperating,
        t.guiding,
        t.leaders,
        t.deadline
    )
}

// ---------------------------------------------------------------------------------------
// Specs (what proptest draws)
// ---------------------------------------------------------------------------------------

/// A date as a task body prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec {
    /// `2022年底前`
    YearEnd(u16),
    /// `2022年6月底前`
    MonthEnd(u16, u8),
    /// `到2022年`
    By(u16),
}

impl DateSpec {
    fn text(self) -> String {
        match self {
            DateSpec::YearEnd(y) => format!("{y}年底前"),
            DateSpec::MonthEnd(y, m) => format!("{y}年{m}月底前"),
            DateSpec::By(y) => format!("到{y}年"),
        }
    }

    fn date(self) -> (u16, u8, u8) {
        match self {
            DateSpec::YearEnd(y) | DateSpec::By(y) => (y, 12, 31),
            DateSpec::MonthEnd(y, m) => (y, m, last_day(y, m)),
        }
    }
}

fn last_day(y: u16, m: u8) -> u8 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Where a task body states its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// None.
    None,
    /// At the very start (`3.2022年底前完成…`: the text begins with a digit).
    Start(DateSpec),
    /// Inside (`…，力争2022年6月底前取得明显成效`).
    Inner(DateSpec),
    /// Two dates (`…，2022年6月底前完成试点，2023年底前全面推开`): the latest counts.
    Two(DateSpec, DateSpec),
}

/// A task's text without its clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySpec {
    verb: usize,
    object: usize,
    extras: Vec<usize>,
    quantity: Option<(usize, u16)>,
    dates: Dates,
}

impl BodySpec {
    fn render(&self, with_dates: bool) -> (String, Deadline) {
        let verb = VERBS[self.verb];
        let obj = OBJECTS[self.object];
        let dates = if with_dates { self.dates } else { Dates::None };
        let mut s = match dates {
            Dates::None => format!("{verb}{obj}"),
            Dates::Start(DateSpec::By(y)) => format!("到{y}年，基本完成{obj}"),
            Dates::Start(d) => format!("{}完成{obj}", d.text()),
            Dates::Inner(d) => format!("{verb}{obj}，力争{}取得明显成效", d.text()),
            Dates::Two(a, b) if a.date() > b.date() => {
                format!("{verb}{obj}，{}完成试点，{}全面推开", b.text(), a.text())
            }
            Dates::Two(a, b) => format!("{verb}{obj}，{}完成试点，{}全面推开", a.text(), b.text()),
        };
        for &e in &self.extras {
            s.push('。');
            s.push_str(EXTRAS[e]);
        }
        if let Some((q, n)) = self.quantity {
            s.push('，');
            s.push_str(&QUANTITIES[q].replace('#', &n.to_string()));
        }
        let deadline = match dates {
            Dates::None => Deadline::Unstated,
            Dates::Start(d) | Dates::Inner(d) => {
                let (y, m, dd) = d.date();
                Deadline::Date(y, m, dd)
            }
            Dates::Two(a, b) => {
                let (y, m, d) = a.date().max(b.date());
                Deadline::Date(y, m, d)
            }
        };
        (s, deadline)
    }
}

/// A deadline word inside a bracket clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    /// `持续推进`
    Continuous,
    /// `长期坚持`
    LongTerm,
    /// `每年`
    Yearly,
}

impl Seg {
    fn text(self) -> &'static str {
        match self {
            Seg::Continuous => "持续推进",
            Seg::LongTerm => "长期坚持",
            Seg::Yearly => "每年",
        }
    }

    fn deadline(self) -> Deadline {
        match self {
            Seg::Continuous | Seg::LongTerm => Deadline::Continuous,
            Seg::Yearly => Deadline::Yearly,
        }
    }
}

/// How a bracket clause is punctuated and placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClauseStyle {
    /// 〔〕 instead of （） for the labelled forms.
    lenticular: bool,
    /// ； instead of ， between labelled segments.
    semicolon: bool,
    /// `正文。（clause）` instead of `正文（clause）。`.
    after_period: bool,
    /// A deadline word at the end of the clause.
    seg: Option<Seg>,
}

/// Own-line responsibility clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnLine {
    /// 牵头单位 (0) or 牵头责任单位 (1); `None`: no 牵头 line.
    lead_label: Option<usize>,
    leads: Vec<usize>,
    resps: Vec<usize>,
    /// 配合单位 (0) or 协同责任单位 (1).
    coop_label: usize,
    coops: Vec<usize>,
    /// 分管领导 (0), 牵头负责领导 (1), 分管省领导 (2).
    leader_label: usize,
    leaders: Vec<usize>,
    leaders_first: bool,
    full_stop: bool,
    etc: bool,
}

const LEAD_LABELS: [&str; 2] = ["牵头单位", "牵头责任单位"];
const COOP_LABELS: [&str; 2] = ["配合单位", "协同责任单位"];
const LEADER_LABELS: [&str; 3] = ["分管领导", "牵头负责领导", "分管省领导"];

/// A responsibility form with its units (indices, see [`unit_name`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// `（牵头单位：X；配合单位：Y、Z）`
    LeadCoopLabel {
        leads: Vec<usize>,
        coops: Vec<usize>,
    },
    /// `（牵头单位：X，责任单位：Y）`
    LeadRespLabel {
        leads: Vec<usize>,
        resps: Vec<usize>,
    },
    /// `〔责任单位：X、Y按职责分工负责〕`
    RespDivided { units: Vec<usize>, etc: bool },
    /// `（X牵头，Y配合）`
    LeadCoopVerb {
        leads: Vec<usize>,
        coops: Vec<usize>,
    },
    /// `（X牵头，Y参与）`
    LeadJoinVerb {
        leads: Vec<usize>,
        coops: Vec<usize>,
    },
    /// `（X、Y牵头，Z按职责分工负责）`
    LeadsDivided {
        leads: Vec<usize>,
        resps: Vec<usize>,
    },
    /// `（X、Y负责）`
    Responsible { units: Vec<usize> },
    /// `（X指导，Y负责落实）`
    GuideImpl {
        guides: Vec<usize>,
        impls: Vec<usize>,
    },
    /// `（X分别负责[，年内持续推进]）`
    Separately {
        units: Vec<usize>,
        within_year: bool,
    },
    /// `（X，Y、Z）`: `commas[i]` says whether gap `i` is ， (else 、).
    Unlabelled {
        units: Vec<usize>,
        commas: Vec<bool>,
    },
    /// Lines after the task.
    OwnLine(OwnLine),
}

/// One task of an outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskSpec {
    body: BodySpec,
    style: ClauseStyle,
    form: Form,
}

/// Numbering style of one outline level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// 一、
    Chinese,
    /// （一）
    ParenChinese,
    /// 1. 1、 1． 1﹒
    Arabic,
    /// （1）
    ParenArabic,
    /// ①
    Circled,
    /// No number: paragraphs (only as the deepest level).
    Unnumbered,
}

const ARABIC_PUNCT: [&str; 4] = [".", "、", "．", "﹒"];

/// An item of an outline with the noise paragraph printed before it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    noise_before: Option<usize>,
    node: Node,
}

/// A heading with children, or a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A section: heading text index, whether it ends with 。, children.
    Section {
        heading: usize,
        period: bool,
        children: Vec<Entry>,
    },
    /// A task.
    Task(TaskSpec),
    /// A paragraph enumerating tasks with their own clauses: heading text index, then
    /// 一是…（X负责）；二是…（Y负责）。 — each member a task.
    Enumeration {
        heading: usize,
        members: Vec<TaskSpec>,
    },
}

/// A numbered outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// One style per level (its length is the depth).
    styles: Vec<Style>,
    /// Whether numbering restarts under each new parent, per level.
    restart: Vec<bool>,
    arabic_punct: usize,
    entries: Vec<Entry>,
    closing_noise: Option<usize>,
}

/// How a table is flattened to text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// `序号 | 工作任务 | …`
    Pipe,
    /// Tab-separated.
    Tab,
    /// Cells joined by spaces (one, two or an ideographic space), as copied out of a PDF.
    Spaces(usize),
    /// One cell per line, blank lines between cells.
    Cells,
}

/// Which unit columns a table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadCols {
    /// 牵头单位.
    Lead,
    /// 责任单位 only (→ lead).
    RespOnly,
    /// 牵头单位 and 责任单位 (→ responsible).
    Both,
}

/// A 完成时限 cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellDeadline {
    /// A date.
    Date(DateSpec),
    /// 年内.
    WithinYear,
    /// 持续推进 / 长期坚持 / 每年.
    Seg(Seg),
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    body: BodySpec,
    /// Distinct units: leads, responsible, co-operating, guiding taken in turn.
    units: Vec<usize>,
    counts: (usize, usize, usize),
    deadline: CellDeadline,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    format: TableFormat,
    seq: bool,
    lead_cols: LeadCols,
    /// Co-operating column: 配合单位 (false) or 协同单位 (true).
    coop: Option<bool>,
    guide: bool,
    deadline_col: bool,
    lead_first: bool,
    task_header: usize,
    rows: Vec<Row>,
}

const TASK_HEADERS: [&str; 3] = ["工作任务", "重点任务", "任务内容"];

/// The body after the preamble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// An outline.
    Outline(Outline),
    /// A table.
    Table(Table),
    /// An outline, then an attached table.
    OutlineThenTable(Outline, Table),
}

/// Traditional characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trad {
    /// None.
    None,
    /// Clause words only.
    Words,
    /// Clause words and unit names.
    WordsAndUnits,
}

/// A whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSpec {
    half_width: bool,
    trad: Trad,
    /// 0: none, 1: two ideographic spaces, 2: two ASCII spaces.
    indent: usize,
    place: usize,
    issuer_kind: usize,
    topic: usize,
    genre: usize,
    doc_number: Option<u8>,
    month: u8,
    day: u8,
    body: Body,
}

// ---------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------

/// `k` distinct units, in random order, about one in five a group.
fn slots(k: usize) -> impl Strategy<Value = Vec<usize>> {
    (
        subsequence((0..DEPARTMENTS.len()).collect::<Vec<_>>(), k).prop_shuffle(),
        vec(proptest::option::weighted(0.2, 0..GROUPS.len()), k),
    )
        .prop_map(|(mut units, groups)| {
            for (i, g) in groups.into_iter().enumerate() {
                if let Some(g) = g {
                    let u = DEPARTMENTS.len() + g;
                    if !units.contains(&u) {
                        units[i] = u;
                    }
                }
            }
            units
        })
}

fn date_spec() -> impl Strategy<Value = DateSpec> {
    prop_oneof![
        (2021u16..=2023).prop_map(DateSpec::YearEnd),
        (2021u16..=2023, 1u8..=12).prop_map(|(y, m)| DateSpec::MonthEnd(y, m)),
        (2021u16..=2023).prop_map(DateSpec::By),
    ]
}

fn dates() -> impl Strategy<Value = Dates> {
    prop_oneof![
        3 => Just(Dates::None),
        1 => date_spec().prop_map(Dates::Start),
        1 => date_spec().prop_map(Dates::Inner),
        1 => (date_spec(), date_spec()).prop_map(|(a, b)| Dates::Two(a, b)),
    ]
}

fn body_spec() -> impl Strategy<Value = BodySpec> {
    (
        0..VERBS.len(),
        0..OBJECTS.len(),
        subsequence((0..EXTRAS.len()).collect::<Vec<_>>(), 0..=2),
        proptest::option::weighted(0.3, (0..QUANTITIES.len(), 10u16..300)),
        dates(),
    )
        .prop_map(|(verb, object, extras, quantity, dates)| BodySpec {
            verb,
            object,
            extras,
            quantity,
            dates,
        })
}

fn seg() -> impl Strategy<Value = Seg> {
    prop_oneof![
        Just(Seg::Continuous),
        Just(Seg::LongTerm),
        Just(Seg::Yearly)
    ]
}

fn clause_style() -> impl Strategy<Value = ClauseStyle> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::weighted(0.25, seg()),
    )
        .prop_map(|(lenticular, semicolon, after_period, seg)| ClauseStyle {
            lenticular,
            semicolon,
            after_period,
            seg,
        })
}

fn split2(u: &[usize], a: usize, b: usize) -> (Vec<usize>, Vec<usize>) {
    (u[..a].to_vec(), u[a..a + b].to_vec())
}

fn form(kind: FormKind) -> BoxedStrategy<Form> {
    match kind {
        FormKind::LeadCoopLabel => (slots(5), 1..=2usize, 1..=3usize)
            .prop_map(|(u, a, b)| {
                let (leads, coops) = split2(&u, a, b);
                Form::LeadCoopLabel { leads, coops }
            })
            .boxed(),
        FormKind::LeadRespLabel => (slots(4), 1..=2usize, 1..=2usize)
            .prop_map(|(u, a, b)| {
                let (leads, resps) = split2(&u, a, b);
                Form::LeadRespLabel { leads, resps }
            })
            .boxed(),
        FormKind::RespDivided => (slots(3), 1..=3usize, proptest::bool::weighted(0.2))
            .prop_map(|(u, n, etc)| Form::RespDivided {
                units: u[..n].to_vec(),
                etc,
            })
            .boxed(),
        FormKind::LeadCoopVerb => (slots(4), 1..=2usize, 1..=2usize)
            .prop_map(|(u, a, b)| {
                let (leads, coops) = split2(&u, a, b);
                Form::LeadCoopVerb { leads, coops }
            })
            .boxed(),
        FormKind::LeadJoinVerb => (slots(4), 1..=2usize, 1..=2usize)
            .prop_map(|(u, a, b)| {
                let (leads, coops) = split2(&u, a, b);
                Form::LeadJoinVerb { leads, coops }
            })
            .boxed(),
        FormKind::LeadsDivided => (slots(4), 1..=2usize, 1..=2usize, any::<bool>())
            .prop_map(|(u, a, b, related)| {
                let youguan = unit_of("有关部门");
                let (leads, mut resps) = split2(&u, a, b);
                if related && !leads.contains(&youguan) {
                    resps = vec![youguan];
                }
                Form::LeadsDivided { leads, resps }
            })
            .boxed(),
        FormKind::Responsible => (slots(3), 1..=3usize)
            .prop_map(|(u, n)| Form::Responsible {
                units: u[..n].to_vec(),
            })
            .boxed(),
        FormKind::GuideImpl => (slots(4), 1..=2usize, 1..=2usize)
            .prop_map(|(u, a, b)| {
                let (guides, impls) = split2(&u, a, b);
                Form::GuideImpl { guides, impls }
            })
            .boxed(),
        FormKind::Separately => (slots(2), 1..=2usize, any::<bool>())
            .prop_map(|(u, n, within_year)| Form::Separately {
                units: u[..n].to_vec(),
                within_year,
            })
            .boxed(),
        FormKind::Unlabelled => (slots(4), 2..=4usize, vec(any::<bool>(), 3))
            .prop_map(|(u, n, commas)| Form::Unlabelled {
                units: u[..n].to_vec(),
                commas: commas[..n - 1].to_vec(),
            })
            .boxed(),
        FormKind::OwnLine | FormKind::Table => (
            slots(7),
            proptest::option::weighted(0.8, 0..LEAD_LABELS.len()),
            (1..=2usize, 0..=2usize, 0..=3usize),
            0..COOP_LABELS.len(),
            0..LEADER_LABELS.len(),
            subsequence((0..LEADERS.len()).collect::<Vec<_>>(), 0..=2).prop_shuffle(),
            (any::<bool>(), any::<bool>(), proptest::bool::weighted(0.2)),
        )
            .prop_map(
                |(u, lead_label, (a, b, c), coop_label, leader_label, leaders, flags)| {
                    let (leads, resps, coops) = if lead_label.is_some() {
                        (
                            u[..a].to_vec(),
                            u[a..a + b].to_vec(),
                            u[a + b..a + b + c].to_vec(),
                        )
                    } else {
                        // No 牵头 line: at least one 责任单位.
                        let b = b.max(1);
                        (Vec::new(), u[..b].to_vec(), u[b..b + c].to_vec())
                    };
                    Form::OwnLine(OwnLine {
                        lead_label,
                        leads,
                        resps,
                        coop_label,
                        coops,
                        leader_label,
                        leaders,
                        leaders_first: flags.0,
                        full_stop: flags.1,
                        etc: flags.2,
                    })
                },
            )
            .boxed(),
    }
}

fn task(forms: &[FormKind]) -> BoxedStrategy<TaskSpec> {
    let forms: Vec<FormKind> = forms
        .iter()
        .copied()
        .filter(|&k| k != FormKind::Table)
        .collect();
    let form = Union::new(forms.into_iter().map(form));
    (body_spec(), clause_style(), form)
        .prop_map(|(body, style, form)| TaskSpec { body, style, form })
        .boxed()
}

fn noise() -> impl Strategy<Value = Option<usize>> {
    proptest::option::weighted(0.2, 0..NOISE.len())
}

/// A task, or now and then an enumeration of tasks (members use bracketed clause forms).
fn leaf(forms: &[FormKind]) -> BoxedStrategy<Node> {
    let bracketed: Vec<FormKind> = forms
        .iter()
        .copied()
        .filter(|&k| k != FormKind::OwnLine && k != FormKind::Table)
        .collect();
    if bracketed.is_empty() {
        return task(forms).prop_map(Node::Task).boxed();
    }
    let enumeration = (0..HEADINGS.len(), vec(task(&bracketed), 2..=4))
        .prop_map(|(heading, members)| Node::Enumeration { heading, members });
    prop_oneof![
        6 => task(forms).prop_map(Node::Task),
        1 => enumeration,
    ]
    .boxed()
}

fn entries(level: usize, depth: usize, forms: &[FormKind]) -> BoxedStrategy<Vec<Entry>> {
    if level + 1 == depth {
        vec(
            (noise(), leaf(forms)).prop_map(|(noise_before, node)| Entry { noise_before, node }),
            1..=4,
        )
        .boxed()
    } else {
        let section = (
            0..HEADINGS.len(),
            any::<bool>(),
            entries(level + 1, depth, forms),
        )
            .prop_map(|(heading, period, children)| Node::Section {
                heading,
                period,
                children,
            });
        let node = prop_oneof![
            4 => section,
            1 => leaf(forms),
        ];
        vec(
            (noise(), node).prop_map(|(noise_before, node)| Entry { noise_before, node }),
            1..=3,
        )
        .boxed()
    }
}

fn outline_of_depth(depth: usize, forms: &[FormKind]) -> BoxedStrategy<Outline> {
    let all = vec![
        Style::Chinese,
        Style::ParenChinese,
        Style::Arabic,
        Style::ParenArabic,
        Style::Circled,
    ];
    (
        subsequence(all, depth),
        proptest::bool::weighted(0.15),
        vec(any::<bool>(), 3),
        0..ARABIC_PUNCT.len(),
        entries(0, depth, forms),
        noise(),
    )
        .prop_map(
            move |(mut styles, unnumbered_last, restart, arabic_punct, entries, closing_noise)| {
                if unnumbered_last {
                    styles[depth - 1] = Style::Unnumbered;
                }
                Outline {
                    styles,
                    restart,
                    arabic_punct,
                    entries,
                    closing_noise,
                }
            },
        )
        .boxed()
}

fn outline(forms: &[FormKind]) -> BoxedStrategy<Outline> {
    prop_oneof![
        outline_of_depth(1, forms),
        outline_of_depth(2, forms),
        outline_of_depth(3, forms),
    ]
    .boxed()
}

fn cell_deadline() -> impl Strategy<Value = CellDeadline> {
    prop_oneof![
        date_spec().prop_map(CellDeadline::Date),
        Just(CellDeadline::WithinYear),
        seg().prop_map(CellDeadline::Seg),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    (
        body_spec(),
        slots(7),
        (1..=2usize, 1..=2usize, 1..=2usize),
        cell_deadline(),
    )
        .prop_map(|(body, units, counts, deadline)| Row {
            body,
            units,
            counts,
            deadline,
        })
}

fn table() -> BoxedStrategy<Table> {
    (
        prop_oneof![
            Just(TableFormat::Pipe),
            Just(TableFormat::Tab),
            (0..3usize).prop_map(TableFormat::Spaces),
            Just(TableFormat::Cells)
        ],
        proptest::bool::weighted(0.8),
        prop_oneof![
            3 => Just(LeadCols::Lead),
            1 => Just(LeadCols::RespOnly),
            1 => Just(LeadCols::Both),
        ],
        proptest::option::weighted(0.7, any::<bool>()),
        proptest::bool::weighted(0.15),
        proptest::bool::weighted(0.8),
        proptest::bool::weighted(0.2),
        0..TASK_HEADERS.len(),
        vec(row(), 1..=5),
    )
        .prop_map(
            |(format, seq, lead_cols, coop, guide, deadline_col, lead_first, task_header, rows)| {
                Table {
                    format,
                    seq,
                    lead_cols,
                    coop,
                    guide,
                    deadline_col,
                    lead_first,
                    task_header,
                    rows,
                }
            },
        )
        .boxed()
}

fn body(forms: &[FormKind]) -> BoxedStrategy<Body> {
    let has_table = forms.contains(&FormKind::Table);
    let has_outline = forms.iter().any(|&k| k != FormKind::Table);
    match (has_outline, has_table) {
        (true, true) => prop_oneof![
            6 => outline(forms).prop_map(Body::Outline),
            1 => table().prop_map(Body::Table),
            1 => (outline(forms), table()).prop_map(|(o, t)| Body::OutlineThenTable(o, t)),
        ]
        .boxed(),
        (true, false) => outline(forms).prop_map(Body::Outline).boxed(),
        (false, _) => table().prop_map(Body::Table).boxed(),
    }
}

/// Documents whose tasks use only `forms` (every form: [`FormKind::ALL`]).
pub fn doc_spec(forms: &[FormKind]) -> BoxedStrategy<DocSpec> {
    assert!(!forms.is_empty(), "at least one form");
    (
        proptest::bool::weighted(0.35),
        prop_oneof![
            6 => Just(Trad::None),
            1 => Just(Trad::Words),
            1 => Just(Trad::WordsAndUnits),
        ],
        prop_oneof![4 => Just(0usize), 1 => Just(1usize), 1 => Just(2usize)],
        (0..PLACES.len(), 0..ISSUER_KINDS.len()),
        (0..TOPICS.len(), 0..GENRES.len()),
        proptest::option::weighted(0.6, 1u8..60),
        (1u8..=12, 1u8..=28),
        body(forms),
    )
        .prop_map(
            |(
                half_width,
                trad,
                indent,
                (place, issuer_kind),
                (topic, genre),
                doc_number,
                (month, day),
                body,
            )| {
                DocSpec {
                    half_width,
                    trad,
                    indent,
                    place,
                    issuer_kind,
                    topic,
                    genre,
                    doc_number,
                    month,
                    day,
                    body,
                }
            },
        )
        .boxed()
}

/// Rendered documents whose tasks use only `forms`.
pub fn generated(forms: &[FormKind]) -> BoxedStrategy<Generated> {
    doc_spec(forms).prop_map(|d| d.render()).boxed()
}

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------

/// Whether `c` is a hanzi of GB2312 (the Simplified set: the importer never changes these).
fn in_gb2312(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable
        && matches!(*bytes, [lead, trail] if (0xB0..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail))
}

/// OpenCC's Traditional → Simplified characters (the table the importer ships), read
/// backwards: for each Simplified character, the Traditional ones that map to it.
fn simplified_to_traditional() -> &'static std::collections::HashMap<char, Vec<char>> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, Vec<char>>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: std::collections::HashMap<char, Vec<char>> = std::collections::HashMap::new();
        for line in include_str!("../../src/import/data/opencc_TSCharacters.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((from, to)) = line.split_once('\t') else {
                continue;
            };
            let mut f = from.chars();
            let mut t = to.split(' ').next().unwrap_or("").chars();
            if let (Some(f), None, Some(t), None) = (f.next(), f.next(), t.next(), t.next()) {
                map.entry(t).or_default().push(f);
            }
        }
        map
    })
}

/// The Traditional form of each character whose Traditional form is unambiguous: not a
/// Simplified (GB2312) character itself, and the only Traditional character OpenCC maps to
/// it.
pub fn to_traditional(s: &str) -> String {
    s.chars()
        .map(|c| {
            if !CONVERTIBLE.contains(c) {
                return c;
            }
            match simplified_to_traditional().get(&c).map(Vec::as_slice) {
                Some([t]) if *t != c && !in_gb2312(*t) => *t,
                _ => c,
            }
        })
        .collect()
}

/// Characters of clause words and unit names converted to Traditional (a reversed
/// Traditional → Simplified table cannot tell 合 from 閤, so only characters whose
/// Traditional form is a different, well-known character are listed).
const CONVERTIBLE: &str = "牵头单位负责协门领导职务厅县区机关环办财国时内续进农业资产设监卫应统计税医疗体态园组织处队属构镇乡级经济场电网运输质检验传广学";

/// Traditional → Simplified as the importer does it (its normalisation stage).
pub fn to_simplified(s: &str) -> String {
    reformgraph::import::normalize::normalize(s).text
}

/// Full-width → half-width for （）：，； (a half-width document prints every one so).
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            c => c,
        })
        .collect()
}

/// Chinese numeral for 1–99.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, n % 10);
    let mut s = String::new();
    match tens {
        0 => {}
        1 => s.push('十'),
        t => {
            s.push_str(DIGITS[t as usize]);
            s.push('十');
        }
    }
    s.push_str(DIGITS[ones as usize]);
    s
}

fn circled(n: u32) -> String {
    char::from_u32(0x2460 + n - 1)
        .filter(|_| (1..=20).contains(&n))
        .map(String::from)
        .unwrap_or_else(|| format!("({n})"))
}

struct Pen {
    trad_words: bool,
    trad_units: bool,
}

impl Pen {
    /// A clause word.
    fn w(&self, s: &str) -> String {
        if self.trad_words {
            to_traditional(s)
        } else {
            s.to_owned()
        }
    }

    fn unit(&self, u: usize) -> String {
        if self.trad_units {
            to_traditional(unit_name(u))
        } else {
            unit_name(u).to_owned()
        }
    }

    fn list(&self, units: &[usize]) -> String {
        units
            .iter()
            .map(|&u| self.unit(u))
            .collect::<Vec<_>>()
            .join("、")
    }
}

fn names(units: &[usize]) -> Vec<String> {
    units.iter().map(|&u| unit_name(u).to_owned()).collect()
}

struct Writer {
    text: String,
    line: u32,
    half: bool,
    indent: &'static str,
    paras: Vec<Para>,
    tasks: Vec<TruthTask>,
}

impl Writer {
    /// Writes one line (indented when `indent`); returns (start offset, line number).
    fn line(&mut self, indent: bool, content: &str, kind: ParaKind) -> (usize, u32) {
        if indent {
            self.text.push_str(self.indent);
        }
        let start = self.text.len();
        if self.half {
            self.text.push_str(&to_half_width(content));
        } else {
            self.text.push_str(content);
        }
        let end = self.text.len();
        let line = self.line;
        self.paras.push(Para {
            kind,
            start,
            end,
            line,
        });
        self.text.push('\n');
        self.line += 1;
        (start, line)
    }

    fn blank(&mut self) {
        self.text.push('\n');
        self.line += 1;
    }

    fn printed(&self, s: &str) -> String {
        if self.half {
            to_half_width(s)
        } else {
            s.to_owned()
        }
    }
}

/// Roles of one task's units, as names.
#[derive(Default)]
struct Roles {
    leads: Vec<String>,
    responsible: Vec<String>,
    cooperating: Vec<String>,
    guiding: Vec<String>,
    leaders: Vec<String>,
}

impl Roles {
    /// The truth of a task that starts at `at` (byte offset, line) with these units.
    fn truth(
        self,
        at: (usize, u32),
        marker: String,
        number: String,
        form: FormKind,
        deadline: Deadline,
    ) -> TruthTask {
        TruthTask {
            start: at.0,
            line: at.1,
            marker,
            number,
            form,
            leads: self.leads,
            responsible: self.responsible,
            cooperating: self.cooperating,
            guiding: self.guiding,
            leaders: self.leaders,
            deadline,
        }
    }
}

/// A labelled bracket clause: segments `label：units`, then an optional deadline word.
fn labelled(
    pen: &Pen,
    segs: &[(&str, &[usize], bool)],
    style: &ClauseStyle,
    seg: Option<Seg>,
) -> String {
    let (open, close) = if style.lenticular {
        ("〔", "〕")
    } else {
        ("（", "）")
    };
    let sep = if style.semicolon { "；" } else { "，" };
    let mut parts: Vec<String> = segs
        .iter()
        .map(|(label, units, etc)| {
            format!(
                "{}：{}{}",
                pen.w(label),
                pen.list(units),
                if *etc { "等" } else { "" }
            )
        })
        .collect();
    if let Some(s) = seg {
        parts.push(pen.w(s.text()));
    }
    format!("{open}{}{close}", parts.join(sep))
}

/// `（A，B）` around verb phrases, with an optional deadline word.
fn verbal(pen: &Pen, phrases: &[String], seg: Option<&str>) -> String {
    let mut parts = phrases.to_vec();
    if let Some(s) = seg {
        parts.push(pen.w(s));
    }
    format!("（{}）", parts.join("，"))
}

/// What follows a task body.
enum Clause {
    /// A bracket clause at the end of the paragraph.
    Bracket(String),
    /// Lines after the paragraph.
    Lines(Vec<String>),
}

impl TaskSpec {
    /// The clause, roles, form and clause deadline (which drops the body's dates).
    fn clause(&self, pen: &Pen, numbered: bool) -> (Clause, Roles, FormKind, Option<Deadline>) {
        let st = &self.style;
        let seg = st.seg;
        let seg_deadline = seg.map(Seg::deadline);
        match &self.form {
            Form::LeadCoopLabel { leads, coops } => (
                Clause::Bracket(labelled(
                    pen,
                    &[("牵头单位", leads, false), ("配合单位", coops, false)],
                    st,
                    seg,
                )),
                Roles {
                    leads: names(leads),
                    cooperating: names(coops),
                    ..Roles::default()
                },
                FormKind::LeadCoopLabel,
                seg_deadline,
            ),
            Form::LeadRespLabel { leads, resps } => (
                Clause::Bracket(labelled(
                    pen,
                    &[("牵头单位", leads, false), ("责任单位", resps, false)],
                    st,
                    seg,
                )),
                Roles {
                    leads: names(leads),
                    responsible: names(resps),
                    ..Roles::default()
                },
                FormKind::LeadRespLabel,
                seg_deadline,
            ),
            Form::RespDivided { units, etc } => {
                let etc = *etc && units.last().is_some_and(|&u| u < DEPARTMENTS.len());
                let sep = if st.semicolon { "；" } else { "，" };
                let tail = seg
                    .map(|s| format!("{sep}{}", pen.w(s.text())))
                    .unwrap_or_default();
                (
                    Clause::Bracket(format!(
                        "〔{}：{}{}{}{tail}〕",
                        pen.w("责任单位"),
                        pen.list(units),
                        if etc { "等" } else { "" },
                        pen.w("按职责分工负责"),
                    )),
                    Roles {
                        leads: names(units),
                        ..Roles::default()
                    },
                    FormKind::RespDivided,
                    seg_deadline,
                )
            }
            Form::LeadCoopVerb { leads, coops } | Form::LeadJoinVerb { leads, coops } => {
                let (verb, kind) = if matches!(self.form, Form::LeadCoopVerb { .. }) {
                    ("配合", FormKind::LeadCoopVerb)
                } else {
                    ("参与", FormKind::LeadJoinVerb)
                };
                (
                    Clause::Bracket(verbal(
                        pen,
                        &[
                            format!("{}{}", pen.list(leads), pen.w("牵头")),
                            format!("{}{}", pen.list(coops), pen.w(verb)),
                        ],
                        seg.map(Seg::text),
                    )),
                    Roles {
                        leads: names(leads),
                        cooperating: names(coops),
                        ..Roles::default()
                    },
                    kind,
                    seg_deadline,
                )
            }
            Form::LeadsDivided { leads, resps } => (
                Clause::Bracket(verbal(
                    pen,
                    &[
                        format!("{}{}", pen.list(leads), pen.w("牵头")),
                        format!("{}{}", pen.list(resps), pen.w("按职责分工负责")),
                    ],
                    seg.map(Seg::text),
                )),
                Roles {
                    leads: names(leads),
                    responsible: names(resps),
                    ..Roles::default()
                },
                FormKind::LeadsDivided,
                seg_deadline,
            ),
            Form::Responsible { units } => (
                Clause::Bracket(verbal(
                    pen,
                    &[format!("{}{}", pen.list(units), pen.w("负责"))],
                    seg.map(Seg::text),
                )),
                Roles {
                    leads: names(units),
                    ..Roles::default()
                },
                FormKind::Responsible,
                seg_deadline,
            ),
            Form::GuideImpl { guides, impls } => (
                Clause::Bracket(verbal(
                    pen,
                    &[
                        format!("{}{}", pen.list(guides), pen.w("指导")),
                        format!("{}{}", pen.list(impls), pen.w("负责落实")),
                    ],
                    seg.map(Seg::text),
                )),
                Roles {
                    leads: names(impls),
                    guiding: names(guides),
                    ..Roles::default()
                },
                FormKind::GuideImpl,
                seg_deadline,
            ),
            Form::Separately { units, within_year } => (
                Clause::Bracket(verbal(
                    pen,
                    &[format!("{}{}", pen.list(units), pen.w("分别负责"))],
                    within_year.then_some("年内持续推进"),
                )),
                Roles {
                    leads: names(units),
                    ..Roles::default()
                },
                FormKind::Separately,
                within_year.then_some(Deadline::Date(DOC_YEAR, 12, 31)),
            ),
            Form::Unlabelled { units, commas } => {
                let mut commas = commas.clone();
                if !commas.contains(&true)
                    && let Some(last) = commas.last_mut()
                {
                    *last = true;
                }
                let mut s = String::from("（");
                for (i, &u) in units.iter().enumerate() {
                    if i > 0 {
                        s.push(if commas[i - 1] { '，' } else { '、' });
                    }
                    s.push_str(&pen.unit(u));
                }
                s.push('）');
                (
                    Clause::Bracket(s),
                    Roles {
                        leads: names(units),
                        ..Roles::default()
                    },
                    FormKind::Unlabelled,
                    None,
                )
            }
            Form::OwnLine(o) => {
                let roles = Roles {
                    leads: if o.lead_label.is_some() {
                        names(&o.leads)
                    } else {
                        names(&o.resps)
                    },
                    responsible: if o.lead_label.is_some() {
                        names(&o.resps)
                    } else {
                        Vec::new()
                    },
                    cooperating: names(&o.coops),
                    guiding: Vec::new(),
                    leaders: if numbered {
                        o.leaders.iter().map(|&l| LEADERS[l].to_owned()).collect()
                    } else {
                        Vec::new()
                    },
                };
                let etc = o.etc && o.coops.last().is_some_and(|&u| u < DEPARTMENTS.len());
                let mut segs: Vec<(&str, &[usize], bool)> = Vec::new();
                if let Some(l) = o.lead_label {
                    segs.push((LEAD_LABELS[l], &o.leads, false));
                }
                if !o.resps.is_empty() {
                    segs.push(("责任单位", &o.resps, false));
                }
                if !o.coops.is_empty() {
                    segs.push((COOP_LABELS[o.coop_label], &o.coops, etc));
                }
                if !numbered {
                    // An unnumbered paragraph cannot own the lines after it unambiguously:
                    // the same units as one labelled bracket clause (leaders dropped).
                    let kind = FormKind::LeadCoopLabel;
                    return (
                        Clause::Bracket(labelled(pen, &segs, &self.style, None)),
                        roles,
                        kind,
                        None,
                    );
                }
                let stop = if o.full_stop { "。" } else { "" };
                let mut lines: Vec<String> = segs
                    .iter()
                    .map(|(label, units, etc)| {
                        format!(
                            "{}：{}{}{stop}",
                            pen.w(label),
                            pen.list(units),
                            if *etc { "等" } else { "" }
                        )
                    })
                    .collect();
                if !o.leaders.is_empty() {
                    let names: Vec<&str> = o.leaders.iter().map(|&l| LEADERS[l]).collect();
                    let line = format!(
                        "{}：{}{stop}",
                        pen.w(LEADER_LABELS[o.leader_label]),
                        names.join("、")
                    );
                    if o.leaders_first {
                        lines.insert(0, line);
                    } else {
                        lines.push(line);
                    }
                }
                (Clause::Lines(lines), roles, FormKind::OwnLine, None)
            }
        }
    }

    fn render(&self, w: &mut Writer, pen: &Pen, marker: &str, numbered: bool) {
        let (clause, roles, form, clause_deadline) = self.clause(pen, numbered);
        let (body, body_deadline) = self.body.render(clause_deadline.is_none());
        let deadline = clause_deadline.unwrap_or(body_deadline);
        let (start, line) = match &clause {
            Clause::Bracket(c) => {
                let text = if self.style.after_period {
                    format!("{marker}{body}。{c}")
                } else {
                    format!("{marker}{body}{c}。")
                };
                w.line(true, &text, ParaKind::Task)
            }
            Clause::Lines(lines) => {
                let at = w.line(true, &format!("{marker}{body}。"), ParaKind::Task);
                for l in lines {
                    w.line(true, l, ParaKind::Clause);
                }
                at
            }
        };
        let marker = w.printed(marker);
        let number = number_of(&marker);
        w.tasks
            .push(roles.truth((start, line), marker, number, form, deadline));
    }
}

/// `{marker}{heading}。一是{body}{clause}；二是…。`: one paragraph, a task per member, each
/// starting at its enumerator.
fn render_enumeration(
    w: &mut Writer,
    pen: &Pen,
    marker: &str,
    heading: &str,
    members: &[TaskSpec],
) {
    let mut text = format!("{marker}{heading}。");
    let mut truths = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let (clause, roles, form, clause_deadline) = m.clause(pen, true);
        let Clause::Bracket(c) = clause else {
            unreachable!("members use bracketed forms")
        };
        let (body, body_deadline) = m.body.render(clause_deadline.is_none());
        let numeral = chinese_numeral(u32::try_from(i + 1).unwrap_or(1));
        let member = if m.style.after_period {
            format!("{numeral}是{body}。{c}")
        } else {
            format!("{numeral}是{body}{c}")
        };
        text.push_str(&member);
        text.push(if i + 1 == members.len() { '。' } else { '；' });
        truths.push((
            numeral,
            roles,
            form,
            clause_deadline.unwrap_or(body_deadline),
        ));
    }
    let (start, line) = w.line(true, &text, ParaKind::Task);
    // Offsets in the printed line (half-width punctuation changes byte lengths).
    let printed = w.text.get(start..).unwrap_or("").to_owned();
    let mut from = 0;
    for (numeral, roles, form, deadline) in truths {
        let word = format!("{numeral}是");
        let at = from
            + printed[from..]
                .find(&word)
                .expect("the enumerator was written");
        from = at + word.len();
        w.tasks
            .push(roles.truth((start + at, line), word, numeral, form, deadline));
    }
}

struct Numbering<'a> {
    outline: &'a Outline,
    counters: [u32; 3],
}

impl Numbering<'_> {
    fn style(&self, level: usize) -> Style {
        self.outline.styles[level]
    }

    fn next(&mut self, level: usize) -> String {
        self.counters[level] += 1;
        let n = self.counters[level];
        match self.style(level) {
            Style::Chinese => format!("{}、", chinese_numeral(n)),
            Style::ParenChinese => format!("（{}）", chinese_numeral(n)),
            Style::Arabic => format!("{n}{}", ARABIC_PUNCT[self.outline.arabic_punct]),
            Style::ParenArabic => format!("（{n}）"),
            Style::Circled => circled(n),
            Style::Unnumbered => String::new(),
        }
    }

    /// Entering a new parent at `level`: the level below restarts if it does.
    fn enter(&mut self, level: usize) {
        let child = level + 1;
        if child < self.outline.styles.len()
            && (self.outline.restart[child] || self.style(child) == Style::Circled)
        {
            self.counters[child] = 0;
        }
    }
}

fn render_entries(
    w: &mut Writer,
    pen: &Pen,
    num: &mut Numbering<'_>,
    level: usize,
    entries: &[Entry],
) {
    for e in entries {
        if let Some(n) = e.noise_before {
            w.line(true, NOISE[n], ParaKind::Noise);
        }
        let marker = num.next(level);
        match &e.node {
            Node::Section {
                heading,
                period,
                children,
            } => {
                let dot = if *period && num.style(level) != Style::Chinese {
                    "。"
                } else {
                    ""
                };
                w.line(
                    true,
                    &format!("{marker}{}{dot}", HEADINGS[*heading]),
                    ParaKind::Heading,
                );
                num.enter(level);
                render_entries(w, pen, num, level + 1, children);
            }
            Node::Task(t) => {
                let numbered = num.style(level) != Style::Unnumbered;
                t.render(w, pen, &marker, numbered);
            }
            Node::Enumeration { heading, members } => {
                render_enumeration(w, pen, &marker, HEADINGS[*heading], members);
            }
        }
    }
}

fn render_outline(w: &mut Writer, pen: &Pen, o: &Outline) {
    let mut num = Numbering {
        outline: o,
        counters: [0; 3],
    };
    render_entries(w, pen, &mut num, 0, &o.entries);
    if let Some(n) = o.closing_noise {
        w.line(true, NOISE[n], ParaKind::Noise);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Seq,
    Task,
    Lead,
    Resp,
    Coop,
    Guide,
    Deadline,
}

impl Table {
    fn columns(&self) -> Vec<Col> {
        let mut cols = Vec::new();
        if self.seq {
            cols.push(Col::Seq);
        }
        let mut units = Vec::new();
        match self.lead_cols {
            LeadCols::Lead => units.push(Col::Lead),
            LeadCols::RespOnly => units.push(Col::Resp),
            LeadCols::Both => {
                units.push(Col::Lead);
                units.push(Col::Resp);
            }
        }
        if self.coop.is_some() {
            units.push(Col::Coop);
        }
        if self.guide {
            units.push(Col::Guide);
        }
        if self.lead_first {
            cols.push(units.remove(0));
            cols.push(Col::Task);
        } else {
            cols.push(Col::Task);
        }
        cols.extend(units);
        if self.deadline_col {
            cols.push(Col::Deadline);
        }
        cols
    }

    fn header(&self, pen: &Pen, col: Col) -> String {
        match col {
            Col::Seq => "序号".to_owned(),
            Col::Task => TASK_HEADERS[self.task_header].to_owned(),
            Col::Lead => pen.w("牵头单位"),
            Col::Resp => pen.w("责任单位"),
            Col::Coop => pen.w(if self.coop == Some(true) {
                "协同单位"
            } else {
                "配合单位"
            }),
            Col::Guide => pen.w("指导部门"),
            Col::Deadline => pen.w("完成时限"),
        }
    }

    fn render(&self, w: &mut Writer, pen: &Pen) {
        let cols = self.columns();
        let header: Vec<String> = cols.iter().map(|&c| self.header(pen, c)).collect();
        self.write_row(w, &header, ParaKind::TableHeader);
        for (i, row) in self.rows.iter().enumerate() {
            let (a, b, c) = row.counts;
            let u = &row.units;
            let lead_units = &u[..a];
            let resp_units = &u[a..a + b];
            let coop_units = &u[a + b..a + b + c];
            let guide_units = &u[a + b + c..(a + b + c + 1).min(u.len())];
            let (body, _) = row.body.render(false);
            let (deadline_text, deadline) = match row.deadline {
                CellDeadline::Date(d) => {
                    let (y, m, dd) = d.date();
                    (d.text(), Deadline::Date(y, m, dd))
                }
                CellDeadline::WithinYear => (pen.w("年内"), Deadline::Date(DOC_YEAR, 12, 31)),
                CellDeadline::Seg(s) => (pen.w(s.text()), s.deadline()),
            };
            let cells: Vec<String> = cols
                .iter()
                .map(|&col| match col {
                    Col::Seq => (i + 1).to_string(),
                    Col::Task => body.clone(),
                    Col::Lead => pen.list(lead_units),
                    Col::Resp if self.lead_cols == LeadCols::RespOnly => pen.list(lead_units),
                    Col::Resp => pen.list(resp_units),
                    Col::Coop => pen.list(coop_units),
                    Col::Guide => pen.list(guide_units),
                    Col::Deadline => deadline_text.clone(),
                })
                .collect();
            let (start, line) = self.write_row(w, &cells, ParaKind::TableCell);
            let has = |c: Col| cols.contains(&c);
            w.tasks.push(TruthTask {
                start,
                line,
                marker: if self.seq {
                    (i + 1).to_string()
                } else {
                    String::new()
                },
                number: if self.seq {
                    (i + 1).to_string()
                } else {
                    String::new()
                },
                form: FormKind::Table,
                leads: names(lead_units),
                responsible: if self.lead_cols == LeadCols::Both {
                    names(resp_units)
                } else {
                    Vec::new()
                },
                cooperating: if has(Col::Coop) {
                    names(coop_units)
                } else {
                    Vec::new()
                },
                guiding: if has(Col::Guide) {
                    names(guide_units)
                } else {
                    Vec::new()
                },
                leaders: Vec::new(),
                deadline: if self.deadline_col {
                    deadline
                } else {
                    Deadline::Unstated
                },
            });
        }
    }

    /// Writes a row; returns where its first cell starts.
    fn write_row(&self, w: &mut Writer, cells: &[String], kind: ParaKind) -> (usize, u32) {
        match self.format {
            TableFormat::Pipe => w.line(false, &cells.join(" | "), kind),
            TableFormat::Tab => w.line(false, &cells.join("\t"), kind),
            TableFormat::Spaces(k) => w.line(false, &cells.join([" ", "  ", "\u{3000}"][k]), kind),
            TableFormat::Cells => {
                let mut first = None;
                for c in cells {
                    let at = w.line(false, c, kind);
                    first.get_or_insert(at);
                    w.blank();
                }
                first.expect("a row has cells")
            }
        }
    }
}

impl DocSpec {
    /// The document and its truth.
    pub fn render(&self) -> Generated {
        let pen = Pen {
            trad_words: self.trad != Trad::None,
            trad_units: self.trad == Trad::WordsAndUnits,
        };
        let mut w = Writer {
            text: String::new(),
            line: 1,
            half: self.half_width,
            indent: ["", "\u{3000}\u{3000}", "  "][self.indent],
            paras: Vec::new(),
            tasks: Vec::new(),
        };
        let place = PLACES[self.place];
        let (suffix, short, addressees) = ISSUER_KINDS[self.issuer_kind];
        let issuer = format!("{place}{suffix}");
        let level = short.chars().next().unwrap_or('市');
        let plan_title = format!("{place}{level}{}{}", TOPICS[self.topic], GENRES[self.genre]);
        w.line(
            false,
            &format!("{issuer}关于印发{plan_title}的通知"),
            ParaKind::Preamble,
        );
        if let Some(n) = self.doc_number {
            let abbr = place.chars().next().unwrap_or('某');
            w.line(
                false,
                &format!("{abbr}政发〔{DOC_YEAR}〕{n}号"),
                ParaKind::Preamble,
            );
        }
        w.line(false, &format!("{addressees}："), ParaKind::Preamble);
        w.line(
            true,
            &format!("《{plan_title}》已经{short}同意，现印发给你们，请认真贯彻落实。"),
            ParaKind::Preamble,
        );
        w.line(false, &issuer, ParaKind::Preamble);
        w.line(
            false,
            &format!("{DOC_YEAR}年{}月{}日", self.month, self.day),
            ParaKind::Preamble,
        );
        w.line(false, &plan_title, ParaKind::Preamble);
        w.line(
            true,
            &format!(
                "为深入贯彻落实党中央、国务院决策部署，{}，结合本{level}实际，制定本方案。",
                TOPICS[self.topic]
            ),
            ParaKind::Preamble,
        );
        match &self.body {
            Body::Outline(o) => render_outline(&mut w, &pen, o),
            Body::Table(t) => t.render(&mut w, &pen),
            Body::OutlineThenTable(o, t) => {
                render_outline(&mut w, &pen, o);
                w.line(true, "附件", ParaKind::TableTitle);
                w.line(
                    false,
                    &format!("{plan_title}任务分解表"),
                    ParaKind::TableTitle,
                );
                t.render(&mut w, &pen);
            }
        }
        let options = format!(
            "{}, {}, indent {:?}",
            if self.half_width {
                "half-width"
            } else {
                "full-width"
            },
            match self.trad {
                Trad::None => "Simplified",
                Trad::Words => "Traditional clause words",
                Trad::WordsAndUnits => "Traditional clause words and unit names",
            },
            w.indent
        );
        Generated {
            text: w.text,
            issuer,
            tasks: w.tasks,
            paras: w.paras,
            options,
        }
    }
}
