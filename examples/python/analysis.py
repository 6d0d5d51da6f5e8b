"""Workload by department and target attainment on the bundled Shanxi plan, as PNG charts.

    python examples/python/analysis.py OUTPUT_DIR

Loads the plan into a temporary database, records a few indicator observations (so that
attainment has values) and some task progress, then writes:

- ``workload.png``   — tasks each department leads, by category (top 15 departments);
- ``attainment.png`` — for each target with observations, the latest value against the target;
- ``departments.png`` — task status per department as of 2014-12-31.

Needs pandas and matplotlib (``pip install 'reformgraph[analysis]'``).
"""

from __future__ import annotations

import datetime
import sys
import tempfile
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

import reformgraph  # noqa: E402

# Observations from the Shanxi statistical communiqués (illustrative figures).
OBSERVATIONS = [
    ("城镇化率", 2012, 51.26),
    ("城镇化率", 2013, 52.56),
    ("城镇化率", 2014, 53.79),
    ("服务业增加值比重", 2012, 38.7),
    ("服务业增加值比重", 2013, 40.3),
    ("服务业增加值比重", 2014, 44.5),
]


def chinese_font() -> None:
    """Uses a CJK font if the machine has one; otherwise labels fall back to boxes."""
    for name in ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei", "PingFang SC"):
        if any(f.name == name for f in font_manager.fontManager.ttflist):
            plt.rcParams["font.sans-serif"] = [name]
            break
    else:
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
    plt.rcParams["axes.unicode_minus"] = False


def record_progress(db: reformgraph.Database) -> None:
    for indicator, year, value in OBSERVATIONS:
        db.record_observation(indicator, "山西省", year, value, source="统计公报", actor="省统计局",
                              effective=datetime.date(year + 1, 2, 28))
    for n, (status, progress) in enumerate([("completed", 100), ("in_progress", 60), ("in_progress", 20), ("delayed", 10)], 1):
        for task in db.tasks(role="reform")[n * 5 - 5 : n * 5]:
            db.record_status(task.key, status, progress, actor="改革办", effective=datetime.date(2014, 6, 30))


def main(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    chinese_font()
    written = []
    with tempfile.TemporaryDirectory() as tmp, reformgraph.create(Path(tmp) / "shanxi.redb") as db:
        db.import_bundled()
        record_progress(db)

        # Workload: departments × categories.
        w = db.workload().to_pandas()
        top = w.loc[w.sum(axis=1).sort_values(ascending=False).index[:15]]
        ax = top.plot.barh(stacked=True, figsize=(11, 7), width=0.8)
        ax.invert_yaxis()
        ax.set_xlabel("tasks led")
        ax.set_title("Workload by department and category (top 15)")
        ax.legend(fontsize=7, loc="lower right")
        written.append(save(ax.figure, out / "workload.png"))

        # Attainment: latest value against the target value.
        rows = [a for a in db.attainments() if a.latest is not None and a.target_value is not None]
        fig, ax = plt.subplots(figsize=(8, 4))
        labels = [a.indicator.split("/")[-1] if a.indicator else a.target for a in rows]
        xs = range(len(rows))
        ax.bar([x - 0.2 for x in xs], [a.baseline.value if a.baseline else 0 for a in rows], width=0.4, label="baseline")
        ax.bar([x + 0.2 for x in xs], [a.latest.value for a in rows if a.latest], width=0.4, label="latest")
        ax.scatter(list(xs), [a.target_value for a in rows], color="red", marker="_", s=800, label="target", zorder=3)
        ax.set_xticks(list(xs), labels)
        ax.set_title("Target attainment (山西省)")
        ax.legend()
        written.append(save(fig, out / "attainment.png"))

        # Task status per department as of the end of 2014.
        deps = db.departments(as_of=datetime.date(2014, 12, 31)).to_pandas().head(12).set_index("name")
        cols = [c for c in deps.columns if c.startswith("by_status_")]
        ax = deps[cols].rename(columns=lambda c: c.removeprefix("by_status_")).plot.barh(stacked=True, figsize=(9, 6))
        ax.invert_yaxis()
        ax.set_title("Task status by department, 2014-12-31")
        written.append(save(ax.figure, out / "departments.png"))
    return written


def save(fig: plt.Figure, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for p in main(Path(sys.argv[1])):
        print(p)
