//! CSV: one file per node kind and per edge label, UTF-8 (optionally with a BOM so Excel
//! reads Chinese text correctly).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::json::dump;
use crate::error::{Error, Result};
use crate::store::GraphRead;

pub(super) fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// A JSON value as one cell: strings bare, arrays joined with `|`, objects as JSON.
fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(cell).collect::<Vec<_>>().join("|"),
        other => other.to_string(),
    }
}

/// Flattens a serde-tagged enum value (`{"Task": {...}}` or `"Mentions"`) to its fields.
fn fields(v: &serde_json::Value) -> BTreeMap<String, String> {
    let inner = match v {
        serde_json::Value::Object(m) if m.len() == 1 => {
            m.values().next().cloned().unwrap_or_default()
        }
        other => other.clone(),
    };
    match inner {
        serde_json::Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), cell(v))).collect(),
        _ => BTreeMap::new(),
    }
}

/// A CSV table: a header and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvTable {
    /// File name (`nodes_task.csv`, `edges_leads.csv` …).
    pub name: String,
    /// Column names.
    pub header: Vec<String>,
    /// Rows, as many cells as the header.
    pub rows: Vec<Vec<String>>,
}

impl CsvTable {
    /// The table as CSV text (RFC 4180 quoting, `\n` line ends), with a UTF-8 BOM first
    /// if `bom`.
    pub fn to_csv(&self, bom: bool) -> String {
        let mut out = String::new();
        if bom {
            out.push('\u{feff}');
        }
        for row in std::iter::once(&self.header).chain(&self.rows) {
            out.push_str(&row.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out
    }
}

/// The store as CSV tables: `nodes_<kind>.csv` with `key`, `source_line` and the kind's
/// fields; `edges_<label>.csv` with `from`, `to` and the payload's fields. Sorted as the
/// JSON dump is.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, export, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let tables = export::csv_tables(&store.read()?)?;
/// let tasks = tables.iter().find(|t| t.name == "nodes_task.csv").expect("tasks");
/// // 50 reforms, 100 matters, 10 research topics and 24 pilot options.
/// assert_eq!(tasks.rows.len(), 184);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn csv_tables<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<CsvTable>> {
    let d = dump(r)?;
    let to_value = |v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| Error::invalid("record", format!("cannot be converted: {e}")))
    };
    let mut nodes: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for n in &d.nodes {
        let v = to_value(serde_json::to_value(&n.data))?;
        let line = n.source.map(|s| s.line.to_string()).unwrap_or_default();
        nodes
            .entry(format!("nodes_{}.csv", n.kind))
            .or_default()
            .push(([n.key.to_string(), line], fields(&v)));
    }
    let mut edges: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for e in &d.edges {
        let v = to_value(serde_json::to_value(e.kind))?;
        edges
            .entry(format!("edges_{}.csv", e.label))
            .or_default()
            .push(([e.from.clone(), e.to.clone()], fields(&v)));
    }
    let mut tables: Vec<CsvTable> = nodes
        .into_iter()
        .map(|(name, rows)| table(name, ["key", "source_line"], rows))
        .collect();
    tables.extend(
        edges
            .into_iter()
            .map(|(name, rows)| table(name, ["from", "to"], rows)),
    );
    Ok(tables)
}

/// A row: two leading cells, then named fields.
type Row = ([String; 2], BTreeMap<String, String>);

/// Lays rows out under the union of their field names, in first-seen order.
fn table(name: String, lead: [&str; 2], rows: Vec<Row>) -> CsvTable {
    let mut cols: Vec<String> = Vec::new();
    for (_, f) in &rows {
        for k in f.keys() {
            if !cols.contains(k) {
                cols.push(k.clone());
            }
        }
    }
    let mut header: Vec<String> = lead.iter().map(|h| (*h).to_owned()).collect();
    header.extend(cols.iter().cloned());
    let rows = rows
        .into_iter()
        .map(|(first, f)| {
            let mut row = first.to_vec();
            row.extend(cols.iter().map(|c| f.get(c).cloned().unwrap_or_default()));
            row
        })
        .collect();
    CsvTable { name, header, rows }
}

/// Writes [`csv_tables`] into a directory (created if missing); returns the files written.
///
/// # Errors
/// [`Error::Io`] if the directory or a file cannot be written.
///
/// ```
/// use reformgraph::{Store, export};
/// let dir = tempfile::tempdir()?;
/// let files = export::write_csv(&Store::in_memory()?.read()?, dir.path(), true)?;
/// assert!(files.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_csv<R: GraphRead + ?Sized>(r: &R, dir: &Path, bom: bool) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut out = Vec::new();
    for t in csv_tables(r)? {
        let path = dir.join(&t.name);
        std::fs::write(&path, t.to_csv(bom)).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        out.push(path);
    }
    Ok(out)
}
