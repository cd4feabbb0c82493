#!/usr/bin/env bash
# The HTML report against its targets (page under 1 MB, under 1 s) on a generated store of about 100,000 closed
# sessions (StoreGenerator: six systems, about 96 events a session, 3 months): the CLI's wall time, CPU and peak RSS
# with /usr/bin/time, then the in-process time of the page and of each section alone (zos-bench html-report).
#   bench/run-html-report.sh [WORK_DIR] [EVENTS]      (default 9,700,000 events, about 2 GB of store)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/zos-html-bench}
events=${2:-9700000}
mkdir -p "$work"
dotnet build bench/ZosTelemetry.Bench -c Release >/dev/null
dotnet build src/ZosTelemetry.Cli -c Release >/dev/null
if [ ! -d "$work/store" ]; then
  dotnet bench/ZosTelemetry.Bench/bin/Release/net10.0/ZosTelemetry.Bench.dll generate --root "$work/store" --events "$events" --months 3 --closed-share 1.0
fi
echo "sessions: $(cat "$work"/store/sessions-*.jsonl | wc -l), store: $(du -sh "$work/store" | cut -f1), load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "report html: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
  dotnet src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll report html --root "$work/store" --output "$work/report.html"
ls -l "$work/report.html"
dotnet bench/ZosTelemetry.Bench/bin/Release/net10.0/ZosTelemetry.Bench.dll html-report --root "$work/store"
