#!/usr/bin/env bash
# The HTML report against its targets (page under 1 MB, under 1 s) on a generated store of about 100,000 closed
# sessions (StoreGenerator: six systems, about 96 events a session, 3 months), and `report daily` on the stored daily
# facts against `wc -l` (issue 15: at least 0.25 of its speed over 1M events, start-up included).
#   bench/run-html-report.sh [WORK_DIR] [EVENTS] [RUNS]   (default 9,700,000 events, about 2 GB of store; 3 runs)
# Each figure is the median of RUNS runs of the CLI under /usr/bin/time (wall, user + sys CPU, peak RSS), in three
# states of the daily facts (.index/events-YYYY-MM.facts):
#   cold    no sidecar: every month folded from its rows and its sidecar written (the first report ever)
#   warm    every sidecar fresh (the usual case)
#   append  one row appended to the newest month first (the first report after an import or a close: that month is
#           folded again, the others read)
# and of the stored session summaries (.index/sessions.summaries): cold deletes them too (every sessions row read);
#   close   the newest sessions file's last row appended again (a session closed again, as close writes it): only
#           that row is read and folded into the summaries; the daily facts stay warm
# then the in-process time of the page and of each section (zos-bench html-report, warm). The machine is shared: the
# load average is printed with every block, and the CPU time says more than the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/zos-html-bench}
events=${2:-9700000}
runs=${3:-3}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/ZosTelemetry.Bench -c Release -v q >/dev/null
dotnet build src/ZosTelemetry.Cli -c Release -v q >/dev/null
# The CLI as `dotnet tool install` runs it here (bench/publish.sh: the Native AOT executable of this platform's
# package), and as the ReadyToRun package of another platform runs (for the newest runtime: .NET 10 ignores the
# net8.0 build's precompiled code): the start-up and JIT share apart.
. bench/publish.sh
publish_native src/ZosTelemetry.Cli "$work/native" >/dev/null
publish_r2r src/ZosTelemetry.Cli "$work/r2r" >/dev/null
bench=(dotnet bench/ZosTelemetry.Bench/bin/Release/net10.0/ZosTelemetry.Bench.dll)
zt=(dotnet src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll)
r2r=("$work/r2r/zos-telemetry")
native=("$work/native/zos-telemetry")
if [ ! -d "$work/store" ]; then
  "${bench[@]}" generate --root "$work/store" --events "$events" --months 3 --closed-share 1.0
fi
if [ ! -d "$work/s1m" ]; then
  "${bench[@]}" generate --root "$work/s1m" --events 1000000 --months 1
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }

# median STATE LABEL cmd...: RUNS runs, each after putting the facts into STATE; prints the median wall's run.
median() {
  local state=$1 label=$2; shift 2
  local f; f=$(mktemp)
  for _ in $(seq "$runs"); do
    case $state in
      cold) rm -f "$root"/.index/events-*.facts "$root"/.index/sessions.summaries ;;
      close) local newest; newest=$(ls "$root"/sessions-*.jsonl | tail -1); tail -n 1 "$newest" >"$f.last"; cat "$f.last" >>"$newest"; rm -f "$f.last" ;;
      append) "${zt[@]}" append --root "$root" --session-id bench-append --system bench --kind user_message >/dev/null ;;
    esac
    /usr/bin/time -f "%e %U %S %M" -o "$f.one" "$@" >/dev/null 2>"$f.err" || { cat "$f.err" >&2; exit 1; }
    cat "$f.one" >>"$f"
  done
  sort -n "$f" | awk -v n="$runs" -v label="$label" -v state="$state" '{ a[NR] = $0 } END {
    split(a[int((n + 1) / 2)], m, " ");
    printf "%-34s %-6s %6.2f s wall, %5.2f s CPU (%4.2f user + %4.2f sys), %4.0f MB peak RSS\n", label, state, m[1], m[2] + m[3], m[2], m[3], m[4] / 1024 }'
  rm -f "$f" "$f.one" "$f.err"
}

root=$work/store
cat "$root"/events-*.jsonl >/dev/null # the events in the page cache, as for wc -l below
echo "== $(date -u '+%F %H:%M') UTC, $(nproc) cores, store: $(cat "$root"/sessions-*.jsonl | wc -l) session rows, $(cat "$root"/events-*.jsonl | wc -l) events, $(du -sh "$root" | cut -f1); load $(load)"
for state in cold warm append close; do
  median "$state" "report html" "${zt[@]}" report html --root "$root" --output "$work/report.html"
done
median warm "report html, ReadyToRun" "${r2r[@]}" report html --root "$root" --output "$work/report.html"
for state in warm append close; do
  median "$state" "report html, Native AOT (installed)" "${native[@]}" report html --root "$root" --output "$work/report.html"
done
echo "page: $(stat -c %s "$work/report.html") bytes; daily facts: $(du -ch "$root"/.index/events-*.facts | tail -1 | cut -f1); session summaries: $(du -h "$root"/.index/sessions.summaries | cut -f1); load $(load)"
for state in cold warm; do
  median "$state" "report daily (100k sessions)" "${zt[@]}" report daily --timezone Asia/Kathmandu --root "$root"
done
median warm "report daily, ReadyToRun" "${r2r[@]}" report daily --timezone Asia/Kathmandu --root "$root"
median warm "report daily, Native AOT" "${native[@]}" report daily --timezone Asia/Kathmandu --root "$root"
median warm "zos-telemetry --version (start-up)" "${zt[@]}" --version
"${bench[@]}" html-report --root "$root"

root=$work/s1m
cat "$root"/events-*.jsonl >/dev/null
echo "== 1M events: $(cat "$root"/events-*.jsonl | wc -c) bytes; load $(load)"
median warm "wc -l" wc -l "$root"/events-*.jsonl
for state in cold warm append; do
  median "$state" "report daily (1M events)" "${zt[@]}" report daily --root "$root"
done
median warm "report daily (1M), ReadyToRun" "${r2r[@]}" report daily --root "$root"
median warm "report daily (1M), Native AOT" "${native[@]}" report daily --root "$root"
echo "load $(load)"
