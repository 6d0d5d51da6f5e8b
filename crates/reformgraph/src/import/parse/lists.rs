//! Lists inside a paragraph: 一是…；二是… options, 、-lists of pilots before 等11个,
//! 围绕…等 focus lists, yearly selection rules and the project portfolio.

use crate::model::{PortfolioDomain, ProjectStage, SelectionRule, SelectionSubject};

use super::text::{any_number, cn_number, split_top, trim_punct};

/// One 一是… item: number as printed, ordinal, text, byte range in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListItem {
    pub number: String,
    pub ordinal: u32,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

const CN_ORDINALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// Splits 一是A；二是B；…十是J。 into items. Each marker must follow the previous one; the
/// last item ends at the first 。 after its marker.
pub(super) fn shi_items(text: &str) -> Vec<ListItem> {
    let mut marks: Vec<(usize, usize, &str)> = Vec::new(); // (marker start, text start, number)
    let mut from = 0usize;
    for number in CN_ORDINALS {
        let needle = format!("{number}是");
        let Some(rest) = text.get(from..) else { break };
        let Some(at) = rest.find(&needle) else { break };
        // Reject 十一是 being found as 一是 of a later item: the marker must not be preceded
        // by another numeral.
        let abs = from + at;
        marks.push((abs, abs + needle.len(), number));
        from = abs + needle.len();
    }
    let mut out = Vec::new();
    for (i, &(_, start, number)) in marks.iter().enumerate() {
        let end = match marks.get(i + 1) {
            Some(&(next, _, _)) => next,
            None => text
                .get(start..)
                .and_then(|r| r.find('。'))
                .map(|k| start + k)
                .unwrap_or(text.len()),
        };
        let Some(raw) = text.get(start..end) else {
            continue;
        };
        let item = trim_punct(raw);
        if item.is_empty() {
            continue;
        }
        out.push(ListItem {
            number: number.to_owned(),
            ordinal: cn_number(number).unwrap_or(0),
            text: item.to_owned(),
            start,
            end: start + raw.trim_end().len(),
        });
    }
    out
}

/// The 、-list in front of 等11个 / 等12户: names and the printed count.
pub(super) fn counted_list(text: &str) -> Option<(Vec<String>, Option<u32>, usize)> {
    for (at, _) in text.match_indices('等') {
        let after = text.get(at + '等'.len_utf8()..)?;
        let digits: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二两三四五六七八九十".contains(*c))
            .collect();
        if digits.is_empty() {
            continue;
        }
        let measure = after.get(digits.len()..)?;
        if !(measure.starts_with('个') || measure.starts_with('户') || measure.starts_with('家'))
        {
            continue;
        }
        let before = text.get(..at)?;
        // The list starts after the last sentence break or after 选择.
        let mut start = before
            .rfind(['。', '；', '：'])
            .and_then(|k| Some(k + before.get(k..)?.chars().next()?.len_utf8()))
            .unwrap_or(0);
        if let Some(k) = before.get(start..).and_then(|b| b.rfind("选择")) {
            start += k + "选择".len();
        }
        let list = before.get(start..)?;
        let names: Vec<String> = split_top(list, &['、'])
            .into_iter()
            .map(|(_, n)| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        if names.len() < 2 {
            continue;
        }
        return Some((names, any_number(&digits), start));
    }
    None
}

/// The list between 围绕 and 等…: 围绕土地管理制度创新、金融服务创新…等体制机制改革任务.
pub(super) fn focus_list(text: &str) -> Vec<(usize, String)> {
    let Some(at) = text.find("围绕") else {
        return Vec::new();
    };
    let from = at + "围绕".len();
    let Some(rest) = text.get(from..) else {
        return Vec::new();
    };
    let end = split_top(rest, &['等', '，', '。'])
        .first()
        .map(|(_, s)| s.len())
        .unwrap_or(rest.len());
    let Some(list) = rest.get(..end) else {
        return Vec::new();
    };
    split_top(list, &['、'])
        .into_iter()
        .map(|(o, n)| (from + o, n.trim().to_owned()))
        .filter(|(_, n)| !n.is_empty())
        .collect()
}

fn count_after(s: &str) -> Option<u32> {
    let n: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二两三四五六七八九十".contains(*c))
        .collect();
    any_number(&n)
}

/// A yearly selection rule: the clause with 每年 and its minimum and maximum.
pub(super) fn selection_rule(text: &str, subject: SelectionSubject) -> Option<SelectionRule> {
    let clause = split_top(text, &['，', '。', '；', ','])
        .into_iter()
        .map(|(_, c)| c.trim())
        .find(|c| c.contains("每年"))?;
    let mut min = None;
    let mut max = None;
    for w in ["不少于", "至少", "不低于"] {
        if let Some((_, after)) = clause.split_once(w) {
            min = min.or_else(|| count_after(after));
        }
    }
    for w in ["不超过", "至多", "最多"] {
        if let Some((_, after)) = clause.split_once(w) {
            max = max.or_else(|| count_after(after));
        }
    }
    if min.is_none() && max.is_none() {
        // 每年选择两项: exactly that many.
        for verb in ["选择", "推出", "确定", "开展"] {
            if let Some((_, after)) = clause.split_once(verb)
                && let Some(n) = count_after(after)
            {
                min = Some(n);
                max = Some(n);
                break;
            }
        }
    }
    if min.is_none() && max.is_none() {
        return None;
    }
    Some(SelectionRule {
        subject,
        min_per_year: min,
        max_per_year: max,
        wording: clause.to_owned(),
    })
}

/// Which pilot group a category heading is about.
pub(super) fn selection_subject(title: &str) -> Option<SelectionSubject> {
    if title.contains("试点企业") {
        Some(SelectionSubject::PilotEnterprises)
    } else if title.contains("试点县") {
        Some(SelectionSubject::PilotCounties)
    } else if title.contains("省直部门") || title.contains("省直各部门") {
        Some(SelectionSubject::ProvincialDepartments)
    } else if title.contains("各市") {
        Some(SelectionSubject::Cities)
    } else {
        None
    }
}

/// The parts of a portfolio paragraph.
pub(super) struct PortfolioText {
    pub name: Option<String>,
    pub quota: Option<u32>,
    pub stages: Vec<String>,
    pub domains: Vec<PortfolioDomain>,
}

pub(super) fn portfolio(text: &str) -> PortfolioText {
    let name = ["省级重大项目", "市级重大项目", "重大项目"]
        .into_iter()
        .find(|n| text.contains(n))
        .map(str::to_owned);
    let quota = ["总计", "共计", "推出"].into_iter().find_map(|w| {
        text.match_indices(w)
            .find_map(|(at, _)| text.get(at + w.len()..).and_then(count_after))
    });
    // Stages: the lifecycle words in the order the first clause naming 储备 prints them.
    let stages = split_top(text, &['，', '。', '；'])
        .into_iter()
        .map(|(_, c)| c)
        .find(|c| c.contains("储备") && c.contains("投产"))
        .map(|clause| {
            let mut found: Vec<(usize, &str)> = ProjectStage::LIFECYCLE
                .iter()
                .filter_map(|s| clause.find(s.name_zh()).map(|at| (at, s.name_zh())))
                .collect();
            found.sort();
            found.into_iter().map(|(_, s)| s.to_owned()).collect()
        })
        .unwrap_or_default();
    // Domains: 围绕A、B、C和D等领域; focus: 其中，A重点围绕x、y等方面…；B重点围绕…
    let mut domains: Vec<PortfolioDomain> = Vec::new();
    if let Some((_, after)) = text.split_once("围绕")
        && let Some((list, _)) = after.split_once("等领域")
    {
        for (_, piece) in split_top(list, &['、']) {
            for name in piece.split('和') {
                let name = name.trim();
                if !name.is_empty() {
                    domains.push(PortfolioDomain {
                        name: name.to_owned(),
                        focus: Vec::new(),
                    });
                }
            }
        }
    }
    for (_, sentence) in split_top(text, &['；', '。']) {
        let Some((head, after)) = sentence.split_once("重点围绕") else {
            continue;
        };
        let head = head.trim();
        let head = head.strip_prefix("其中，").unwrap_or(head).trim();
        let list = after.split_once("等方面").map(|(l, _)| l).unwrap_or(after);
        let focus: Vec<String> = split_top(list, &['、', '，'])
            .into_iter()
            .map(|(_, f)| f.trim().trim_start_matches("以及").trim().to_owned())
            .filter(|f| !f.is_empty())
            .collect();
        if let Some(d) = domains.iter_mut().find(|d| head.ends_with(&d.name)) {
            d.focus = focus;
        } else if !head.is_empty() && head.chars().count() <= 10 {
            domains.push(PortfolioDomain {
                name: head.to_owned(),
                focus,
            });
        }
    }
    PortfolioText {
        name,
        quota,
        stages,
        domains,
    }
}
