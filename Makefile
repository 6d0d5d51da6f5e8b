# Every target works on a fresh machine: it installs what it needs.
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test fmt-check clippy cargo-test demo bench

## Run every test: formatting, lints, unit, integration, property and doc tests.
test: fmt-check clippy cargo-test

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

cargo-test:
	$(CARGO) test --workspace

## The main job on the bundled plan.
demo:
	$(CARGO) run --release -p reformgraph-cli -- demo

## Criterion benchmarks (figures go in benches/README.md).
bench:
	$(CARGO) bench -p reformgraph-benches
