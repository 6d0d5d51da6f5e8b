//! The records both bindings return, declared once, and the one conversion trait that fills
//! them from the core's values.
//!
//! [`shared_records!`] holds each record's fields, docs and source (a core type, and for a
//! field that is not the core's field of the same name, the expression that gives it). A
//! binding calls it with its own emitter macro, which turns the declarations into
//! `#[pyclass]` or `uniffi::Record` structs; the [`Cross`] impls that convert the core's
//! values are generated here, field by field, so no binding writes a conversion by hand.
//!
//! Field types are written in the bindings' shared vocabulary: plain Rust types, nested
//! records, and four names each binding defines for itself — `Day` (a date),
//! `Map<K, V>` (Python a dict, uniffi a `HashMap`), and `TaskStatus`, `LagClass`,
//! `ProjectStage` (Python names as strings, uniffi enums).
//!
//! [`record_operations!`] does the same for the recording operations: each is declared
//! once, with its arguments in core types, and each binding's emitter turns it into a
//! method (`#[pymethods]`, `#[uniffi::export]`); [`read_operations!`] for the questions
//! that answer with these records; [`store_operations!`] for the calls on the whole store
//! (imports, changesets, keys, the access policy, facts and checks).
#![forbid(unsafe_code)]

mod cross;
mod operations;
mod reads;
mod records;
mod writes;

pub use cross::{Cross, Unmapped};
pub use writes::{ImportHow, PlanSource};

/// Picks a field's source: the given expression, or the source's field of the same name
/// (`prefix` is `[v]` or `[v . N]`).
#[doc(hidden)]
#[macro_export]
macro_rules! __pick {
    ([$($prefix:tt)*], $field:ident) => {
        $($prefix)* . $field
    };
    ($prefix:tt, $field:ident, $src:expr) => {
        $src
    };
}

/// The struct literal of a record from its source (the prefix travels as one token tree so
/// that it can be repeated per field).
#[doc(hidden)]
#[macro_export]
macro_rules! __literal {
    ($name:ident, $prefix:tt, $( $field:ident $(= $src:expr)? ),*) => {
        $name {
            $( $field: $crate::Cross::cross($crate::__pick!($prefix, $field $(, $src)?))?, )*
        }
    };
}

/// Declares records with conversions from core types: the emitter (a binding's macro) gets
/// the records (name, repr fields, frame, fields and docs), and the [`Cross`] impls are
/// generated here. [`shared_records!`] uses it for the records of both bindings; a binding
/// uses it for its own. A record's source is `(v: CoreType)`, or `(v.N: CoreType)` when the
/// fields come from `v.N` (a tuple `(key, data, source)`, say); a field without `= …`
/// takes the source's field of the same name.
#[macro_export]
macro_rules! records {
    ($emit:ident; $(
        $(#[$meta:meta])*
        $name:ident ($v:ident $(. $inner:tt)? : $core:ty) [$($repr:ident),*] $(frame = $frame:literal)? {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty $(= $src:expr)? ),* $(,)?
        }
    )*) => {
        $emit! { $(
            $(#[$meta])*
            $name [$($repr),*] $(frame = $frame)? { $( $(#[$fmeta])* $field : $ty ),* }
        )* }
        $(
            impl $crate::Cross<$name> for $core {
                fn cross(self) -> ::core::result::Result<$name, $crate::Unmapped> {
                    let $v = self;
                    ::core::result::Result::Ok($crate::__literal!(
                        $name, [$v $(. $inner)?], $( $field $(= $src)? ),*
                    ))
                }
            }
        )*
    };
}
