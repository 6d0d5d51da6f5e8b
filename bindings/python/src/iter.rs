//! Lazy iteration: nodes fetched one at a time, search hits a page at a time, tasks
//! converted to Python only when reached. Each iterator keeps the snapshot it started on,
//! so it sees one consistent state however long it runs.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use reformgraph::query::TaskSummary;
use reformgraph::search::{self, SearchHit, SearchQuery};
use reformgraph::{GraphRead, NodeId, Snapshot};

use crate::errors::IntoPyResult;
use crate::types;

enum Source {
    Nodes {
        snap: Arc<Snapshot>,
        ids: std::vec::IntoIter<NodeId>,
    },
    Tasks(std::vec::IntoIter<TaskSummary>),
    Search {
        snap: Arc<Snapshot>,
        query: SearchQuery,
        page: VecDeque<SearchHit>,
        done: bool,
    },
}

/// An iterator over query results that fetches or converts them as it goes. Returned by
/// `Database.iter_nodes`, `iter_tasks` and `iter_search`.
#[pyclass(frozen, module = "reformgraph._reformgraph")]
pub struct ResultIterator {
    source: Mutex<Source>,
}

impl ResultIterator {
    /// Nodes by id, read from `snap` one at a time.
    pub fn nodes(snap: Arc<Snapshot>, ids: Vec<NodeId>) -> Self {
        Self {
            source: Mutex::new(Source::Nodes {
                snap,
                ids: ids.into_iter(),
            }),
        }
    }

    /// Task summaries, converted one at a time.
    pub fn tasks(tasks: Vec<TaskSummary>) -> Self {
        Self {
            source: Mutex::new(Source::Tasks(tasks.into_iter())),
        }
    }

    /// Search hits, starting with the first page; later pages are fetched from `snap`.
    pub fn search(snap: Arc<Snapshot>, query: SearchQuery, first: Vec<SearchHit>) -> Self {
        let done = first.len() < query.limit;
        let mut query = query;
        query.offset += first.len();
        Self {
            source: Mutex::new(Source::Search {
                snap,
                query,
                page: first.into(),
                done,
            }),
        }
    }
}

#[pymethods]
impl ResultIterator {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        // Never wait for the lock while holding the GIL: the holder may be waiting for it.
        let mut source = match self.source.try_lock() {
            Ok(s) => s,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "iterator already executing in another thread",
                ));
            }
        };
        match &mut *source {
            Source::Nodes { snap, ids } => loop {
                let Some(id) = ids.next() else {
                    return Ok(None);
                };
                let snap = Arc::clone(snap);
                if let Some(n) = py.detach(move || snap.node(id)).py()? {
                    return types::node(py, n).map(Some);
                }
            },
            Source::Tasks(tasks) => tasks
                .next()
                .map(|t| Ok(Py::new(py, types::cross::<_, types::TaskSummary>(t)?)?.into_any()))
                .transpose(),
            Source::Search {
                snap,
                query,
                page,
                done,
            } => {
                if page.is_empty() && !*done {
                    let snap = Arc::clone(snap);
                    let q = query.clone();
                    let found = py.detach(move || search::search(&*snap, &q)).py()?;
                    *done = found.hits.len() < query.limit;
                    query.offset += found.hits.len();
                    page.extend(found.hits);
                }
                page.pop_front()
                    .map(|h| Ok(Py::new(py, types::cross::<_, types::SearchHit>(h)?)?.into_any()))
                    .transpose()
            }
        }
    }

    fn __repr__(&self) -> &'static str {
        "<reformgraph.ResultIterator>"
    }
}
