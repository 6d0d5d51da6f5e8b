//! The plumbing of the record types: how a field of a record converts to and from the field
//! of the public type it mirrors, and the macros that declare a mirror and both of its
//! conversions from one list of fields (so the list the bytes follow is written once).
//!
//! Converting a public value into its record cannot fail ([`Freeze`]). Converting a record
//! into the public type can ([`Thaw`]): the record holds what the bytes said, and a key or a
//! date may not be valid; the caller turns an [`Unfit`] into `Error::Corrupt` with the table
//! and key.

/// Why a decoded record does not make a valid public value (a bad key, a date that does
/// not exist …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unfit(pub(crate) String);

impl Unfit {
    /// An `Unfit` from any displayable error.
    pub(crate) fn from_error(e: impl std::fmt::Display) -> Self {
        Unfit(e.to_string())
    }
}

/// Public → record: never fails.
pub(crate) trait Freeze<R> {
    /// The record form.
    fn freeze(self) -> R;
}

/// Record → public: fails when the record holds a value the public type refuses.
pub(crate) trait Thaw<T> {
    /// The public form.
    fn thaw(self) -> Result<T, Unfit>;
}

impl<T: Freeze<R>, R> Freeze<Option<R>> for Option<T> {
    fn freeze(self) -> Option<R> {
        self.map(Freeze::freeze)
    }
}

impl<R: Thaw<T>, T> Thaw<Option<T>> for Option<R> {
    fn thaw(self) -> Result<Option<T>, Unfit> {
        self.map(Thaw::thaw).transpose()
    }
}

impl<T: Freeze<R>, R> Freeze<Vec<R>> for Vec<T> {
    fn freeze(self) -> Vec<R> {
        self.into_iter().map(Freeze::freeze).collect()
    }
}

impl<R: Thaw<T>, T> Thaw<Vec<T>> for Vec<R> {
    fn thaw(self) -> Result<Vec<T>, Unfit> {
        self.into_iter().map(Thaw::thaw).collect()
    }
}

/// Values that are their own record (their serde shape is bincode's, and fixed by Rust).
macro_rules! as_is {
    ($($ty:ty),*) => {$(
        impl Freeze<$ty> for $ty {
            fn freeze(self) -> $ty {
                self
            }
        }
        impl Thaw<$ty> for $ty {
            fn thaw(self) -> Result<$ty, Unfit> {
                Ok(self)
            }
        }
    )*};
}

as_is!(String, bool, u16, u32, u64, u128, i64, f64);

/// Declares a record struct mirroring a public struct field for field, in the order given
/// (which is the order of the bytes), with `From<public>` and `TryFrom<record>`. Both
/// conversions destructure every field, so a field added to the public type stops the
/// build here: the record stays as it is, and the new field gets an explicit conversion
/// (a default when reading, most likely) instead of silently changing the bytes.
macro_rules! mirror_struct {
    ($(#[$meta:meta])* $record:ident <=> $public:ident {
        $($field:ident: $ty:ty),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub(crate) struct $record {
            $(pub(crate) $field: $ty),*
        }

        impl From<$public> for $record {
            fn from(value: $public) -> Self {
                let $public { $($field),* } = value;
                Self {
                    $($field: $crate::store::records::mirror::Freeze::freeze($field)),*
                }
            }
        }

        impl TryFrom<$record> for $public {
            type Error = $crate::store::records::mirror::Unfit;
            fn try_from(record: $record) -> Result<Self, Self::Error> {
                let $record { $($field),* } = record;
                Ok($public {
                    $($field: $crate::store::records::mirror::Thaw::thaw($field)?),*
                })
            }
        }

        $crate::store::records::mirror::freeze_and_thaw!($record, $public);
    };
}

/// Declares a record enum of unit variants mirroring a public enum, in the order given
/// (the variant index is what bincode writes), with `From` both ways. The matches are
/// exhaustive, so a variant added to the public type stops the build here.
macro_rules! mirror_enum {
    ($(#[$meta:meta])* $record:ident <=> $public:ident { $($variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        pub(crate) enum $record {
            $($variant),*
        }

        impl From<$public> for $record {
            fn from(value: $public) -> Self {
                match value {
                    $($public::$variant => Self::$variant),*
                }
            }
        }

        impl From<$record> for $public {
            fn from(record: $record) -> Self {
                match record {
                    $($record::$variant => Self::$variant),*
                }
            }
        }

        impl $crate::store::records::mirror::Freeze<$record> for $public {
            fn freeze(self) -> $record {
                self.into()
            }
        }

        impl $crate::store::records::mirror::Thaw<$public> for $record {
            fn thaw(self) -> Result<$public, $crate::store::records::mirror::Unfit> {
                Ok(self.into())
            }
        }
    };
}

/// [`Freeze`] and [`Thaw`] for a record with `From<public>` and `TryFrom<record>`, so it
/// can be a field of another record (also inside an `Option` or a `Vec`).
macro_rules! freeze_and_thaw {
    ($record:ty, $public:ty) => {
        impl $crate::store::records::mirror::Freeze<$record> for $public {
            fn freeze(self) -> $record {
                self.into()
            }
        }

        impl $crate::store::records::mirror::Thaw<$public> for $record {
            fn thaw(self) -> Result<$public, $crate::store::records::mirror::Unfit> {
                self.try_into()
            }
        }
    };
}

pub(crate) use {freeze_and_thaw, mirror_enum, mirror_struct};
