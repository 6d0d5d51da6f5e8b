"""reformgraph: an embedded graph database of government reform plans.

A plan document (a Chinese provincial implementation plan, say) becomes a typed graph —
plans, parts, tasks, lead departments, areas, indicators, targets, projects, selection
rules — stored in one file, with stable keys such as ``shanxi-2013/reform/20`` and
``org/省环保厅``. Progress is tracked as an append-only history of events.

>>> import reformgraph
>>> with reformgraph.memory() as db:
...     report = db.import_bundled()
...     led = db.tasks(lead="省发改委")          # an alias of 省发展改革委
...     hit = db.search("煤层气")[0]
>>> report.counts["task:reform"], len(led), hit.key
(50, 28, 'shanxi-2013/reform/5')

Opening files: a database opened for writing (:func:`open`, :func:`create`) holds the
file's lock, so a second writer — another process, another notebook — gets
:class:`AlreadyOpenError`. Any number of :func:`open` calls with ``read_only=True`` share
the file with each other and with one writer, and see the writer's commits as they land
(two notebooks can read one file while an app writes it). Close a database (or use
``with``) to release it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Union

from . import _reformgraph
from ._reformgraph import (
    BUNDLED_PLAN_KEY,
    SCHEMA_VERSION,
    AccessDeniedError,
    AlreadyOpenError,
    ApplyReport,
    AssessedUnit,
    Assessment,
    Area,
    Attainment,
    CoLead,
    Conflict,
    CorruptError,
    DatabaseClosedError,
    DepartmentRollup,
    DuplicateKeyError,
    Edge,
    Event,
    Evidence,
    Funnel,
    Hop,
    ImportReport,
    Indicator,
    InvalidInputError,
    InvalidTransitionError,
    KeyNotFoundError,
    Lead,
    LedTask,
    LeadCount,
    LedgerDiff,
    LedgerImport,
    LedgerRowChange,
    LedgerRowProblem,
    NeedsRecoveryError,
    NotAStoreError,
    Observation,
    Organization,
    OverdueTask,
    Plan,
    PlanImportError,
    Portfolio,
    PortfolioDomain,
    Problem,
    Certificate,
    Project,
    ReadOnlyError,
    ReformGraphError,
    Refusal,
    Registry,
    ResultIterator,
    SchemaVersionError,
    SearchHit,
    Section,
    SectionRef,
    SectionRollup,
    SelectionCheck,
    SelectionRule,
    SecretKey,
    SelectionViolation,
    SubjectSelection,
    SourceSpan,
    StageCount,
    StorageError,
    StoreInfo,
    SubTaskRollup,
    StoreIOError,
    Target,
    TargetSummary,
    Task,
    TaskSummary,
    TaskView,
    Unparsed,
    Workload,
    WrongKindError,
)
from ._results import ResultList, SearchResults

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__version__ = "0.1.0"

PathLike = Union[str, "os.PathLike[str]"]

Node = Union[Plan, Section, Task, Organization, Area, Indicator, Target, Project, Portfolio, SelectionRule]
"""Any node record."""

_KIND_OF = {
    Plan: "plan",
    Section: "section",
    Task: "task",
    Organization: "organization",
    Area: "area",
    Indicator: "indicator",
    Target: "target",
    Project: "project",
    Portfolio: "portfolio",
    SelectionRule: "selection_rule",
}


def kind_of(node: Any) -> str:
    """The kind name of a node record (``task``, ``organization`` …).

    >>> import reformgraph
    >>> with reformgraph.memory() as db:
    ...     _ = db.import_bundled()
    ...     reformgraph.kind_of(db["org/省环保厅"])
    'organization'
    """
    return _KIND_OF[type(node)]


class Database(_reformgraph.Database):
    """A reformgraph database. Open one with :func:`open`, :func:`create` or :func:`memory`.

    Use it as a context manager, or call :meth:`close`; afterwards every call raises
    :class:`DatabaseClosedError`. Methods release the GIL while the store works, and one
    ``Database`` may be used from several threads.

    >>> import reformgraph
    >>> db = reformgraph.memory()
    >>> _ = db.import_bundled()
    >>> db.task("shanxi-2013/reform/10").role
    'reform'
    >>> [t.key for t in db.tasks(lead="省环保厅", role="reform")][:2]
    ['shanxi-2013/reform/10', 'shanxi-2013/reform/11']
    >>> db.close()
    >>> db.count()
    Traceback (most recent call last):
    ...
    reformgraph.DatabaseClosedError: the database is closed; open it again (Python: reformgraph.open(path); Kotlin/Swift: ReformGraph.open)
    """

    __slots__ = ()

    def __enter__(self) -> "Database":
        super().__enter__()
        return self

    def to_networkx(self) -> "networkx.MultiDiGraph":
        """The whole graph as a ``networkx.MultiDiGraph``: nodes keyed by natural key with
        their attributes (``kind``, ``label`` and the record's fields), edges with a
        ``label`` (``leads``, ``contains`` …) and ``rank``/``order``/``year`` where the edge
        has one. Needs networkx.

        >>> import reformgraph
        >>> with reformgraph.memory() as db:
        ...     _ = db.import_bundled()
        ...     g = db.to_networkx()
        >>> g.nodes["org/省环保厅"]["kind"], g.has_edge("org/省环保厅", "shanxi-2013/reform/10")
        ('organization', True)
        """
        try:
            import networkx as nx
        except ImportError as missing:  # pragma: no cover - depends on the environment
            raise ImportError("to_networkx() needs networkx: pip install 'reformgraph[networkx]'") from missing
        from ._frames import flat

        nodes, edges = self._graph()
        g = nx.MultiDiGraph()
        for n in nodes:
            attrs = flat(n)
            attrs["kind"] = kind_of(n)
            attrs["label"] = getattr(n, "title", None) or getattr(n, "name", None) or getattr(n, "wording", "")
            g.add_node(n.key, **attrs)
        for edge in edges:
            eattrs: dict[str, Any] = {"label": edge.label}
            for extra in ("order", "rank", "year"):
                v = getattr(edge, extra)
                if v is not None:
                    eattrs[extra] = v
            g.add_edge(edge.source, edge.target, key=(edge.label, edge.year), **eattrs)
        return g


def open(path: PathLike, read_only: bool = False) -> Database:  # noqa: A001 - like gzip.open
    """Opens an existing database file.

    With ``read_only=True`` several processes (notebooks) may open the file at once, next to
    at most one writer, whose commits they see; a second writer gets
    :class:`AlreadyOpenError`. Writes on a read-only database raise
    :class:`ReadOnlyError`. A missing file raises :class:`StoreIOError` (an ``OSError``).

    >>> import reformgraph, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "plan.redb")
    >>> with reformgraph.create(path) as db:
    ...     _ = db.import_bundled()
    >>> with reformgraph.open(path, read_only=True) as a, reformgraph.open(path, read_only=True) as b:
    ...     a.count("task") == b.count("task")
    True
    """
    return Database(os.fspath(path), "read_only" if read_only else "open")


def create(path: PathLike) -> Database:
    """Opens a database file for writing, creating it if it does not exist."""
    return Database(os.fspath(path), "create")


def connect(path: PathLike, read_only: bool = False, timeout: float = 5.0) -> Database:
    """Opens a database file, creating it if it does not exist — as ``sqlite3.connect`` and
    ``duckdb.connect`` do (:func:`open` and :func:`create` stay strict). For writing, waits
    up to ``timeout`` seconds for another process's writer to close the file before raising
    :class:`AlreadyOpenError`. With ``read_only=True`` the file must exist.

    >>> import reformgraph, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "new.redb")
    >>> with reformgraph.connect(path) as db:
    ...     db.count()
    0
    >>> with reformgraph.connect(path, read_only=True) as db:
    ...     db.info().read_only
    True
    """
    if read_only:
        return Database(os.fspath(path), "read_only")
    return Database(os.fspath(path), "create", timeout)


def memory() -> Database:
    """A database in memory, gone when closed. For tests and scratch work."""
    return Database(None, "memory")


__all__ = [
    "BUNDLED_PLAN_KEY",
    "SCHEMA_VERSION",
    "AccessDeniedError",
    "AlreadyOpenError",
    "ApplyReport",
    "AssessedUnit",
    "Assessment",
    "Area",
    "Attainment",
    "CoLead",
    "Conflict",
    "CorruptError",
    "Database",
    "DatabaseClosedError",
    "DepartmentRollup",
    "DuplicateKeyError",
    "Edge",
    "Event",
    "Evidence",
    "Funnel",
    "Hop",
    "ImportReport",
    "Indicator",
    "InvalidInputError",
    "InvalidTransitionError",
    "KeyNotFoundError",
    "Lead",
    "LedTask",
    "LeadCount",
    "LedgerDiff",
    "LedgerImport",
    "LedgerRowChange",
    "LedgerRowProblem",
    "NeedsRecoveryError",
    "Node",
    "NotAStoreError",
    "Observation",
    "Organization",
    "OverdueTask",
    "Plan",
    "PlanImportError",
    "Portfolio",
    "PortfolioDomain",
    "Problem",
    "Certificate",
    "Project",
    "ReadOnlyError",
    "ReformGraphError",
    "Refusal",
    "Registry",
    "ResultIterator",
    "ResultList",
    "SchemaVersionError",
    "SearchHit",
    "SearchResults",
    "Section",
    "SectionRef",
    "SectionRollup",
    "SelectionCheck",
    "SelectionRule",
    "SecretKey",
    "SelectionViolation",
    "SubjectSelection",
    "SourceSpan",
    "StageCount",
    "StorageError",
    "StoreIOError",
    "StoreInfo",
    "SubTaskRollup",
    "Target",
    "TargetSummary",
    "Task",
    "TaskSummary",
    "TaskView",
    "Unparsed",
    "Workload",
    "WrongKindError",
    "connect",
    "create",
    "kind_of",
    "memory",
    "open",
]
