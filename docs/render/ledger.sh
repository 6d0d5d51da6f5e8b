#!/usr/bin/env bash
# Renders the 台账 the way a person sees it: builds the demo database, records some
# progress (a note with its document, a completed task, a delayed one), exports the
# province-wide ledger and 省环保厅's own, and turns each into PDF (LibreOffice, headless)
# and PNG pages (pdftoppm) under target/render/ledger/. See docs/ledger.md for what the
# pages should show.
#
#   make ledger-render        # installs LibreOffice Calc, poppler-utils and CJK fonts (apt) if missing
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/target/render/ledger"
cd "$root"

need=()
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "ledger.sh: installing ${need[*]} (apt-get)" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    else
        echo "ledger.sh: needs ${need[*]}; install them and run again" >&2
        exit 1
    fi
fi

cargo build -q --release -p reformgraph-cli
rg="$root/target/release/reformgraph"
rm -rf "$out"
mkdir -p "$out"
db="$out/demo.redb"
"$rg" --db "$db" demo >/dev/null
"$rg" --db "$db" record status shanxi-2013/reform/10 --status in_progress --progress 40 \
    --note 资金未到位 --doc 晋政办发〔2014〕12号 --actor 张三 --org 省环保厅 --effective 2014-06-30 >/dev/null
"$rg" --db "$db" record status shanxi-2013/reform/11 --status completed --progress 100 \
    --actor 张三 --effective 2014-07-01 >/dev/null
"$rg" --db "$db" record status shanxi-2013/matter/7 --status delayed --progress 5 \
    --note 配套资金尚未落实 --actor 王五 --effective 2014-08-15 >/dev/null

"$rg" --db "$db" export xlsx --as-of 2014-09-01 --out "$out/ledger.xlsx" >/dev/null
"$rg" --db "$db" export xlsx --as-of 2014-09-01 --org 省环保厅 --out "$out/ledger-省环保厅.xlsx" >/dev/null

# A private LibreOffice profile, so a running instance or a root profile does not interfere.
profile="$out/lo-profile"
for book in "$out"/*.xlsx; do
    soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$book" >/dev/null 2>&1
    pdf="${book%.xlsx}.pdf"
    [[ -s "$pdf" ]] || { echo "ledger.sh: LibreOffice wrote no $pdf" >&2; exit 1; }
    pdftoppm -r 70 -png "$pdf" "${book%.xlsx}"
done
rm -rf "$profile"
echo "ledger.sh: pages in $out:"
ls "$out"/*.png
