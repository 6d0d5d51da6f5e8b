#!/usr/bin/env bash
# Renders what officials look at, the way a person sees it: builds the demo database,
# records some progress (a note with its document, a completed task, a delayed one, an
# observation, a county's selection, a project), then
#   ledger: exports the province-wide 台账 and 省环保厅's own, and turns each into PDF
#           (LibreOffice, headless) and PNG pages (pdftoppm) under target/render/ledger/;
#   charts: draws every report chart (report … --svg) and turns each into PNG (rsvg-convert)
#           under target/render/charts/.
# See docs/ledger.md and docs/charts.md for what the pages show.
#
#   make ledger-render | charts-render   # installs what is missing (apt) when run as root
set -euo pipefail
what="${1:-ledger}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/target/render/$what"
cd "$root"

need=()
if [[ $what == ledger ]]; then
    command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
    command -v pdftoppm >/dev/null || need+=(poppler-utils)
else
    command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
fi
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "render.sh: installing ${need[*]} (apt-get)" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    else
        echo "render.sh: needs ${need[*]}; install them and run again" >&2
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
"$rg" --db "$db" record observation 城镇化率 --area 山西省 --year 2013 --value 52.56 \
    --actor 省统计局 --effective 2014-02-28 >/dev/null
"$rg" --db "$db" record selection 孝义市 shanxi-2013/county-area/1 --year 2014 \
    --actor 孝义市改革办 --effective 2014-03-01 >/dev/null
"$rg" --db "$db" record register shanxi-2013/project/qinshui-cbm --name 沁水煤层气开发 \
    --portfolio shanxi-2013/portfolio --year 2014 --area 晋城市 --responsible 省发展改革委 \
    --actor 李四 --effective 2014-03-01 >/dev/null
"$rg" --db "$db" record stage shanxi-2013/project/qinshui-cbm 签约 --actor 李四 \
    --effective 2014-05-01 >/dev/null

if [[ $what == charts ]]; then
    for report in workload departments attainment projects; do
        "$rg" --db "$db" report "$report" --as-of 2014-09-01 --svg "$out/$report.svg" >/dev/null 2>&1 \
            || "$rg" --db "$db" report "$report" --svg "$out/$report.svg" >/dev/null 2>&1
        rsvg-convert "$out/$report.svg" -o "$out/$report.png"
    done
    echo "render.sh: charts in $out:"
    ls "$out"/*.png
    exit 0
fi

"$rg" --db "$db" export xlsx --as-of 2014-09-01 --out "$out/ledger.xlsx" >/dev/null
"$rg" --db "$db" export xlsx --as-of 2014-09-01 --org 省环保厅 --out "$out/ledger-省环保厅.xlsx" >/dev/null

# A private LibreOffice profile, so a running instance or a root profile does not interfere.
profile="$out/lo-profile"
for book in "$out"/*.xlsx; do
    soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$book" >/dev/null 2>&1
    pdf="${book%.xlsx}.pdf"
    [[ -s "$pdf" ]] || { echo "render.sh: LibreOffice wrote no $pdf" >&2; exit 1; }
    pdftoppm -r 70 -png "$pdf" "${book%.xlsx}"
done
rm -rf "$profile"
echo "render.sh: pages in $out:"
ls "$out"/*.png
