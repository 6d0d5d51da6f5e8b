#!/usr/bin/env bash
# Builds the Python bindings in a virtualenv and runs every Python check:
# API tests, doctests (package docstrings, the extension's docstrings, README.md), the
# example's test, mypy --strict on the package, and mypy.stubtest on the extension.
#
# Works from any directory on a fresh machine with Rust and Python >= 3.9:
#   bindings/python/test.sh
# Environment: PYTHON (default python3), VENV (default bindings/python/.venv).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
venv="${VENV:-$here/.venv}"

if [[ ! -x "$venv/bin/python" ]]; then
    echo "== creating $venv"
    "$python" -m venv "$venv"
fi
py="$venv/bin/python"
echo "== installing build and test tools from PyPI"
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet "maturin>=1.7,<2" "pytest>=7" "mypy>=1.8" typing_extensions pandas-stubs \
    pandas networkx matplotlib openpyxl

echo "== building the extension (maturin develop --release)"
(cd "$here" && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" "$venv/bin/maturin" develop --release --quiet)

echo "== checking the generated part of the stubs is up to date"
if ! diff -u <("$py" "$here/tools/gen_record_stubs.py") \
        "$here/python/reformgraph/_reformgraph.pyi" >/dev/null; then
    echo "python/reformgraph/_reformgraph.pyi is stale: regenerate it with" >&2
    echo "  python tools/gen_record_stubs.py > python/reformgraph/_reformgraph.pyi" >&2
    exit 1
fi

echo "== mypy --strict (package) and stubtest (extension)"
(cd "$here" && "$py" -m mypy --no-error-summary)
(cd "$venv" && "$py" -m mypy.stubtest reformgraph._reformgraph)

echo "== pytest: API tests, doctests, example"
cd "$here"
set +e
"$py" -m pytest -p no:cacheprovider -q \
    --doctest-modules --pyargs reformgraph \
    "$here/README.md" "$here/tests" "$root/examples/python" \
    2>&1 | tee "$venv/pytest.log"
status=${PIPESTATUS[0]}
set -e
echo "== pytest summary: $(tail -n 1 "$venv/pytest.log")"
exit "$status"
