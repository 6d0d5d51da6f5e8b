//! The questions of [`ReformGraph`] that answer with records (roll-ups, targets, leads,
//! paths …), emitted from the declarations both bindings share
//! (`reformgraph_records::read_operations!`): the same arguments, defaults and answers as
//! Python's methods of the same names, each on one consistent snapshot.

use reformgraph::{Snapshot, Store};
use reformgraph_records::Cross;

use crate::record_ops::FfiArg;
use crate::{
    Assessment, Attainment, Certificate, CoLead, DepartmentRollup, Funnel, Hop, Lead, LeadCount,
    LedTask, LedgerDiff, Observation, OverdueTask, ReformGraph, Result, SectionRollup,
    SelectionCheck, TargetSummary, TaskSummary, TaskView, Workload,
};

impl ReformGraph {
    /// Runs a question on one consistent snapshot.
    pub(crate) fn read<T>(
        &self,
        ask: impl FnOnce(&Snapshot) -> reformgraph::Result<T>,
    ) -> Result<T> {
        Ok(self.handle.read(ask)?)
    }

    /// Runs a call on the store (an import, a changeset, a key or policy change).
    pub(crate) fn write<T>(
        &self,
        call: impl FnOnce(&Store) -> reformgraph::Result<T>,
    ) -> Result<T> {
        Ok(self.handle.write(call)?)
    }
}

/// The emitter of the questions (`read_operations!`) and of the calls on the store
/// (`store_operations!`): one exported impl block with a method per declared operation,
/// under its Kotlin/Swift name (camel-cased by uniffi: `tasksLedBy`), run by `read` or
/// `write` as the declarations say.
macro_rules! ffi_answer_methods {
    ($run:ident; $(
        $(#[$meta:meta])*
        $py:ident | $ffi:ident (
            $($arg:ident : $aty:ty),* ; $($opt:ident : $oty:ty = $odef:tt),*
        ) -> $answer:ty |$snap:pat_param| $body:block
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
                    $($opt: <$oty as FfiArg>::Wire,)*
                ) -> Result<$answer> {
                    $(let $arg = <$aty as FfiArg>::core($arg)?;)*
                    $(let $opt = <$oty as FfiArg>::core($opt)?;)*
                    Ok(self.$run(move |$snap| $body)?.cross()?)
                }
            )*
        }
    };
}
pub(crate) use ffi_answer_methods;

reformgraph_records::read_operations!(ffi_answer_methods);
