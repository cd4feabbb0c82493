#!/usr/bin/env bash
# The import benchmark of docs/performance.md ("Importing logs"): generates a Claude Code history of SIZE MB (default
# 1024), then on the same files and with a warm page cache runs, ROUNDS times each (default 3):
#   - ccusage 20.0.24's native binary: `ccusage claude daily --json --offline` (its own de-duplication and pricing);
#   - zos-telemetry (published ReadyToRun for this machine's runtime, bench/publish.sh): `import claude-code` into a fresh store, then
#     `report daily --json`;
# then a re-import with nothing new (10 runs), and compares the two daily reports in UTC and in America/New_York.
# Wall time, user and system CPU and peak RSS come from /usr/bin/time. Results go to stdout and to
# WORK/results-SIZE.txt. Nothing here is a test: it takes minutes and a few GB of disk.
#
#   bench/run.sh [SIZE_MB] [WORK_DIR] [ROUNDS]
set -euo pipefail
size=${1:-1024}
work=${2:-/tmp/zos-bench}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
work=$(cd "$work" && pwd)
out="$work/results-$size.txt"
: >"$out"
say() { echo "$*" | tee -a "$out"; }

cd "$here"
npm install --no-audit --no-fund >/dev/null 2>&1 # exact version pinned in package.json; npm ci trips on the optional native packages of other platforms
ccusage="$here/node_modules/@ccusage/ccusage-linux-x64/bin/ccusage"
chmod +x "$ccusage" # the package ships it without the bit; its node wrapper sets it on first run
. "$here/publish.sh"
publish_r2r ../src/ZosTelemetry.Cli "$work/bin" >/dev/null
zos="$work/bin/zos-telemetry"

logs="$work/logs-$size"
if [ ! -d "$logs" ]; then
  node generate-claude-logs.mjs "$logs" "$size" "${SEED:-20261125}" | tee -a "$out"
fi
mkdir -p "$work/home" # ccusage looks for other agents' logs under HOME: give it an empty one
cat $(find "$logs" -name '*.jsonl') >/dev/null # warm the page cache for both tools

say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
say "corpus: $(find "$logs" -name '*.jsonl' | wc -l) files, $(du -sm "$logs" | cut -f1) MB, largest $(find "$logs" -name '*.jsonl' -printf '%s\n' | sort -n | tail -1 | awk '{printf "%.0f MB", $1/1048576}')"
measure() { # label, command...: one line "label: wall s, user s, sys s, peak RSS MB"
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt"
  read -r wall user sys rss <"$work/time.txt"
  say "$(printf '%-28s wall %6.2f s  user %6.2f s  sys %5.2f s  peak RSS %5.0f MB' "$label" "$wall" "$user" "$sys" "$((rss / 1024))")"
}

for r in $(seq 1 "$rounds"); do
  say "-- round $r (load $(cut -d' ' -f1 /proc/loadavg))"
  measure "ccusage claude daily" env HOME="$work/home" CLAUDE_CONFIG_DIR="$logs" "$ccusage" claude daily --json --offline -z UTC
  cp "$work/stdout.txt" "$work/ccusage-utc.json"
  rm -rf "$work/store"
  measure "zos-telemetry import" "$zos" import claude-code --path "$logs" --root "$work/store"
  say "  $(cat "$work/stdout.txt")"
  measure "zos-telemetry report daily" "$zos" report daily --json --timezone UTC --system claude-code --root "$work/store"
  cp "$work/stdout.txt" "$work/zos-utc.json"
done

say "-- re-import with nothing new (10 runs)"
for i in $(seq 1 10); do
  /usr/bin/time -f "%e" -o "$work/time.txt" "$zos" import claude-code --path "$logs" --root "$work/store" >/dev/null
  cat "$work/time.txt"
done | sort -n | awk '{a[NR]=$1} END {printf "re-import: min %.3f s, median %.3f s, max %.3f s\n", a[1], a[int((NR+1)/2)], a[NR]}' | tee -a "$out"

say "-- daily totals, UTC"
node compare-daily.mjs "$work/ccusage-utc.json" "$work/zos-utc.json" | tail -n 5 | tee -a "$out"
say "-- daily totals, America/New_York"
env HOME="$work/home" CLAUDE_CONFIG_DIR="$logs" "$ccusage" claude daily --json --offline -z America/New_York >"$work/ccusage-ny.json"
"$zos" report daily --json --timezone America/New_York --system claude-code --root "$work/store" >"$work/zos-ny.json"
node compare-daily.mjs "$work/ccusage-ny.json" "$work/zos-ny.json" | tail -n 5 | tee -a "$out"
say "store: $(du -sm "$work/store" | cut -f1) MB"
