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


class SearchResults(ResultList[Any]):
    """A page of search hits, best first; ``total`` counts every match before paging."""

    __slots__ = ("total",)

    def __init__(self, hits: Iterable[Any] = (), total: int = 0) -> None:  # noqa: D107
        super().__init__(hits)
        self.total = total

    def __repr__(self) -> str:
        return f"SearchResults(total={self.total}, hits={list.__repr__(self)})"
