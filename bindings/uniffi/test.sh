#!/usr/bin/env bash
# Builds libreformgraph_ffi for this machine, generates the Kotlin and Swift bindings into
# bindings/uniffi/generated/ (git-ignored), and runs the Kotlin tests (kotlin-test/, JUnit 5
# through Maven Surefire) against the library. Exits non-zero if any step fails.
#
#   bindings/uniffi/test.sh            # from any directory
#   PROFILE=release bindings/uniffi/test.sh
#
# Needs cargo, a JDK (17+) and Maven; the first Maven run downloads its plugins and the
# test dependencies from Maven Central.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

profile="${PROFILE:-debug}"
cargo_profile_flag=()
[[ "$profile" == "release" ]] && cargo_profile_flag=(--release)
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$(uname -s)" in
    Darwin) lib_file="libreformgraph_ffi.dylib" ;;
    *) lib_file="libreformgraph_ffi.so" ;;
esac
lib="$target_dir/$profile/$lib_file"

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

echo "== building reformgraph-ffi ($profile): library and uniffi-bindgen"
# One build for both: the library and the generator share uniffi's feature selection.
cargo build -p reformgraph-ffi "${cargo_profile_flag[@]}"

echo "== generating Kotlin and Swift into bindings/uniffi/generated/"
generated="$here/generated"
rm -rf "$generated"
for language in kotlin swift; do
    "$target_dir/$profile/uniffi-bindgen" generate --library "$lib" \
        --language "$language" --out-dir "$generated/$language" --no-format
done
ls "$generated"/kotlin/org/reformgraph/*.kt "$generated"/swift/*

echo "== Kotlin tests (Maven, JUnit 5, JNA) against $lib"
reports="$here/kotlin-test/target/surefire-reports"
rm -rf "$reports"
status=0
mvn -q -B -f "$here/kotlin-test/pom.xml" test \
    -Drust.target.dir="$target_dir/$profile" \
    -Dgenerated.kotlin.dir="$generated/kotlin" || status=$?

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
