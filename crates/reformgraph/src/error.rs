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
    /// A call on a [`Handle`](crate::Handle) after it was closed.
    #[error(
        "the database is closed; open it again (Python: reformgraph.open(path); Kotlin/Swift: ReformGraph.open)"
    )]
    Closed,
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

/// Calls `$emit!` with every [`ErrorKind`]: `#[doc…] Name, …`, in the order of the enum. The
/// core declares [`ErrorKind`] from this list, and a front-end that has one error case per
/// kind (the Kotlin/Swift bindings) declares its cases from it, so a kind added here
/// reaches it with its documentation and no case is forgotten.
#[macro_export]
macro_rules! error_kinds {
    ($emit:ident) => {
        $emit! {
            /// The file could not be read or written (missing directory, no permission, disk
            /// full).
            Io,
            /// Another process, or another open handle in this one, has the file open for
            /// writing.
            AlreadyOpen,
            /// The file was not closed cleanly (a crash or a kill) and a read-only open cannot
            /// recover it: open it for writing once; no committed change is lost.
            NeedsRecovery,
            /// A long call was cancelled; nothing of it was written.
            Cancelled,
            /// The file exists but is not a reformgraph database.
            NotAStore,
            /// The file was written by a newer reformgraph.
            UnsupportedSchema,
            /// A stored record could not be decoded.
            Corrupt,
            /// The storage engine failed.
            Storage,
            /// A write on a database opened read-only.
            ReadOnly,
            /// A call on a database handle after it was closed: open it again.
            Closed,
            /// Nothing has this key or name ([`Error::KeyNotFound`], [`Error::NameNotFound`]).
            KeyNotFound,
            /// No node has this id.
            NodeNotFound,
            /// A node with this key already exists.
            DuplicateKey,
            /// The node is of another kind than the call expects (a project where a task was
            /// asked for).
            WrongKind,
            /// A key is malformed (empty, white space, an empty segment).
            InvalidKey,
            /// A date is malformed or out of range (1900-01-01 … 2200-12-31).
            InvalidDate,
            /// Input that does not make sense; the message says which field and why.
            Invalid,
            /// The access policy does not let the actor's organisation make this change; the
            /// refusal is kept in the history.
            AccessDenied,
            /// A project cannot move to that stage.
            InvalidTransition,
            /// An import could not proceed.
            Import,
        }
    };
}

macro_rules! declare_error_kind {
    ($( $(#[$doc:meta])* $kind:ident, )*) => {
        /// What kind of failure an [`Error`] is: the one classification every front-end maps
        /// to its own error types (Python's exception classes, the Kotlin/Swift error cases),
        /// so a new variant of [`Error`] is classified here once and not in each binding.
        /// [`error_kinds!`](crate::error_kinds) lists them for front-ends.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[$doc])* $kind, )*
        }

        impl ErrorKind {
            /// The kind's name as front-ends print it (`KeyNotFound` …): the CLI's JSON
            /// errors, and the stem of Python's exception and Kotlin/Swift's error names.
            ///
            /// ```
            /// assert_eq!(reformgraph::ErrorKind::KeyNotFound.name(), "KeyNotFound");
            /// ```
            pub fn name(self) -> &'static str {
                match self {
                    $( Self::$kind => stringify!($kind), )*
                }
            }
        }
    };
}

error_kinds!(declare_error_kind);

impl Error {
    /// The kind of failure, for front-ends that map errors to their own types.
    ///
    /// ```
    /// use reformgraph::{ErrorKind, NodeKind, Store, query};
    /// let store = Store::in_memory()?;
    /// reformgraph::import::bundled::import_shanxi_2013(&store)?;
    /// let Err(err) = query::resolve(&store.read()?, NodeKind::Organization, "环保厅") else {
    ///     panic!("the plan names no organisation 环保厅");
    /// };
    /// assert_eq!(err.kind(), ErrorKind::KeyNotFound);
    /// assert_eq!(err.subject().as_deref(), Some("环保厅"));
    /// assert_eq!(err.suggestions().first().map(String::as_str), Some("省环保厅"));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io { .. } => ErrorKind::Io,
            Error::AlreadyOpen { .. } => ErrorKind::AlreadyOpen,
            Error::NeedsRecovery { .. } => ErrorKind::NeedsRecovery,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::NotAStore { .. } => ErrorKind::NotAStore,
            Error::UnsupportedSchema { .. } => ErrorKind::UnsupportedSchema,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::Storage { .. } => ErrorKind::Storage,
            Error::ReadOnly => ErrorKind::ReadOnly,
            Error::Closed => ErrorKind::Closed,
            Error::KeyNotFound { .. } | Error::NameNotFound { .. } => ErrorKind::KeyNotFound,
            Error::NodeNotFound { .. } => ErrorKind::NodeNotFound,
            Error::DuplicateKey { .. } => ErrorKind::DuplicateKey,
            Error::WrongKind { .. } => ErrorKind::WrongKind,
            Error::InvalidKey(_) => ErrorKind::InvalidKey,
            Error::InvalidDate(_) => ErrorKind::InvalidDate,
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::AccessDenied { .. } => ErrorKind::AccessDenied,
            Error::InvalidTransition { .. } => ErrorKind::InvalidTransition,
            Error::Import { .. } => ErrorKind::Import,
        }
    }

    /// The key or name the error is about (the key or name asked for, the duplicate, the
    /// node of another kind, the project, the node access was refused on; a missing node's
    /// id, printed), if it is about one.
    pub fn subject(&self) -> Option<String> {
        match self {
            Error::KeyNotFound { key }
            | Error::DuplicateKey { key }
            | Error::WrongKind { key, .. } => Some(key.clone()),
            Error::NameNotFound { name, .. } => Some(name.clone()),
            Error::NodeNotFound { id } => Some(id.to_string()),
            Error::InvalidTransition { project, .. } => Some(project.clone()),
            Error::AccessDenied { subject, .. } => Some(subject.clone()),
            _ => None,
        }
    }

    /// Close names to try instead, closest first, when nothing had the name asked for.
    pub fn suggestions(&self) -> &[String] {
        match self {
            Error::NameNotFound { suggestions, .. } => suggestions,
            _ => &[],
        }
    }

    /// The file the error is about, if it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Io { path, .. }
            | Error::AlreadyOpen { path }
            | Error::NeedsRecovery { path }
            | Error::NotAStore { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The operating system's error number, for [`Error::Io`] errors that carry one.
    pub fn os_error(&self) -> Option<i32> {
        match self {
            Error::Io { source, .. } => source.raw_os_error(),
            _ => None,
        }
    }

    /// The line of the document an import error is about, if it has one.
    pub fn line(&self) -> Option<u32> {
        match self {
            Error::Import { line, .. } => *line,
            _ => None,
        }
    }

    /// The schema version found in the file and the one this build supports, for
    /// [`Error::UnsupportedSchema`].
    pub fn schema_versions(&self) -> Option<(u32, u32)> {
        match self {
            Error::UnsupportedSchema { found, supported } => Some((*found, *supported)),
            _ => None,
        }
    }

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
    if suggestions.is_empty() && kinds == ["section"] {
        out.push_str(
            "; give a part's or category's title as the plan prints it, its number (（二）, 三、) or its key",
        );
    } else if suggestions.is_empty() {
        out.push_str("; give a key (org/…, area/…, indicator/…) or a name as the plan prints it");
    } else {
        out.push_str(&format!("; did you mean {}?", suggestions.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_error_is_about_is_readable_without_matching_its_variant() {
        let missing = Error::Io {
            path: "plan.redb".into(),
            source: std::io::Error::from_raw_os_error(2),
        };
        assert_eq!(missing.kind(), ErrorKind::Io);
        assert_eq!(missing.path(), Some(std::path::Path::new("plan.redb")));
        assert_eq!(missing.os_error(), Some(2));
        assert_eq!(missing.subject(), None);

        let crashed = Error::NeedsRecovery {
            path: "crashed.redb".into(),
        };
        assert_eq!(crashed.kind(), ErrorKind::NeedsRecovery);
        assert_eq!(crashed.path(), Some(std::path::Path::new("crashed.redb")));

        let import = Error::Import {
            line: Some(7),
            reason: "no task".into(),
        };
        assert_eq!((import.kind(), import.line()), (ErrorKind::Import, Some(7)));

        let newer = Error::UnsupportedSchema {
            found: 9,
            supported: 4,
        };
        assert_eq!(newer.schema_versions(), Some((9, 4)));

        let refused = Error::AccessDenied {
            actor: "张三 (org/省环保厅)".into(),
            subject: "shanxi-2013/reform/1".into(),
            reason: "not a lead".into(),
        };
        assert_eq!(refused.kind(), ErrorKind::AccessDenied);
        assert_eq!(refused.subject().as_deref(), Some("shanxi-2013/reform/1"));
        assert!(refused.suggestions().is_empty() && refused.path().is_none());
    }
}
