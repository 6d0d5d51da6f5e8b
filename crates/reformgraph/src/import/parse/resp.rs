//! Responsibility clauses: the trailing bracket that says who leads a task.
//!
//! Shapes seen in this genre: （牵头部门：A）, （牵头部门：A、B）, （牵头单位：A，配合单位：B、C）,
//! （责任单位：A）, （A牵头，B配合）, and （A、B负责） where a note stated once in the document
//! says that the first listed unit leads.

use super::text::split_top;

/// A parsed responsibility clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Responsibility<'a> {
    /// The paragraph without the clause, trimmed.
    pub body: &'a str,
    /// The clause without its brackets, verbatim.
    pub clause: &'a str,
    /// Leading units in printed order.
    pub leads: Vec<String>,
    /// Co-operating units in printed order.
    pub cooperates: Vec<String>,
}

/// Where the last top-level bracket of `text` opens, if `text` ends with a closing bracket.
fn trailing_bracket(text: &str) -> Option<(usize, usize)> {
    let trimmed = text
        .trim_end()
        .trim_end_matches(['。', '.', '．', '；', ';']);
    let (close_at, close) = trimmed.char_indices().next_back()?;
    if close != '）' && close != ')' {
        return None;
    }
    let mut depth = 0i32;
    for (i, c) in trimmed.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some((i, close_at));
                }
            }
            _ => {}
        }
    }
    None
}

fn is_lead_label(label: &str) -> bool {
    ["牵头", "责任", "主办", "主责"]
        .iter()
        .any(|w| label.contains(w))
}

fn is_cooperate_label(label: &str) -> bool {
    ["配合", "参与", "协办", "协助", "参加"]
        .iter()
        .any(|w| label.contains(w))
}

/// Splits a list of unit names at top-level 、 and commas; drops a trailing 等 ("and
/// others") and a leading 由.
pub(super) fn unit_names(list: &str) -> Vec<String> {
    split_top(list, &['、', '，', ',', '；', ';', '/'])
        .into_iter()
        .map(|(_, n)| {
            let n = n.trim();
            let n = n.strip_prefix('由').unwrap_or(n);
            let n = n.strip_suffix('等').unwrap_or(n);
            n.chars().filter(|c| !c.is_whitespace()).collect::<String>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// Finds and parses the responsibility clause at the end of `text`. `first_leads` is the
/// document's convention for （A、B负责）: when set, the first unit leads and the others
/// co-operate; otherwise all listed units lead, in order.
pub(super) fn split_responsibility(text: &str, first_leads: bool) -> Option<Responsibility<'_>> {
    let (open, close) = trailing_bracket(text)?;
    let inner_start = open + text.get(open..)?.chars().next()?.len_utf8();
    let clause = text.get(inner_start..close)?.trim();
    let body = text.get(..open)?.trim_end();
    let mut leads = Vec::new();
    let mut cooperates = Vec::new();
    for (_, segment) in split_top(clause, &['，', ',', '；', ';']) {
        let segment = segment.trim();
        if segment.is_empty() {
            continue;
        }
        let colon = split_top(segment, &['：', ':']);
        if let [(_, label), (_, names)] = colon.as_slice() {
            if is_lead_label(label) {
                leads.extend(unit_names(names));
            } else if is_cooperate_label(label) {
                cooperates.extend(unit_names(names));
            } else {
                return None;
            }
        } else if let Some(names) = segment.strip_suffix("负责") {
            let names = unit_names(names);
            if first_leads {
                let mut it = names.into_iter();
                leads.extend(it.next());
                cooperates.extend(it);
            } else {
                leads.extend(names);
            }
        } else if let Some(names) = segment.strip_suffix("牵头") {
            leads.extend(unit_names(names));
        } else if let Some(names) = segment
            .strip_suffix("配合")
            .or_else(|| segment.strip_suffix("参与"))
        {
            cooperates.extend(unit_names(names));
        } else {
            return None;
        }
    }
    if leads.is_empty() && cooperates.is_empty() {
        return None;
    }
    Some(Responsibility {
        body,
        clause,
        leads,
        cooperates,
    })
}

/// True when a paragraph states the convention that the first listed unit leads
/// (列在第一位的为牵头单位, 排在首位的为牵头部门 …).
pub(super) fn states_first_leads(text: &str) -> bool {
    (text.contains("第一") || text.contains("首位") || text.contains("排名第一"))
        && text.contains("牵头")
}
