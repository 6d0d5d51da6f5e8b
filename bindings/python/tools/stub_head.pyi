"""Type stubs of the private extension module ``reformgraph._reformgraph``.

The record-class part is generated from ``src/types.rs`` by ``tools/gen_record_stubs.py``;
``python -m mypy.stubtest reformgraph._reformgraph`` checks the whole file against the
compiled module.
"""

import datetime
import os
from typing import Any, ClassVar, Literal, final

import pandas
from typing_extensions import Self, disjoint_base

from reformgraph._results import ResultList, SearchResults

__all__ = [
    "AlreadyOpenError",
    "ApplyReport",
    "AssessedUnit",
    "Assessment",
    "Area",
    "Attainment",
    "BUNDLED_PLAN_KEY",
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
    "AccessDeniedError",
    "KeyNotFoundError",
    "Lead",
    "LedTask",
    "LeadCount",
    "LedgerDiff",
    "LedgerImport",
    "LedgerRowChange",
    "LedgerRowProblem",
    "NeedsRecoveryError",
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
    "SCHEMA_VERSION",
    "SchemaVersionError",
    "SearchHit",
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
]

SCHEMA_VERSION: int
BUNDLED_PLAN_KEY: str

_Date = datetime.date | str
_Path = str | os.PathLike[str]
# The names the core gives (and takes): a task's status, a lag class, a project stage (by its
# English or its Chinese name, 签约 …).
_TaskStatus = Literal["not_started", "in_progress", "completed", "delayed", "suspended", "cancelled"]
_LagClass = Literal["green", "yellow", "red"]
_ProjectStage = Literal[
    "reserve", "signed", "landed", "started", "under_construction", "in_operation", "suspended", "cancelled",
    "储备", "签约", "落地", "开工", "建设", "投产", "暂停", "取消",
]
_Node = Plan | Section | Task | Organization | Area | Indicator | Target | Project | Portfolio | SelectionRule

class ReformGraphError(Exception): ...
class KeyNotFoundError(ReformGraphError, KeyError):
    key: str
    suggestions: list[str]
class InvalidInputError(ReformGraphError, ValueError): ...
class WrongKindError(InvalidInputError):
    key: str
class DuplicateKeyError(InvalidInputError):
    key: str
class InvalidTransitionError(InvalidInputError):
    key: str
class AccessDeniedError(ReformGraphError, PermissionError):
    key: str
class PlanImportError(ReformGraphError, ValueError):
    line: int | None
class StoreIOError(ReformGraphError, OSError): ...
class AlreadyOpenError(StoreIOError): ...
class NeedsRecoveryError(StoreIOError): ...
class NotAStoreError(StoreIOError): ...
class SchemaVersionError(ReformGraphError):
    found: int
    supported: int
class CorruptError(ReformGraphError): ...
class StorageError(ReformGraphError, OSError): ...
class ReadOnlyError(ReformGraphError): ...
class DatabaseClosedError(ReformGraphError, ValueError): ...

@final
class Evidence:
    """Evidence a change rests on."""

    def __new__(cls, document_number: str | None = None, link: str | None = None, note: str | None = None) -> Self: ...
    @property
    def document_number(self) -> str | None: ...
    @property
    def link(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SecretKey:
    """A secret Ed25519 signing key; ``repr`` shows only the public key."""

    @staticmethod
    def generate() -> SecretKey: ...
    @staticmethod
    def from_bytes(seed: bytes) -> SecretKey: ...
    @staticmethod
    def read_file(path: _Path) -> SecretKey: ...
    def write_file(self, path: _Path) -> None: ...
    def to_bytes(self) -> bytes: ...
    @property
    def public_key(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Event:
    """One entry of the append-only history."""

    @property
    def id(self) -> str: ...
    @property
    def recorded_at(self) -> int: ...
    @property
    def effective(self) -> datetime.date: ...
    @property
    def actor(self) -> str: ...
    @property
    def organization(self) -> str | None: ...
    @property
    def evidence(self) -> Evidence | None: ...
    @property
    def subject(self) -> str: ...
    @property
    def change(self) -> str: ...
    @property
    def details(self) -> dict[str, Any]: ...
    @property
    def supersedes(self) -> str | None: ...
    @property
    def signer(self) -> str | None: ...
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Registry:
    """A plan registry: which names are organisations and areas, and their aliases."""

    @staticmethod
    def shanxi() -> Registry: ...
    @staticmethod
    def empty() -> Registry: ...
    @staticmethod
    def from_tsv(organizations: str, areas: str) -> Registry: ...
    @property
    def organization_count(self) -> int: ...
    @property
    def area_count(self) -> int: ...

@final
class ResultIterator:
    """An iterator over query results that fetches or converts them as it goes."""

    def __iter__(self) -> Self: ...
    def __next__(self) -> Any: ...

@disjoint_base
class Database:
    """A reformgraph database."""

    def __new__(cls, path: _Path | None = None, mode: str = "open", timeout: float = 0.0) -> Self: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    @property
    def path(self) -> str | None: ...
    @property
    def read_only(self) -> bool: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *_args: object) -> bool: ...
    def count(self, kind: str | None = None) -> int: ...
    def get(self, key: str, default: Any | None = None) -> Any: ...
    def __getitem__(self, key: str, /) -> _Node: ...
    def __contains__(self, key: str, /) -> bool: ...
    def task(self, key: str) -> Task: ...
    def organization(self, name: str) -> Organization: ...
    def area(self, name: str) -> Area: ...
    def indicator(self, name: str) -> Indicator: ...
    def resolve(self, kind: str, name: str) -> _Node: ...
    def nodes(self, kind: str) -> ResultList[_Node]: ...
    def iter_nodes(self, kind: str | None = None) -> ResultIterator: ...
    def tasks(
        self,
        *,
        lead: str | None = None,
        category: str | None = None,
        role: str | None = None,
        mentions: str | None = None,
        plan: str | None = None,
    ) -> ResultList[TaskSummary]: ...
    def iter_tasks(
        self,
        *,
        lead: str | None = None,
        category: str | None = None,
        role: str | None = None,
        mentions: str | None = None,
        plan: str | None = None,
    ) -> ResultIterator: ...
    def edges(self, key: str, label: str | None = None, direction: str = "out") -> ResultList[Edge]: ...
    def neighbors(self, key: str, label: str | None = None, direction: str = "out") -> ResultList[tuple[Edge, _Node]]: ...
    def neighborhood(self, key: str, depth: int = 1, labels: list[str] | None = None) -> ResultList[Hop]: ...
    def search(
        self,
        text: str,
        *,
        kinds: list[str] | None = None,
        role: str | None = None,
        category: str | None = None,
        lead: str | None = None,
        plan: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> SearchResults: ...
    def iter_search(
        self,
        text: str,
        *,
        kinds: list[str] | None = None,
        role: str | None = None,
        category: str | None = None,
        lead: str | None = None,
        plan: str | None = None,
        page_size: int = 100,
    ) -> ResultIterator: ...
    def _graph(self) -> tuple[list[_Node], list[Edge]]: ...
    # store_operations: the calls on the whole store, generated from bindings/records/src/writes.rs
    # read_operations: the questions answered with records, generated from bindings/records/src/reads.rs
    # record_operations: the record_* methods, generated from bindings/records/src/operations.rs
    def history(self, key: str) -> ResultList[Event]: ...
    def task_views(
        self,
        *,
        lead: str | None = None,
        category: str | None = None,
        role: str | None = None,
        mentions: str | None = None,
        plan: str | None = None,
        as_of: _Date | None = None,
        yellow: float | None = None,
        red: float | None = None,
    ) -> ResultList[TaskView]: ...
    def export_changeset(self, after: int = 0, limit: int | None = None) -> str: ...
    @property
    def admin_key(self) -> str | None: ...
    @property
    def access_enforced(self) -> bool: ...
    def grants(self) -> list[tuple[str, str]]: ...

# ---- records (generated) -------------------------------------------------------------

