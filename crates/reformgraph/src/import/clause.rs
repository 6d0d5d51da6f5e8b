//! Stage 4: responsibility clauses — who leads, who is responsible, who co-operates, who
//! guides, and which person answers for a task.
//!
//! A clause is a bracket (`（…）`, `〔…〕`, `【…】`, half-width `(…)` too) or a line of its own
//! (`牵头单位：X`). Its inner text is read piece by piece: a piece is either labelled
//! (`牵头单位：X、Y`) or ends with a role verb (`X牵头`, `Y配合`, `Z按职责分工负责`, `W指导`);
//! pieces without either continue the list before them, and a clause made only of unit-like
//! names is an unlabelled list (`（市发改委，市政府相关部门，各县市区政府）`).
//!
//! Roles follow `data/corpus/ANNOTATION.md`: 牵头 units lead in printed order; 责任单位 /
//! 负责 units lead when the clause names no 牵头 unit and are *responsible* otherwise;
//! 配合 / 参与 / 协同 units co-operate; 指导 units guide; 分管领导 / 牵头负责领导 name people.
//! Everything here is pure and width-agnostic (`（）：，；` and `():,;` alike).

/// The role a clause gives a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitRole {
    /// 牵头 (rank = order among the leads).
    Lead,
    /// 责任单位 beside a 牵头 unit.
    Responsible,
    /// 配合, 参与, 协同, 协办.
    Cooperating,
    /// 指导.
    Guiding,
}

/// A unit named by a clause, in printed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef {
    /// The name as printed, without 等 / 按职责分工负责 and the like.
    pub name: String,
    /// What the clause makes it.
    pub role: UnitRole,
    /// Made responsible by a 负责 word or a 责任单位 label: it leads when nothing the task
    /// says names a 牵头 unit (see [`Clause::settle`]).
    pub provisional: bool,
}

/// What a clause says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clause {
    /// Units in printed order, each once (the first role wins).
    pub units: Vec<UnitRef>,
    /// People named as responsible leaders.
    pub leaders: Vec<String>,
    /// A time phrase in the clause (`年内持续推进`, `2020年底前`), verbatim.
    pub time: Option<String>,
    /// The clause says it applies to the tasks that follow too (`以下均需…`, `下同`).
    pub carries_forward: bool,
    /// It was an unlabelled list of units (lower confidence).
    pub unlabelled: bool,
}

impl Clause {
    /// Lead units in rank order.
    pub fn leads(&self) -> impl Iterator<Item = &str> {
        self.units_with(UnitRole::Lead)
    }

    /// Units with `role`, in printed order.
    pub fn units_with(&self, role: UnitRole) -> impl Iterator<Item = &str> {
        self.units
            .iter()
            .filter(move |u| u.role == role)
            .map(|u| u.name.as_str())
    }

    /// Adds the units and leaders of `other` that this clause does not name yet.
    pub fn merge(&mut self, other: Clause) {
        for u in other.units {
            if !self.units.iter().any(|x| x.name == u.name) {
                self.units.push(u);
            }
        }
        for l in other.leaders {
            if !self.leaders.contains(&l) {
                self.leaders.push(l);
            }
        }
        if self.time.is_none() {
            self.time = other.time;
        }
        self.carries_forward |= other.carries_forward;
    }

    /// Settles roles once everything said about a task is in: units made responsible lead
    /// when nothing names a 牵头 unit, and stay responsible otherwise.
    pub fn settle(&mut self) {
        let has_lead = self
            .units
            .iter()
            .any(|u| u.role == UnitRole::Lead && !u.provisional);
        for u in &mut self.units {
            if u.provisional {
                u.role = if has_lead {
                    UnitRole::Responsible
                } else {
                    UnitRole::Lead
                };
            }
        }
    }
}

/// A bracketed clause found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the clause, brackets included.
    pub range: std::ops::Range<usize>,
    /// Byte range of the inner text.
    pub inner: std::ops::Range<usize>,
    /// What it says.
    pub clause: Clause,
}

const OPEN: [char; 4] = ['（', '(', '〔', '【'];
const CLOSE: [char; 4] = ['）', ')', '〕', '】'];

/// Labels that open a piece (`牵头单位：`), longest first, with the role they give. `None`
/// means a person (a leader); `Some(None)` style entries are handled in [`label_role`].
const LEAD_LABELS: [&str; 8] = [
    "牵头责任单位",
    "牵头单位",
    "牵头部门",
    "主办单位",
    "牵头",
    "主责单位",
    "主要责任单位",
    "负责单位",
];
const RESPONSIBLE_LABELS: [&str; 6] = [
    "责任单位",
    "责任部门",
    "负责部门",
    "实施单位",
    "承办单位",
    "落实单位",
];
const COOPERATING_LABELS: [&str; 8] = [
    "协同责任单位",
    "协同单位",
    "配合单位",
    "配合部门",
    "协办单位",
    "参与单位",
    "协助单位",
    "参加单位",
];
const GUIDING_LABELS: [&str; 3] = ["指导部门", "指导单位", "业务指导"];
const LEADER_LABELS: [&str; 9] = [
    "牵头负责领导",
    "分管省领导",
    "分管市领导",
    "分管区领导",
    "分管县领导",
    "牵头领导",
    "责任领导",
    "分管领导",
    "负责领导",
];
/// Labels whose list is read by its verbs (`部门分工：X牵头，各地配合`).
const WRAPPER_LABELS: [&str; 3] = ["部门分工", "责任分工", "分工"];
/// Labels of a time phrase.
const TIME_LABELS: [&str; 5] = ["完成时限", "时间要求", "完成时间", "时间节点", "进度安排"];
/// Labels that say where a task applies: kept out of the units.
const SCOPE_LABELS: [&str; 2] = ["适用范围", "推广范围"];

/// Verbs that end a piece, longest first, with the role they give (`true` in the second
/// place: "responsible", which leads when nothing else does).
const VERBS: [(&str, UnitRole, bool); 19] = [
    ("按职责分工负责", UnitRole::Responsible, true),
    ("按职能分工负责", UnitRole::Responsible, true),
    ("按职责负责", UnitRole::Responsible, true),
    ("分别负责", UnitRole::Responsible, true),
    ("负责落实", UnitRole::Responsible, true),
    ("具体负责", UnitRole::Responsible, true),
    ("共同负责", UnitRole::Responsible, true),
    ("负责", UnitRole::Responsible, true),
    ("落实", UnitRole::Responsible, true),
    ("共同牵头", UnitRole::Lead, false),
    ("牵头", UnitRole::Lead, false),
    ("配合落实", UnitRole::Cooperating, false),
    ("配合", UnitRole::Cooperating, false),
    ("参与", UnitRole::Cooperating, false),
    ("协同", UnitRole::Cooperating, false),
    ("协助", UnitRole::Cooperating, false),
    ("协办", UnitRole::Cooperating, false),
    ("参加", UnitRole::Cooperating, false),
    ("指导", UnitRole::Guiding, false),
];

/// Endings of a unit name: a clause of names must contain at least one.
const UNIT_ENDINGS: [&str; 40] = [
    "部",
    "委",
    "厅",
    "局",
    "办",
    "署",
    "分行",
    "院",
    "会",
    "社",
    "中心",
    "公司",
    "集团",
    "政府",
    "办公室",
    "管委会",
    "机构",
    "单位",
    "部门",
    "党委",
    "法院",
    "检察院",
    "总社",
    "海关",
    "银行",
    "支行",
    "处",
    "站",
    "所",
    "队",
    "团",
    "组",
    "开发区",
    "园区",
    "功能区）",
    "街道",
    "各地",
    "办事处",
    "联合会",
    "协会",
];

/// Administrative-category words that continue a 各… group (`各区、县级市`).
const GROUP_CONTINUATIONS: [&str; 10] = [
    "县级市",
    "县",
    "市",
    "区",
    "旗",
    "自治县",
    "乡",
    "镇",
    "街道",
    "县（市、区）",
];

fn is_colon(c: char) -> bool {
    c == '：' || c == ':'
}

/// Splits at separators outside brackets and quotes; each piece with its byte offset.
pub(crate) fn split_top<'a>(text: &'a str, seps: &[char]) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut piece_start = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '《' | '“' | '【' | '〔' | '[' => depth += 1,
            '）' | ')' | '》' | '”' | '】' | '〕' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 && seps.contains(&c) => {
                if let Some(piece) = text.get(piece_start..i) {
                    out.push((piece_start, piece));
                }
                piece_start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if let Some(piece) = text.get(piece_start..) {
        out.push((piece_start, piece));
    }
    out
}

/// The role (or person, or wrapper) a label gives, if `label` is one.
enum Label {
    Units(UnitRole, bool),
    Leader,
    Wrapper,
    Time,
    Scope,
}

fn label_role(label: &str) -> Option<Label> {
    let label = label.trim();
    let is = |list: &[&str]| list.contains(&label);
    if is(&COOPERATING_LABELS) {
        Some(Label::Units(UnitRole::Cooperating, false))
    } else if is(&LEADER_LABELS) {
        Some(Label::Leader)
    } else if is(&LEAD_LABELS) {
        Some(Label::Units(UnitRole::Lead, false))
    } else if is(&RESPONSIBLE_LABELS) {
        Some(Label::Units(UnitRole::Responsible, true))
    } else if is(&GUIDING_LABELS) {
        Some(Label::Units(UnitRole::Guiding, false))
    } else if is(&WRAPPER_LABELS) {
        Some(Label::Wrapper)
    } else if is(&TIME_LABELS) {
        Some(Label::Time)
    } else if is(&SCOPE_LABELS) {
        Some(Label::Scope)
    } else {
        None
    }
}

/// `label：rest` when the piece opens with a known label.
fn labelled(piece: &str) -> Option<(Label, &str)> {
    let (at, c) = piece.char_indices().find(|(_, c)| is_colon(*c))?;
    let label = piece.get(..at)?;
    let role = label_role(label)?;
    Some((role, piece.get(at + c.len_utf8()..)?.trim()))
}

/// The names of a list, split at 、，, 及 和 以及 where both sides are whole names; 等 / 等部门
/// and role words stripped; groups kept whole.
pub fn unit_names(list: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (_, piece) in split_top(list, &['、', '，', ',', '/', '；', ';']) {
        for part in split_conjunctions(piece) {
            let name = clean_name(&part);
            if name.is_empty() {
                continue;
            }
            // 各区、县级市: an administrative category continues the 各… group before it.
            if GROUP_CONTINUATIONS.contains(&name.as_str())
                && let Some(last) = names.last_mut()
                && last.starts_with('各')
            {
                last.push('、');
                last.push_str(&name);
                continue;
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// Splits at 及 / 以及 / 和 when the left side ends like a unit and the right side starts
/// like one (so 省经济和信息化厅 and 党委和政府 stay whole).
fn split_conjunctions(piece: &str) -> Vec<String> {
    for conj in ["以及", "及", "和"] {
        let mut search = 0usize;
        while let Some(found) = piece.get(search..).and_then(|s| s.find(conj)) {
            let at = search + found;
            let left = piece.get(..at).unwrap_or("");
            let right = piece.get(at + conj.len()..).unwrap_or("");
            let left_clean = clean_name(left);
            if ends_like_unit(&left_clean) && starts_like_unit(right) && depth_zero(left) {
                let mut out = split_conjunctions(left);
                out.extend(split_conjunctions(right));
                return out;
            }
            search = at + conj.len();
        }
    }
    vec![piece.to_owned()]
}

fn depth_zero(text: &str) -> bool {
    let open = text.chars().filter(|c| OPEN.contains(c)).count();
    let close = text.chars().filter(|c| CLOSE.contains(c)).count();
    open == close
}

fn starts_like_unit(text: &str) -> bool {
    let t = text.trim();
    [
        "各",
        "省",
        "市",
        "区",
        "县",
        "国家",
        "国务院",
        "中国",
        "有关",
        "相关",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// True when `name` ends like the name of a unit.
pub fn ends_like_unit(name: &str) -> bool {
    // A 各… group (各区、县级市, 各地) names units whatever it ends with.
    if name.starts_with('各') && name.chars().count() >= 2 {
        return true;
    }
    let n = name.trim_end_matches(['）', ')']);
    UNIT_ENDINGS
        .iter()
        .any(|e| name.ends_with(e) || n.ends_with(e))
}

/// Strips list noise from a name: 等 / 等部门 / 等单位 / 等有关部门, role words, 由, spaces.
fn clean_name(raw: &str) -> String {
    let mut n: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in ["由", "请"] {
        if let Some(rest) = n.strip_prefix(prefix) {
            n = rest.to_owned();
        }
    }
    loop {
        let before = n.len();
        for suffix in [
            "按职责分工负责",
            "按职能分工负责",
            "分别负责",
            "负责落实",
            "负责",
            "牵头",
            "等有关部门",
            "等相关部门",
            "等部门",
            "等单位",
            "等",
            "按职责分工",
            "按职责",
            "分别",
        ] {
            if let Some(rest) = n.strip_suffix(suffix) {
                n = rest.to_owned();
            }
        }
        if n.len() == before {
            break;
        }
    }
    n.trim_matches(['。', '；', ';', '，', ',', '、'])
        .to_owned()
}

/// The verb a piece ends with, and the names before it.
fn verb_piece(piece: &str) -> Option<(&str, UnitRole, bool)> {
    let piece = piece.trim().trim_end_matches(['。', '；', ';']);
    VERBS.iter().find_map(|(verb, role, by_verb)| {
        let names = piece.strip_suffix(verb)?;
        Some((names, *role, *by_verb))
    })
}

/// Reads the inner text of a bracket (or an own-line clause) as a responsibility clause.
/// `None` when it is not one (an abbreviation note, an aside, a place list).
///
/// ```
/// use reformgraph::import::clause::{parse_clause, UnitRole};
/// let c = parse_clause("牵头单位：区政府办公室，责任单位：区政府有关部门，各街道（功能区）").unwrap();
/// let leads: Vec<_> = c.leads().collect();
/// assert_eq!(leads, ["区政府办公室"]);
/// let resp: Vec<_> = c.units_with(UnitRole::Responsible).collect();
/// assert_eq!(resp, ["区政府有关部门", "各街道（功能区）"]);
/// assert!(parse_clause("以下简称“转型综改试验区”").is_none());
/// ```
pub fn parse_clause(inner: &str) -> Option<Clause> {
    let inner = inner.trim();
    if inner.is_empty() || inner.contains("简称") {
        return None;
    }
    let mut clause = Clause::default();
    let mut recognised = false;
    // What an unlabelled piece continues: the role of the list before it.
    let mut current: Option<(UnitRole, bool)> = None;
    let mut leader_list = false;
    let mut unlabelled: Vec<String> = Vec::new();
    let add = |clause: &mut Clause, names: Vec<String>, role: UnitRole, by_verb: bool| {
        for name in names {
            if clause.units.iter().any(|u| u.name == name) {
                continue;
            }
            clause.units.push(UnitRef {
                name,
                role,
                provisional: by_verb,
            });
        }
    };
    for (_, sentence) in split_top(inner, &['；', ';', '。']) {
        let sentence = sentence.trim();
        if sentence.is_empty() {
            continue;
        }
        if sentence.starts_with("以下均")
            || sentence.contains("下同")
            || sentence.contains("不再列出")
        {
            clause.carries_forward = true;
            recognised |= sentence.contains("负责") || sentence.contains("落实");
            // 以下均需试点城市政府落实: the unit it names carries forward.
            if let Some(rest) = sentence
                .strip_prefix("以下均需")
                .or_else(|| sentence.strip_prefix("以下均由"))
            {
                let rest = rest.split(['，', ',']).next().unwrap_or(rest);
                if let Some((names, role, by_verb)) = verb_piece(rest) {
                    add(&mut clause, unit_names(names), role, by_verb);
                }
            }
            continue;
        }
        for (_, piece) in split_top(sentence, &['，', ',']) {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if let Some(time) = super::deadline::time_phrase(piece) {
                clause.time.get_or_insert(time);
                continue;
            }
            if let Some((label, rest)) = labelled(piece) {
                recognised = true;
                leader_list = false;
                match label {
                    Label::Units(role, by_verb) => {
                        current = Some((role, by_verb));
                        add(&mut clause, unit_names(rest), role, by_verb);
                    }
                    Label::Leader => {
                        leader_list = true;
                        current = None;
                        clause.leaders.extend(unit_names(rest));
                    }
                    Label::Wrapper => {
                        current = None;
                        if let Some(inner) = parse_clause(rest) {
                            clause.merge(inner);
                        }
                    }
                    Label::Time => {
                        current = None;
                        clause.time.get_or_insert(rest.to_owned());
                    }
                    Label::Scope => current = None,
                }
                continue;
            }
            if let Some((names, role, by_verb)) = verb_piece(piece) {
                let names = unit_names(names);
                if names.is_empty() || !names.iter().all(|n| plausible_unit(n)) {
                    return None;
                }
                recognised = true;
                leader_list = false;
                current = Some((role, by_verb));
                add(&mut clause, names, role, by_verb);
                continue;
            }
            // A piece without label or verb continues the list before it.
            let names = unit_names(piece);
            if leader_list {
                clause.leaders.extend(names);
            } else if let Some((role, by_verb)) = current {
                if !names.iter().all(|n| plausible_unit(n)) {
                    return None;
                }
                add(&mut clause, names, role, by_verb);
            } else {
                unlabelled.extend(names);
            }
        }
    }
    if !unlabelled.is_empty() {
        // A clause of names only: every piece must look like a unit.
        let all_units = unlabelled
            .iter()
            .all(|n| plausible_unit(n) && ends_like_unit(n) && n.chars().count() >= 3);
        if recognised || !all_units {
            if !recognised {
                return None;
            }
        } else {
            clause.unlabelled = true;
            recognised = true;
            let leads = unlabelled;
            add(&mut clause, leads, UnitRole::Lead, false);
        }
    }
    if !recognised || (clause.units.is_empty() && clause.leaders.is_empty()) {
        return None;
    }
    clause.settle();
    Some(clause)
}

/// A name that could be a unit: 2–40 characters, no sentence punctuation or digits-only,
/// no verbs of a sentence.
fn plausible_unit(name: &str) -> bool {
    let n = name.chars().count();
    (2..=40).contains(&n)
        && !name.contains(['。', '“', '”', '《', '》', '：', ':', '的'])
        && !["按", "执行", "规定"].iter().any(|w| name.contains(w))
        && !name
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '%')
        && !["要", "应", "将", "是", "的", "为", "对", "把"]
            .iter()
            .any(|w| name.starts_with(w))
}

/// Every bracketed responsibility clause in `text`, in order (nested brackets inside a
/// clause, as in `各县（市、区）人民政府`, stay part of it).
///
/// ```
/// use reformgraph::import::clause::find_clauses;
/// let text = "推进煤电联营。（省发展改革委牵头，省能源局配合）";
/// let found = find_clauses(text);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].clause.leads().collect::<Vec<_>>(), ["省发展改革委"]);
/// ```
pub fn find_clauses(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        if OPEN.contains(&c) {
            stack.push(i);
        } else if CLOSE.contains(&c) {
            let Some(open) = stack.pop() else { continue };
            if !stack.is_empty() {
                continue;
            }
            let open_len = text
                .get(open..)
                .and_then(|s| s.chars().next())
                .map_or(3, char::len_utf8);
            let inner = open + open_len..i;
            let range = open..i + c.len_utf8();
            if let Some(clause) = text.get(inner.clone()).and_then(parse_clause) {
                out.push(Found {
                    range,
                    inner,
                    clause,
                });
            }
        }
    }
    out
}

/// Reads an own-line clause (`牵头单位：X`, `分管省领导：林克庆`, `部门分工：X牵头，…`).
///
/// ```
/// use reformgraph::import::clause::line_clause;
/// let c = line_clause("协同责任单位：省政府各部门、各直属机构。").unwrap();
/// assert_eq!(c.units.len(), 2);
/// assert!(line_clause("各街道办事处、乡人民政府，区人民政府各部门：").is_none());
/// ```
pub fn line_clause(line: &str) -> Option<Clause> {
    let line = line.trim();
    let (label, _) = labelled(line)?;
    if matches!(label, Label::Scope) {
        return None;
    }
    parse_clause(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(c: &Clause, role: UnitRole) -> Vec<&str> {
        c.units_with(role).collect()
    }

    #[test]
    fn labelled_lead_and_cooperating_units() {
        let c = parse_clause("牵头单位：市发改委；配合单位：市财政局、市商务局").unwrap();
        assert_eq!(roles(&c, UnitRole::Lead), ["市发改委"]);
        assert_eq!(roles(&c, UnitRole::Cooperating), ["市财政局", "市商务局"]);
    }

    #[test]
    fn responsible_units_lead_when_nothing_else_does() {
        let c = parse_clause(
            "责任单位：省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责",
        )
        .unwrap();
        assert_eq!(
            roles(&c, UnitRole::Lead),
            ["省发展改革委", "省市场监管局", "商务厅", "省大数据中心"]
        );
    }

    #[test]
    fn verbs_give_roles_and_groups_stay_whole() {
        let c = parse_clause("国家发展改革委、农业农村部牵头，有关部门按职责分工负责").unwrap();
        assert_eq!(roles(&c, UnitRole::Lead), ["国家发展改革委", "农业农村部"]);
        assert_eq!(roles(&c, UnitRole::Responsible), ["有关部门"]);
        let c = parse_clause("生态环境部指导，试点城市政府负责落实").unwrap();
        assert_eq!(roles(&c, UnitRole::Guiding), ["生态环境部"]);
        assert_eq!(roles(&c, UnitRole::Lead), ["试点城市政府"]);
        let c = parse_clause("各区、县级市负责").unwrap();
        assert_eq!(roles(&c, UnitRole::Lead), ["各区、县级市"]);
        let c = parse_clause("各县（市、区）人民政府负责").unwrap();
        assert_eq!(roles(&c, UnitRole::Lead), ["各县（市、区）人民政府"]);
    }

    #[test]
    fn half_width_punctuation_reads_the_same() {
        let a = parse_clause("牵头单位:区司法局;责任单位:区政府有关部门").unwrap();
        let b = parse_clause("牵头单位：区司法局；责任单位：区政府有关部门").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn time_phrases_and_carry_forward() {
        let c = parse_clause("国务院各部门分别负责，年内持续推进").unwrap();
        assert_eq!(roles(&c, UnitRole::Lead), ["国务院各部门"]);
        assert_eq!(c.time.as_deref(), Some("年内持续推进"));
        let c = parse_clause(
            "生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出",
        )
        .unwrap();
        assert!(c.carries_forward);
    }

    #[test]
    fn unlabelled_lists_of_units_lead_in_order() {
        let c = parse_clause("市发改委，市政府相关部门，各县市区政府，荆州开发区").unwrap();
        assert!(c.unlabelled);
        assert_eq!(
            roles(&c, UnitRole::Lead),
            ["市发改委", "市政府相关部门", "各县市区政府", "荆州开发区"]
        );
    }

    #[test]
    fn asides_are_not_clauses() {
        for aside in [
            "以下简称“总体方案”",
            "市、区",
            "免税进口的科研仪器设备按有关政策规定执行",
            "2020年",
            "集团",
            "预包装食品",
        ] {
            assert!(parse_clause(aside).is_none(), "{aside}");
        }
    }

    #[test]
    fn conjunctions_split_only_between_whole_names() {
        assert_eq!(
            unit_names("市級各有关部门及各县市区政府"),
            ["市級各有关部门", "各县市区政府"]
        );
        assert_eq!(unit_names("省经济和信息化厅"), ["省经济和信息化厅"]);
        assert_eq!(
            unit_names("各县(市、区)党委和政府"),
            ["各县(市、区)党委和政府"]
        );
    }

    #[test]
    fn leaders_are_people_not_units() {
        let c = line_clause("牵头负责领导:刘惠。").unwrap();
        assert_eq!(c.leaders, ["刘惠"]);
        assert!(c.units.is_empty());
        let c = line_clause("部门分工：省发展改革委牵头，各地、各部门配合。").unwrap();
        assert_eq!(roles(&c, UnitRole::Lead), ["省发展改革委"]);
        assert_eq!(roles(&c, UnitRole::Cooperating), ["各地", "各部门"]);
    }
}
