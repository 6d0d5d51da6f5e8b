//! `export`, `import-json` and `report --svg`.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use reformgraph::export::{self, LedgerOptions};
use reformgraph::{Date, Store};

use crate::Failure;
use crate::output;

pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|source| {
        reformgraph::Error::Io {
            path: path.to_owned(),
            source,
        }
        .into()
    })
}

/// A spinner on stderr while `f` runs, only when a person is watching.
fn with_progress<T>(message: &str, f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    if !std::io::stderr().is_terminal() {
        return f();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
        bar.set_style(style);
    }
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    let out = f();
    bar.finish_and_clear();
    out
}

/// What an xlsx ledger covers.
pub struct Scope {
    /// One organisation's ledger.
    pub org: Option<String>,
    /// One plan's.
    pub plan: Option<String>,
    /// As of this date.
    pub as_of: Option<Date>,
}

pub fn export(
    db: &Path,
    format: &str,
    out: &Path,
    scope: Scope,
    bom: bool,
    json: bool,
) -> Result<(), Failure> {
    let store = Store::open_read_only(db)?;
    let snap = store.read()?;
    let written: Vec<String> = with_progress(&format!("exporting {format}"), || {
        Ok(match format {
            "json" => {
                write(out, export::to_json(&snap)?.as_bytes())?;
                vec![out.display().to_string()]
            }
            "csv" => export::write_csv(&snap, out, bom)?
                .into_iter()
                .map(|p| p.display().to_string())
                .collect(),
            "xlsx" => {
                let opts = LedgerOptions {
                    organization: scope.org,
                    plan: scope.plan,
                    as_of: scope.as_of,
                    ..LedgerOptions::default()
                };
                export::save_ledger_xlsx(&snap, &opts, out)?;
                vec![out.display().to_string()]
            }
            "graphml" => {
                write(out, export::graphml(&snap)?.as_bytes())?;
                vec![out.display().to_string()]
            }
            _ => {
                let v = export::node_link(&snap)?;
                let text = serde_json::to_string_pretty(&v).unwrap_or_default();
                write(out, text.as_bytes())?;
                vec![out.display().to_string()]
            }
        })
    })?;
    output::written(&written, json);
    Ok(())
}

pub fn import_json(db: &Path, file: &Path, json: bool) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file).map_err(|source| reformgraph::Error::Io {
        path: file.to_owned(),
        source,
    })?;
    let store = Store::create(db)?;
    let loaded = with_progress("loading the dump", || Ok(export::load_json(&store, &text)?))?;
    output::loaded(&loaded, json);
    Ok(())
}

pub fn chart(db: &Path, report: &str, as_of: Option<Date>, path: &Path) -> Result<(), Failure> {
    if !export::CHARTS.contains(&report) {
        return Err(Failure {
            message: format!("report {report} has no chart"),
            hint: Some(format!("--svg works with {}", export::CHARTS.join(", "))),
            code: 2,
            detail: None,
        });
    }
    let store = Store::open_read_only(db)?;
    let svg = export::report_svg(&store.read()?, report, as_of)?;
    write(path, svg.as_bytes())?;
    eprintln!("chart written to {}", path.display());
    Ok(())
}
