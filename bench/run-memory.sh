#!/usr/bin/env bash
# Peak memory of the aggregations over every session (issue 11.3): generates stores of N one-event sessions (one event
# and one summary row each, alternating claude-code and codex over 12 months) with bench/SessionStoreGen, then runs
# `report session`, `compare claude-code codex`, `doctor` and `sessions` on each with /usr/bin/time -v and prints
# peak RSS and wall time. Output goes to /dev/null; the stores are deleted at the end unless --keep.
#
#   bench/run-memory.sh [--sizes 1000000,10000000] [--work DIR] [--keep] [--parallel]
#
#   --parallel  run the commands of one size at the same time (peak RSS is per process either way; on a machine shared
#               with many other jobs this gets the 10M figures in a fraction of the time, and their wall times say so)
#
# 10M sessions take about 6 GB under the work directory (checked against free space first). The machine is shared:
# wall times depend on the load (printed with each run); peak RSS is the figure the target is about (< 500 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=1000000,10000000 work=/tmp/zos-memory keep=0 parallel=0
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --parallel) parallel=1; shift ;;
    *) echo "usage: bench/run-memory.sh [--sizes N,N] [--work DIR] [--keep] [--parallel]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

mkdir -p "$work"
echo "== building (Release): the CLI and the generator" >&2
dotnet publish src/ZosTelemetry.Cli -c Release -o "$work/cli" -v q >&2
dotnet build bench/SessionStoreGen -c Release -o "$work/gen" -v q >&2
zt="$work/cli/zos-telemetry"

printf '%-12s %-36s %12s %10s  %s\n' sessions command "peak RSS MB" "wall s" "load (1 min)"
for n in ${sizes//,/ }; do
  store="$work/store-$n"
  need=$(( n * 620 / 1024 / 1024 + 100 ))
  free=$(df -Pm "$work" | awk 'NR==2 {print $4}')
  if [ "$free" -lt "$need" ]; then
    echo "skipping $n sessions: $need MB needed, $free MB free under $work" >&2
    continue
  fi
  rm -rf "$store"
  "$work/gen/SessionStoreGen" "$store" "$n" >&2
  cmds=("report session --timezone UTC" "report session --timezone UTC --json" "compare claude-code codex" "doctor" "sessions")
  run() { # index, command: one timed run, its /usr/bin/time report in time-INDEX.txt
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$work/time-$1.txt" "$zt" $2 --root "$store" >/dev/null 2>"$work/stderr-$1.txt" || true
  }
  report() {
    local t="$work/time-$1.txt" rss wall exit
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$t")
    wall=$(awk -F': ' '/Elapsed \(wall/ {print $2}' "$t" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    exit=$(awk -F': ' '/Exit status/ {print $2}' "$t")
    printf '%-12s %-36s %12s %10s  %s (exit %s)\n' "$n" "$2" "$rss" "$wall" "$(cut -d' ' -f1 /proc/loadavg)" "$exit"
  }
  if [ "$parallel" = 1 ]; then
    for i in "${!cmds[@]}"; do run "$i" "${cmds[$i]}" & done
    wait
    for i in "${!cmds[@]}"; do report "$i" "${cmds[$i]}"; done
  else
    for i in "${!cmds[@]}"; do run "$i" "${cmds[$i]}"; report "$i" "${cmds[$i]}"; done
  fi
  [ "$keep" = 1 ] || rm -rf "$store"
done
