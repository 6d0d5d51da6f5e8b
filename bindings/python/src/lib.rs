//! Python bindings of reformgraph: the private extension module `reformgraph._reformgraph`,
//! wrapped by the pure-Python package `reformgraph` (see `python/reformgraph`).
//!
//! The bindings convert types and errors and hold no logic of their own: every question is
//! answered by `crates/reformgraph`. Calls release the GIL while the store works.

mod convert;
mod db;
mod errors;
mod iter;
mod keys;
mod read_ops;
mod record_ops;
mod store_ops;
mod types;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _reformgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // A damaged file raises CorruptDatabaseError, without a Rust panic message on stderr.
    reformgraph::quiet_contained_panics();
    m.add("SCHEMA_VERSION", reformgraph::SCHEMA_VERSION)?;
    m.add(
        "BUNDLED_PLAN_KEY",
        reformgraph::import::bundled::SHANXI_2013_KEY,
    )?;
    for (name, t) in errors::all(py)? {
        m.add(name, t.bind(py))?;
    }
    m.add_class::<db::Database>()?;
    m.add_class::<db::Registry>()?;
    m.add_class::<iter::ResultIterator>()?;
    m.add_class::<types::Evidence>()?;
    m.add_class::<types::Event>()?;
    m.add_class::<types::SourceSpan>()?;
    m.add_class::<types::Plan>()?;
    m.add_class::<types::Section>()?;
    m.add_class::<types::Task>()?;
    m.add_class::<types::Organization>()?;
    m.add_class::<types::Area>()?;
    m.add_class::<types::Indicator>()?;
    m.add_class::<types::Target>()?;
    m.add_class::<types::Project>()?;
    m.add_class::<types::Portfolio>()?;
    m.add_class::<types::PortfolioDomain>()?;
    m.add_class::<types::SelectionRule>()?;
    m.add_class::<types::SectionRef>()?;
    m.add_class::<types::Lead>()?;
    m.add_class::<types::TaskSummary>()?;
    m.add_class::<types::LedTask>()?;
    m.add_class::<types::TargetSummary>()?;
    m.add_class::<types::CoLead>()?;
    m.add_class::<types::Workload>()?;
    m.add_class::<types::Hop>()?;
    m.add_class::<types::Edge>()?;
    m.add_class::<types::SearchHit>()?;
    m.add_class::<types::TaskView>()?;
    m.add_class::<types::SubTaskRollup>()?;
    m.add_class::<types::DepartmentRollup>()?;
    m.add_class::<types::OverdueTask>()?;
    m.add_class::<types::AssessedUnit>()?;
    m.add_class::<types::Assessment>()?;
    m.add_class::<types::LedgerRowChange>()?;
    m.add_class::<types::LedgerRowProblem>()?;
    m.add_class::<types::LedgerDiff>()?;
    m.add_class::<types::LedgerImport>()?;
    m.add_class::<types::SectionRollup>()?;
    m.add_class::<types::Observation>()?;
    m.add_class::<types::Attainment>()?;
    m.add_class::<types::SubjectSelection>()?;
    m.add_class::<types::SelectionViolation>()?;
    m.add_class::<types::SelectionCheck>()?;
    m.add_class::<types::StageCount>()?;
    m.add_class::<types::Funnel>()?;
    m.add_class::<types::Conflict>()?;
    m.add_class::<types::Refusal>()?;
    m.add_class::<types::ApplyReport>()?;
    m.add_class::<types::Unparsed>()?;
    m.add_class::<types::ImportReport>()?;
    m.add_class::<types::LeadCount>()?;
    m.add_class::<types::StoreInfo>()?;
    m.add_class::<types::Problem>()?;
    m.add_class::<types::Certificate>()?;
    m.add_class::<keys::SecretKey>()?;
    Ok(())
}
