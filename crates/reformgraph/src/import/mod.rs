//! Import: document text → [`Draft`] → store.
//!
//! [`parse`] turns text into a [`Draft`] (plain data, nothing written); [`load`] writes a
//! draft in an open transaction; [`import_text`] and [`import_file`] do both in one write
//! transaction, so a failed import leaves the store as it was.
//!
//! ```
//! use reformgraph::{GraphRead, Store, import};
//! let store = Store::in_memory()?;
//! let report = import::bundled::import_shanxi_2013(&store)?;
//! assert_eq!(report.counts.get("task:reform"), Some(&50));
//! assert!(store.read()?.node_by_key("shanxi-2013/reform/20")?.is_some());
//! # Ok::<(), reformgraph::Error>(())
//! ```

pub mod clause;
pub mod deadline;
pub mod decode;
mod draft;
mod load;
pub mod normalize;
pub mod orgs;
pub mod parse;
mod registry;

use std::path::Path;

pub use decode::decode_text;
pub use draft::{Draft, DraftEdge, DraftNode, ImportReport, PlanMeta, Unparsed};
pub use load::load;
pub use parse::parse;
pub use registry::{RegisteredArea, Registry};

use crate::error::{Error, Result};
use crate::store::Store;

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Refuse the import (writing nothing) if any paragraph did not become data.
    pub strict: bool,
}

/// Parses `text` and loads it into `store` in one write transaction.
///
/// # Errors
/// [`Error::Import`] in strict mode when a paragraph did not become data (listing the first
/// ones) or when the draft is inconsistent; storage errors. On error nothing is written.
///
/// ```
/// use reformgraph::{Store, import::{self, ImportOptions, PlanMeta, Registry}};
/// let store = Store::in_memory()?;
/// let text = "一、重大改革\n（一）产业。\n1.推进煤电体制改革。统筹煤炭和电力两个市场建设。（牵头部门：省经信委）\n";
/// let meta = PlanMeta { key: Some("demo".into()), ..PlanMeta::default() };
/// let report = import::import_text(&store, text, &meta, &Registry::shanxi()?, ImportOptions::default())?;
/// assert_eq!(report.counts.get("task:reform"), Some(&1));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn import_text(
    store: &Store,
    text: &str,
    meta: &PlanMeta,
    registry: &Registry,
    options: ImportOptions,
) -> Result<ImportReport> {
    let draft = parse(text, meta, registry)?;
    if options.strict && !draft.report.unparsed.is_empty() {
        let first: Vec<String> = draft
            .report
            .unparsed
            .iter()
            .take(3)
            .map(|u| format!("line {}: {} ({})", u.line, u.reason, u.text))
            .collect();
        return Err(Error::Import {
            line: draft.report.unparsed.first().map(|u| u.line),
            reason: format!(
                "strict mode: {} paragraph(s) did not become data — {}; fix the text or import without --strict to see them all in the report",
                draft.report.unparsed.len(),
                first.join("; ")
            ),
        });
    }
    store.write(|tx| load(tx, &draft))
}

/// Reads a file (UTF-8; see [`decode_text`]) and imports it with [`import_text`].
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Import`] if it is not UTF-8 text
/// (with a hint for GB18030 files); otherwise as [`import_text`].
///
/// ```
/// use reformgraph::{Error, Store, import::{self, ImportOptions, PlanMeta, Registry}};
/// let store = Store::in_memory()?;
/// let err = import::import_file(&store, "no/such/plan.txt", &PlanMeta::default(), &Registry::empty(), ImportOptions::default());
/// assert!(matches!(err, Err(Error::Io { .. })));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn import_file(
    store: &Store,
    path: impl AsRef<Path>,
    meta: &PlanMeta,
    registry: &Registry,
    options: ImportOptions,
) -> Result<ImportReport> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let text = decode_text(&bytes)?;
    import_text(store, &text, meta, registry, options)
}

/// Reads plan metadata from JSON (the format of `data/shanxi-2013/meta.json`).
///
/// # Errors
/// [`Error::Invalid`] if the JSON does not describe a [`PlanMeta`].
///
/// ```
/// use reformgraph::import::meta_from_json;
/// let meta = meta_from_json(r#"{"key": "x-2020", "period_end": 2022}"#)?;
/// assert_eq!(meta.period_end, Some(2022));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn meta_from_json(json: &str) -> Result<PlanMeta> {
    serde_json::from_str(json).map_err(|e| Error::invalid("plan metadata JSON", e.to_string()))
}

/// The plan the project ships: Shanxi's 2013–2015 implementation plan.
pub mod bundled {
    use super::{ImportOptions, ImportReport, PlanMeta, Registry, import_text, meta_from_json};
    use crate::error::Result;
    use crate::store::Store;

    /// Its key.
    pub const SHANXI_2013_KEY: &str = "shanxi-2013";
    /// Its text (`data/shanxi-2013/plan.txt`).
    pub const SHANXI_2013_TEXT: &str = include_str!("../../../../data/shanxi-2013/plan.txt");
    const SHANXI_2013_META: &str = include_str!("../../../../data/shanxi-2013/meta.json");

    /// Its metadata (`data/shanxi-2013/meta.json`).
    ///
    /// # Errors
    /// Only if the shipped file were malformed (a test guards it).
    ///
    /// ```
    /// let meta = reformgraph::import::bundled::shanxi_2013_meta()?;
    /// assert_eq!(meta.period_end, Some(2015));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn shanxi_2013_meta() -> Result<PlanMeta> {
        meta_from_json(SHANXI_2013_META)
    }

    /// Imports (or re-imports) the bundled plan with its registry.
    ///
    /// # Errors
    /// As [`import_text`].
    ///
    /// ```
    /// use reformgraph::{Store, import::bundled};
    /// let store = Store::in_memory()?;
    /// bundled::import_shanxi_2013(&store)?;
    /// let again = bundled::import_shanxi_2013(&store)?;
    /// assert_eq!((again.created, again.updated, again.removed), (0, 0, 0));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn import_shanxi_2013(store: &Store) -> Result<ImportReport> {
        import_text(
            store,
            SHANXI_2013_TEXT,
            &shanxi_2013_meta()?,
            &Registry::shanxi()?,
            ImportOptions::default(),
        )
    }
}
