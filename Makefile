# Every target works on a fresh machine: it installs what it needs.
SHELL := /bin/bash
CARGO ?= cargo
# The pyo3 crate's tests link libpython: point the loader at this interpreter's library.
PYLIBDIR := $(shell python3 -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")' 2>/dev/null)
export LD_LIBRARY_PATH := $(PYLIBDIR)$(if $(LD_LIBRARY_PATH),:$(LD_LIBRARY_PATH))
# Where `make audit` reads RustSec advisories from; empty means fetch the current database.
ADVISORY_DB ?=

.PHONY: test fmt-check clippy cargo-test python-test uniffi-test kotlin-test bindings \
	package demo bench python-bench ledger-render charts-render crash-test fault-sweep corruption-sweep audit fuzz corpus gen-test

## Run every test: formatting, lints, Rust unit/integration/property/doc tests, the crash and
## fault-injection tests (short runs), Python (pytest, doctests, mypy, stubtest) and Kotlin.
test: fmt-check clippy cargo-test package python-test uniffi-test

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

cargo-test:
	$(CARGO) test --workspace

## The core crate packages on its own (its data inside it) and the package builds.
package:
	$(CARGO) package -p reformgraph --allow-dirty --quiet

## Python bindings: venv, maturin build, pytest (API, doctests, example), mypy --strict, stubtest.
python-test:
	bindings/python/test.sh

## Kotlin bindings against the built library (Swift is generated, not compiled: no Swift here).
uniffi-test:
	bindings/uniffi/test.sh

kotlin-test: uniffi-test

## Generate Kotlin and Swift from the built library (library mode) into bindings/uniffi/generated.
bindings:
	$(CARGO) build -p reformgraph-ffi
	$(CARGO) run -p reformgraph-ffi --bin uniffi-bindgen -- generate --library \
		target/debug/libreformgraph_ffi.so --language kotlin --out-dir bindings/uniffi/generated/kotlin
	$(CARGO) run -p reformgraph-ffi --bin uniffi-bindgen -- generate --library \
		target/debug/libreformgraph_ffi.so --language swift --out-dir bindings/uniffi/generated/swift

## Render the 台账 as a person sees it (LibreOffice → PDF → PNG, in target/render/ledger/);
## installs LibreOffice Calc, poppler-utils and CJK fonts if missing. Not part of `test`.
ledger-render:
	docs/render/render.sh ledger

## Draw every report chart (SVG and PNG) into target/render/charts/ (docs/charts.md).
charts-render:
	docs/render/render.sh charts

## Score the importer on the real documents of data/corpus (answers written by reading them).
corpus:
	$(CARGO) test -p reformgraph --test corpus -- --nocapture

## The generated-plan property test at 10,000 cases (make test runs 64).
gen-test:
	REFORMGRAPH_GEN_CASES=10000 $(CARGO) test --release -p reformgraph --test genre_generated importer_recovers_generated_plans

## The main job on the bundled plan.
demo:
	$(CARGO) run --release -p reformgraph-cli -- demo

## Criterion benchmarks (figures go in benches/README.md).
bench:
	$(CARGO) bench -p reformgraph-benches

## Python vs sqlite3 / networkx / Kùzu (after python-test; figures in benches/python/README.md).
python-bench:
	bindings/python/.venv/bin/pip install --quiet kuzu
	bindings/python/.venv/bin/python benches/python/bench_compare.py

## 200 SIGKILLs of a committing writer (make test runs 10).
crash-test:
	REFORMGRAPH_CRASH_KILLS=200 $(CARGO) test --release -p reformgraph --test crash -- --nocapture

## Fault injection at every storage operation of an import, a batch of events and an upgrade.
fault-sweep:
	REFORMGRAPH_FULL_SWEEP=1 $(CARGO) test --release -p reformgraph --lib fault_tests -- --nocapture

## Damaged copies of the demo database (truncated, bits flipped, pages zeroed, bytes
## appended) through info, verify, tasks, search, history and record: 0 panics (make test
## runs 60 of them).
corruption-sweep:
	REFORMGRAPH_DAMAGE_VARIANTS=1000 $(CARGO) test --release -p reformgraph-cli --test damaged -- --nocapture

## RustSec audit (installs cargo-audit if missing). Offline: make audit ADVISORY_DB=DIR.
audit:
	@command -v cargo-audit >/dev/null || $(CARGO) install --locked cargo-audit
	$(CARGO) audit $(if $(ADVISORY_DB),--db $(ADVISORY_DB) --no-fetch)

## The cargo-fuzz targets (nightly features through RUSTC_BOOTSTRAP; kept outside the workspace).
FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install --locked cargo-fuzz
	for t in import_text load_json apply_changeset decode_records; do \
		RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run $$t fuzz/corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done
