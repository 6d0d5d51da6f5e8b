//! The one error type of the crate.

use std::path::PathBuf;

use crate::model::{DateError, KeyError, NodeId, NodeKind};

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong. Each message names what failed and the key or file
/// involved, and where it helps, what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read or written.
    #[error("cannot access {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Another process (or another `Store` in this one) has the file open for writing.
    #[error(
        "{path} is already open for writing by another process; close it there, or open this one read-only"
    )]
    AlreadyOpen {
        /// The file.
        path: PathBuf,
    },
    /// The file was not closed cleanly (a crash, a kill, a power cut) and a read-only open
    /// cannot recover it; opening it for writing once does.
    #[error(
        "{path} was not closed cleanly (a crash or a kill) and must be recovered before it can be read: open it for writing once (CLI: `reformgraph repair --db FILE`; Python: reformgraph.open(path); Kotlin/Swift: ReformGraph.openExisting) and no committed change is lost"
    )]
    NeedsRecovery {
        /// The file.
        path: PathBuf,
    },
    /// A long call was cancelled through its [`Cancel`](crate::Cancel) token (Ctrl-C in
    /// Python); nothing of it was written.
    #[error("cancelled; nothing was written")]
    Cancelled,
    /// The file exists but is not a reformgraph store.
    #[error("{path} is not a reformgraph database: {reason}")]
    NotAStore {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
    /// The file was written by a newer (or unknown) version of reformgraph, or by an older
    /// one and opened read-only (an older file is upgraded in place when opened for
    /// writing; a read-only open cannot do that).
    #[error("{}", schema_message(*found, *supported))]
    UnsupportedSchema {
        /// Version found in the file.
        found: u32,
        /// Version this build reads and writes.
        supported: u32,
    },
    /// A stored record could not be decoded.
    #[error("corrupt record in table {table} at key {key}: {reason}; run `reformgraph verify`")]
    Corrupt {
        /// Table name.
        table: &'static str,
        /// The record's key, printed.
        key: String,
        /// What was wrong with it.
        reason: String,
    },
    /// The storage engine failed.
    #[error("storage failure while {operation}: {source}")]
    Storage {
        /// What the store was doing.
        operation: &'static str,
        /// The engine's error (opaque: the engine is not part of the public API).
        #[source]
        source: StorageError,
    },
    /// A write was attempted on a store opened read-only.
    #[error("the database was opened read-only; open it with Store::open to write")]
    ReadOnly,
    /// No node has this key.
    #[error("no node with key {key:?}")]
    KeyNotFound {
        /// The key asked for.
        key: String,
    },
    /// No node has this key, name or alias.
    #[error("{}", name_not_found(name, kinds, suggestions))]
    NameNotFound {
        /// The key or name asked for.
        name: String,
        /// The node kinds whose names were looked in (`organization`, `area` …).
        kinds: Vec<&'static str>,
        /// Names of those kinds that contain it or that it contains, closest first.
        suggestions: Vec<String>,
    },
    /// No node has this id.
    #[error("no node with id {id}")]
    NodeNotFound {
        /// The id asked for.
        id: NodeId,
    },
    /// A node with this key already exists.
    #[error("a node with key {key:?} already exists; update it instead, or choose another key")]
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// The node is of another kind than the call expects.
    #[error("{key:?} is a {found}, not a {expected}")]
    WrongKind {
        /// The node's key.
        key: String,
        /// Kind the call expects.
        expected: NodeKind,
        /// Kind the node has.
        found: NodeKind,
    },
    /// A key is malformed.
    #[error(transparent)]
    InvalidKey(#[from] KeyError),
    /// A date is malformed or out of range.
    #[error(transparent)]
    InvalidDate(#[from] DateError),
    /// Input that does not make sense: the message says which field and why.
    #[error("invalid {what}: {reason}")]
    Invalid {
        /// What was invalid.
        what: String,
        /// Why.
        reason: String,
    },
    /// The access policy does not let the actor's organisation make this change.
    #[error("{actor} may not change {subject}: {reason}")]
    AccessDenied {
        /// The actor (person, organisation).
        actor: String,
        /// The node the change was for.
        subject: String,
        /// Why, and what would allow it.
        reason: String,
    },
    /// A project cannot move to that stage.
    #[error("{project} cannot move from {} to {}: {reason}", from.name_zh(), to.name_zh())]
    InvalidTransition {
        /// The project's key.
        project: String,
        /// Its current stage.
        from: crate::model::ProjectStage,
        /// The stage asked for.
        to: crate::model::ProjectStage,
        /// Why not.
        reason: String,
    },
    /// An import could not proceed.
    #[error("cannot import{}: {reason}", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
    Import {
        /// Line number, if the problem has one.
        line: Option<u32>,
        /// What is wrong and what to do.
        reason: String,
    },
}

/// An opaque storage-engine error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StorageError(Box<dyn std::error::Error + Send + Sync + 'static>);

impl StorageError {
    pub(crate) fn new(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self(Box::new(e))
    }
}

impl Error {
    pub(crate) fn invalid(what: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            what: what.into(),
            reason: reason.into(),
        }
    }
}

fn schema_message(found: u32, supported: u32) -> String {
    if (1..supported).contains(&found) {
        format!(
            "the database uses schema version {found}, which this build of reformgraph upgrades to version {supported} when the file is opened for writing; open it for writing once (`Store::open`, or `reformgraph upgrade FILE`), then read-only opens work"
        )
    } else {
        format!(
            "the database uses schema version {found}, this build of reformgraph reads only version {supported}; upgrade reformgraph"
        )
    }
}

fn name_not_found(name: &str, kinds: &[&str], suggestions: &[String]) -> String {
    let mut out = format!(
        "no node with key {name:?} and no {} of that name or alias",
        kinds.join(" or ")
    );
    if suggestions.is_empty() {
        out.push_str("; give a key (org/…, area/…, indicator/…) or a name as the plan prints it");
    } else {
        out.push_str(&format!("; did you mean {}?", suggestions.join(", ")));
    }
    out
}
