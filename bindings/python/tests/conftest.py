"""Shared fixtures: the bundled Shanxi plan in memory and on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import reformgraph


@pytest.fixture(scope="module")
def shanxi() -> Iterator[reformgraph.Database]:
    """The bundled plan in memory (read-only use: tests that write make their own)."""
    with reformgraph.memory() as db:
        db.import_bundled()
        yield db


@pytest.fixture
def fresh() -> Iterator[reformgraph.Database]:
    """A fresh in-memory database with the bundled plan, for tests that write."""
    with reformgraph.memory() as db:
        db.import_bundled()
        yield db


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A database file holding the bundled plan, closed."""
    path = tmp_path / "plan.redb"
    with reformgraph.create(path) as db:
        db.import_bundled()
    return path
