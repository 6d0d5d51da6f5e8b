//! Stage 2 (layout): what lines are, before the outline is read — clause lines that belong
//! to the item above them (`牵头单位：X` on a line of its own) and rows of a table flattened
//! to text (cells joined by `|`, tabs or spaces, or one cell per line) under their header (序号 / 任务 / 牵头单位 …).

use std::collections::{BTreeMap, BTreeSet};

use super::text::Para;
use crate::import::clause::{self, Clause, UnitRole};

/// What a table column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    /// 序号.
    Number,
    /// The task's text (任务, 工作内容, 改革举措, 主要内容 …).
    Text,
    /// Units with a role.
    Units(UnitRole, bool),
    /// 完成时限.
    Deadline,
    /// Anything else (进展情况, 推广范围): kept out of the task.
    Other,
}

fn column_of(header: &str) -> Option<Column> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    let h = h.as_str();
    Some(match h {
        "序号" | "编号" => Column::Number,
        _ if h.contains("牵头") => Column::Units(UnitRole::Lead, false),
        _ if h.contains("配合") || h.contains("协同") || h.contains("参与") => {
            Column::Units(UnitRole::Cooperating, false)
        }
        _ if h.contains("指导") => Column::Units(UnitRole::Guiding, false),
        _ if h.contains("责任单位") || h.contains("责任部门") || h.contains("负责单位") => {
            Column::Units(UnitRole::Responsible, true)
        }
        _ if h.contains("时限") || h.contains("时间") => Column::Deadline,
        _ if h.contains("任务")
            || h.contains("内容")
            || h.contains("举措")
            || h.contains("措施")
            || h.contains("事项")
            || h.contains("目标") =>
        {
            Column::Text
        }
        _ if h.contains("进展") || h.contains("范围") || h.contains("备注") => Column::Other,
        _ => return None,
    })
}

/// A table row, read under its header.
#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    /// The 序号 cell, if any.
    pub number: Option<String>,
    /// Text cells joined with ` | `, verbatim.
    pub text: String,
    /// Byte offset of the text in the row's line.
    pub text_at: usize,
    /// Units from the unit columns.
    pub clause: Clause,
    /// The 完成时限 cell.
    pub deadline: Option<String>,
    /// Byte offset (in the document) where the row ends, for rows of one cell per line.
    pub end: Option<usize>,
}

/// The layout of a document: which paragraphs are clause lines of another, which are table
/// headers and rows.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Paragraph index → the clause lines that follow it.
    pub clauses: BTreeMap<usize, Vec<usize>>,
    /// Paragraphs that are clause lines (consumed by the paragraph above).
    pub clause_lines: BTreeSet<usize>,
    /// Table headers (accounted as layout, not data).
    pub headers: BTreeSet<usize>,
    /// Table rows, at the paragraph of their first cell.
    pub rows: BTreeMap<usize, Row>,
    /// Paragraphs that are the second and later cells of a row of one cell per line.
    pub cells: BTreeSet<usize>,
}

/// A header cell on a line of its own: a short known column name.
fn header_cell(text: &str) -> Option<Column> {
    let t = text.trim();
    if t.chars().filter(|c| !c.is_whitespace()).count() > 8
        || t.contains(['。', '，', '：', '；', '|', '\t'])
    {
        return None;
    }
    column_of(t)
}

fn is_number_cell(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// A short fragment of a cell broken over lines (市政 / 府办 / 公厅): at most four
/// characters, no punctuation.
fn is_fragment(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 4 && !t.contains(['。', '，', '；', '、', '：']) && !is_number_cell(t)
}

/// Rows of a table printed one cell per line, after its header at `paras[start..at]`.
fn cell_rows(paras: &[Para<'_>], cols: &[Column], mut at: usize, layout: &mut Layout) -> usize {
    let has_number = cols.contains(&Column::Number);
    loop {
        let first = at;
        let mut cells: Vec<(Column, String)> = Vec::new();
        let mut used = Vec::new();
        for (ci, col) in cols.iter().enumerate() {
            let Some(p) = paras.get(at) else { break };
            if super::text::marker(p.text).is_some_and(|m| {
                !matches!(m.kind, super::text::MarkerKind::Item) || !is_number_cell(p.text)
            }) && *col != Column::Text
            {
                break;
            }
            match col {
                Column::Number if !is_number_cell(p.text) => break,
                Column::Units(..) | Column::Deadline if ci == 0 => {
                    // A first unit cell may be broken over lines before a text cell.
                    let mut text = p.text.trim().to_owned();
                    used.push(at);
                    at += 1;
                    while cols.get(1) == Some(&Column::Text)
                        && text.chars().count() <= 8
                        && paras.get(at).is_some_and(|q| is_fragment(q.text))
                    {
                        if let Some(q) = paras.get(at) {
                            text.push_str(q.text.trim());
                        }
                        used.push(at);
                        at += 1;
                    }
                    cells.push((*col, text));
                    continue;
                }
                _ => {}
            }
            cells.push((*col, p.text.trim().to_owned()));
            used.push(at);
            at += 1;
        }
        if cells.len() < cols.len()
            || (!has_number && cells.iter().all(|(c, _)| *c != Column::Text))
        {
            return first;
        }
        let texts: Vec<(usize, &str)> = cells.iter().map(|(_, t)| (0, t.as_str())).collect();
        let cols_opt: Vec<Option<Column>> = cells.iter().map(|(c, _)| Some(*c)).collect();
        let mut r = row(&cols_opt, &texts);
        r.text_at = 0;
        r.end = used
            .last()
            .and_then(|l| paras.get(*l))
            .map(|p| p.start + p.text.len());
        layout.rows.insert(first, r);
        for u in used.into_iter().skip(1) {
            layout.cells.insert(u);
        }
        if at >= paras.len() {
            return at;
        }
    }
}

fn cells(text: &str) -> Option<(char, Vec<(usize, &str)>)> {
    for sep in ['|', '\t', '｜'] {
        if text.contains(sep) {
            let cells = clause::split_top(text, &[sep]);
            if cells.len() >= 2 {
                return Some((sep, cells));
            }
        }
    }
    if !text.contains(' ') {
        return None;
    }
    let words = space_cells(text);
    (words.len() >= 2).then_some((' ', words))
}

/// The cells of a line whose cells are joined by spaces (a table copied out of a PDF or a
/// web page): runs of spaces separate cells, spaces inside brackets do not.
fn space_cells(text: &str) -> Vec<(usize, &str)> {
    clause::split_top(text, &[' '])
        .into_iter()
        .filter(|(_, c)| !c.trim().is_empty())
        .collect()
}

/// Cells of a row: byte offset in the line and text.
type Cells<'a> = Vec<(usize, &'a str)>;

/// Fits the space-separated `words` of a row to the header's columns: the number and the
/// columns after the text take one word each (units and deadlines hold no spaces), the text
/// column takes what is left, spaces included. With fewer words than columns, the last
/// columns stay empty, except that a word that reads as a time limit goes to 完成时限.
fn fit_words<'a>(
    text: &'a str,
    cols: &[Option<Column>],
    words: &[(usize, &'a str)],
) -> Option<(Vec<Option<Column>>, Cells<'a>)> {
    let text_col = cols.iter().position(|c| *c == Some(Column::Text))?;
    let before = text_col;
    let after = cols.len().saturating_sub(text_col + 1);
    if words.len() < before + 1 {
        return None;
    }
    if words.len() >= cols.len() {
        let middle_end = words.len() - after;
        let first = words.get(before)?.0;
        let last = words.get(middle_end.checked_sub(1)?)?;
        let joined = (first, text.get(first..last.0 + last.1.len())?);
        let mut out: Vec<(usize, &str)> = words.get(..before)?.to_vec();
        out.push(joined);
        out.extend_from_slice(words.get(middle_end..)?);
        return Some((cols.to_vec(), out));
    }
    // Fewer words: the columns before and the text take theirs, the rest in order.
    let mut used_cols: Vec<Option<Column>> = cols.get(..=text_col)?.to_vec();
    let mut out: Vec<(usize, &str)> = words.get(..=text_col)?.to_vec();
    let mut rest_cols: Vec<Option<Column>> = cols.get(text_col + 1..)?.to_vec();
    for word in words.get(text_col + 1..)? {
        let deadline_like = crate::import::deadline::from_phrase(word.1, None).is_some();
        let pick = if deadline_like {
            rest_cols.iter().position(|c| *c == Some(Column::Deadline))
        } else {
            rest_cols.iter().position(|c| *c != Some(Column::Deadline))
        };
        let Some(pick) = pick else { continue };
        used_cols.push(rest_cols.remove(pick));
        out.push(*word);
    }
    Some((used_cols, out))
}

/// Reads the layout of `paras`.
pub(super) fn read(paras: &[Para<'_>]) -> Layout {
    let mut layout = Layout::default();
    let mut table: Option<(char, Vec<Option<Column>>)> = None;
    let mut owner: Option<usize> = None;
    let mut skip_to = 0usize;
    for (i, para) in paras.iter().enumerate() {
        if i < skip_to {
            continue;
        }
        // A header printed one cell per line: two or more known column names in a row.
        let run: Vec<Column> = paras
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .map_while(|p| header_cell(p.text))
            .collect();
        if run.len() >= 2 && run.contains(&Column::Text) {
            for h in i..i + run.len() {
                layout.headers.insert(h);
            }
            let end = cell_rows(paras, &run, i + run.len(), &mut layout);
            skip_to = end;
            owner = layout.rows.keys().next_back().copied();
            continue;
        }
        // A header: cells most of which name a known column, at least one of them text.
        if let Some((sep, cs)) = cells(para.text) {
            let cols: Vec<Option<Column>> = cs.iter().map(|(_, c)| column_of(c)).collect();
            let known = cols.iter().filter(|c| c.is_some()).count();
            if known * 2 > cols.len() && cols.contains(&Some(Column::Text)) {
                table = Some((sep, cols));
                layout.headers.insert(i);
                owner = None;
                continue;
            }
            if let Some((tsep, cols)) = &table
                && *tsep == sep
            {
                if sep != ' ' {
                    layout.rows.insert(i, row(cols, &cs));
                    owner = Some(i);
                    continue;
                }
                // Spaces also occur in prose: a row starts with its number when the
                // table has a 序号 column, and never with an outline marker.
                let numbered = cols.first() != Some(&Some(Column::Number))
                    || cs.first().is_some_and(|(_, c)| is_number_cell(c));
                let heading = super::text::marker(para.text).is_some_and(|m| {
                    !is_number_cell(m.number) || m.kind != super::text::MarkerKind::Item
                });
                if numbered
                    && !heading
                    && let Some((cols, words)) = fit_words(para.text, cols, &cs)
                {
                    layout.rows.insert(i, row(&cols, &words));
                    owner = Some(i);
                    continue;
                }
            }
        }
        // A table of space-joined cells ends at the first line that is not one of its rows.
        if table.as_ref().is_some_and(|(sep, _)| *sep == ' ') {
            table = None;
        }
        if let Some(c) = clause::line_clause(para.text)
            && (!c.units.is_empty() || !c.leaders.is_empty() || c.time.is_some())
            && let Some(o) = owner
        {
            layout.clauses.entry(o).or_default().push(i);
            layout.clause_lines.insert(i);
            continue;
        }
        // A line that is only a bracketed clause, after clause-less sub-items: it belongs to
        // their parent item (1.完善… / （1）… （4）… / （责任单位：…）).
        if let Some(found) = whole_bracket_clause(para.text)
            && !found.units.is_empty()
            && let Some(o) = owner
        {
            let target = parent_of_run(paras, o).unwrap_or(o);
            layout.clauses.entry(target).or_default().push(i);
            layout.clause_lines.insert(i);
            continue;
        }
        owner = Some(i);
    }
    layout
}

fn row(cols: &[Option<Column>], cells: &[(usize, &str)]) -> Row {
    let mut r = Row::default();
    let mut text: Vec<&str> = Vec::new();
    for (col, (at, cell)) in cols.iter().zip(cells) {
        let cell_trim = cell.trim();
        let lead_ws = cell.len() - cell.trim_start().len();
        match col {
            Some(Column::Number) => r.number = Some(cell_trim.to_owned()),
            Some(Column::Text) | None => {
                if text.is_empty() {
                    r.text_at = at + lead_ws;
                }
                text.push(cell_trim);
            }
            Some(Column::Units(role, responsible)) => {
                for name in clause::unit_names(cell_trim) {
                    if r.clause.units.iter().any(|u| u.name == name) {
                        continue;
                    }
                    r.clause.units.push(clause::UnitRef {
                        name,
                        role: *role,
                        provisional: *responsible,
                    });
                }
            }
            Some(Column::Deadline) => r.deadline = Some(cell_trim.to_owned()),
            Some(Column::Other) => {}
        }
    }
    // 责任单位 leads when the table has no 牵头 column.
    r.clause.settle();
    r.text = text.join(" | ");
    r
}

/// The clause of a line that is nothing but one bracketed clause.
fn whole_bracket_clause(text: &str) -> Option<Clause> {
    let t = text.trim().trim_end_matches(['。', '；']);
    let found = clause::find_clauses(t);
    match found.as_slice() {
        [only] if only.range.start == 0 && only.range.end == t.len() => Some(only.clause.clone()),
        _ => None,
    }
}

/// For a run of sibling items ending at `last` that carry no clause of their own, the item
/// they hang under (the nearest earlier item of another numbering).
fn parent_of_run(paras: &[Para<'_>], last: usize) -> Option<usize> {
    let kind = super::text::marker(paras.get(last)?.text)?.kind;
    let mut i = last;
    loop {
        let p = paras.get(i)?;
        let m = super::text::marker(p.text)?;
        if m.kind != kind {
            return Some(i);
        }
        if !clause::find_clauses(p.text).is_empty() {
            return None;
        }
        i = i.checked_sub(1)?;
    }
}
