"""reformgraph from Python against sqlite3, networkx and Kùzu on the same questions.

    bindings/python/.venv/bin/python benches/python/bench_compare.py [--quick]

Every tool holds the same data (the bundled Shanxi plan, exported once from reformgraph)
and every answer is checked equal to reformgraph's before timing. Times are the best of 5
repeats, per call. Prints a Markdown table (see README.md here for recorded figures).
"""

from __future__ import annotations

import os
import pickle
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import reformgraph

try:
    import networkx as nx
except ImportError:  # pragma: no cover
    nx = None
try:
    import kuzu
except ImportError:  # pragma: no cover
    kuzu = None
try:
    import pandas as pd
except ImportError:  # pragma: no cover
    pd = None

ORG = "省环保厅"
BIG_ORG = "省发展改革委"
CATEGORY = "生态修复"
TERM = "煤层气"
POINT_KEY = "shanxi-2013/reform/5"
QUICK = "--quick" in sys.argv


def best(fn: Callable[[], Any], min_time: float = 0.05 if QUICK else 0.3, repeats: int = 3 if QUICK else 5) -> float:
    """Best time per call, seconds."""
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t0
        if dt >= min_time / repeats or n >= 1 << 22:
            break
        n *= 4
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - t0) / n)
    return min(times)


def once(fn: Callable[[], Any], repeats: int = 3 if QUICK else 5) -> float:
    """Best of a few single runs (for set-up work: load, open)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


# ---- the data, exported once from reformgraph --------------------------------------------


class Data:
    def __init__(self, db: reformgraph.Database) -> None:
        self.orgs = [(o.key, o.name, [o.name, *o.aliases]) for o in db.nodes("organization")]
        self.tasks = []
        self.leads = []
        for s in db.tasks():
            t = db.task(s.key)
            text = "\n".join(p for p in [t.body or t.title, t.responsibility] if p)
            self.tasks.append((s.key, s.role, s.number, s.title, s.category.key if s.category else None,
                               s.category.title if s.category else None, s.part.title if s.part else None,
                               s.deadline.isoformat() if s.deadline else None, text))
            for lead in s.leads:
                self.leads.append((lead.key, s.key, lead.rank))


# ---- reformgraph -------------------------------------------------------------------------


class RG:
    name = "reformgraph"

    def __init__(self, path: Path) -> None:
        self.path = path
        # The analyst's own database: read-write, so reads reuse one snapshot between writes.
        self.db = reformgraph.open(path)

    def tasks_by_org(self, org: str) -> List[str]:
        return [t.key for t in self.db.tasks(lead=org)]

    def co_leaders(self, org: str) -> set:
        me = self.db.organization(org).key
        return {l.key for t in self.db.tasks(lead=org) for l in t.leads} - {me}

    def category_tasks(self, cat: str) -> Dict[str, Tuple[str, ...]]:
        return {t.key: tuple(l.name for l in t.leads) for t in self.db.tasks(category=cat)}

    def search(self, term: str) -> set:
        return {h.key for h in self.db.search(term, kinds=["task"], limit=1000)}

    def workload(self) -> Dict[Tuple[str, str], int]:
        w = self.db.workload()
        return {(o, c): n for o, row in zip(w.organizations, w.counts) for c, n in zip(w.categories, row) if n}

    def point(self) -> Any:
        return self.db.get(POINT_KEY)

    def frame(self) -> Any:
        return self.db.tasks().to_pandas()

    @staticmethod
    def load(path: Path) -> None:
        with reformgraph.create(path) as db:
            db.import_bundled()

    def open_search(self) -> set:
        with reformgraph.open(self.path, read_only=True) as db:
            return {h.key for h in db.search(TERM, kinds=["task"], limit=1000)}


# ---- sqlite3 -----------------------------------------------------------------------------

SCHEMA = """
create table orgs(key text primary key, name text not null);
create table org_names(name text not null, org_key text not null);
create index org_names_name on org_names(name);
create table tasks(key text primary key, role text, number text, title text, category_key text,
                   category_title text, part_title text, deadline text, search text, ord integer);
create index tasks_category on tasks(category_title);
create table leads(org_key text not null, task_key text not null, rank integer not null,
                   primary key(org_key, task_key)) without rowid;
create index leads_task on leads(task_key, rank);
create virtual table tasks_fts using fts5(key unindexed, search, tokenize='trigram');
"""


class SQL:
    name = "sqlite3"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = sqlite3.connect(path, check_same_thread=False)

    @staticmethod
    def load(path: Path, data: Data) -> None:
        if path.exists():
            path.unlink()
        con = sqlite3.connect(path)
        con.executescript(SCHEMA)
        with con:
            con.executemany("insert into orgs values (?, ?)", [(k, n) for k, n, _ in data.orgs])
            con.executemany("insert into org_names values (?, ?)", [(a, k) for k, _, names in data.orgs for a in set(names)])
            con.executemany("insert into tasks values (?,?,?,?,?,?,?,?,?,?)", [(*t, i) for i, t in enumerate(data.tasks)])
            con.executemany("insert into leads values (?, ?, ?)", data.leads)
            con.executemany("insert into tasks_fts values (?, ?)", [(t[0], t[8]) for t in data.tasks])
        con.close()

    def tasks_by_org(self, org: str) -> List[str]:
        return [r[0] for r in self.con.execute(
            "select t.key from org_names n join leads l on l.org_key = n.org_key "
            "join tasks t on t.key = l.task_key where n.name = ? order by t.ord", (org,))]

    def co_leaders(self, org: str) -> set:
        return {r[0] for r in self.con.execute(
            "select distinct l2.org_key from org_names n join leads l1 on l1.org_key = n.org_key "
            "join leads l2 on l2.task_key = l1.task_key and l2.org_key <> l1.org_key where n.name = ?", (org,))}

    def category_tasks(self, cat: str) -> Dict[str, Tuple[str, ...]]:
        out: Dict[str, List[str]] = {}
        for key, name in self.con.execute(
            "select t.key, o.name from tasks t left join leads l on l.task_key = t.key "
            "left join orgs o on o.key = l.org_key where t.category_title = ? order by t.ord, l.rank", (cat,)):
            out.setdefault(key, [])
            if name is not None:
                out[key].append(name)
        return {k: tuple(v) for k, v in out.items()}

    def search(self, term: str) -> set:
        return {r[0] for r in self.con.execute("select key from tasks_fts where tasks_fts match ?", (f'"{term}"',))}

    def workload(self) -> Dict[Tuple[str, str], int]:
        return {(o, c): n for o, c, n in self.con.execute(
            "select o.name, coalesce(t.category_title, t.part_title) c, count(*) from leads l "
            "join orgs o on o.key = l.org_key join tasks t on t.key = l.task_key where c is not null group by o.name, c")}

    def point(self) -> Any:
        return self.con.execute("select * from tasks where key = ?", (POINT_KEY,)).fetchone()

    def frame(self) -> Any:
        return pd.read_sql_query("select key, role, number, title, category_title, part_title, deadline from tasks", self.con)

    def open_search(self) -> set:
        con = sqlite3.connect(self.path)
        try:
            return {r[0] for r in con.execute("select key from tasks_fts where tasks_fts match ?", (f'"{TERM}"',))}
        finally:
            con.close()


# ---- networkx ----------------------------------------------------------------------------


class NX:
    name = "networkx"

    def __init__(self, g: Any, pickle_path: Path) -> None:
        self.g = g
        self.pickle_path = pickle_path
        self.by_name = {}
        for n, d in g.nodes(data=True):
            if d["kind"] == "organization":
                for a in [d["name"], *d["aliases"]]:
                    self.by_name[a] = n

    @staticmethod
    def build(data: Data) -> Any:
        g = nx.MultiDiGraph()
        for key, name, names in data.orgs:
            g.add_node(key, kind="organization", name=name, aliases=names[1:])
        for i, t in enumerate(data.tasks):
            g.add_node(t[0], kind="task", role=t[1], title=t[3], category=t[5], part=t[6], search=t[8], ord=i)
        for org, task, rank in data.leads:
            g.add_edge(org, task, label="leads", rank=rank)
        return g

    def _led(self, org_key: str) -> List[str]:
        return [v for _, v, d in self.g.out_edges(org_key, data=True) if d["label"] == "leads"]

    def tasks_by_org(self, org: str) -> List[str]:
        return sorted(self._led(self.by_name[org]), key=lambda k: self.g.nodes[k]["ord"])

    def co_leaders(self, org: str) -> set:
        me = self.by_name[org]
        return {u for t in self._led(me) for u, _, d in self.g.in_edges(t, data=True) if d["label"] == "leads"} - {me}

    def category_tasks(self, cat: str) -> Dict[str, Tuple[str, ...]]:
        out = {}
        for n, d in sorted(((n, d) for n, d in self.g.nodes(data=True) if d["kind"] == "task" and d["category"] == cat),
                           key=lambda x: x[1]["ord"]):
            leads = sorted(((d2["rank"], self.g.nodes[u]["name"]) for u, _, d2 in self.g.in_edges(n, data=True) if d2["label"] == "leads"))
            out[n] = tuple(name for _, name in leads)
        return out

    def search(self, term: str) -> set:
        return {n for n, d in self.g.nodes(data=True) if d["kind"] == "task" and term in d["search"]}

    def workload(self) -> Dict[Tuple[str, str], int]:
        out: Dict[Tuple[str, str], int] = {}
        for u, v, d in self.g.edges(data=True):
            if d["label"] != "leads":
                continue
            t = self.g.nodes[v]
            col = t["category"] or t["part"]
            if col:
                k = (self.g.nodes[u]["name"], col)
                out[k] = out.get(k, 0) + 1
        return out

    def point(self) -> Any:
        return self.g.nodes[POINT_KEY]

    def frame(self) -> Any:
        return pd.DataFrame([{"key": n, **d} for n, d in self.g.nodes(data=True) if d["kind"] == "task"])

    def open_search(self) -> set:
        with open(self.pickle_path, "rb") as f:
            g = pickle.load(f)
        return {n for n, d in g.nodes(data=True) if d["kind"] == "task" and TERM in d["search"]}


# ---- Kùzu --------------------------------------------------------------------------------


class KZ:
    name = "kuzu"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = kuzu.Database(str(path), read_only=True)
        self.con = kuzu.Connection(self.db)

    @staticmethod
    def load(path: Path, data: Data) -> None:
        import shutil

        if path.exists():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        db = kuzu.Database(str(path))
        con = kuzu.Connection(db)
        con.execute("CREATE NODE TABLE Org(key STRING, name STRING, names STRING[], PRIMARY KEY(key))")
        con.execute("CREATE NODE TABLE Task(key STRING, role STRING, title STRING, category STRING, part STRING, search STRING, ord INT64, PRIMARY KEY(key))")
        con.execute("CREATE REL TABLE LEADS(FROM Org TO Task, rank INT64)")
        for key, name, names in data.orgs:
            con.execute("CREATE (:Org {key: $k, name: $n, names: $a})", {"k": key, "n": name, "a": names})
        for i, t in enumerate(data.tasks):
            con.execute("CREATE (:Task {key: $k, role: $r, title: $t, category: $c, part: $p, search: $s, ord: $o})",
                        {"k": t[0], "r": t[1], "t": t[3], "c": t[5] or "", "p": t[6] or "", "s": t[8], "o": i})
        for org, task, rank in data.leads:
            con.execute("MATCH (o:Org {key: $o}), (t:Task {key: $t}) CREATE (o)-[:LEADS {rank: $r}]->(t)",
                        {"o": org, "t": task, "r": rank})
        con.close()
        db.close()

    def q(self, query: str, params: Optional[Dict[str, Any]] = None) -> List[List[Any]]:
        r = self.con.execute(query, params or {})
        rows = []
        while r.has_next():
            rows.append(r.get_next())
        return rows

    def tasks_by_org(self, org: str) -> List[str]:
        return [r[0] for r in self.q("MATCH (o:Org)-[:LEADS]->(t:Task) WHERE list_contains(o.names, $n) RETURN t.key ORDER BY t.ord", {"n": org})]

    def co_leaders(self, org: str) -> set:
        return {r[0] for r in self.q("MATCH (o:Org)-[:LEADS]->(:Task)<-[:LEADS]-(p:Org) WHERE list_contains(o.names, $n) AND p.key <> o.key RETURN DISTINCT p.key", {"n": org})}

    def category_tasks(self, cat: str) -> Dict[str, Tuple[str, ...]]:
        out: Dict[str, List[Tuple[int, str]]] = {}
        for key, rank, name in self.q("MATCH (t:Task) WHERE t.category = $c OPTIONAL MATCH (o:Org)-[l:LEADS]->(t) RETURN t.key, l.rank, o.name ORDER BY t.ord", {"c": cat}):
            out.setdefault(key, [])
            if name is not None:
                out[key].append((rank, name))
        return {k: tuple(n for _, n in sorted(v)) for k, v in out.items()}

    def search(self, term: str) -> set:
        return {r[0] for r in self.q("MATCH (t:Task) WHERE contains(t.search, $s) RETURN t.key", {"s": term})}

    def workload(self) -> Dict[Tuple[str, str], int]:
        rows = self.q("MATCH (o:Org)-[:LEADS]->(t:Task) WITH o.name AS org, CASE WHEN t.category <> '' THEN t.category ELSE t.part END AS c "
                      "WHERE c <> '' RETURN org, c, count(*)")
        return {(o, c): n for o, c, n in rows}

    def point(self) -> Any:
        return self.q("MATCH (t:Task {key: $k}) RETURN t.*", {"k": POINT_KEY})

    def frame(self) -> Any:
        return self.con.execute("MATCH (t:Task) RETURN t.key, t.role, t.title, t.category, t.part").get_as_df()

    def open_search(self) -> set:
        db = kuzu.Database(str(self.path), read_only=True)
        con = kuzu.Connection(db)
        r = con.execute("MATCH (t:Task) WHERE contains(t.search, $s) RETURN t.key", {"s": TERM})
        out = set()
        while r.has_next():
            out.add(r.get_next()[0])
        con.close()
        db.close()
        return out


# ---- the run -----------------------------------------------------------------------------


def fmt(seconds: Optional[float]) -> str:
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="rg-bench-"))
    rg_path, sql_path, kz_path, nx_path = tmp / "plan.redb", tmp / "plan.sqlite", tmp / "plan.kuzu", tmp / "plan.pickle"
    RG.load(rg_path)
    with reformgraph.open(rg_path, read_only=True) as db:
        data = Data(db)
    SQL.load(sql_path, data)
    tools: List[Any] = [RG(rg_path), SQL(sql_path)]
    if nx is not None:
        g = NX.build(data)
        with open(nx_path, "wb") as f:
            pickle.dump(g, f)
        tools.append(NX(g, nx_path))
    if kuzu is not None:
        KZ.load(kz_path, data)
        tools.append(KZ(kz_path))

    questions: List[Tuple[str, Callable[[Any], Any], Optional[Callable[[Any], Any]]]] = [
        (f"tasks led by an organisation ({ORG}, by name)", lambda t: t.tasks_by_org(ORG), None),
        (f"tasks led by an organisation ({BIG_ORG}, 28 tasks)", lambda t: t.tasks_by_org(BIG_ORG), None),
        (f"organisations co-leading with {BIG_ORG}", lambda t: t.co_leaders(BIG_ORG), None),
        (f"a category's tasks with their leads ({CATEGORY})", lambda t: t.category_tasks(CATEGORY), None),
        (f"Chinese full-text search ({TERM}, tasks)", lambda t: t.search(TERM), None),
        ("workload matrix (organisation × category)", lambda t: t.workload(), None),
        ("point query by key", lambda t: t.point(), lambda r: r is not None),
        ("all tasks to a DataFrame", lambda t: t.frame(), lambda r: len(r)),
    ]
    results: Dict[str, Dict[str, Optional[float]]] = {}
    for label, ask, norm in questions:
        want = ask(tools[0])
        want_n = norm(want) if norm else want
        row: Dict[str, Optional[float]] = {}
        for tool in tools:
            got = ask(tool)
            if (norm(got) if norm else got) != want_n:
                raise SystemExit(f"{tool.name} answers {label!r} differently:\n  {got!r}\n  reformgraph: {want!r}")
            row[tool.name] = best(lambda: ask(tool))
        results[label] = row

    # Set-up work: opening a file and answering the first search; loading the data.
    row = {t.name: once(t.open_search) for t in tools}
    for t in tools:
        assert t.open_search() == tools[0].search(TERM), t.name
    results[f"open the file, first search ({TERM})"] = row
    load: Dict[str, Optional[float]] = {"reformgraph": once(lambda: RG.load(tmp / "load.redb"))}
    load["sqlite3"] = once(lambda: SQL.load(tmp / "load.sqlite", data))
    if nx is not None:
        load["networkx"] = once(lambda: NX.build(data))
    if kuzu is not None:
        load["kuzu"] = once(lambda: KZ.load(tmp / "load.kuzu", data), repeats=1)
    results["load the plan (see notes)"] = load

    # Call overhead of reformgraph point queries.
    db = tools[0].db
    db.close()
    ro = reformgraph.open(rg_path, read_only=True)
    overhead = {"db.get(key), read-only handle (a snapshot per call)": best(lambda: ro.get(POINT_KEY))}
    ro.close()
    db = tools[0].db = reformgraph.open(rg_path)
    overhead |= {
        "db.get(key)": best(lambda: db.get(POINT_KEY)),
        "key in db": best(lambda: POINT_KEY in db),
        "db.task(key)": best(lambda: db.task(POINT_KEY)),
        "db.organization(alias)": best(lambda: db.organization("省发改委")),
    }

    names = [t.name for t in tools]
    print(f"Python {platform.python_version()}, {platform.machine()}, reformgraph {reformgraph.__version__}, "
          f"sqlite {sqlite3.sqlite_version}" + (f", networkx {nx.__version__}" if nx else "") +
          (f", kuzu {kuzu.__version__}" if kuzu else "") + (f", pandas {pd.__version__}" if pd else ""))
    print()
    print("| question | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, row in results.items():
        print(f"| {label} | " + " | ".join(fmt(row.get(n)) for n in names) + " |")
    print()
    print("| reformgraph call | time per call |")
    print("|---|---:|")
    for label, t in overhead.items():
        print(f"| `{label}` | {fmt(t)} |")
    for t in tools:
        for attr in ("db", "con"):
            obj = getattr(t, attr, None)
            if obj is not None and hasattr(obj, "close"):
                obj.close()


if __name__ == "__main__":
    main()
