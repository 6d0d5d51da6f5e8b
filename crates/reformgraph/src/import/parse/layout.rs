//! Stage 2 (layout): what lines are, before the outline is read — clause lines that belong
//! to the item above them (`牵头单位：X` on a line of its own) and rows of a table flattened
//! to text (cells joined by `|` or tabs) under their header (序号 / 任务 / 牵头单位 …).

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
    /// Table rows.
    pub rows: BTreeMap<usize, Row>,
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
    None
}

/// Reads the layout of `paras`.
pub(super) fn read(paras: &[Para<'_>]) -> Layout {
    let mut layout = Layout::default();
    let mut table: Option<(char, Vec<Option<Column>>)> = None;
    let mut owner: Option<usize> = None;
    for (i, para) in paras.iter().enumerate() {
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
                layout.rows.insert(i, row(cols, &cs));
                owner = Some(i);
                continue;
            }
        }
        if let Some(c) = clause::line_clause(para.text)
            && (!c.units.is_empty() || !c.leaders.is_empty() || c.time.is_some())
            && let Some(o) = owner
        {
            layout.clauses.entry(o).or_default().push(i);
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
