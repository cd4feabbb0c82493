#!/usr/bin/env bash
# Macro benchmarks of ZosTelemetry: the CLI timed as whole processes with /usr/bin/time -v (wall, peak RSS) and, for
# the capture figures of a few tens of milliseconds, hyperfine; plus the in-process figures that a process timing
# cannot isolate. Prints one table: figure, value, target, pass or miss.
#
#   bench/run-store.sh [--runs N] [--big] [--keep] [--work DIR]
#
#   --runs N   timed runs per figure; the median is reported (default 7)
#   --big      also generate the 10,000,000-event store (about 2 GB, checked against free disk first), time
#              `report daily` over it for peak memory, and delete it afterwards
#   --keep     keep the generated stores under the work directory (default: delete them at the end)
#   --work DIR where stores and builds go (default /tmp/zos-perf)
#
# The machine is shared: medians of several runs, and say so when quoting them. Nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
runs=7 big=0 keep=0 work=/tmp/zos-perf
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --big) big=1; shift ;;
    --keep) keep=1; shift ;;
    --work) work=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--runs N] [--big] [--keep] [--work DIR]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (/usr/bin/time -v)" >&2
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
# The capture figures are a few tens of milliseconds: /usr/bin/time reports them in 10 ms steps, hyperfine to the
# microsecond.
if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine (capture timings)" >&2
  apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
fi

mkdir -p "$work"
out=$work/build
echo "== building (Release): CLI framework-dependent and ReadyToRun, hello world likewise, bench tool" >&2
dotnet publish src/ZosTelemetry.Cli -c Release -o "$out/fd" -v q >&2
. bench/publish.sh
publish_r2r src/ZosTelemetry.Cli "$out/r2r" >&2
dotnet publish bench/Hello -c Release -o "$out/hello-fd" -v q >&2
publish_r2r bench/Hello "$out/hello-r2r" >&2
dotnet build bench/ZosTelemetry.Bench -c Release -o "$out/bench" -v q >&2
zt_fd=(dotnet "$out/fd/zos-telemetry.dll")
zt_r2r=("$out/r2r/zos-telemetry")
bench=(dotnet "$out/bench/ZosTelemetry.Bench.dll")

# measure N cmd... : median wall (s) of N runs into $wall, median CPU (user + system, s) into $cpu, largest peak RSS
# (KB) into $rss. Output is discarded. CPU next to wall shows how much of a core the process got on a shared machine.
measure() {
  local n=$1; shift
  local f; f=$(mktemp)
  for _ in $(seq "$n"); do
    /usr/bin/time -v -o "$f.one" "$@" >/dev/null 2>"$f.err" || { cat "$f.err" >&2; echo "failed: $*" >&2; exit 1; }
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s }
                /User time \(seconds\)|System time \(seconds\)/ { c += $2 }
                /Maximum resident set size/ { r = $2 } END { print w, r, c }' "$f.one" >>"$f"
  done
  wall=$(sort -n -k1 "$f" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  rss=$(sort -n -k2 "$f" | awk 'END { print $2 }')
  cpu=$(sort -n -k3 "$f" | awk '{ a[NR] = $3 } END { print a[int((NR + 1) / 2)] }')
  rm -f "$f" "$f.one" "$f.err"
}

# hyperfine_medians N JSON cmd... : times each command (a string, no shell) N times after 3 warm-ups in one hyperfine
# run, so that a change of load on the shared machine hits them all alike; sets $medians to their median walls (s).
hyperfine_medians() {
  local n=$1 json=$2; shift 2
  hyperfine -N --warmup 3 --runs "$n" --export-json "$json" "$@" >/dev/null 2>&1 || { echo "failed: hyperfine $*" >&2; exit 1; }
  medians=$(grep -o '"median": *[0-9.eE+-]*' "$json" | awk '{ printf "%.4f ", $2 }')
}

rows=()
row() { rows+=("$1|$2|$3|$4"); }   # figure | value | target | pass/miss/—
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "le") ? (v <= t) : (v >= t); print ok ? "pass" : "miss" }'; }

# ---------------------------------------------------------------- 1. capture
store=$work/capture
rm -rf "$store"
append_args=(append --session-id s1 --system claude-code --kind assistant_message --model claude-sonnet-4-5 --tokens-in 1200 --tokens-out 300 --cost-usd 0.0081 --root "$store")
"${zt_fd[@]}" "${append_args[@]}"   # first write creates the store; not timed
# Each build's append beside the hello world of the same build, in the same hyperfine run; at least 30 runs each.
capture_runs=$((runs < 30 ? 30 : runs))
hyperfine_medians "$capture_runs" "$work/capture-fd.json" "dotnet $out/hello-fd/hello.dll" "${zt_fd[*]} ${append_args[*]}"
read -r hello_fd append_fd <<<"$medians"
hyperfine_medians "$capture_runs" "$work/capture-r2r.json" "$out/hello-r2r/hello" "${zt_r2r[*]} ${append_args[*]}"
read -r hello_r2r append_r2r <<<"$medians"
ratio_fd=$(awk -v a="$append_fd" -v h="$hello_fd" 'BEGIN { printf "%.2f", a / h }')
ratio_r2r=$(awk -v a="$append_r2r" -v h="$hello_r2r" 'BEGIN { printf "%.2f", a / h }')
row "append, framework-dependent: median wall / hello world's (${append_fd} s / ${hello_fd} s, hyperfine, ${capture_runs} runs)" "$ratio_fd x" "<= 1.5 x" "$(verdict "$ratio_fd" 1.5 le)"
row "append, ReadyToRun apphost: median wall / hello world's (${append_r2r} s / ${hello_r2r} s, hyperfine, ${capture_runs} runs)" "$ratio_r2r x" "<= 1.5 x" "$(verdict "$ratio_r2r" 1.5 le)"
rate=$("${bench[@]}" append-rate --root "$work/append-rate" --events 1000000 --batch 10000 | awk '{ print $4 }')
rm -rf "$work/append-rate"
row "append in-process, batches of 10,000 behind one lock (events/s)" "$rate" ">= 300000" "$(verdict "$rate" 300000 ge)"

# ---------------------------------------------------------------- 2. close
s1m=$work/s1m
if [ ! -d "$s1m" ]; then
  "${bench[@]}" generate --root "$s1m" --events 1000000 --months 1 --target bench-target --target-events 200 >&2
fi
events_bytes=$(cat "$s1m"/events-*.jsonl | wc -c)
rm -rf "$s1m/.index"
measure 1 "${zt_fd[@]}" close --session-id bench-target --root "$s1m"; first_close=$wall
row "close, first after the index was deleted: rebuilds it over 1M events (s)" "$first_close" "-" "-"
# Steady state: another writer appends a row between closes, so every close also catches up a tail.
for label in fd r2r; do
  if [ $label = fd ]; then zt=("${zt_fd[@]}"); else zt=("${zt_r2r[@]}"); fi
  measure "$runs" "${zt[@]}" --version; version=$wall
  f=$(mktemp)
  for _ in $(seq "$runs"); do
    "${zt[@]}" append --session-id bench-target --system codex --kind user_message --root "$s1m"
    measure 1 "${zt[@]}" close --session-id bench-target --root "$s1m"; echo "$wall" >>"$f"
  done
  close=$(sort -n "$f" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'); rm -f "$f"
  work_ms=$(awk -v c="$close" -v v="$version" 'BEGIN { printf "%.0f", (c - v) * 1000 }')
  row "close of a 200-event session among 1M events / 10k sessions, $label: wall ${close} s - start-up (--version) ${version} s (ms)" "$work_ms" "< 100" "$(verdict "$work_ms" 99.999 le)"
done

# ---------------------------------------------------------------- 3. scan
cat "$s1m"/events-*.jsonl >/dev/null   # cached, as the calibration assumes
measure "$runs" wc -l "$s1m"/events-2*.jsonl; wc_wall=$wall
measure "$runs" "${zt_fd[@]}" report daily --root "$s1m"; daily_fd=$wall; daily_rss=$rss; daily_fd_cpu=$cpu
measure "$runs" "${zt_r2r[@]}" report daily --root "$s1m"; daily_r2r=$wall; daily_r2r_cpu=$cpu
for label in fd r2r; do
  w=$([ $label = fd ] && echo "$daily_fd" || echo "$daily_r2r")
  c=$([ $label = fd ] && echo "$daily_fd_cpu" || echo "$daily_r2r_cpu")
  share=$(awk -v w="$w" -v c="$wc_wall" 'BEGIN { printf "%.2f", c / w }')
  mbs=$(awk -v w="$w" -v b="$events_bytes" 'BEGIN { printf "%.0f", b / w / 1e6 }')
  row "report daily over 1M events ($((events_bytes / 1000000)) MB), $label: ${w} s (cpu ${c} s) = ${mbs} MB/s; share of wc -l's speed (${wc_wall} s)" "$share" ">= 0.15" "$(verdict "$share" 0.15 ge)"
done
row "report daily over 1M events: peak RSS (MB)" "$((daily_rss / 1024))" "-" "-"

# ---------------------------------------------------------------- 4. compare and 5. streaming sessions
c1m=$work/c1m
if [ ! -d "$c1m" ]; then
  "${bench[@]}" summaries --root "$c1m" --count 1000000 --months 3 --systems two >&2
fi
measure "$runs" "${zt_fd[@]}" compare claude-code codex --root "$c1m"; compare_fd=$wall; compare_rss=$rss; compare_cpu=$cpu
methods=$("${zt_fd[@]}" compare claude-code codex --root "$c1m" | grep -o 'Intervals: [^(]*' | head -1)
row "compare of 1,000,000 sessions with intervals, as a process (s; cpu ${compare_cpu} s; ${methods% })" "$compare_fd" "< 2" "$(verdict "$compare_fd" 1.999 le)"
row "compare of 1,000,000 sessions: peak RSS (MB)" "$((compare_rss / 1024))" "-" "-"
read -r first all count < <("${bench[@]}" first-session --root "$c1m" | awk '{ print $4, $8, $10 }')
row "Get-TelemetrySession's core API over $count sessions: first object after (ms; all after ${all} ms)" "$first" "< ${all}" "$(verdict "$first" "$all" le)"

# ---------------------------------------------------------------- detector
mix=$work/messages.jsonl
for _ in $(seq 136); do cat tests/data/detector/*.jsonl; done | grep -v '^$' >"$mix"   # about 100,000 messages
messages=$(wc -l <"$mix")
f=$(mktemp)
for _ in $(seq "$runs"); do /usr/bin/time -f %e -o "$f.one" "${zt_fd[@]}" detect <"$mix" >/dev/null; cat "$f.one" >>"$f"; done
detect_wall=$(sort -n "$f" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'); rm -f "$f" "$f.one"
row "detect over $messages messages of the labelled mix, as a process (messages/s)" "$(awk -v n="$messages" -v w="$detect_wall" 'BEGIN { printf "%.0f", n / w }')" "-" "-"

# ---------------------------------------------------------------- 10M events (--big)
if [ "$big" = 1 ]; then
  s10m=$work/s10m
  free_kb=$(df -k --output=avail "$work" | tail -1)
  if [ "$free_kb" -lt $((8 * 1024 * 1024)) ]; then
    row "report daily over 10M events" "skipped: $((free_kb / 1024)) MB free" "needs 8 GB" "miss"
  else
    "${bench[@]}" generate --root "$s10m" --events 10000000 --months 12 >&2
    big_bytes=$(cat "$s10m"/events-*.jsonl | wc -c)
    measure 3 "${zt_fd[@]}" report daily --root "$s10m"; big_wall=$wall; big_rss=$rss
    row "report daily over 10M events ($((big_bytes / 1000000)) MB), wall (s; cpu ${cpu} s)" "$big_wall" "-" "-"
    row "report daily over 10M events: peak RSS (MB)" "$((big_rss / 1024))" "< 200" "$(verdict "$((big_rss / 1024))" 199.999 le)"
    measure 1 "${zt_fd[@]}" compare claude-code codex --root "$s10m"
    row "compare over the 10M-event store's summaries: peak RSS (MB)" "$((rss / 1024))" "-" "-"
    rm -rf "$s10m"
  fi
fi

[ "$keep" = 1 ] || rm -rf "$s1m" "$c1m" "$store" "$mix"

echo
echo "ZosTelemetry benchmarks · $(date -u '+%Y-%m-%d %H:%M UTC') · load average $(cut -d' ' -f1-3 /proc/loadavg) · $(nproc) cores · $(awk '/model name/ { $1 = $2 = $3 = ""; print; exit }' /proc/cpuinfo | sed 's/^ *//') · dotnet $(dotnet --version) · medians of $runs runs"
printf '%s\n' "${rows[@]}" | awk -F'|' '{ printf "| %-110s | %10s | %9s | %-4s |\n", $1, $2, $3, $4 }' | sed '1i| figure | value | target | |' | sed '2i|---|---:|---:|---|'
