//! Numbers as plans print them: 12, １２, 十二, and the ordinal of a task's printed number.

/// Value of a Chinese numeral such as 三, 十二, 二十一, 一百; also 两 and 〇/零.
pub(crate) fn cn_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    for c in s.chars() {
        let digit = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        match (digit, c) {
            (Some(d), _) => current = current.checked_mul(10)?.checked_add(d)?,
            (None, '十') => {
                total = total.checked_add(current.max(1).checked_mul(10)?)?;
                current = 0;
            }
            (None, '百') => {
                total = total.checked_add(current.max(1).checked_mul(100)?)?;
                current = 0;
            }
            _ => return None,
        }
    }
    let n = total.checked_add(current)?;
    (n > 0).then_some(n)
}

/// A number written either way: 12, １２ or 十二.
pub(crate) fn any_number(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            other => other,
        })
        .collect();
    if !ascii.is_empty() && ascii.chars().all(|c| c.is_ascii_digit()) {
        return ascii.parse().ok().filter(|n| *n > 0);
    }
    cn_number(s)
}

/// The ordinal of a number as a plan prints it — `10`, `十`, `（三）`, `3.` — so numbers sort
/// as numbers ("10" after "2"); `None` for anything else.
///
/// ```
/// use reformgraph::ordinal;
/// assert_eq!(ordinal("10"), Some(10));
/// assert_eq!(ordinal("十二"), Some(12));
/// assert_eq!(ordinal("（三）"), Some(3));
/// assert_eq!(ordinal("甲"), None);
/// ```
pub fn ordinal(printed: &str) -> Option<u32> {
    let core = printed
        .trim()
        .trim_matches(|c: char| "（）()、.．".contains(c) || c.is_whitespace());
    any_number(core)
}
