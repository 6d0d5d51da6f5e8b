//! The one error type of the bindings: [`reformgraph::Error`], flattened.

use reformgraph::{Error, ErrorKind};

/// Result with [`ReformGraphError`].
pub type Result<T, E = ReformGraphError> = std::result::Result<T, E>;

/// Everything that can go wrong, one variant per kind of [`reformgraph::Error`]. The error is
/// *flat*: each variant reaches Kotlin (`ReformGraphException.KeyNotFound` …) and Swift
/// (`ReformGraphError.KeyNotFound`) as its kind plus the core's message, which names what
/// failed, the key or file involved and, where it helps, what to do.
#[derive(Debug, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum ReformGraphError {
    /// The file could not be read or written (missing directory, no permission, disk full).
    #[error("{message}")]
    Io {
        /// The core's message.
        message: String,
    },
    /// Another process, or another open handle in this one, has the file open for writing.
    #[error("{message}")]
    AlreadyOpen {
        /// The core's message.
        message: String,
    },
    /// The file was not closed cleanly (a crash or a kill) and a read-only open cannot
    /// recover it: open it for writing once (`ReformGraph.openExisting`); no committed change
    /// is lost.
    #[error("{message}")]
    NeedsRecovery {
        /// The core's message.
        message: String,
    },
    /// A long call was cancelled; nothing of it was written.
    #[error("{message}")]
    Cancelled {
        /// The core's message.
        message: String,
    },
    /// The file exists but is not a reformgraph database.
    #[error("{message}")]
    NotAStore {
        /// The core's message.
        message: String,
    },
    /// The file was written by a newer reformgraph.
    #[error("{message}")]
    UnsupportedSchema {
        /// The core's message.
        message: String,
    },
    /// A stored record could not be decoded.
    #[error("{message}")]
    Corrupt {
        /// The core's message.
        message: String,
    },
    /// The storage engine failed.
    #[error("{message}")]
    Storage {
        /// The core's message.
        message: String,
    },
    /// A write on a database opened read-only.
    #[error("{message}")]
    ReadOnly {
        /// The core's message.
        message: String,
    },
    /// No node has this key (or name).
    #[error("{message}")]
    KeyNotFound {
        /// The core's message.
        message: String,
    },
    /// No node has this id.
    #[error("{message}")]
    NodeNotFound {
        /// The core's message.
        message: String,
    },
    /// A node with this key already exists.
    #[error("{message}")]
    DuplicateKey {
        /// The core's message.
        message: String,
    },
    /// The node is of another kind than the call expects (a project where a task was asked).
    #[error("{message}")]
    WrongKind {
        /// The core's message.
        message: String,
    },
    /// A key is malformed (empty, white space, empty segment).
    #[error("{message}")]
    InvalidKey {
        /// The core's message.
        message: String,
    },
    /// A date is malformed or out of range (1900-01-01 … 2200-12-31).
    #[error("{message}")]
    InvalidDate {
        /// The core's message.
        message: String,
    },
    /// Input that does not make sense; the message says which field and why.
    #[error("{message}")]
    Invalid {
        /// The core's message.
        message: String,
    },
    /// A project cannot move to that stage.
    #[error("{message}")]
    InvalidTransition {
        /// The core's message.
        message: String,
    },
    /// The access policy does not let the actor's organisation make this change; the
    /// refusal is kept in the history.
    #[error("{message}")]
    AccessDenied {
        /// The core's message.
        message: String,
    },
    /// An import could not proceed.
    #[error("{message}")]
    Import {
        /// The core's message.
        message: String,
    },
    /// An error kind these bindings do not know yet (the core added one, or returned a value
    /// these bindings were built without): rebuild the bindings.
    #[error("{message}")]
    Other {
        /// The core's message.
        message: String,
    },
}

impl From<Error> for ReformGraphError {
    fn from(e: Error) -> Self {
        let message = e.to_string();
        match e.kind() {
            ErrorKind::Io => Self::Io { message },
            ErrorKind::AlreadyOpen => Self::AlreadyOpen { message },
            ErrorKind::NeedsRecovery => Self::NeedsRecovery { message },
            ErrorKind::Cancelled => Self::Cancelled { message },
            ErrorKind::NotAStore => Self::NotAStore { message },
            ErrorKind::UnsupportedSchema => Self::UnsupportedSchema { message },
            ErrorKind::Corrupt => Self::Corrupt { message },
            ErrorKind::Storage => Self::Storage { message },
            ErrorKind::ReadOnly => Self::ReadOnly { message },
            ErrorKind::KeyNotFound => Self::KeyNotFound { message },
            ErrorKind::NodeNotFound => Self::NodeNotFound { message },
            ErrorKind::DuplicateKey => Self::DuplicateKey { message },
            ErrorKind::WrongKind => Self::WrongKind { message },
            ErrorKind::InvalidKey => Self::InvalidKey { message },
            ErrorKind::InvalidDate => Self::InvalidDate { message },
            ErrorKind::Invalid => Self::Invalid { message },
            ErrorKind::InvalidTransition => Self::InvalidTransition { message },
            ErrorKind::AccessDenied => Self::AccessDenied { message },
            ErrorKind::Import => Self::Import { message },
            _ => Self::Other { message },
        }
    }
}

impl From<reformgraph::DateError> for ReformGraphError {
    fn from(e: reformgraph::DateError) -> Self {
        Error::from(e).into()
    }
}

impl From<reformgraph::KeyError> for ReformGraphError {
    fn from(e: reformgraph::KeyError) -> Self {
        Error::from(e).into()
    }
}

/// A name the core does not know (a status, stage, role or kind the bindings were given).
pub(crate) fn unknown(what: &str, name: &str, expected: &[&str]) -> ReformGraphError {
    ReformGraphError::Invalid {
        message: format!(
            "invalid {what}: {name:?} is not one of {}",
            expected.join(", ")
        ),
    }
}

/// A value of a core enum these bindings were built without (the core grew a variant).
pub(crate) fn newer_core(what: &str, name: &str) -> ReformGraphError {
    ReformGraphError::Other {
        message: format!(
            "the core returned a {what} ({name}) these bindings do not know; rebuild the bindings"
        ),
    }
}
