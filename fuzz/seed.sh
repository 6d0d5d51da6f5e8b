#!/usr/bin/env bash
# Writes the seed corpora from the bundled plan with the reformgraph CLI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
rg=(cargo run --quiet --manifest-path "$root/Cargo.toml" -p reformgraph-cli --)
mkdir -p "$here"/corpus/{import_text,load_json,apply_changeset,decode_records}
cp "$root/crates/reformgraph/data/shanxi-2013/plan.txt" "$here/corpus/import_text/shanxi-2013.txt"
cp "$root"/crates/reformgraph/tests/fixtures/*.txt "$here/corpus/import_text/"
"${rg[@]}" demo --db "$tmp/s.redb" >/dev/null
"${rg[@]}" record status shanxi-2013/reform/10 --status in_progress --progress 40 --actor 张三 --db "$tmp/s.redb" >/dev/null
"${rg[@]}" record selection 大同市 shanxi-2013/city-option/1 --year 2014 --actor 市改革办 --db "$tmp/s.redb" >/dev/null
"${rg[@]}" export json --out "$here/corpus/load_json/shanxi-2013.json" --db "$tmp/s.redb" >/dev/null
"${rg[@]}" changeset export --out "$here/corpus/apply_changeset/two-events.json" --db "$tmp/s.redb" 2>/dev/null
printf '\x01\x05' > "$here/corpus/decode_records/edge-mentions"
printf '\x01\x01\x02' > "$here/corpus/decode_records/edge-leads"
printf '\x01\xfb\x2c\x01' > "$here/corpus/decode_records/meta-300"
