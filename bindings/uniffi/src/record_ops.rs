//! The recording methods of [`ReformGraph`], emitted from the declarations both bindings
//! share (`reformgraph_records::record_operations!`): each takes the operation's required
//! arguments, then `by` (who records it, when it takes effect, on what evidence, signed by
//! which key), then its optional arguments with their defaults, and returns the recorded
//! [`EventRow`].

use reformgraph::{Change, Date, Snapshot, track};

use reformgraph_records::Cross;

use crate::types::date_of;
use crate::{Day, EventRow, Provenance, ReformGraph, Result};

/// How a core argument type crosses from Kotlin/Swift, and how it becomes the core's value.
pub trait FfiArg: Sized {
    /// What the app passes.
    type Wire;
    /// The core value.
    fn core(wire: Self::Wire) -> Result<Self>;
}

macro_rules! as_is {
    ($($t:ty),*) => {$(
        impl FfiArg for $t {
            type Wire = $t;
            fn core(wire: $t) -> Result<Self> {
                Ok(wire)
            }
        }
    )*};
}
as_is!(String, f64, bool, u16, u32, Vec<String>);

impl FfiArg for Date {
    type Wire = Day;
    fn core(wire: Day) -> Result<Self> {
        Date::try_from(wire)
    }
}

impl FfiArg for reformgraph::TaskStatus {
    type Wire = crate::TaskStatus;
    fn core(wire: crate::TaskStatus) -> Result<Self> {
        Ok(wire.into())
    }
}

impl FfiArg for reformgraph::ProjectStage {
    type Wire = crate::ProjectStage;
    fn core(wire: crate::ProjectStage) -> Result<Self> {
        Ok(wire.into())
    }
}

impl<T: FfiArg> FfiArg for Option<T> {
    type Wire = Option<T::Wire>;
    fn core(wire: Self::Wire) -> Result<Self> {
        wire.map(T::core).transpose()
    }
}

impl ReformGraph {
    /// Records the change `build` makes (from a snapshot, for name resolution) as `by`.
    fn record_with(
        &self,
        by: Provenance,
        build: impl FnOnce(&Snapshot) -> reformgraph::Result<(String, Change)>,
    ) -> Result<EventRow> {
        let by = track::RecordedBy {
            effective: date_of(by.effective)?,
            evidence: by.evidence.map(Into::into),
            allow_unusual_date: by.allow_unusual_date,
            signer: by.signer.map(|k| k.inner.clone()),
            ..track::RecordedBy::person(by.person, by.organization)
        };
        Ok(self.handle.record(by, build)?.cross()?)
    }
}

/// The emitter: one exported impl block with a method per declared operation, under its
/// Kotlin/Swift name (camel-cased by uniffi: `recordTaskStatus`).
macro_rules! ffi_record_methods {
    ($(
        $(#[$meta:meta])*
        $py:ident | $ffi:ident (
            $($arg:ident : $aty:ty),* ; $($opt:ident : $oty:ty = $odef:tt),*
        ) |$snap:pat_param| $body:block
    )*) => {
        #[uniffi::export]
        // An operation's arguments are the app's named parameters (with defaults), not a
        // struct it would have to build: clippy's argument count does not apply.
        #[allow(clippy::too_many_arguments)]
        impl ReformGraph {
            $(
                $(#[$meta])*
                #[uniffi::method(default($($opt = $odef),*))]
                pub fn $ffi(
                    &self,
                    $($arg: <$aty as FfiArg>::Wire,)*
                    by: Provenance,
                    $($opt: <$oty as FfiArg>::Wire,)*
                ) -> Result<EventRow> {
                    $(let $arg = <$aty as FfiArg>::core($arg)?;)*
                    $(let $opt = <$oty as FfiArg>::core($opt)?;)*
                    self.record_with(by, move |$snap| $body)
                }
            )*
        }
    };
}

reformgraph_records::record_operations!(ffi_record_methods);
