"""pandas conversions (pandas is imported only when a conversion is asked for)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, cast

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
        if k not in _MERGE:
            _flatten(k, v, row)
    for k in _MERGE:
        v = getattr(record, k, None)
        if v is not None and hasattr(v, "_asdict"):
            for kk, vv in v._asdict().items():
                if kk not in row:
                    _flatten(kk, vv, row)
    return row


def records_frame(records: Iterable[Any]) -> pandas.DataFrame:
    """One row per record."""
    pd = _pandas()
    return cast("pandas.DataFrame", pd.DataFrame([flat(r) for r in records]))


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
    pd = _pandas()
    frame = pd.DataFrame([flat(u) for u in a.units])
    if frame.empty:
        return cast("pandas.DataFrame", frame)
    frame.insert(0, "year", a.year)
    frame["rank"] = frame["rank"].astype("Int64")
    return cast("pandas.DataFrame", frame.set_index("key"))


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
