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
mod leads;
mod load;
pub mod normalize;
pub mod orgs;
pub mod parse;
mod registry;

use std::path::Path;

pub use decode::decode_text;
pub use draft::{
    CreatedOrganization, Draft, DraftEdge, DraftNode, ImportReport, PlanMeta, Unparsed,
};
pub use load::{load, load_as, load_with};
pub use parse::parse;
pub use registry::{RegisteredArea, Registry};

use crate::error::{Error, Result};
use crate::store::Store;

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Refuse the import (writing nothing) if any line did not become data, a task has no
    /// responsible unit, or no task was found.
    pub strict: bool,
    /// Let a re-import remove tasks that have tracked history (their history stays readable
    /// by key). Without it such a re-import is refused, naming them.
    pub allow_removals: bool,
}

/// What the importer looks for, for the message of an import that found no task.
const LOOKED_FOR: &str = "numbered items (一、 （一） 1. 1、 （1） ① 第一条), paragraphs or table rows (序号 | 任务 | 牵头单位 …) carrying a responsibility clause — （牵头单位：X；配合单位：Y）, （X牵头，Y配合）, 〔责任单位：X〕, （X负责）, or 牵头单位：X / 责任单位：X on a line of its own — or a stated deadline (2020年底前)";

/// Parses `text` and checks the draft against `options`, writing nothing: the first half of
/// [`import_text`], for callers that must know an import will succeed before they create a
/// database file.
///
/// # Errors
/// [`Error::Import`] when no task was found (in any mode), and in strict mode when a line
/// did not become data or a task has no responsible unit; as [`parse`] otherwise.
///
/// ```
/// use reformgraph::{Error, import::{self, ImportOptions, PlanMeta, Registry}};
/// let meta = PlanMeta { key: Some("x".into()), ..PlanMeta::default() };
/// let err = import::prepare("一、总体要求\n坚持稳中求进。\n", &meta, &Registry::empty(), ImportOptions::default());
/// assert!(matches!(err, Err(Error::Import { .. })));
/// let ok = import::prepare("1.推进改革。（市发改委牵头，市财政局配合）\n", &meta, &Registry::empty(), ImportOptions::default())?;
/// assert_eq!(ok.report.counts.get("task"), Some(&1));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn prepare(
    text: &str,
    meta: &PlanMeta,
    registry: &Registry,
    options: ImportOptions,
) -> Result<Draft> {
    let draft = parse(text, meta, registry)?;
    let report = &draft.report;
    if report.counts.get("task").copied().unwrap_or(0) == 0 {
        let lines: usize = report.lines.values().sum();
        return Err(Error::Import {
            line: None,
            reason: format!(
                "no task found in {lines} line(s): the importer looked for {LOOKED_FOR}; {} line(s) are listed as unparsed",
                report.unparsed.len()
            ),
        });
    }
    if options.strict && !report.unparsed.is_empty() {
        let first: Vec<String> = report
            .unparsed
            .iter()
            .take(3)
            .map(|u| format!("line {}: {} ({})", u.line, u.reason, u.text))
            .collect();
        return Err(Error::Import {
            line: report.unparsed.first().map(|u| u.line),
            reason: format!(
                "strict mode: {} line(s) did not become data — {}; fix the text or import without --strict to see them all in the report",
                report.unparsed.len(),
                first.join("; ")
            ),
        });
    }
    if options.strict && !report.tasks_without_units.is_empty() {
        let first: Vec<&str> = report
            .tasks_without_units
            .iter()
            .take(5)
            .map(String::as_str)
            .collect();
        return Err(Error::Import {
            line: None,
            reason: format!(
                "strict mode: {} task(s) have no responsible unit — {}; add a clause such as （牵头单位：X） or import without --strict",
                report.tasks_without_units.len(),
                first.join(", ")
            ),
        });
    }
    Ok(draft)
}

/// Parses `text` and loads it into `store` in one write transaction.
///
/// # Errors
/// As [`prepare`]; [`Error::Import`] when the re-import would remove tasks with tracked
/// history and `options.allow_removals` is not set (naming them); storage errors. On error
/// nothing is written.
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
    import_text_as(store, text, meta, registry, options, None)
}

/// [`import_text`] by the plan's administrator, whose key signs the `leads_assigned` events
/// of tasks this version gives other responsible organisations ([`load_as`]).
///
/// # Errors
/// As [`import_text`]; [`Error::AccessDenied`] when leads change in a store with an
/// administrator key and `admin` is not that key.
///
/// ```
/// use reformgraph::{Store, track::{self, SecretKey}, import::{self, ImportOptions, PlanMeta, Registry}};
/// let store = Store::in_memory()?;
/// let meta = PlanMeta { key: Some("demo".into()), ..PlanMeta::default() };
/// let v1 = "1.推进煤电体制改革。（牵头部门：省经信委）\n";
/// import::import_text(&store, v1, &meta, &Registry::shanxi()?, ImportOptions::default())?;
/// let admin = SecretKey::generate()?;
/// track::set_admin_key(&store, admin.public())?;
/// let v2 = "1.推进煤电体制改革。（牵头部门：省发展改革委）\n";
/// let report = import::import_text_as(&store, v2, &meta, &Registry::shanxi()?, ImportOptions::default(), Some(&admin))?;
/// assert_eq!(report.leads_reassigned, vec!["demo/task/1".to_owned()]);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn import_text_as(
    store: &Store,
    text: &str,
    meta: &PlanMeta,
    registry: &Registry,
    options: ImportOptions,
    admin: Option<&crate::track::SecretKey>,
) -> Result<ImportReport> {
    let draft = prepare(text, meta, registry, options)?;
    store.write(|tx| load::load_as(tx, &draft, options.allow_removals, admin))
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
    import_file_as(store, path, meta, registry, options, None)
}

/// [`import_file`] by the plan's administrator (see [`import_text_as`]).
///
/// # Errors
/// As [`import_file`] and [`import_text_as`].
///
/// ```
/// use reformgraph::{Error, Store, track::SecretKey, import::{self, ImportOptions, PlanMeta, Registry}};
/// let store = Store::in_memory()?;
/// let admin = SecretKey::generate()?;
/// let err = import::import_file_as(&store, "no/such/plan.txt", &PlanMeta::default(), &Registry::empty(), ImportOptions::default(), Some(&admin));
/// assert!(matches!(err, Err(Error::Io { .. })));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn import_file_as(
    store: &Store,
    path: impl AsRef<Path>,
    meta: &PlanMeta,
    registry: &Registry,
    options: ImportOptions,
    admin: Option<&crate::track::SecretKey>,
) -> Result<ImportReport> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let text = decode_text(&bytes)?;
    import_text_as(store, &text, meta, registry, options, admin)
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
    pub const SHANXI_2013_TEXT: &str = include_str!("../../data/shanxi-2013/plan.txt");
    const SHANXI_2013_META: &str = include_str!("../../data/shanxi-2013/meta.json");

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
