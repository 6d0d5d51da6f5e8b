//! `Database`: a thin handle on an `Arc<Store>`. Every method converts its arguments, runs
//! the core with the GIL released, and converts the result.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple, PyType};
use reformgraph::import::Registry as CoreRegistry;
use reformgraph::query::{self, TaskFilter};
use reformgraph::search::{self, SearchQuery};
use reformgraph::track::{self, EventInput, LagThresholds, RecordedBy};
use reformgraph::{Cancel, Change, GraphRead, NodeData, NodeKind, Snapshot, Store};

use crate::convert::{self, opt_date};
use crate::errors::{self, IntoPyResult};
use crate::iter::ResultIterator;
use crate::keys::SecretKey;
use crate::types::{self, Evidence};

static RESULT_LIST: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static SEARCH_RESULTS: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Wraps records in `reformgraph.ResultList` (a list with `to_pandas()`).
pub fn result_list<T>(py: Python<'_>, items: impl IntoIterator<Item = T>) -> PyResult<Py<PyAny>>
where
    T: for<'py> IntoPyObject<'py>,
{
    let list = PyList::empty(py);
    for item in items {
        list.append(item)?;
    }
    let cls = RESULT_LIST.import(py, "reformgraph._results", "ResultList")?;
    Ok(cls.call1((list,))?.unbind())
}

/// Records from a fallible conversion, wrapped as [`result_list`].
fn result_list_of(py: Python<'_>, items: Vec<Py<PyAny>>) -> PyResult<Py<PyAny>> {
    result_list(py, items)
}

/// A plan registry: which names are organisations and areas, and their aliases.
///
/// >>> import reformgraph
/// >>> reg = reformgraph.Registry.from_tsv("省环保厅\tprovincial_department\t山西省环境保护厅\n", "")
/// >>> reg.organization_count
/// 1
#[pyclass(frozen, module = "reformgraph._reformgraph")]
pub struct Registry {
    pub(crate) inner: CoreRegistry,
}

#[pymethods]
impl Registry {
    /// The registry of the bundled Shanxi plan (its departments, cities and counties).
    #[staticmethod]
    fn shanxi() -> PyResult<Self> {
        Ok(Self {
            inner: CoreRegistry::shanxi().py()?,
        })
    }

    /// An empty registry: organisations are registered as they appear, no area is recognised.
    #[staticmethod]
    fn empty() -> Self {
        Self {
            inner: CoreRegistry::empty(),
        }
    }

    /// A registry from two tab-separated texts: `name<TAB>kind<TAB>aliases` for
    /// organisations and `name<TAB>level<TAB>parent<TAB>aliases` for areas (aliases
    /// separated by `|`).
    #[staticmethod]
    fn from_tsv(organizations: &str, areas: &str) -> PyResult<Self> {
        Ok(Self {
            inner: CoreRegistry::from_tsv(organizations, areas).py()?,
        })
    }

    /// How many organisations it lists.
    #[getter]
    fn organization_count(&self) -> usize {
        self.inner.organizations().len()
    }

    /// How many areas it lists.
    #[getter]
    fn area_count(&self) -> usize {
        self.inner.areas().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Registry(organizations={}, areas={})",
            self.inner.organizations().len(),
            self.inner.areas().len()
        )
    }
}

/// Who records a change, and on what grounds, from the keywords of every `record_*`.
pub(crate) fn prov(
    actor: String,
    org: Option<String>,
    effective: Option<&Bound<'_, PyAny>>,
    evidence: Option<Evidence>,
    allow_unusual_date: bool,
    key: Option<SecretKey>,
) -> PyResult<RecordedBy> {
    Ok(RecordedBy {
        effective: opt_date(effective)?,
        evidence: evidence.map(Into::into),
        allow_unusual_date,
        signer: key.map(|k| k.inner),
        ..RecordedBy::person(actor, org)
    })
}

/// Runs `work` on a worker thread under a cancellation token, checking for signals (Ctrl-C)
/// on this thread every 50 ms with the GIL; a signal cancels the work and is raised once
/// the work has stopped (nothing half-written: the core aborts the transaction).
fn interruptible<T: Send>(
    py: Python<'_>,
    work: impl FnOnce() -> reformgraph::Result<T> + Send,
) -> PyResult<T> {
    let token = Cancel::new();
    std::thread::scope(|scope| {
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let worker_token = token.clone();
        // `done` moves into the worker: dropped when it ends, even by a panic, so the wait
        // below always ends.
        let worker = scope.spawn(move || {
            let out = worker_token.run(work);
            // The receiver waits for this; if it is gone there is nobody to tell.
            let _ = done.send(());
            out
        });
        let mut signal = None;
        let mut finished = finished;
        loop {
            // Wait for the worker without the GIL: back at once when it is done, or after
            // 50 ms to look for Ctrl-C. (The receiver travels into the wait and back: it
            // may move between threads but not be shared.)
            let (waited, back) = py.detach(move || {
                let w = finished.recv_timeout(std::time::Duration::from_millis(50));
                (w, finished)
            });
            finished = back;
            if !matches!(waited, Err(std::sync::mpsc::RecvTimeoutError::Timeout)) {
                break;
            }
            if signal.is_none()
                && let Err(e) = py.check_signals()
            {
                token.cancel();
                signal = Some(e);
            }
        }
        let outcome = worker.join().unwrap_or_else(|_| {
            Err(reformgraph::Error::Invalid {
                what: "call".into(),
                reason: "it stopped with an internal error (a bug in reformgraph, not in your data); nothing was written; please report it".into(),
            })
        });
        match (signal, outcome) {
            // Finished before the signal was seen: the work stands, the signal is raised.
            (Some(e), _) => Err(e),
            (None, r) => r.py(),
        }
    })
}

fn task_filter(
    lead: Option<String>,
    category: Option<String>,
    role: Option<&str>,
    mentions: Option<String>,
    plan: Option<String>,
) -> PyResult<TaskFilter> {
    Ok(TaskFilter {
        lead,
        category,
        role: role.map(convert::role).transpose()?,
        mentions,
        plan,
    })
}

/// Arguments of a search.
#[allow(clippy::too_many_arguments)]
fn search_query(
    text: String,
    kinds: Option<Vec<String>>,
    role: Option<&str>,
    category: Option<String>,
    lead: Option<String>,
    plan: Option<String>,
    offset: usize,
    limit: usize,
) -> PyResult<SearchQuery> {
    Ok(SearchQuery {
        kinds: kinds
            .unwrap_or_default()
            .iter()
            .map(|k| convert::kind(k))
            .collect::<PyResult<_>>()?,
        role: role.map(convert::role).transpose()?,
        category,
        lead,
        plan,
        offset,
        limit,
        ..SearchQuery::new(text)
    })
}

/// A reformgraph database: one file (or memory), one writer at a time, any number of
/// readers. Use :func:`reformgraph.open`, :func:`reformgraph.create` or
/// :func:`reformgraph.memory` rather than this constructor.
///
/// Methods release the GIL while the store works, and a `Database` may be shared by
/// threads. After :meth:`close` every method raises `DatabaseClosedError`.
#[pyclass(frozen, subclass, module = "reformgraph._reformgraph")]
pub struct Database {
    store: RwLock<Option<Arc<Store>>>,
    /// The newest snapshot, reused by reads until this handle writes (see `snapshot`).
    cached: Mutex<Option<Arc<Snapshot>>>,
    path: Option<String>,
    read_only: bool,
}

impl Database {
    fn store(&self) -> PyResult<Arc<Store>> {
        let guard = self.store.read().unwrap_or_else(|e| e.into_inner());
        guard.as_ref().cloned().ok_or_else(errors::closed)
    }

    /// A snapshot that sees every write committed so far.
    ///
    /// A read-write handle is the file's only writer (it holds the file lock), so the
    /// snapshot taken after its last write stays current until its next write, which drops
    /// it: reads reuse it. A read-only handle may follow another process's commits, so it
    /// takes a fresh snapshot for every call.
    fn snapshot(&self, store: &Store) -> reformgraph::Result<Arc<Snapshot>> {
        if self.read_only {
            return Ok(Arc::new(store.read()?));
        }
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = cached.as_ref() {
            return Ok(Arc::clone(s));
        }
        let snap = Arc::new(store.read()?);
        *cached = Some(Arc::clone(&snap));
        Ok(snap)
    }

    fn invalidate(&self) {
        *self.cached.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Runs `f` on a current snapshot with the GIL released.
    pub(crate) fn read<T, F>(&self, py: Python<'_>, f: F) -> PyResult<T>
    where
        T: Send,
        F: FnOnce(&Snapshot) -> reformgraph::Result<T> + Send,
    {
        let store = self.store()?;
        py.detach(|| {
            let snap = self.snapshot(&store)?;
            f(&snap)
        })
        .py()
    }

    /// A current snapshot to keep (for lazy iterators).
    pub(crate) fn keep_snapshot(&self, py: Python<'_>) -> PyResult<Arc<Snapshot>> {
        let store = self.store()?;
        py.detach(|| self.snapshot(&store)).py()
    }

    /// Runs `f` on the store (a write: an import, a changeset) and drops the cached
    /// snapshot. The work runs on a worker thread under a [`Cancel`] token while this
    /// thread, holding the GIL a moment every 50 ms, checks for signals; on Ctrl-C the token
    /// stops the work at its next unit, the transaction aborts, and `KeyboardInterrupt` is
    /// raised.
    pub(crate) fn write<T, F>(&self, py: Python<'_>, f: F) -> PyResult<T>
    where
        T: Send,
        F: FnOnce(&Store) -> reformgraph::Result<T> + Send,
    {
        let store = self.store()?;
        let out = interruptible(py, || f(&store));
        self.invalidate();
        out
    }

    /// Resolves names to keys on a snapshot, then records the change.
    pub(crate) fn record_change<F>(
        &self,
        py: Python<'_>,
        by: RecordedBy,
        build: F,
    ) -> PyResult<types::Event>
    where
        F: FnOnce(&Snapshot) -> reformgraph::Result<(String, Change)> + Send,
    {
        let store = self.store()?;
        let event = py
            .detach(|| {
                let snap = self.snapshot(&store)?;
                let (subject, change) = build(&snap)?;
                drop(snap);
                // Names (organisation, area, indicator) are resolved by track::record.
                let input = EventInput::recorded_by(subject, change, by);
                let out = track::record(&store, input);
                self.invalidate();
                out
            })
            .py()?;
        types::cross(event)
    }

    fn node_or_none(&self, py: Python<'_>, key: String) -> PyResult<Option<Py<PyAny>>> {
        let node = self.read(py, move |s| s.node_by_key(&key))?;
        node.map(|n| types::node(py, n)).transpose()
    }

    fn resolve_kind(&self, py: Python<'_>, kind: NodeKind, name: String) -> PyResult<Py<PyAny>> {
        let node = self.read(py, move |s| query::resolve(s, kind, &name))?;
        types::node(py, node)
    }
}

#[pymethods]
impl Database {
    /// Opens a database. `mode` is `open` (an existing file, read-write), `read_only`,
    /// `create` (create the file if missing) or `memory` (no path); for writing, waits up to
    /// `timeout` seconds for another process's writer to close the file.
    #[new]
    #[pyo3(signature = (path=None, mode="open", timeout=0.0))]
    fn new(py: Python<'_>, path: Option<PathBuf>, mode: &str, timeout: f64) -> PyResult<Self> {
        let wait = std::time::Duration::try_from_secs_f64(timeout.max(0.0))
            .map_err(|e| errors::invalid(format!("timeout {timeout}: {e}")))?;
        let (store, read_only) = py
            .detach(|| match (mode, &path) {
                ("memory", None) => Ok(Some((Store::in_memory(), false))),
                ("open", Some(p)) => Ok(Some((Store::waiting_while_busy(wait, || Store::open(p)), false))),
                ("read_only", Some(p)) => Ok(Some((Store::open_read_only(p), true))),
                ("create", Some(p)) => Ok(Some((Store::waiting_while_busy(wait, || Store::create(p)), false))),
                _ => Ok::<_, ()>(None),
            })
            .ok()
            .flatten()
            .ok_or_else(|| {
                errors::invalid(format!(
                    "mode {mode:?} with path {:?}: use 'open', 'read_only' or 'create' with a path, or 'memory' without one",
                    path.as_ref().map(|p| p.display().to_string())
                ))
            })?;
        let store = store.py()?;
        Ok(Self {
            store: RwLock::new(Some(Arc::new(store))),
            cached: Mutex::new(None),
            path: path.map(|p| p.display().to_string()),
            read_only,
        })
    }

    /// Closes the database and releases the file (once calls running in other threads
    /// finish). Closing twice is harmless.
    fn close(&self) {
        self.invalidate();
        *self.store.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Whether :meth:`close` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.store
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_none()
    }

    /// The file, or None in memory.
    #[getter]
    fn path(&self) -> Option<String> {
        self.path.clone()
    }

    /// Whether the database was opened read-only.
    #[getter]
    fn read_only(&self) -> bool {
        self.read_only
    }

    fn __enter__(slf: Bound<'_, Self>) -> PyResult<Bound<'_, Self>> {
        slf.get().store()?;
        Ok(slf)
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, _args: &Bound<'_, PyTuple>) -> bool {
        self.close();
        false
    }

    fn __repr__(&self) -> String {
        let state = if self.closed() {
            "closed"
        } else if self.read_only {
            "read-only"
        } else {
            "open"
        };
        match &self.path {
            Some(p) => format!("<reformgraph.Database {p:?} ({state})>"),
            None => format!("<reformgraph.Database in memory ({state})>"),
        }
    }

    // ---- facts -------------------------------------------------------------------------

    /// Number of nodes of a kind (all nodes when `kind` is None).
    #[pyo3(signature = (kind=None))]
    fn count(&self, py: Python<'_>, kind: Option<&str>) -> PyResult<u64> {
        let kind = kind.map(convert::kind).transpose()?;
        self.read(py, move |s| match kind {
            Some(k) => s.count(k),
            None => s.node_count(),
        })
    }

    // ---- import ------------------------------------------------------------------------

    // ---- nodes -------------------------------------------------------------------------

    /// The node with this key, or `default`.
    #[pyo3(signature = (key, default=None))]
    fn get(&self, py: Python<'_>, key: String, default: Option<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        Ok(self
            .node_or_none(py, key)?
            .unwrap_or_else(|| default.unwrap_or_else(|| py.None())))
    }

    fn __getitem__(&self, py: Python<'_>, key: String) -> PyResult<Py<PyAny>> {
        let node = self.read(py, move |s| s.require(&key))?;
        types::node(py, node)
    }

    fn __contains__(&self, py: Python<'_>, key: String) -> PyResult<bool> {
        self.read(py, move |s| Ok(s.id_of(&key)?.is_some()))
    }

    /// The task with this key (`KeyNotFoundError` if none, `WrongKindError` if the key
    /// names something else).
    fn task(&self, py: Python<'_>, key: String) -> PyResult<Py<PyAny>> {
        let node = self.read(py, move |s| {
            let n = s.require(&key)?;
            match n.data {
                NodeData::Task(_) => Ok(n),
                _ => Err(reformgraph::Error::WrongKind {
                    key,
                    expected: NodeKind::Task,
                    found: n.kind(),
                }),
            }
        })?;
        types::node(py, node)
    }

    /// The organisation with this key, name or alias.
    fn organization(&self, py: Python<'_>, name: String) -> PyResult<Py<PyAny>> {
        self.resolve_kind(py, NodeKind::Organization, name)
    }

    /// The area with this key, name or alias.
    fn area(&self, py: Python<'_>, name: String) -> PyResult<Py<PyAny>> {
        self.resolve_kind(py, NodeKind::Area, name)
    }

    /// The indicator with this key or name.
    fn indicator(&self, py: Python<'_>, name: String) -> PyResult<Py<PyAny>> {
        self.resolve_kind(py, NodeKind::Indicator, name)
    }

    /// A node of `kind` by key, name or alias.
    fn resolve(&self, py: Python<'_>, kind: &str, name: String) -> PyResult<Py<PyAny>> {
        let kind = convert::kind(kind)?;
        self.resolve_kind(py, kind, name)
    }

    /// Every node of a kind, in id order.
    fn nodes(&self, py: Python<'_>, kind: &str) -> PyResult<Py<PyAny>> {
        let kind = convert::kind(kind)?;
        let nodes = self.read(py, move |s| query::nodes_of_kind(s, kind))?;
        let items = nodes
            .into_iter()
            .map(|n| types::node(py, n))
            .collect::<PyResult<Vec<_>>>()?;
        result_list_of(py, items)
    }

    /// Iterates over the nodes of a kind (every node when None), one at a time, on one
    /// consistent snapshot.
    #[pyo3(signature = (kind=None))]
    fn iter_nodes(&self, py: Python<'_>, kind: Option<&str>) -> PyResult<ResultIterator> {
        let kinds = match kind {
            Some(k) => vec![convert::kind(k)?],
            None => NodeKind::ALL.to_vec(),
        };
        let snap = self.keep_snapshot(py)?;
        let ids = py
            .detach(|| {
                let mut ids = Vec::new();
                for k in kinds {
                    ids.extend(snap.ids_of_kind(k)?);
                }
                Ok::<_, reformgraph::Error>(ids)
            })
            .py()?;
        Ok(ResultIterator::nodes(snap, ids))
    }

    // ---- queries -----------------------------------------------------------------------

    /// Tasks matching every filter given, in document order. `lead`: an organisation's key,
    /// name or alias; `category`: a section key, title (生态修复) or number (（二）, 三、);
    /// `role`: `reform`, `matter` …; `mentions`: an area or enterprise; `plan`: a plan key.
    /// A lead, area or category that names nothing raises `KeyNotFoundError` (with close
    /// names in `suggestions`).
    #[pyo3(signature = (*, lead=None, category=None, role=None, mentions=None, plan=None))]
    fn tasks(
        &self,
        py: Python<'_>,
        lead: Option<String>,
        category: Option<String>,
        role: Option<&str>,
        mentions: Option<String>,
        plan: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let f = task_filter(lead, category, role, mentions, plan)?;
        let tasks = self.read(py, move |s| query::tasks(s, &f))?;
        result_list(py, types::cross::<_, Vec<types::TaskSummary>>(tasks)?)
    }

    /// Like :meth:`tasks`, converting each task to Python only as the iteration reaches it.
    #[pyo3(signature = (*, lead=None, category=None, role=None, mentions=None, plan=None))]
    fn iter_tasks(
        &self,
        py: Python<'_>,
        lead: Option<String>,
        category: Option<String>,
        role: Option<&str>,
        mentions: Option<String>,
        plan: Option<String>,
    ) -> PyResult<ResultIterator> {
        let f = task_filter(lead, category, role, mentions, plan)?;
        let tasks = self.read(py, move |s| query::tasks(s, &f))?;
        Ok(ResultIterator::tasks(tasks))
    }

    /// Edges at a node: `direction` is `out`, `in` or `both`; `label` narrows.
    #[pyo3(signature = (key, label=None, direction="out"))]
    fn edges(
        &self,
        py: Python<'_>,
        key: String,
        label: Option<&str>,
        direction: &str,
    ) -> PyResult<Py<PyAny>> {
        let label = label.map(convert::label).transpose()?;
        let dirs = convert::directions(direction)?;
        let edges = self.read(py, move |s| query::edges_at(s, &key, label, &dirs))?;
        let edges = edges.into_iter().map(|(e, _)| types::edge(e));
        result_list(py, edges)
    }

    /// The nodes at the other end of :meth:`edges`, as `(Edge, node)` pairs.
    #[pyo3(signature = (key, label=None, direction="out"))]
    fn neighbors(
        &self,
        py: Python<'_>,
        key: String,
        label: Option<&str>,
        direction: &str,
    ) -> PyResult<Py<PyAny>> {
        let label = label.map(convert::label).transpose()?;
        let dirs = convert::directions(direction)?;
        let found = self.read(py, move |s| query::edges_at(s, &key, label, &dirs))?;
        let items = found
            .into_iter()
            .map(|(e, n)| -> PyResult<Py<PyAny>> {
                Ok(PyTuple::new(
                    py,
                    [Py::new(py, types::edge(e))?.into_any(), types::node(py, n)?],
                )?
                .into_any()
                .unbind())
            })
            .collect::<PyResult<Vec<_>>>()?;
        result_list_of(py, items)
    }

    /// Every node within `depth` hops of `key` (edges followed both ways, only `labels`
    /// when given), breadth first, the start first.
    #[pyo3(signature = (key, depth=1, labels=None))]
    fn neighborhood(
        &self,
        py: Python<'_>,
        key: String,
        depth: u32,
        labels: Option<Vec<String>>,
    ) -> PyResult<Py<PyAny>> {
        let labels = convert::labels(labels.unwrap_or_default())?;
        let hops = self.read(py, move |s| {
            let n = s.require(&key)?;
            query::neighborhood(s, n.id, depth, &labels)
        })?;
        result_list(py, types::cross::<_, Vec<types::Hop>>(hops)?)
    }

    /// Full-text search (Chinese words, ASCII words, "quoted phrases"), best first. Filters:
    /// `kinds` (node kind names), `role`, `category`, `lead`, `plan`. Returns a
    /// `SearchResults` list (with `.total`, the matches before paging).
    #[pyo3(signature = (text, *, kinds=None, role=None, category=None, lead=None, plan=None,
        offset=0, limit=20))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        text: String,
        kinds: Option<Vec<String>>,
        role: Option<&str>,
        category: Option<String>,
        lead: Option<String>,
        plan: Option<String>,
        offset: usize,
        limit: usize,
    ) -> PyResult<Py<PyAny>> {
        let q = search_query(text, kinds, role, category, lead, plan, offset, limit)?;
        let found = self.read(py, move |s| search::search(s, &q))?;
        let list = PyList::empty(py);
        for h in found.hits {
            list.append(types::cross::<_, types::SearchHit>(h)?)?;
        }
        let cls = SEARCH_RESULTS.import(py, "reformgraph._results", "SearchResults")?;
        Ok(cls.call1((list, found.total))?.unbind())
    }

    /// Iterates over every hit of a search, fetching `page_size` hits at a time from one
    /// consistent snapshot.
    #[pyo3(signature = (text, *, kinds=None, role=None, category=None, lead=None, plan=None,
        page_size=100))]
    #[allow(clippy::too_many_arguments)]
    fn iter_search(
        &self,
        py: Python<'_>,
        text: String,
        kinds: Option<Vec<String>>,
        role: Option<&str>,
        category: Option<String>,
        lead: Option<String>,
        plan: Option<String>,
        page_size: usize,
    ) -> PyResult<ResultIterator> {
        let q = search_query(text, kinds, role, category, lead, plan, 0, page_size)?;
        let snap = self.keep_snapshot(py)?;
        // Run the first page now, so a bad query fails here rather than at the first next().
        let first = py.detach(|| search::search(&*snap, &q)).py()?;
        Ok(ResultIterator::search(snap, q, first.hits))
    }

    /// Every node and edge: `(nodes, edges)` lists, for :meth:`to_networkx`.
    fn _graph(&self, py: Python<'_>) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
        let (nodes, edges) = self.read(py, query::whole_graph)?;
        let edges: Vec<types::Edge> = edges.into_iter().map(types::edge).collect();
        let nodes = nodes
            .into_iter()
            .map(|n| types::node(py, n))
            .collect::<PyResult<Vec<_>>>()?;
        Ok((
            PyList::new(py, nodes)?.into_any().unbind(),
            PyList::new(py, edges)?.into_any().unbind(),
        ))
    }

    // ---- tracking: reading -------------------------------------------------------------

    /// The history of a node, in application order.
    fn history(&self, py: Python<'_>, key: String) -> PyResult<Py<PyAny>> {
        let events = self.read(py, move |s| track::history(s, &key))?;
        result_list(py, types::cross::<_, Vec<types::Event>>(events)?)
    }

    /// :meth:`task_view` for every task matching the filters of :meth:`tasks`.
    #[pyo3(signature = (*, lead=None, category=None, role=None, mentions=None, plan=None,
        as_of=None, yellow=None, red=None))]
    #[allow(clippy::too_many_arguments)]
    fn task_views(
        &self,
        py: Python<'_>,
        lead: Option<String>,
        category: Option<String>,
        role: Option<&str>,
        mentions: Option<String>,
        plan: Option<String>,
        as_of: Option<&Bound<'_, PyAny>>,
        yellow: Option<f64>,
        red: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        let f = task_filter(lead, category, role, mentions, plan)?;
        let as_of = opt_date(as_of)?;
        let t = LagThresholds::given(yellow, red).py()?;
        let views = self.read(py, move |s| track::task_views(s, &f, as_of, t))?;
        result_list(py, types::cross::<_, Vec<types::TaskView>>(views)?)
    }

    // ---- changesets --------------------------------------------------------------------

    /// The events recorded or received after log position `after` (0: all), at most
    /// `limit`, as a JSON changeset; its `through` field is the `after` of the next export.
    #[pyo3(signature = (after=0, limit=None))]
    fn export_changeset(
        &self,
        py: Python<'_>,
        after: u64,
        limit: Option<usize>,
    ) -> PyResult<String> {
        self.read(py, move |s| {
            track::export_changeset(s, after, limit.unwrap_or(usize::MAX))?.to_json()
        })
    }

    // ---- keys --------------------------------------------------------------------------

    /// The administrator's public key, or None: with one, every change must be signed.
    #[getter]
    fn admin_key(&self, py: Python<'_>) -> PyResult<Option<String>> {
        let key = self.read(py, |s| s.admin_key())?;
        Ok(key.map(|k| k.to_string()))
    }

    // ---- access ------------------------------------------------------------------------

    /// Whether the access policy is on: an organisation then records only on what it
    /// leads, co-operates on, is responsible for, or was granted.
    #[getter]
    fn access_enforced(&self, py: Python<'_>) -> PyResult<bool> {
        let store = self.store()?;
        py.detach(|| store.access_enforced()).py()
    }

    /// Every grant, as ``(organisation key, scope key)``, sorted.
    fn grants(&self, py: Python<'_>) -> PyResult<Vec<(String, String)>> {
        self.read(py, track::grants)
    }
}
