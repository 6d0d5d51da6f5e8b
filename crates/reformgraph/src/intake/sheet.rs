//! Reading a returned ledger's cells: a workbook (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`,
//! `.ods`, through calamine) or a CSV file (UTF-8, UTF-16 or GB18030, as Excel saves it
//! on a Chinese desktop), as a grid of trimmed strings per sheet, with Excel's row numbers.

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::error::{Error, Result};

/// The file formats a returned ledger can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SheetFormat {
    /// A workbook: `.xlsx`, `.xlsm`, `.xlsb`, `.xls` or `.ods`.
    Workbook,
    /// Comma-separated values, RFC 4180 quoting.
    Csv,
}

impl SheetFormat {
    /// The format a file name's extension says.
    ///
    /// # Errors
    /// [`Error::Import`] for any other extension, naming the ones understood.
    ///
    /// ```
    /// use reformgraph::intake::SheetFormat;
    /// assert_eq!(SheetFormat::from_file_name("台账（省环保厅）.XLSX")?, SheetFormat::Workbook);
    /// assert_eq!(SheetFormat::from_file_name("ledger.csv")?, SheetFormat::Csv);
    /// assert!(SheetFormat::from_file_name("ledger.docx").is_err());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn from_file_name(name: &str) -> Result<Self> {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Ok(SheetFormat::Workbook),
            "csv" => Ok(SheetFormat::Csv),
            _ => Err(Error::Import {
                line: None,
                reason: format!(
                    "{name} is not a spreadsheet reformgraph reads: save it as .xlsx, .xls, .ods or .csv"
                ),
            }),
        }
    }
}

/// One sheet's cells, row by row; `first_row` is the Excel number of `rows[0]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grid {
    pub name: String,
    pub first_row: u32,
    pub rows: Vec<Vec<String>>,
}

fn import_error(reason: String) -> Error {
    Error::Import { line: None, reason }
}

/// A number as an office typed it: `40`, not `40.0`.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        // A date cell (完成时限, 更新时间) as the date it shows, not Excel's serial number.
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        other => other.to_string().trim().to_owned(),
    }
}

/// Every sheet of a workbook, in the workbook's order.
pub(crate) fn workbook_grids(bytes: &[u8]) -> Result<Vec<Grid>> {
    // calamine parses untrusted bytes; a parser panic must not take the caller down (the
    // library never panics), so it is caught and reported as a file that cannot be read.
    let read = std::panic::catch_unwind(|| -> std::result::Result<Vec<Grid>, String> {
        let mut book =
            calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
            let (row0, col0) = range.start().unwrap_or((0, 0));
            let pad = usize::try_from(col0).unwrap_or(0);
            let rows = range
                .rows()
                .map(|r| {
                    let mut cells = vec![String::new(); pad];
                    cells.extend(r.iter().map(cell_text));
                    cells
                })
                .collect();
            out.push(Grid {
                name,
                first_row: row0.saturating_add(1),
                rows,
            });
        }
        Ok(out)
    });
    match read {
        Ok(Ok(grids)) => Ok(grids),
        Ok(Err(e)) => Err(import_error(format!(
            "cannot read the workbook ({e}): open it in Excel or LibreOffice and save it again as .xlsx"
        ))),
        Err(_) => Err(import_error(
            "the workbook is malformed: open it in Excel or LibreOffice and save it again as .xlsx"
                .into(),
        )),
    }
}

/// A CSV file as one grid (RFC 4180: quoted fields may hold commas, quotes and line breaks).
pub(crate) fn csv_grid(bytes: &[u8], name: &str) -> Result<Grid> {
    let text = crate::import::decode_text(bytes)?;
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, ',') => row.push(std::mem::take(&mut field).trim().to_owned()),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field).trim().to_owned());
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(import_error(format!(
            "{name}: a quoted field is never closed (a \" is missing)"
        )));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field.trim().to_owned());
        rows.push(row);
    }
    Ok(Grid {
        name: name.to_owned(),
        first_row: 1,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_hold_commas_quotes_and_line_breaks() {
        let g = csv_grid(
            "任务,进展情况\n\"甲,乙\",\"说\"\"好\"\"\n第二行\"\r\n".as_bytes(),
            "x.csv",
        )
        .unwrap();
        assert_eq!(
            g.rows,
            vec![
                vec!["任务".to_owned(), "进展情况".to_owned()],
                vec!["甲,乙".to_owned(), "说\"好\"\n第二行".to_owned()],
            ]
        );
    }

    #[test]
    fn csv_with_an_unclosed_quote_is_an_error_not_a_guess() {
        assert!(csv_grid("任务\n\"甲".as_bytes(), "x.csv").is_err());
    }

    #[test]
    fn numbers_read_back_as_typed() {
        assert_eq!(number_text(40.0), "40");
        assert_eq!(number_text(37.5), "37.5");
    }

    #[test]
    fn bytes_that_are_no_workbook_are_an_import_error() {
        assert!(matches!(
            workbook_grids(b"PK\x03\x04 not really a zip"),
            Err(Error::Import { .. })
        ));
    }
}
