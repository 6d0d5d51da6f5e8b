#!/usr/bin/env bash
# Builds libreformgraph_ffi for this machine, generates the Kotlin and Swift bindings into
# bindings/uniffi/generated/ (git-ignored), and runs the Kotlin tests (kotlin-test/, JUnit 5
# through Maven Surefire) against the library. Exits non-zero if any step fails.
#
#   bindings/uniffi/test.sh            # from any directory
#
# Needs cargo, a JDK (17+) and Maven; the first Maven run downloads its plugins and the
# test dependencies from Maven Central.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

case "$(uname -s)" in
    Darwin) lib_pattern='libreformgraph_ffi\.dylib' ;;
    *) lib_pattern='libreformgraph_ffi\.so' ;;
esac

for tool in cargo java; do
    command -v "$tool" >/dev/null || { echo "test.sh: $tool is not installed" >&2; exit 1; }
done
if ! command -v mvn >/dev/null; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "test.sh: installing Maven (apt-get)" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
    else
        echo "test.sh: Maven (mvn) is not installed" >&2
        exit 1
    fi
fi

echo "== building reformgraph-ffi: library and uniffi-bindgen"
# The same build as `cargo test --workspace` (make test), so neither the library nor the
# generator is compiled twice: `-p` and `--workspace` resolve dependency features
# differently in this workspace, and `cargo test` leaves the cdylib in target/*/deps.
artifacts="$(mktemp)"
trap 'rm -f "$artifacts"' EXIT
cargo test --workspace --no-run --message-format=json-render-diagnostics >"$artifacts"
lib="$(grep '"reason":"compiler-artifact"' "$artifacts" | grep -o "\"[^\"]*/$lib_pattern\"" | head -n1 | tr -d '"')"
bindgen="$(grep '"reason":"compiler-artifact"' "$artifacts" | grep -o '"executable":"[^"]*/uniffi-bindgen"' | head -n1 | sed 's/"executable":"//; s/"$//')"
if [[ -z "$lib" || -z "$bindgen" ]]; then
    echo "test.sh: cargo built no libreformgraph_ffi or uniffi-bindgen" >&2
    exit 1
fi

echo "== generating Kotlin and Swift into bindings/uniffi/generated/"
generated="$here/generated"
rm -rf "$generated"
for language in kotlin swift; do
    "$bindgen" generate --library "$lib" --language "$language" \
        --out-dir "$generated/$language" --no-format
done
ls "$generated"/kotlin/org/reformgraph/*.kt "$generated"/swift/*

echo "== Kotlin tests (Maven, JUnit 5, JNA) against $lib"
reports="$here/kotlin-test/target/surefire-reports"
rm -rf "$reports"
# Maven 3.8 writes colour resets even in batch mode: strip escape sequences.
set +o pipefail
mvn -q -B -Dstyle.color=never -f "$here/kotlin-test/pom.xml" test \
    -Drust.target.dir="$(dirname "$lib")" \
    -Dgenerated.kotlin.dir="$generated/kotlin" 2>&1 | sed -u $'s/\x1b\\[[0-9;]*m//g'
status=${PIPESTATUS[0]}
set -o pipefail

# `mvn -q` hides Surefire's own summary; print it from Surefire's reports.
tests=0 failures=0 errors=0 skipped=0
shopt -s nullglob
for report in "$reports"/TEST-*.xml; do
    header="$(grep -m1 -o '<testsuite [^>]*>' "$report")"
    attr() { sed -n "s/.* $1=\"\\([0-9]*\\)\".*/\\1/p" <<<"$header"; }
    tests=$((tests + $(attr tests))) failures=$((failures + $(attr failures)))
    errors=$((errors + $(attr errors))) skipped=$((skipped + $(attr skipped)))
done
echo "[INFO] Tests run: $tests, Failures: $failures, Errors: $errors, Skipped: $skipped"
passed=$((tests - failures - errors - skipped))
echo "kotlin: $passed passed, $((failures + errors)) failed, $skipped skipped"
if [[ $status -ne 0 || $tests -eq 0 || $((failures + errors)) -ne 0 ]]; then
    echo "test.sh: Kotlin tests failed (mvn exit $status); reports in $reports" >&2
    exit 1
fi
