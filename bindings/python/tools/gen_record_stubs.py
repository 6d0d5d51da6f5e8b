"""Generates _reformgraph.pyi: tools/stub_head.pyi with the `record_*` methods of `Database`
its questions answered with records and its calls on the whole store put in at their markers
(from the shared operation declarations, bindings/records/src/operations.rs, reads.rs and
writes.rs), followed by the record classes (from the record
declarations: the shared ones in bindings/records/src/records.rs and Python's own, `record!`
in src/types.rs).
Run: python tools/gen_record_stubs.py > python/reformgraph/_reformgraph.pyi"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SRC = HERE / "src" / "types.rs"
SHARED = HERE.parent / "records" / "src" / "records.rs"
OPERATIONS = HERE.parent / "records" / "src" / "operations.rs"
HEAD = HERE / "tools" / "stub_head.pyi"
MARKER = re.compile(r"^    # record_operations:[^\n]*\n", re.M)
READS = HERE.parent / "records" / "src" / "reads.rs"
READ_MARKER = re.compile(r"^    # read_operations:[^\n]*\n", re.M)
WRITES = HERE.parent / "records" / "src" / "writes.rs"
STORE_MARKER = re.compile(r"^    # store_operations:[^\n]*\n", re.M)
# `python_name | ffi_name (required; optional = None) -> Answer |snapshot|`.
READ = re.compile(r"^\s*(\w+) \| \w+ \((.*?)\) -> (.*?) \|\w+\|", re.S | re.M)
# `python_name | ffi_name (required; optional = default) |snapshot|`.
OPERATION = re.compile(r"^\s*(\w+) \| \w+ \((.*?)\) \|\w+\|", re.S | re.M)
# Who records a change: the keywords every `record_*` method takes after its arguments.
PROVENANCE = [
    "actor: str",
    "org: str | None = None",
    "effective: _Date | None = None",
    "evidence: Evidence | None = None",
    "allow_unusual_date: bool = False",
    "signer: SecretKey | None = None",
]
# `records!` declarations: `Name (v: Core) [repr] frame = "…" { fields }`.
DECLARED_RECORD = re.compile(
    r"((?:[ ]*///[^\n]*\n)*)([ ]*)(\w+) \(\w+(?:\.\d+)?: [^\n]*?\)\s*\[[^\]]*\]\s*(?:frame = \"(\w+)\"\s*)?\{\n(.*?)\n\2\}\n",
    re.S,
)
OWN_RECORD = re.compile(
    r"record! \{\n((?:[ ]*///[^\n]*\n)*)[ ]*(\w+) \[[^\]]*\] \{\n(.*?)\n    \}\n(?:    frame = \"(\w+)\"\n)?\}",
    re.S,
)


def py_type(t: str, answer: bool = False) -> str:
    """The Python type of a declared Rust type; as a read's `answer`, a list is a `ResultList`."""
    t = " ".join(t.split()).replace("::reformgraph::", "").replace("::std::path::", "")
    if t == "()":
        return "None"
    m = re.fullmatch(r"Option<(.+)>", t)
    if m:
        return f"{py_type(m.group(1), answer)} | None"
    m = re.fullmatch(r"Vec<(.+)>", t)
    if m:
        return f"{'ResultList' if answer else 'list'}[{py_type(m.group(1))}]"
    m = re.fullmatch(r"(?:BTreeMap|Map)<String,\s*(.+)>", t)
    if m:
        return f"dict[str, {py_type(m.group(1))}]"
    if t.startswith("(") and t.endswith(")"):
        inner, depth, parts, cur = t[1:-1], 0, [], ""
        for c in inner:
            if c in "<(":
                depth += 1
            if c in ">)":
                depth -= 1
            if c == "," and depth == 0:
                parts.append(cur)
                cur = ""
            else:
                cur += c
        parts.append(cur)
        return "tuple[" + ", ".join(py_type(p) for p in parts) + "]"
    return {
        "String": "str",
        "u16": "int",
        "u32": "int",
        "u64": "int",
        "usize": "int",
        "i64": "int",
        "f64": "float",
        "bool": "bool",
        "PyDateValue": "datetime.date",
        "Day": "datetime.date",
        "Date": "_Date",
        "TaskStatus": "_TaskStatus",
        "LagClass": "_LagClass",
        "ProjectStage": "_ProjectStage",
        "PathBuf": "_Path",
        "PublicKey": "str",
        "track::SecretKey": "SecretKey",
        "import::Registry": "Registry",
    }.get(t, t)


def records():
    """(docs, name, body, frame) of every record: shared, declared here, hand-made."""
    for text in (SHARED.read_text(), SRC.read_text()):
        for m in DECLARED_RECORD.finditer(text):
            docs, _, name, frame, body = m.groups()
            yield docs, name, body, frame
    yield from (m.groups() for m in OWN_RECORD.finditer(SRC.read_text()))


def params_of(args: str) -> list[str]:
    """`self` and the Python parameters of `required; optional = default` arguments."""
    required, _, optional = args.partition(";")
    params = ["self"]
    for arg in (a.strip() for a in re.split(r",(?![^<]*>)", required) if a.strip()):
        n, t = arg.split(":", 1)
        params.append(f"{n.strip()}: {py_type(t)}")
    for arg in (a.strip() for a in re.split(r",(?![^<]*>)", optional) if a.strip()):
        n, rest = arg.split(":", 1)
        t, default = rest.rsplit("=", 1)
        default = {"None": "None", "true": "True", "false": "False"}[default.strip()]
        params.append(f"{n.strip()}: {py_type(t)} = {default}")
    return params


def reads(path: Path = READS) -> str:
    """The stub of each declared read (or store) operation, as a method of `Database`."""
    out = []
    for name, args, answer in READ.findall(path.read_text()):
        body = "".join(f"        {p},\n" for p in params_of(args))
        out.append(f"    def {name}(\n{body}    ) -> {py_type(answer, answer=True)}: ...\n")
    return "".join(out)


def operations() -> str:
    """The stub of each declared recording operation, as a method of `Database`."""
    out = []
    for name, args in OPERATION.findall(OPERATIONS.read_text()):
        params = params_of(args)
        params += ["*"] + PROVENANCE
        body = "".join(f"        {p},\n" for p in params)
        out.append(f"    def {name}(\n{body}    ) -> Event: ...\n")
    return "".join(out)


def main() -> None:
    head = HEAD.read_text()
    if not MARKER.search(head):
        sys.exit(f"{HEAD}: the record_operations marker is missing")
    if not READ_MARKER.search(head):
        sys.exit(f"{HEAD}: the read_operations marker is missing")
    if not STORE_MARKER.search(head):
        sys.exit(f"{HEAD}: the store_operations marker is missing")
    head = READ_MARKER.sub(lambda _: reads(), head, count=1)
    head = STORE_MARKER.sub(lambda _: reads(WRITES), head, count=1)
    sys.stdout.write(MARKER.sub(lambda _: operations(), head, count=1))
    out = []
    for docs, name, body, frame in records():
        doc = " ".join(l.strip().lstrip("/").strip() for l in docs.strip().splitlines())
        out.append(f"@final\nclass {name}:\n    \"\"\"{doc}\"\"\"\n")
        # Each field with its `///` docs as the property's docstring (what `help()` and an
        # editor show).
        field_docs: list[str] = []
        for line in body.splitlines():
            text = line.strip()
            if text.startswith("///"):
                field_docs.append(text[3:].strip())
                continue
            m = re.fullmatch(r"(\w+): (.+?)(?: = .*)?,", text)
            if m:
                f, t = m.groups()
                d = " ".join(field_docs).replace("\\", "\\\\").replace('"""', "'''")
                if d:
                    out.append(f'    @property\n    def {f}(self) -> {py_type(t)}:\n        """{d}"""')
                else:
                    out.append(f"    @property\n    def {f}(self) -> {py_type(t)}: ...")
            field_docs = []
        out.append("    _fields: ClassVar[tuple[str, ...]]")
        out.append("    def _asdict(self) -> dict[str, Any]: ...")
        out.append("    def __eq__(self, value: object, /) -> bool: ...")
        out.append("    __hash__: ClassVar[None]  # type: ignore[assignment]")
        if frame:
            out.append("    def to_pandas(self) -> pandas.DataFrame: ...")
        out.append("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
