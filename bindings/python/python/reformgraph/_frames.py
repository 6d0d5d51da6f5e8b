"""pandas conversions (pandas is imported only when a conversion is asked for)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, cast

if TYPE_CHECKING:  # pragma: no cover
    import pandas


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "to_pandas() needs pandas: pip install 'reformgraph[pandas]'"
        ) from e
    return pandas


# Nested records merged into the row without a prefix (their own columns win no clash).
_MERGE = {"task", "target", "lead"}


def _flatten(name: str, value: Any, row: Dict[str, Any]) -> None:
    kind = type(value).__name__
    if kind in ("SectionRef",):
        row[name] = value.title
    elif kind == "SourceSpan":
        row[f"{name}_line"] = value.line
    elif kind == "Evidence":
        row[f"{name}_document"] = value.document_number
    elif kind == "Observation":
        row[f"{name}_year"] = value.year
        row[f"{name}_value"] = value.value
    elif hasattr(value, "_asdict"):
        for k, v in value._asdict().items():
            _flatten(f"{name}_{k}", v, row)
    elif isinstance(value, list) and value and type(value[0]).__name__ == "Lead":
        row[name] = "、".join(lead.name for lead in value)
    elif isinstance(value, dict) and name in ("by_status", "counts", "edge_counts"):
        for k, v in value.items():
            row[f"{name}_{k}"] = v
    else:
        row[name] = value


def flat(record: Any) -> Dict[str, Any]:
    """A record as a flat dict of plain values."""
    row: Dict[str, Any] = {}
    if isinstance(record, tuple):  # (Edge, node)
        for i, part in enumerate(record):
            if hasattr(part, "_asdict"):
                for k, v in part._asdict().items():
                    if k not in row:
                        _flatten(k, v, row)
            else:
                row["tasks" if i == 1 else f"value{i}"] = part
        return row
    for k, v in record._asdict().items():
        # A nested record merges below; a plain value of that name (an overdue task's
        # ``task`` key, an attainment's ``target``) is a column like any other.
        if k not in _MERGE or not hasattr(v, "_asdict"):
            _flatten(k, v, row)
    for k in _MERGE:
        v = getattr(record, k, None)
        if v is not None and hasattr(v, "_asdict"):
            for kk, vv in v._asdict().items():
                if kk not in row:
                    _flatten(kk, vv, row)
    return row


def _typed(rows: List[Dict[str, Any]]) -> pandas.DataFrame:
    """A frame with the dtypes the values have: dates as ``datetime64``, integers as
    ``int64`` (``Int64`` where some are missing), booleans as ``boolean`` where some are
    missing, ``recorded_at`` (milliseconds since the epoch) as UTC timestamps; a count by
    status that a row lacks is 0, not NaN."""
    pd = _pandas()
    frame = pd.DataFrame(rows)
    # A nested record that is absent in some rows (an attainment without a baseline) gives
    # an all-empty column beside the flattened ones of the rows that have it: drop it.
    empty = [c for c in frame.columns if all(r.get(c) is None for r in rows)]
    frame = frame.drop(columns=[c for c in empty if any(o.startswith(f"{c}_") for o in frame.columns)])
    for name in list(frame.columns):
        values = [r.get(name) for r in rows]
        present = [v for v in values if v is not None and v == v]
        if not present:
            continue
        if name.startswith("by_status_"):
            frame[name] = frame[name].fillna(0).astype("int64")
        elif name == "recorded_at" and all(isinstance(v, int) for v in present):
            frame[name] = pd.to_datetime(frame[name], unit="ms", utc=True)
        elif all(isinstance(v, datetime.date) and not isinstance(v, datetime.datetime) for v in present):
            frame[name] = pd.to_datetime(frame[name])
        elif all(isinstance(v, bool) for v in present):
            if len(present) < len(values):
                frame[name] = frame[name].astype("boolean")
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            frame[name] = frame[name].astype("Int64" if len(present) < len(values) else "int64")
    return cast("pandas.DataFrame", frame)


def records_frame(records: Iterable[Any]) -> pandas.DataFrame:
    """One row per record, with real dtypes; indexed by ``key`` when every row has a
    distinct one (tasks, task views, roll-ups)."""
    frame = _typed([flat(r) for r in records])
    if "key" in frame.columns and frame["key"].notna().all() and frame["key"].is_unique:
        frame = frame.set_index("key")
    return frame


def workload_frame(w: Any) -> pandas.DataFrame:
    """Organisations × categories, tasks led; the rows in the workload's order."""
    pd = _pandas()
    return cast("pandas.DataFrame", pd.DataFrame(w.counts, index=pd.Index(w.organizations, name="organization"),
                        columns=pd.Index(w.categories, name="category")))


def funnel_frame(f: Any) -> pandas.DataFrame:
    """Projects per stage."""
    pd = _pandas()
    return cast("pandas.DataFrame", pd.DataFrame([(s.name_zh, s.projects) for s in f.stages], columns=["stage", "projects"]))


def assessment_frame(a: Any) -> pandas.DataFrame:
    """One row per assessed unit, group by group, best first, indexed by the unit's key."""
    frame = _typed([flat(u) for u in a.units])
    if frame.empty:
        return frame
    frame.insert(0, "year", a.year)
    return frame.set_index("key")


def selections_frame(c: Any) -> pandas.DataFrame:
    """One row per subject and rule: the options selected and any violation."""
    pd = _pandas()
    problems = {(v.subject, v.rule): v.message for v in c.violations}
    rows = [
        {
            "year": c.year,
            "subject": s.subject,
            "rule": s.rule,
            "selected": s.options,
            "count": len(s.options),
            "violation": problems.get((s.subject, s.rule)),
        }
        for s in c.selections
    ]
    return cast("pandas.DataFrame", pd.DataFrame(rows, columns=["year", "subject", "rule", "selected", "count", "violation"]))
