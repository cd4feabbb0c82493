#!/usr/bin/env bash
# Load test of the PostgreSQL team store (issue 16), on this machine, loopback only: RUNNERS concurrent
# `zos-telemetry sync` processes, each pushing its own store of SESSIONS closed sessions (summary rows) and
# EVENTS events into one database; then checks that the database holds every row exactly once and that a second round
# sends nothing, and prints rows/s and the p50/p95/max latency of one runner's sync. Then it times the readers over
# BULK session summaries and BULK_EVENTS events in a database against the same readers over the same rows in a local
# store (compare, sessions, score and alerts read the summaries; report daily|monthly|session|errors and savings sum and
# count the events in SQL).
#   bench/run-team-store.sh                      # RUNNERS=50 SESSIONS=2000 EVENTS=2000 BULK=1000000 BULK_EVENTS=1000000
#   RUNNERS=10 BULK=100000 bench/run-team-store.sh
#   REPORTS='compare claude-code codex|report daily' bench/run-team-store.sh   # only these readers ('|' between them)
# Not part of .ci/run: it takes minutes and the figures depend on the machine (docs/performance.md says which).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNNERS=${RUNNERS:-50} SESSIONS=${SESSIONS:-2000} EVENTS=${EVENTS:-2000} BULK=${BULK:-1000000} BULK_EVENTS=${BULK_EVENTS:-1000000}
work=$(mktemp -d /tmp/zos-team-bench-XXXXXX)
log=$work/log; mkdir -p "$log"
. .ci/postgres.sh
cleanup() { stop_test_postgres; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/ZosTelemetry.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/ZosTelemetry.Bench -c Release -v q -nologo >/dev/null
cli=(dotnet src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll)
gen=(dotnet bench/ZosTelemetry.Bench/bin/Release/net10.0/ZosTelemetry.Bench.dll)
start_test_postgres "$log"
admin=$ZOS_TEST_DATABASE
psql "$admin" -qc "CREATE DATABASE bench" -c "CREATE DATABASE bulk"
db=${admin%/postgres}/bench; bulk=${admin%/postgres}/bulk
"${cli[@]}" sync --init --database "$db" >/dev/null
"${cli[@]}" sync --init --database "$bulk" >/dev/null
psql "$db" -qc "CREATE ROLE bench_runner LOGIN PASSWORD 'bench' IN ROLE zos_writer" 2>/dev/null || true
writer=$(echo "$db" | sed -E 's#//[^@]*@#//bench_runner:bench@#')

echo "== $RUNNERS runner stores: $SESSIONS session summaries and $EVENTS events each"
lines=0
for i in $(seq 1 "$RUNNERS"); do
  r=$work/runner-$i
  "${gen[@]}" summaries --root "$r" --count "$SESSIONS" --seed "$i" --months 3 >/dev/null
  "${gen[@]}" generate --root "$r/ev" --events "$EVENTS" --seed $((1000 + i)) --months 1 >/dev/null
  cat "$r"/ev/events-*.jsonl >"$r/events-2026-12.jsonl"; rm -rf "$r/ev"
  # Runner-unique session ids: the generator numbers sessions alike for every seed.
  sed -i "s/\"session_id\":\"/\"session_id\":\"r$i-/" "$r"/*.jsonl
  lines=$((lines + $(cat "$r"/*.jsonl | wc -l)))
done
echo "rows in the runners' stores: $lines"

round() { # one concurrent round; prints per-runner seconds into $1
  local out=$1 i
  : >"$out"
  for i in $(seq 1 "$RUNNERS"); do
    ( s=$(date +%s%N); "${cli[@]}" sync --root "$work/runner-$i" --database "$writer" --json >"$log/sync-$i.json" || echo "runner $i failed"
      e=$(date +%s%N); echo "$(( (e - s) / 1000000 ))" >>"$out" ) &
  done
  wait
}

echo "== round 1: $RUNNERS concurrent syncs"
t0=$(date +%s%N); round "$log/round1.txt"; t1=$(date +%s%N)
wall_ms=$(( (t1 - t0) / 1000000 ))
in_db=$(psql "$admin" -d bench -tAc "SELECT (SELECT count(*) FROM zos.events)+(SELECT count(*) FROM zos.session_summaries)" 2>/dev/null \
  || psql "$db" -tAc "SELECT (SELECT count(*) FROM zos.events)+(SELECT count(*) FROM zos.session_summaries)")
distinct=$(psql "$db" -tAc "SELECT (SELECT count(DISTINCT line) FROM zos.events)+(SELECT count(DISTINCT line) FROM zos.session_summaries)")
sent=$(cat "$log"/sync-*.json | sed -E 's/.*"rows_new":([0-9]+).*/\1/' | paste -sd+ | bc)
pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int((NR*p+99)/100); if(i<1)i=1; print a[i]}'; }
echo "rows in the database: $in_db (distinct rows: $distinct; new rows the runners reported: $sent; rows in the stores: $lines)"
[ "$in_db" -eq "$lines" ] && [ "$distinct" -eq "$lines" ] && [ "$sent" -eq "$lines" ] || { echo "FAIL: rows lost or doubled"; exit 1; }
echo "wall time ${wall_ms} ms; $(( lines * 1000 / wall_ms )) rows/s; one runner's sync p50 $(pct "$log/round1.txt" 50) ms, p95 $(pct "$log/round1.txt" 95) ms, max $(pct "$log/round1.txt" 100) ms"

echo "== round 2: the same $RUNNERS syncs again (must send nothing)"
round "$log/round2.txt"
again=$(cat "$log"/sync-*.json | sed -E 's/.*"events_sent":([0-9]+),"sessions_sent":([0-9]+).*/\1+\2/' | paste -sd+ | bc)
echo "rows sent: $again; p95 $(pct "$log/round2.txt" 95) ms"
[ "$again" -eq 0 ] || { echo "FAIL: a second sync sent rows"; exit 1; }

echo "== report over $BULK sessions: local store vs database"
big=$work/bulk
"${gen[@]}" summaries --root "$big" --count "$BULK" --seed 99 --months 3 --systems two
# The events of the generator's own sessions (its summaries of them are dropped: the bulk summaries are the sessions).
"${gen[@]}" generate --root "$work/bulk-events" --events "$BULK_EVENTS" --seed 98 --months 3 >/dev/null
mv "$work"/bulk-events/events-*.jsonl "$big"/; rm -rf "$work/bulk-events"
rows=$(cat "$big"/*.jsonl | wc -l)
s=$(date +%s%N); "${cli[@]}" sync --root "$big" --database "$bulk" >/dev/null; e=$(date +%s%N)
echo "sync of $rows rows ($BULK session summaries, the rest events) by one runner: $(( (e - s) / 1000000 )) ms ($(( rows * 1000000000 / (e - s) )) rows/s)"
# Two runs never share the moment they were generated; the local store's daily facts are built once, as by any first report.
runtime='s/(generated_at": "|generated |until )[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/\1<now>/g'
"${cli[@]}" report daily --root "$big" >/dev/null
REPORTS=${REPORTS:-"compare claude-code codex|compare claude-code codex --json|report daily --breakdown|report monthly --timezone Europe/Berlin --json|savings --json|sessions|score --json|alerts --json|report session --json|report errors --json"}
IFS='|' read -r -a reports <<<"$REPORTS"
for report in "${reports[@]}"; do
  # shellcheck disable=SC2086
  s=$(date +%s%N); "${cli[@]}" $report --root "$big" | sed -E "$runtime" >"$log/local.out"; e=$(date +%s%N); local_ms=$(( (e - s) / 1000000 ))
  # shellcheck disable=SC2086
  s=$(date +%s%N); "${cli[@]}" $report --database "$bulk" | sed -E "$runtime" >"$log/db.out"; e=$(date +%s%N); db_ms=$(( (e - s) / 1000000 ))
  same=$(cmp -s "$log/local.out" "$log/db.out" && echo "same bytes" || { diff "$log/local.out" "$log/db.out" | head -n 20 >&2; echo "DIFFERENT"; })
  echo "$report: local store ${local_ms} ms, database ${db_ms} ms ($same)"
done
