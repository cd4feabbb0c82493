#!/usr/bin/env bash
# Issue 15's import target alone, for work on the import: a first `import claude-code` into a fresh store plus
# `report daily --json`, each a cold process, against ccusage 20.0.24's `claude daily --json --offline` over the same
# logs, interleaved (ccusage, then each build in turn, ROUNDS times), with medians of wall and CPU (user + system) time,
# the load average, and the daily totals compared. bench/run-all.sh measures the same as the tool is installed (and
# every other target); this one builds in a minute and can set builds side by side, for before/after comparisons.
#
#   bench/run-import.sh [--size MB] [--rounds N] [--work DIR] [BUILD_DIR...]
#
#   --size MB    corpus size (default 60; 1024 for the 1 GB corpus), generated once into WORK/logs-MB and kept
#   --rounds N   rounds (default 5)
#   --work DIR   default /tmp/zos-all (run-all.sh's; the logs it generated are reused)
#   BUILD_DIR    folders holding a zos-telemetry to compare (for example an earlier commit's publish); default: this
#                tree published for this machine as `dotnet tool install` runs it (the platform package's Native AOT
#                executable, bench/publish.sh) into WORK/import-build
# Needs the .NET SDK, node and npm. Nothing here is a test and nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
size=60 rounds=5 work=/tmp/zos-all builds=()
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -*) echo "usage: bench/run-import.sh [--size MB] [--rounds N] [--work DIR] [BUILD_DIR...]" >&2; exit 2 ;;
    *) builds+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$work"
work=$(cd "$work" && pwd)
raw=$work/raw-import
rm -rf "$raw" && mkdir -p "$raw"
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ ${#builds[@]} -eq 0 ]; then
  . bench/publish.sh
  echo "== publishing for $(bench_rid) as the tool installs here (Native AOT)" >&2
  publish_native src/ZosTelemetry.Cli "$work/import-build" >&2
  builds=("$work/import-build")
fi
(cd bench && npm install --no-audit --no-fund >/dev/null 2>&1)
ccusage=$PWD/bench/node_modules/@ccusage/ccusage-linux-x64/bin/ccusage
chmod +x "$ccusage"

logs=$work/logs-$size
if [ ! -d "$logs" ]; then
  echo "== generating $size MB of Claude Code logs into $logs" >&2
  node bench/generate-claude-logs.mjs "$logs" "$size" "${SEED:-20261125}" >&2
fi
mkdir -p "$work/home" # ccusage looks for other agents' logs under HOME: give it an empty one
cat $(find "$logs/" -name '*.jsonl') >/dev/null # warm the page cache for every tool alike

TIMEFORMAT='%3R %3U %3S'
timed() { # NAME cmd...: appends "wall user sys" to $raw/NAME.txt
  local name=$1; shift
  { time "$@" >/dev/null 2>"$raw/$name.err"; } 2>>"$raw/$name.txt" || { cat "$raw/$name.err" >&2; exit 1; }
}
median() { # NAME [wall|cpu]
  awk -v what="${2:-wall}" '{ print (what == "wall") ? $1 : $2 + $3 }' "$raw/$1.txt" | sort -n |
    awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] }'
}

start_load=$(load)
echo "== $size MB ($(find "$logs/" -name '*.jsonl' | wc -l) files), $rounds rounds, load $start_load" >&2
for _ in $(seq "$rounds"); do
  timed ccusage env HOME="$work/home" CLAUDE_CONFIG_DIR="$logs" "$ccusage" claude daily --json --offline -z UTC
  i=0
  for b in "${builds[@]}"; do
    rm -rf "$work/import-store-$i"
    timed "import-$i" "$b/zos-telemetry" import claude-code --path "$logs" --root "$work/import-store-$i"
    timed "report-$i" "$b/zos-telemetry" report daily --json --timezone UTC --system claude-code --root "$work/import-store-$i"
    i=$((i + 1))
  done
done

env HOME="$work/home" CLAUDE_CONFIG_DIR="$logs" "$ccusage" claude daily --json --offline -z UTC >"$work/ccusage-$size.json"
echo "import $size MB · $(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · load before $start_load, after $(load)"
echo "ccusage: wall $(median ccusage) s, cpu $(median ccusage cpu) s"
i=0
for b in "${builds[@]}"; do
  paste -d' ' "$raw/import-$i.txt" "$raw/report-$i.txt" | awk '{ print $1 + $4, $2 + $5, $3 + $6 }' >"$raw/ours-$i.txt"
  "$b/zos-telemetry" report daily --json --timezone UTC --system claude-code --root "$work/import-store-$i" >"$work/zos-import-$i.json"
  totals=$(node bench/compare-daily.mjs "$work/ccusage-$size.json" "$work/zos-import-$i.json" | tail -n 1)
  ratio=$(awk -v a="$(median "ours-$i")" -v b="$(median ccusage)" 'BEGIN { printf "%.2f", a / b }')
  echo "$b: import wall $(median "import-$i") s cpu $(median "import-$i" cpu) s + report wall $(median "report-$i") s cpu $(median "report-$i" cpu) s = wall $(median "ours-$i") s cpu $(median "ours-$i" cpu) s; ${ratio}x ccusage's wall; $totals"
  i=$((i + 1))
done
