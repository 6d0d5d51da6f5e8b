//! `Database`: a thin handle on an `Arc<Store>`. Every method converts its arguments, runs
//! the core with the GIL released, and converts the result.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple, PyType};
use reformgraph::import::Registry as CoreRegistry;
use reformgraph::query::{self, TaskFilter};
use reformgraph::search::{self, SearchQuery};
use reformgraph::track::{self, LagThresholds, RecordedBy};
use reformgraph::{Cancel, Change, GraphRead, Handle, NodeData, NodeKind, Snapshot, Store};

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

/// Runs `work` on a worker thread under a cancellation token (the core's
/// `Cancel::run_watched`), waiting for it without the GIL and checking for signals (Ctrl-C)
/// with it every 50 ms; a signal cancels the work and is raised once the work has stopped
/// (nothing half-written: the core aborts the transaction).
fn interruptible<T: Send>(
    py: Python<'_>,
    work: impl FnOnce() -> reformgraph::Result<T> + Send,
) -> PyResult<T> {
    let mut signal = None;
    let outcome = Cancel::new().run_watched(Duration::from_millis(50), work, |wait| {
        if py.detach(wait) || signal.is_some() {
            return false;
        }
        signal = py.check_signals().err();
        signal.is_some()
    });
    match signal {
        // A signal seen while the work ran is raised, whether the work ended first or
        // stopped at the cancellation (its transaction then aborted).
        Some(e) => Err(e),
        None => outcome.py(),
    }
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
    /// The core's handle: closing, snapshot reuse, recording.
    handle: Handle,
    path: Option<String>,
}

impl Database {
    fn store(&self) -> PyResult<Arc<Store>> {
        self.handle.store().py()
    }

    /// Runs `f` on a current snapshot with the GIL released.
    pub(crate) fn read<T, F>(&self, py: Python<'_>, f: F) -> PyResult<T>
    where
        T: Send,
        F: FnOnce(&Snapshot) -> reformgraph::Result<T> + Send,
    {
        py.detach(|| self.handle.read(f)).py()
    }

    /// A current snapshot to keep (for lazy iterators).
    pub(crate) fn keep_snapshot(&self, py: Python<'_>) -> PyResult<Arc<Snapshot>> {
        py.detach(|| self.handle.snapshot()).py()
    }

    /// Runs `f` on the store (a write: an import, a changeset) on a worker thread that
    /// Ctrl-C cancels (see [`interruptible`]).
    pub(crate) fn write<T, F>(&self, py: Python<'_>, f: F) -> PyResult<T>
    where
        T: Send,
        F: FnOnce(&Store) -> reformgraph::Result<T> + Send,
    {
        interruptible(py, || self.handle.write(f))
    }

    /// Resolves names to keys on a snapshot, then records the change (`Handle::record`).
    pub(crate) fn record_change<F>(
        &self,
        py: Python<'_>,
        by: RecordedBy,
        build: F,
    ) -> PyResult<types::Event>
    where
        F: FnOnce(&Snapshot) -> reformgraph::Result<(String, Change)> + Send,
    {
        let event = py.detach(|| self.handle.record(by, build)).py()?;
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
        let store = py
            .detach(|| match (mode, &path) {
                ("memory", None) => Ok(Some(Store::in_memory())),
                ("open", Some(p)) => Ok(Some(Store::waiting_while_busy(wait, || Store::open(p)))),
                ("read_only", Some(p)) => Ok(Some(Store::open_read_only(p))),
                ("create", Some(p)) => Ok(Some(Store::waiting_while_busy(wait, || Store::create(p)))),
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
        Ok(Self {
            handle: Handle::new(store.py()?),
            path: path.map(|p| p.display().to_string()),
        })
    }

    /// Closes the database and releases the file (once calls running in other threads
    /// finish). Closing twice is harmless.
    fn close(&self) {
        self.handle.close();
    }

    /// Whether :meth:`close` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.handle.is_closed()
    }

    /// The file, or None in memory.
    #[getter]
    fn path(&self) -> Option<String> {
        self.path.clone()
    }

    /// Whether the database was opened read-only.
    #[getter]
    fn read_only(&self) -> bool {
        self.handle.is_read_only()
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
        } else if self.handle.is_read_only() {
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
