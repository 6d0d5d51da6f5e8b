"""Result containers: lists of records with ``to_pandas()``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Iterable, List, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import pandas

T = TypeVar("T")


class ResultList(List[T]):
    """A list of result records (tasks, hits, roll-up rows …) with :meth:`to_pandas`.

    >>> import reformgraph
    >>> with reformgraph.memory() as db:
    ...     _ = db.import_bundled()
    ...     tasks = db.tasks(lead="省环保厅")
    >>> len(tasks), type(tasks).__name__
    (12, 'ResultList')
    """

    __slots__ = ()

    def to_pandas(self) -> pandas.DataFrame:
        """One row per record, nested records flattened (a task's leads become their names
        joined by 、, its category the category's title). Needs pandas."""
        from ._frames import records_frame

        return records_frame(self)

    def _repr_html_(self) -> str:
        """The first rows as an HTML table in a notebook (pandas when installed, else a
        plain table), with how many there are."""
        head = list.__getitem__(self, slice(0, 20))
        try:
            from ._frames import records_frame

            table = records_frame(head).to_html(max_rows=20)
        except ImportError:  # pragma: no cover - depends on the environment
            import html

            table = "<table>" + "".join(f"<tr><td>{html.escape(repr(r))}</td></tr>" for r in head) + "</table>"
        more = f" (first {len(head)} shown)" if len(self) > len(head) else ""
        return f"<p>{type(self).__name__}: {len(self)} records{more}</p>{table}"


class SearchResults(ResultList[Any]):
    """A page of search hits, best first; ``total`` counts every match before paging."""

    __slots__ = ("total",)

    def __init__(self, hits: Iterable[Any] = (), total: int = 0) -> None:  # noqa: D107
        super().__init__(hits)
        self.total = total

    def __repr__(self) -> str:
        return f"SearchResults(total={self.total}, hits={list.__repr__(self)})"
