//! The questions of [`ReformGraph`] that answer with records (roll-ups, targets, leads,
//! paths …), emitted from the declarations both bindings share
//! (`reformgraph_records::read_operations!`): the same arguments, defaults and answers as
//! Python's methods of the same names, each on one consistent snapshot.

use reformgraph::Snapshot;
use reformgraph_records::Cross;

use crate::record_ops::FfiArg;
use crate::{
    Attainment, Certificate, CoLead, DepartmentRollup, Funnel, Hop, Lead, LeadCount, LedTask,
    Observation, ReformGraph, Result, SectionRollup, SelectionCheck, TargetSummary, TaskSummary,
    TaskView, Workload,
};

/// The emitter: one exported impl block with a method per declared question, under its
/// Kotlin/Swift name (camel-cased by uniffi: `tasksLedBy`).
macro_rules! ffi_read_methods {
    ($(
        $(#[$meta:meta])*
        $py:ident | $ffi:ident (
            $($arg:ident : $aty:ty),* ; $($opt:ident : $oty:ty = $odef:tt),*
        ) -> $answer:ty |$snap:pat_param| $body:block
    )*) => {
        #[uniffi::export]
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
                    let ask = move |$snap: &Snapshot| -> reformgraph::Result<_> { $body };
                    Ok(ask(&self.store.read()?)?.cross()?)
                }
            )*
        }
    };
}

reformgraph_records::read_operations!(ffi_read_methods);
