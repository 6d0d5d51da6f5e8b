//! Exports written to files: the bytes of [`ledger_xlsx`](super::ledger_xlsx),
//! [`graphml`](super::graphml) and [`report_svg`](super::report_svg) saved where the caller
//! says, with the one `Io` error every front-end reports the same way.

use std::path::Path;

use super::{LedgerOptions, graphml, ledger_xlsx, report_svg};
use crate::error::{Error, Result};
use crate::model::Date;
use crate::store::GraphRead;

fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes the ledger workbook of [`ledger_xlsx`] to a file.
///
/// # Errors
/// As [`ledger_xlsx`]; [`Error::Io`] if the file cannot be written.
pub fn save_ledger_xlsx<R: GraphRead + ?Sized>(
    r: &R,
    options: &LedgerOptions,
    path: &Path,
) -> Result<()> {
    save(path, &ledger_xlsx(r, options)?)
}

/// Writes the GraphML of [`graphml`] to a file.
///
/// # Errors
/// Storage errors; [`Error::Io`] if the file cannot be written.
pub fn save_graphml<R: GraphRead + ?Sized>(r: &R, path: &Path) -> Result<()> {
    save(path, graphml(r)?.as_bytes())
}

/// Writes a report's chart ([`report_svg`]) to a file.
///
/// # Errors
/// As [`report_svg`]; [`Error::Io`] if the file cannot be written.
pub fn save_report_svg<R: GraphRead + ?Sized>(
    r: &R,
    report: &str,
    as_of: Option<Date>,
    path: &Path,
) -> Result<()> {
    save(path, report_svg(r, report, as_of)?.as_bytes())
}
