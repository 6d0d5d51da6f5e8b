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
    def info(
        self,
    ) -> StoreInfo: ...
    def verify(
        self,
    ) -> ResultList[Problem]: ...
    def import_bundled(
        self,
    ) -> ImportReport: ...
    def import_text(
        self,
        text: str,
        key: str | None = None,
        title: str | None = None,
        issuer: str | None = None,
        document_number: str | None = None,
        issued_on: _Date | None = None,
        period_start: int | None = None,
        period_end: int | None = None,
        implements: str | None = None,
        area: str | None = None,
        registry: Registry | None = None,
        strict: bool = False,
        allow_removals: bool = False,
        admin: SecretKey | None = None,
    ) -> ImportReport: ...
    def import_file(
        self,
        path: _Path,
        key: str | None = None,
        title: str | None = None,
        issuer: str | None = None,
        document_number: str | None = None,
        issued_on: _Date | None = None,
        period_start: int | None = None,
        period_end: int | None = None,
        implements: str | None = None,
        area: str | None = None,
        registry: Registry | None = None,
        strict: bool = False,
        allow_removals: bool = False,
        admin: SecretKey | None = None,
    ) -> ImportReport: ...
    def apply_changeset(
        self,
        changeset: str,
        signer: SecretKey | None = None,
    ) -> ApplyReport: ...
    def apply_ledger(
        self,
        path: _Path,
        actor: str,
        organization: str | None = None,
        effective: _Date | None = None,
        document_number: str | None = None,
        plan: str | None = None,
        signer: SecretKey | None = None,
    ) -> LedgerImport: ...
    def set_admin_key(
        self,
        key: str,
    ) -> None: ...
    def certify(
        self,
        key: str,
        person: str,
        organization: str,
        admin: SecretKey,
        valid_from: _Date | None = None,
        valid_until: _Date | None = None,
    ) -> Event: ...
    def revoke_key(
        self,
        key: str,
        admin: SecretKey,
    ) -> Event: ...
    def set_access_enforced(
        self,
        on: bool,
    ) -> None: ...
    def grant(
        self,
        organization: str,
        scope: str,
        admin: SecretKey | None = None,
    ) -> None: ...
    def revoke(
        self,
        organization: str,
        scope: str,
        admin: SecretKey | None = None,
    ) -> bool: ...
    def task_summary(
        self,
        key: str,
    ) -> TaskSummary: ...
    def tasks_led_by(
        self,
        organization: str,
    ) -> ResultList[LedTask]: ...
    def leads_of(
        self,
        task: str,
    ) -> ResultList[Lead]: ...
    def targets_of(
        self,
        key: str,
    ) -> ResultList[TargetSummary]: ...
    def all_targets(
        self,
    ) -> ResultList[TargetSummary]: ...
    def tasks_behind(
        self,
        target: str,
    ) -> ResultList[TaskSummary]: ...
    def co_leadership(
        self,
    ) -> ResultList[CoLead]: ...
    def workload(
        self,
    ) -> Workload: ...
    def lead_counts(
        self,
    ) -> ResultList[LeadCount]: ...
    def shortest_path(
        self,
        source: str,
        target: str,
        labels: list[str] | None = None,
        max_depth: int | None = None,
    ) -> ResultList[Hop] | None: ...
    def observations(
        self,
        indicator: str,
        area: str | None = None,
    ) -> ResultList[Observation]: ...
    def task_view(
        self,
        key: str,
        as_of: _Date | None = None,
        yellow: float | None = None,
        red: float | None = None,
    ) -> TaskView: ...
    def departments(
        self,
        as_of: _Date | None = None,
        yellow: float | None = None,
        red: float | None = None,
    ) -> ResultList[DepartmentRollup]: ...
    def overdue(
        self,
        organization: str | None = None,
        plan: str | None = None,
        as_of: _Date | None = None,
    ) -> ResultList[OverdueTask]: ...
    def diff_ledger(
        self,
        path: _Path,
        plan: str | None = None,
    ) -> LedgerDiff: ...
    def export_xlsx(
        self,
        path: _Path,
        organization: str | None = None,
        plan: str | None = None,
        as_of: _Date | None = None,
    ) -> None: ...
    def assessment(
        self,
        year: int | None = None,
        as_of: _Date | None = None,
        plan: str | None = None,
        completion: float | None = None,
        timeliness: float | None = None,
        targets: float | None = None,
        selections: float | None = None,
    ) -> Assessment: ...
    def export_svg(
        self,
        path: _Path,
        chart: str,
        as_of: _Date | None = None,
    ) -> None: ...
    def export_graphml(
        self,
        path: _Path,
    ) -> None: ...
    def export_csv(
        self,
        path: _Path,
        bom: bool = False,
    ) -> ResultList[str]: ...
    def categories(
        self,
        as_of: _Date | None = None,
        yellow: float | None = None,
        red: float | None = None,
    ) -> ResultList[SectionRollup]: ...
    def attainment(
        self,
        target: str,
        area: str | None = None,
        as_of: _Date | None = None,
    ) -> Attainment: ...
    def attainments(
        self,
        as_of: _Date | None = None,
    ) -> ResultList[Attainment]: ...
    def funnel(
        self,
        portfolio: str,
        year: int | None = None,
        as_of: _Date | None = None,
    ) -> Funnel: ...
    def selections(
        self,
        year: int | None = None,
        as_of: _Date | None = None,
    ) -> SelectionCheck: ...
    def certificates(
        self,
    ) -> ResultList[Certificate]: ...
    def record_status(
        self,
        task: str,
        status: _TaskStatus,
        progress: float | None = None,
        note: str | None = None,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
    def record_deadline(
        self,
        task: str,
        deadline: _Date,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
    def record_subtask(
        self,
        task: str,
        year: int,
        title: str,
        deadline: _Date,
        responsible: str | None = None,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
    def register_project(
        self,
        key: str,
        name: str,
        portfolio: str,
        year: int,
        domain: str | None = None,
        area: str | None = None,
        investment_wan_yuan: float | None = None,
        responsible: str | None = None,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
    def adjust_project(
        self,
        key: str,
        name: str,
        portfolio: str,
        year: int,
        domain: str | None = None,
        area: str | None = None,
        investment_wan_yuan: float | None = None,
        responsible: str | None = None,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
    def withdraw_project(
        self,
        key: str,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
    def record_stage(
        self,
        project: str,
        stage: _ProjectStage,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
    def record_observation(
        self,
        indicator: str,
        area: str,
        year: int,
        value: float,
        unit: str | None = None,
        source: str | None = None,
        reference: bool = False,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
    def record_selection(
        self,
        subject: str,
        option: str,
        year: int,
        selected: bool = True,
        *,
        actor: str,
        org: str | None = None,
        effective: _Date | None = None,
        evidence: Evidence | None = None,
        allow_unusual_date: bool = False,
        signer: SecretKey | None = None,
    ) -> Event: ...
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

@final
class SourceSpan:
    """Where in the source document a node came from: 1-based line, byte offsets."""

    @property
    def line(self) -> int:
        """1-based line number of the first line."""
    @property
    def start(self) -> int:
        """Byte offset of the first byte (UTF-8)."""
    @property
    def end(self) -> int:
        """Byte offset one past the last byte."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SectionRef:
    """A part (一、) or category (（一）) a task sits in."""

    @property
    def key(self) -> str:
        """Natural key."""
    @property
    def number(self) -> str:
        """Number as printed (二)."""
    @property
    def title(self) -> str:
        """Title (重大改革)."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Lead:
    """A lead organisation of a task."""

    @property
    def key(self) -> str:
        """Natural key (`org/省环保厅`)."""
    @property
    def name(self) -> str:
        """The name as the plan prints it."""
    @property
    def kind(self) -> str:
        """Kind of organisation: `provincial_department`, `central_vertical_branch`, `government`, `enterprise`, `group` or `other`."""
    @property
    def rank(self) -> int:
        """1-based position in the responsibility clause (0 in lead counts)."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class TaskSummary:
    """A task with its part, category and leads."""

    @property
    def key(self) -> str:
        """Natural key (`shanxi-2013/reform/10`)."""
    @property
    def role(self) -> str:
        """Role name: `reform`, `matter`, `research_topic`, `city_task_option` …"""
    @property
    def ordinal(self) -> int | None:
        """The number as an integer (10 for `10` or `十`), so tasks sort as numbered."""
    @property
    def number(self) -> str:
        """Number as printed."""
    @property
    def title(self) -> str:
        """Title."""
    @property
    def part(self) -> SectionRef | None:
        """The part (一、…) the task is in."""
    @property
    def category(self) -> SectionRef | None:
        """The category ((一)…) the task is in, if any."""
    @property
    def leads(self) -> list[Lead]:
        """Lead organisations in lead order."""
    @property
    def deadline(self) -> datetime.date | None:
        """Deadline."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LedTask:
    """A task as led by one organisation."""

    @property
    def task(self) -> TaskSummary:
        """The task."""
    @property
    def lead_role(self) -> str:
        """`sole`, `first` (of several) or `co`."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Target:
    """A quantitative target on an indicator."""

    @property
    def key(self) -> str:
        """Natural key."""
    @property
    def summary(self) -> str:
        """The target compactly: `≥ 40%`, `−16% vs 2010`."""
    @property
    def comparator(self) -> str:
        """How the value is compared: `at_least`, `reach`, `at_most`, `range`, `approximately`, `decrease_from_base`, `increase_from_base`, `above_reference`, `within_reference`."""
    @property
    def value(self) -> float | None:
        """The target value (low end of a range)."""
    @property
    def value_max(self) -> float | None:
        """The high end of a range."""
    @property
    def unit(self) -> str:
        """Unit as printed (`%`, `万亩` …); observations of the indicator use it."""
    @property
    def base_year(self) -> int | None:
        """Base year of change-against-base targets."""
    @property
    def deadline(self) -> datetime.date | None:
        """When the target falls due."""
    @property
    def annual(self) -> bool:
        """A yearly target."""
    @property
    def reference(self) -> str | None:
        """External reference (全国平均水平)."""
    @property
    def wording(self) -> str:
        """The clause as printed."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class TargetSummary:
    """A target with its indicator."""

    @property
    def key(self) -> str:
        """Natural key."""
    @property
    def indicator(self) -> str | None:
        """Indicator name, if linked."""
    @property
    def target(self) -> Target:
        """The target."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class CoLead:
    """Two organisations that lead tasks together."""

    @property
    def a(self) -> str:
        """One organisation's key (the smaller)."""
    @property
    def b(self) -> str:
        """The other's key."""
    @property
    def tasks(self) -> list[str]:
        """Keys of the tasks they both lead."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Workload:
    """Organisations × categories: tasks each organisation leads in each category."""

    @property
    def organizations(self) -> list[str]:
        """Row labels: organisation names, most tasks first."""
    @property
    def categories(self) -> list[str]:
        """Column labels: category titles, in document order."""
    @property
    def counts(self) -> list[list[int]]:
        """`counts[row][column]`."""
    @property
    def totals(self) -> list[int]:
        """Row totals."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def to_pandas(self) -> pandas.DataFrame: ...

@final
class LeadCount:
    """An organisation and how many tasks it leads."""

    @property
    def lead(self) -> Lead:
        """The organisation (rank 0: no single task's clause is meant)."""
    @property
    def tasks(self) -> int:
        """Tasks it leads, as sole, first or co-lead."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Hop:
    """One node of a path or neighbourhood."""

    @property
    def key(self) -> str:
        """Natural key of the node reached."""
    @property
    def kind(self) -> str:
        """Its kind (`task`, `organization` …)."""
    @property
    def label(self) -> str:
        """Its title or name."""
    @property
    def depth(self) -> int:
        """Distance from the start."""
    @property
    def via(self) -> str | None:
        """The edge label followed to reach it (none for the start)."""
    @property
    def direction(self) -> str | None:
        """`outgoing` or `incoming`: how that edge was followed."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SearchHit:
    """A search hit."""

    @property
    def key(self) -> str:
        """Natural key."""
    @property
    def kind(self) -> str:
        """Kind name (`task` …)."""
    @property
    def score(self) -> float:
        """BM25 score; higher is better."""
    @property
    def title(self) -> str:
        """Title or name."""
    @property
    def snippet(self) -> str:
        """About 60 characters around the first match, matches wrapped in 【】."""
    @property
    def source(self) -> SourceSpan | None:
        """Where the node sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SubTaskRollup:
    """A task's annual sub-tasks (年度任务), rolled up."""

    @property
    def count(self) -> int:
        """How many sub-tasks."""
    @property
    def completed(self) -> int:
        """How many of them are completed."""
    @property
    def mean_progress(self) -> float:
        """Their mean progress, %."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class TaskView:
    """A task with its tracked state as of a date: one row of "my tasks"."""

    @property
    def key(self) -> str:
        """Task key."""
    @property
    def task(self) -> TaskSummary:
        """The task (title, category, leads …)."""
    @property
    def status(self) -> _TaskStatus:
        """`not_started`, `in_progress`, `completed`, `delayed`, `suspended`, `cancelled`."""
    @property
    def progress(self) -> float:
        """Progress, %."""
    @property
    def deadline(self) -> datetime.date | None:
        """Deadline in force."""
    @property
    def expected_progress(self) -> float | None:
        """Time-proportional progress expected by the as-of date, %."""
    @property
    def lag(self) -> float | None:
        """Expected minus actual progress, percentage points (positive = behind)."""
    @property
    def lag_class(self) -> _LagClass:
        """`green`, `yellow` or `red`."""
    @property
    def overdue(self) -> bool:
        """Past its deadline and not closed."""
    @property
    def note(self) -> str | None:
        """Latest progress note."""
    @property
    def last_update(self) -> datetime.date | None:
        """When it was last updated (effective date)."""
    @property
    def last_actor(self) -> str | None:
        """By whom."""
    @property
    def sub_tasks(self) -> SubTaskRollup | None:
        """Its annual sub-tasks rolled up, if it has any."""
    @property
    def pending(self) -> datetime.date | None:
        """The effective date of a change recorded ahead (after the view's date), pending."""
    @property
    def as_of(self) -> datetime.date:
        """The date the view is for."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class OverdueTask:
    """A task past its deadline and not closed, with the organisation to chase (督办)."""

    @property
    def organization(self) -> str | None:
        """The organisation to chase: the task's first lead's key (none: no lead)."""
    @property
    def organization_name(self) -> str | None:
        """Its name."""
    @property
    def co_leads(self) -> list[str]:
        """The other lead organisations' names, in rank order."""
    @property
    def task(self) -> str:
        """Task key."""
    @property
    def number(self) -> str:
        """The task's number as printed."""
    @property
    def title(self) -> str:
        """The task's title."""
    @property
    def deadline(self) -> datetime.date:
        """The deadline in force."""
    @property
    def days_late(self) -> int:
        """Days past it on the report's date."""
    @property
    def status(self) -> _TaskStatus:
        """`not_started`, `in_progress`, `delayed` or `suspended`."""
    @property
    def progress(self) -> float:
        """Progress, %."""
    @property
    def note(self) -> str | None:
        """The latest progress note."""
    @property
    def last_update(self) -> datetime.date | None:
        """When it was last updated (none: never)."""
    @property
    def days_since_update(self) -> int | None:
        """Days since then (none: never updated)."""
    @property
    def last_actor(self) -> str | None:
        """Who last updated it."""
    @property
    def as_of(self) -> datetime.date:
        """The date the report is for."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class AssessedUnit:
    """One unit's 考核: what it answers for, each part of the rubric (0–1, none when there is nothing to measure), its score (0–100) and rank in its group."""

    @property
    def group(self) -> str:
        """`city`, `pilot_county`, `provincial_department` or `pilot_enterprise`."""
    @property
    def key(self) -> str:
        """Its key (`area/大同市`, `org/省环保厅`)."""
    @property
    def name(self) -> str:
        """Its name."""
    @property
    def tasks(self) -> int:
        """The tasks it answers for."""
    @property
    def completed(self) -> int:
        """Of those, completed."""
    @property
    def overdue(self) -> int:
        """Of those, overdue."""
    @property
    def red(self) -> int:
        """Of those, red."""
    @property
    def targets_measured(self) -> int:
        """Its tasks' targets with an observation."""
    @property
    def targets_met(self) -> int:
        """Of those, attained."""
    @property
    def selections_made(self) -> int | None:
        """Selections made for the year, where a rule asks for some."""
    @property
    def selections_required(self) -> int | None:
        """The fewest the rule asks for."""
    @property
    def completion(self) -> float | None:
        """完成情况, 0–1."""
    @property
    def timeliness(self) -> float | None:
        """序时进度, 0–1."""
    @property
    def targets(self) -> float | None:
        """目标, 0–1."""
    @property
    def selections(self) -> float | None:
        """选题, 0–1."""
    @property
    def score(self) -> float | None:
        """The weighted score, 0–100."""
    @property
    def rank(self) -> int | None:
        """Rank in its group, from 1 (ties share one)."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Assessment:
    """考核 for a year: every assessed unit, group by group, best first, and the weights."""

    @property
    def year(self) -> int:
        """The year assessed."""
    @property
    def as_of(self) -> datetime.date:
        """The date the state is read on."""
    @property
    def units(self) -> list[AssessedUnit]:
        """The units."""
    @property
    def completion_weight(self) -> float:
        """The weight of completion."""
    @property
    def timeliness_weight(self) -> float:
        """The weight of timeliness."""
    @property
    def targets_weight(self) -> float:
        """The weight of targets."""
    @property
    def selections_weight(self) -> float:
        """The weight of selections."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def to_pandas(self) -> pandas.DataFrame: ...

@final
class LedgerRowChange:
    """A row of a returned ledger that changes its task: before (on the ledger's 截至 date) and after."""

    @property
    def sheet(self) -> str:
        """The sheet."""
    @property
    def row(self) -> int:
        """The row's number as the spreadsheet shows it."""
    @property
    def task(self) -> str:
        """The task's key."""
    @property
    def title(self) -> str:
        """The task's title."""
    @property
    def status_before(self) -> _TaskStatus:
        """Status on the ledger's date."""
    @property
    def status_after(self) -> _TaskStatus:
        """Status the row reports (the same when it reports none)."""
    @property
    def progress_before(self) -> float:
        """Progress on the ledger's date, %."""
    @property
    def progress_after(self) -> float | None:
        """The progress the row reports, when it differs."""
    @property
    def note_before(self) -> str | None:
        """The note on the ledger's date."""
    @property
    def note_after(self) -> str | None:
        """The note the row reports, when it differs."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LedgerRowProblem:
    """A row of a returned ledger that cannot be applied, and why (never guessed)."""

    @property
    def sheet(self) -> str:
        """The sheet."""
    @property
    def row(self) -> int:
        """The row's number."""
    @property
    def title(self) -> str | None:
        """The row's title, if any."""
    @property
    def kind(self) -> str:
        """`no_match`, `several_matches`, `repeated`, `unreadable`, `updated_since` or `deadline_not_imported` (the row's other entries still count)."""
    @property
    def candidates(self) -> list[str]:
        """The tasks it could be (for `several_matches`)."""
    @property
    def message(self) -> str:
        """What is wrong and what to do."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LedgerDiff:
    """What a returned ledger changes, compared with the state on its 截至 date."""

    @property
    def source(self) -> str:
        """The file's name."""
    @property
    def as_of(self) -> datetime.date:
        """The date compared with (the ledger's 截至 date, else today)."""
    @property
    def changes(self) -> list[LedgerRowChange]:
        """The rows that change their task."""
    @property
    def problems(self) -> list[LedgerRowProblem]:
        """The rows that cannot be applied."""
    @property
    def unchanged(self) -> int:
        """Rows that match their task's state already."""
    @property
    def blank(self) -> int:
        """Rows that name a task but report nothing."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LedgerImport:
    """A returned ledger applied: its diff and the ids of the events recorded, one per change."""

    @property
    def diff(self) -> LedgerDiff:
        """What it changed and what it could not."""
    @property
    def events(self) -> list[str]:
        """The recorded events' ids, in the order of `diff.changes`."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class DepartmentRollup:
    """Tasks led by one organisation, counted."""

    @property
    def key(self) -> str:
        """Organisation key."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def tasks(self) -> int:
        """Tasks it leads (any rank)."""
    @property
    def by_status(self) -> dict[str, int]:
        """Tasks by status name."""
    @property
    def overdue(self) -> int:
        """Overdue tasks."""
    @property
    def red(self) -> int:
        """Red tasks."""
    @property
    def yellow(self) -> int:
        """Yellow tasks."""
    @property
    def green(self) -> int:
        """Green tasks."""
    @property
    def mean_progress(self) -> float:
        """Mean progress, %."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SectionRollup:
    """Tasks of one category (or part), counted."""

    @property
    def part(self) -> str:
        """Part title."""
    @property
    def category(self) -> str | None:
        """Category title, if the tasks sit in one."""
    @property
    def tasks(self) -> int:
        """Tasks."""
    @property
    def by_status(self) -> dict[str, int]:
        """Tasks by status name."""
    @property
    def overdue(self) -> int:
        """Overdue tasks."""
    @property
    def red(self) -> int:
        """Red tasks."""
    @property
    def yellow(self) -> int:
        """Yellow tasks."""
    @property
    def green(self) -> int:
        """Green tasks."""
    @property
    def mean_progress(self) -> float:
        """Mean progress, %."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Observation:
    """The latest observation of an indicator for an area and year."""

    @property
    def indicator(self) -> str:
        """Indicator key."""
    @property
    def area(self) -> str:
        """Area key."""
    @property
    def year(self) -> int:
        """Year."""
    @property
    def value(self) -> float:
        """Value."""
    @property
    def unit(self) -> str:
        """Unit as printed."""
    @property
    def source(self) -> str | None:
        """Where the figure comes from."""
    @property
    def reference(self) -> bool:
        """The external reference value rather than the area's own."""
    @property
    def event(self) -> str:
        """The event that recorded it."""
    @property
    def effective(self) -> datetime.date:
        """Its effective date."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Attainment:
    """A target's attainment for one area."""

    @property
    def target(self) -> str:
        """Target key."""
    @property
    def indicator(self) -> str | None:
        """Indicator key."""
    @property
    def area(self) -> str | None:
        """Area key assessed."""
    @property
    def summary(self) -> str:
        """The target compactly (`≥ 40%`)."""
    @property
    def target_value(self) -> float | None:
        """The value to reach."""
    @property
    def baseline(self) -> Observation | None:
        """The baseline observation."""
    @property
    def latest(self) -> Observation | None:
        """The latest observation."""
    @property
    def attained(self) -> bool | None:
        """Whether the latest value meets the target."""
    @property
    def distance(self) -> float | None:
        """Remaining distance to the target value (0 when attained)."""
    @property
    def time_lag(self) -> float | None:
        """How far the latest value trails the straight line to the target (positive = behind)."""
    @property
    def growth_ratio(self) -> float | None:
        """Observed ÷ required compound annual growth."""
    @property
    def attainment_class(self) -> str | None:
        """`on_track`, `progressing`, `slow` or `regressing`."""
    @property
    def projected(self) -> float | None:
        """The value at the deadline if the trend continues linearly."""
    @property
    def notes(self) -> list[str]:
        """What could not be assessed and why."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SubjectSelection:
    """The options one subject selected in a year, under the rule that governs it."""

    @property
    def subject(self) -> str:
        """Area or organisation key."""
    @property
    def rule(self) -> str:
        """Rule key."""
    @property
    def options(self) -> list[str]:
        """Keys of the options it selected."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SelectionViolation:
    """A subject that selected too few or too many options in a year."""

    @property
    def subject(self) -> str:
        """Area or organisation key."""
    @property
    def rule(self) -> str:
        """Rule key."""
    @property
    def selected(self) -> int:
        """How many it selected."""
    @property
    def message(self) -> str:
        """What the rule asks."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SelectionCheck:
    """Selections for a year, checked against the plan's rules."""

    @property
    def year(self) -> int:
        """The year."""
    @property
    def selections(self) -> list[SubjectSelection]:
        """What each subject selected."""
    @property
    def violations(self) -> list[SelectionViolation]:
        """Subjects that break a rule."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def to_pandas(self) -> pandas.DataFrame: ...

@final
class StageCount:
    """How many projects are at one stage."""

    @property
    def stage(self) -> _ProjectStage:
        """`reserve`, `signed`, `landed`, `started`, `under_construction`, `in_operation`, `suspended` or `cancelled`."""
    @property
    def name_zh(self) -> str:
        """The stage as the plan names it: 储备, 签约, 落地, 开工, 建设, 投产, 暂停, 取消."""
    @property
    def projects(self) -> int:
        """Projects at that stage."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Funnel:
    """A portfolio's projects by stage."""

    @property
    def quota(self) -> int | None:
        """The portfolio's quota, if the plan sets one."""
    @property
    def stages(self) -> list[StageCount]:
        """Projects per stage, in lifecycle order, then suspended and cancelled."""
    @property
    def total(self) -> int:
        """Projects registered (not withdrawn)."""
    @property
    def withdrawn(self) -> int:
        """Withdrawn projects."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def to_pandas(self) -> pandas.DataFrame: ...

@final
class Conflict:
    """Two events that changed the same thing without either seeing the other."""

    @property
    def subject(self) -> str:
        """The node changed."""
    @property
    def change(self) -> str:
        """What about it (`task_status`, `project_stage`, `selection`, `observation` …)."""
    @property
    def kept(self) -> str:
        """The event whose value stands."""
    @property
    def overridden(self) -> str:
        """The event it overrides."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Refusal:
    """A received event without effect: a stage change the merged history makes impossible (kept in the history), a change the access policy refuses, or an id already here with other content (both not stored)."""

    @property
    def event(self) -> str:
        """The event id."""
    @property
    def reason(self) -> str:
        """Why, in words."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ApplyReport:
    """What applying a changeset did."""

    @property
    def applied(self) -> int:
        """New events stored."""
    @property
    def duplicates(self) -> int:
        """Events this database already had."""
    @property
    def conflicts(self) -> list[Conflict]:
        """Concurrent changes, resolved the same way on every device."""
    @property
    def refused(self) -> list[Refusal]:
        """Events without effect, and why."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Unparsed:
    """A paragraph that did not become data, or a warning of the importer."""

    @property
    def line(self) -> int:
        """1-based line number."""
    @property
    def text(self) -> str:
        """The text (truncated to 200 characters)."""
    @property
    def reason(self) -> str:
        """Why."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ImportReport:
    """What an import found and did."""

    @property
    def plan_key(self) -> str:
        """The plan's key."""
    @property
    def counts(self) -> dict[str, int]:
        """Nodes per kind (`task`, `organization` …) and tasks per role (`task:reform` …)."""
    @property
    def edge_counts(self) -> dict[str, int]:
        """Edges per label."""
    @property
    def unparsed(self) -> list[Unparsed]:
        """Paragraphs that did not become data."""
    @property
    def warnings(self) -> list[Unparsed]:
        """Things the importer did that a reader should check."""
    @property
    def created(self) -> int:
        """Nodes created (0 when re-importing an identical document)."""
    @property
    def updated(self) -> int:
        """Nodes whose data changed."""
    @property
    def removed(self) -> int:
        """Nodes and edges the new version no longer has, removed."""
    @property
    def lines(self) -> dict[str, int]:
        """Every non-blank line by what it became (`task`, `section`, `preamble`, `metadata`, `table_header`, `unparsed`)."""
    @property
    def tasks_without_units(self) -> list[str]:
        """Keys of tasks for which no responsible unit was found."""
    @property
    def low_confidence(self) -> list[Unparsed]:
        """Clauses read with low confidence (unlabelled lists of units)."""
    @property
    def removed_with_history(self) -> list[str]:
        """Tasks with tracked history the re-import removed (with `allow_removals`)."""
    @property
    def leads_reassigned(self) -> list[str]:
        """Tasks this version gives other lead or co-operating organisations (each got a `leads_assigned` event)."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class StoreInfo:
    """Counts and facts about a database."""

    @property
    def path(self) -> str | None:
        """The file, none in memory."""
    @property
    def schema_version(self) -> int:
        """Schema version of the file."""
    @property
    def read_only(self) -> bool:
        """Whether it was opened read-only."""
    @property
    def nodes(self) -> dict[str, int]:
        """Nodes per kind."""
    @property
    def edges(self) -> int:
        """Total edges."""
    @property
    def file_bytes(self) -> int:
        """File size in bytes (0 in memory)."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Certificate:
    """What the plan's administrator certified a key for."""

    @property
    def key(self) -> str:
        """The key (`ed25519:…`)."""
    @property
    def person(self) -> str:
        """The person who holds it."""
    @property
    def organization(self) -> str:
        """Their organisation's key."""
    @property
    def valid_from(self) -> datetime.date:
        """The first day it is valid."""
    @property
    def valid_until(self) -> datetime.date | None:
        """The last day it is valid, if it expires."""
    @property
    def revoked_at_ms(self) -> int | None:
        """When it was revoked (ms since the epoch, by recording time), if it was."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Problem:
    """Something `verify` found wrong."""

    @property
    def table(self) -> str:
        """The table the problem is in."""
    @property
    def key(self) -> str:
        """The record's key, printed."""
    @property
    def message(self) -> str:
        """What is wrong."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PortfolioDomain:
    """A portfolio domain (产业转型 …) and what it focuses on."""

    @property
    def name(self) -> str:
        """The domain as printed."""
    @property
    def focus(self) -> list[str]:
        """Its focus list, verbatim."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Plan:
    """A plan document (实施方案, 意见 …)."""

    @property
    def key(self) -> str:
        """Natural key (`shanxi-2013`)."""
    @property
    def title(self) -> str:
        """Full title, verbatim."""
    @property
    def issuer(self) -> str | None:
        """Issuing body, if known."""
    @property
    def document_number(self) -> str | None:
        """Document number such as 国发〔2019〕3号."""
    @property
    def issued_on(self) -> datetime.date | None:
        """Date of issue."""
    @property
    def period_start(self) -> int | None:
        """First year covered."""
    @property
    def period_end(self) -> int | None:
        """Last year covered."""
    @property
    def implements(self) -> str | None:
        """The higher-level plan this one implements."""
    @property
    def preamble(self) -> list[str]:
        """Paragraphs before the first heading."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Section:
    """A part (一、) or category (（一）) heading."""

    @property
    def key(self) -> str:
        """Natural key."""
    @property
    def level(self) -> str:
        """`part` or `category`."""
    @property
    def number(self) -> str:
        """The number as printed (`二`)."""
    @property
    def ordinal(self) -> int:
        """The number as an integer."""
    @property
    def title(self) -> str:
        """Heading text."""
    @property
    def paragraphs(self) -> list[str]:
        """Paragraphs directly under the heading, verbatim."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Task:
    """A task: a reform, matter, research topic, option, safeguard measure …"""

    @property
    def key(self) -> str:
        """Natural key (`shanxi-2013/reform/5`)."""
    @property
    def role(self) -> str:
        """Role name: `reform`, `matter`, `research_topic`, `city_task_option`, `county_pilot_area`, `enterprise_innovation_area`, `department_special_reform`, `safeguard_measure`, `principle`, `annual_action`."""
    @property
    def number(self) -> str:
        """The number as printed."""
    @property
    def ordinal(self) -> int:
        """The number as an integer."""
    @property
    def title(self) -> str:
        """Title: the text up to the first 。"""
    @property
    def body(self) -> str:
        """The full paragraph, without the responsibility clause."""
    @property
    def responsibility(self) -> str | None:
        """The responsibility clause verbatim (`牵头部门：省国土厅`)."""
    @property
    def deadline(self) -> datetime.date | None:
        """When the task is due."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Organization:
    """A department, branch, government, enterprise or group."""

    @property
    def key(self) -> str:
        """Natural key (`org/省环保厅`)."""
    @property
    def name(self) -> str:
        """The name as the plan prints it."""
    @property
    def kind(self) -> str:
        """`provincial_department`, `central_vertical_branch`, `government`, `enterprise`, `group` or `other`."""
    @property
    def aliases(self) -> list[str]:
        """Other names it goes by."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Area:
    """An administrative area."""

    @property
    def key(self) -> str:
        """Natural key (`area/孝义市`)."""
    @property
    def name(self) -> str:
        """Official name."""
    @property
    def level(self) -> str:
        """`province`, `prefecture_city`, `county_level_city`, `county`, `district`, `other`."""
    @property
    def aliases(self) -> list[str]:
        """Short forms."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Indicator:
    """A measured quantity (城镇化率 …)."""

    @property
    def key(self) -> str:
        """Natural key (`indicator/城镇化率`)."""
    @property
    def name(self) -> str:
        """Name as printed."""
    @property
    def unit(self) -> str:
        """Unit as printed (`%`, `个百分点`, `万亩`; empty for a pure number)."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Project:
    """A project in a portfolio."""

    @property
    def key(self) -> str:
        """Natural key."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def domain(self) -> str | None:
        """Portfolio domain (产业转型 …)."""
    @property
    def investment_wan_yuan(self) -> float | None:
        """Planned investment, 万元."""
    @property
    def description(self) -> str | None:
        """Free description."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Portfolio:
    """A project portfolio with a quota and lifecycle."""

    @property
    def key(self) -> str:
        """Natural key."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def quota(self) -> int | None:
        """How many projects the plan calls for."""
    @property
    def period_start(self) -> int | None:
        """First year."""
    @property
    def period_end(self) -> int | None:
        """Last year."""
    @property
    def stages(self) -> list[str]:
        """Lifecycle stages as printed."""
    @property
    def domains(self) -> list[PortfolioDomain]:
        """Domains and their focus lists."""
    @property
    def body(self) -> str:
        """The paragraph, verbatim."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SelectionRule:
    """A rule such as "each city chooses at least 2 options a year"."""

    @property
    def key(self) -> str:
        """Natural key."""
    @property
    def subject(self) -> str:
        """`cities`, `pilot_counties`, `provincial_departments`, `pilot_enterprises`."""
    @property
    def min_per_year(self) -> int | None:
        """Fewest choices a year."""
    @property
    def max_per_year(self) -> int | None:
        """Most choices a year."""
    @property
    def wording(self) -> str:
        """The rule as printed."""
    @property
    def source(self) -> SourceSpan | None:
        """Where it sits in its source document."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Edge:
    """An edge between two nodes, by key."""

    @property
    def source(self) -> str:
        """Key of the node the edge starts at."""
    @property
    def label(self) -> str:
        """Label: `contains`, `leads`, `cooperates`, `mentions`, `has_target`, `measured_by`, `in_area`, `same_as`, `designated_pilot`, `selected`, `in_portfolio`, `applies_to`."""
    @property
    def target(self) -> str:
        """Key of the node it ends at."""
    @property
    def order(self) -> int | None:
        """Position among siblings (`contains`)."""
    @property
    def rank(self) -> int | None:
        """Position in the responsibility clause (`leads`)."""
    @property
    def year(self) -> int | None:
        """Year of a selection (`selected`)."""
    _fields: ClassVar[tuple[str, ...]]
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
