"""Runs the analysis example and checks it wrote non-empty PNG files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).with_name("analysis.py")


def test_analysis_writes_png_charts(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(EXAMPLE), str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    names = {"workload.png", "attainment.png", "departments.png"}
    assert {Path(line).name for line in run.stdout.split()} == names
    for name in names:
        data = (tmp_path / name).read_bytes()
        assert len(data) > 1000 and data.startswith(b"\x89PNG\r\n\x1a\n"), name
