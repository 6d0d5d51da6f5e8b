//! The one error type of the bindings: [`reformgraph::Error`], flattened.

use reformgraph::{Error, ErrorKind};

/// Result with [`ReformGraphError`].
pub type Result<T, E = ReformGraphError> = std::result::Result<T, E>;

/// The emitter for `reformgraph::error_kinds!`: one error case per kind of core error, with
/// the kind's documentation, plus `Other`.
macro_rules! ffi_error {
    ($( $(#[$doc:meta])* $kind:ident, )*) => {
        /// Everything that can go wrong, one variant per kind of [`reformgraph::Error`]
        /// ([`ErrorKind`]). The error is *flat*: each variant reaches Kotlin
        /// (`ReformGraphException.KeyNotFound` …) and Swift (`ReformGraphError.KeyNotFound`)
        /// as its kind plus the core's message, which names what failed, the key or file
        /// involved and, where it helps, what to do.
        #[derive(Debug, thiserror::Error, uniffi::Error)]
        #[uniffi(flat_error)]
        pub enum ReformGraphError {
            $(
                $(#[$doc])*
                #[error("{message}")]
                $kind {
                    /// The core's message.
                    message: String,
                },
            )*
            /// An error kind these bindings do not know yet (the core added one, or returned
            /// a value these bindings were built without): rebuild the bindings.
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
                    $( ErrorKind::$kind => Self::$kind { message }, )*
                    _ => Self::Other { message },
                }
            }
        }
    };
}

reformgraph::error_kinds!(ffi_error);

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

/// A value of a core enum these bindings were built without (the core grew a variant).
pub(crate) fn newer_core(what: &str, name: &str) -> ReformGraphError {
    ReformGraphError::Other {
        message: format!(
            "the core returned a {what} ({name}) these bindings do not know; rebuild the bindings"
        ),
    }
}
