#!/usr/bin/env bash
# Every speed target of issue 15, ours beside its anchor in the same run, interleaved (one run of each in turn, so a
# change of load on a shared machine hits both alike), medians, CPU time (user + system) beside wall time, and the
# load average before each part. Prints one table of ratios against the targets; raw times go to WORK/raw/*.txt.
#
#   bench/run-all.sh [--quick] [--work DIR] [--parts LIST]
#
#   --quick    60 MB of logs only (no 1 GB corpus), 11 start-up rounds instead of 21, 5 scan rounds instead of 11:
#              a few minutes once the inputs exist (the first run generates the 1M-event store and the logs)
#   --work DIR where builds, stores and logs go (default /tmp/zos-all); inputs are kept there for the next run
#   --parts    a comma-separated subset of startup,scan,import,pwsh (default all of them), to re-take some figures
#
# What runs, as a user gets it:
#   - zos-telemetry packed and installed as the README says (dotnet pack, then dotnet tool install from that folder):
#     the platform's package, precompiled for the runtime that runs it;
#   - the anchor for start-up: `dotnet hello.dll` (bench/Hello, framework-dependent);
#   - the anchor for import: ccusage 20.0.24's native binary, `claude daily --json --offline` (bench/package.json);
#   - the anchor for the scan: `wc -l` over the same month file;
#   - pwsh 7.6.10 as .ci/run installs it ($HOME/.cache/zos-ci/pwsh-7.6.10, else /opt/zos-tools/pwsh), importing the
#     module laid out by `dotnet build src/ZosTelemetry.PowerShell -c Release -t:PackageModule`.
# Needs the .NET SDK 10, node and npm. Nothing here is a test and nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
quick=0 work=/tmp/zos-all parts=startup,scan,import,pwsh
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1; shift ;;
    --work) work=$2; shift 2 ;;
    --parts) parts=$2; shift 2 ;;
    *) echo "usage: bench/run-all.sh [--quick] [--work DIR] [--parts startup,scan,import,pwsh]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [ "$quick" = 1 ]; then start_runs=11 scan_runs=5 import_rounds=3 sizes=(60); else start_runs=21 scan_runs=11 import_rounds=3 sizes=(60 1024); fi
mkdir -p "$work/raw"
work=$(cd "$work" && pwd)
raw=$work/raw
rm -f "$raw"/*
load() { cut -d' ' -f1-3 /proc/loadavg; }
log() { echo "== $*" >&2; }

part() { case ",$parts," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
rows=()
row() { rows+=("$1|$2|$3|$4"); }   # figure | value | target | pass/miss/-
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "le") ? (v <= t) : (v >= t); print ok ? "pass" : "miss" }'; }

# timed NAME cmd... : runs the command once (output discarded) and appends "wall user sys" (s, ms resolution, from
# bash's own `time`, which counts the CPU of the process and its children) to $raw/NAME.txt.
TIMEFORMAT='%3R %3U %3S'
timed() {
  local name=$1; shift
  { time "$@" >/dev/null 2>"$raw/$name.err"; } 2>>"$raw/$name.txt" || { cat "$raw/$name.err" >&2; echo "failed: $*" >&2; exit 1; }
}
# median NAME [wall|cpu]: the median wall time, or the median CPU time (user + sys), of NAME's runs.
median() {
  awk -v what="${2:-wall}" '{ print (what == "wall") ? $1 : $2 + $3 }' "$raw/$1.txt" | sort -n |
    awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# ------------------------------------------------------------------------------------------------ builds
log "building: the tool package (dotnet pack) installed from its folder, hello world, bench tool, module package"
rm -rf "$work/pkg" "$work/tools"
dotnet pack src/ZosTelemetry.Cli -c Release -o "$work/pkg" -v q --nologo >&2
cat >"$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="local" value="$work/pkg" /></packageSources></configuration>
CONFIG
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
dotnet tool install ZosTelemetry.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >&2
zt=("$work/tools/zos-telemetry")
dotnet publish bench/Hello -c Release -o "$work/hello" -v q --nologo >&2
dotnet build bench/ZosTelemetry.Bench -c Release -o "$work/bench" -v q --nologo >&2
bench=(dotnet "$work/bench/ZosTelemetry.Bench.dll")
dotnet build src/ZosTelemetry.PowerShell -c Release -t:PackageModule -v q --nologo >&2
module=$repo/out/ZosTelemetry/$version/ZosTelemetry.psd1
(cd bench && npm install --no-audit --no-fund >/dev/null 2>&1)
ccusage=$repo/bench/node_modules/@ccusage/ccusage-linux-x64/bin/ccusage
chmod +x "$ccusage"

# ------------------------------------------------------------------------------------------------ 3. start-up
start_load=- scan_load=- import_load=-
tiny=$work/tiny   # a store of four rows, also read by the pwsh part
rm -rf "$tiny"
append=(append --session-id s1 --system claude-code --kind assistant_message --model claude-sonnet-4-5 --tokens-in 1200 --tokens-out 300 --cost-usd 0.0081 --root "$tiny")
"${zt[@]}" "${append[@]}"
"${zt[@]}" append --session-id s1 --system claude-code --kind user_message --root "$tiny"
"${zt[@]}" close --session-id s1 --root "$tiny" >/dev/null
"${zt[@]}" append --session-id s2 --system codex --kind user_message --root "$tiny"
"${zt[@]}" close --session-id s2 --root "$tiny" >/dev/null
echo '{"text":"no, that is wrong"}' >"$work/detect-in.jsonl"
mkdir -p "$work/empty-logs"
commands=(version append close report sessions compare detect alerts import)
if part startup; then
log "start-up: hello world and each command a user or hook runs, $start_runs interleaved rounds (load $(load))"
start_load=$(load)
run_command() {
  case $1 in
    version) timed version "${zt[@]}" --version ;;
    append) timed append "${zt[@]}" "${append[@]}" ;;
    close) timed close "${zt[@]}" close --session-id s1 --root "$tiny" ;;
    report) timed report "${zt[@]}" report daily --root "$tiny" ;;
    sessions) timed sessions "${zt[@]}" sessions --root "$tiny" ;;
    compare) timed compare "${zt[@]}" compare claude-code codex --root "$tiny" ;;
    detect) timed detect "${zt[@]}" detect <"$work/detect-in.jsonl" ;;
    alerts) timed alerts "${zt[@]}" alerts --root "$tiny" ;;
    import) timed import "${zt[@]}" import claude-code --path "$work/empty-logs" --root "$tiny" ;;
  esac
}
for c in "${commands[@]}"; do run_command "$c"; done; rm -f "$raw"/*.txt   # first runs (disk cache) not counted
for _ in $(seq "$start_runs"); do
  timed hello dotnet "$work/hello/hello.dll"
  for c in "${commands[@]}"; do run_command "$c"; done
done
hello=$(median hello) hello_cpu=$(median hello cpu)
for c in "${commands[@]}"; do
  w=$(median "$c"); r=$(ratio "$w" "$hello")
  row "start-up: zos-telemetry $c / dotnet hello.dll, median wall ${w} s / ${hello} s (cpu $(median "$c" cpu) s / ${hello_cpu} s)" "${r} x" "<= 1.1 x" "$(verdict "$r" 1.1 le)"
done
fi

# ------------------------------------------------------------------------------------------------ 2. scan
if part scan; then
s1m=$work/s1m
if [ ! -d "$s1m" ]; then
  log "generating the 1M-event store (kept in $s1m)"
  "${bench[@]}" generate --root "$s1m" --events 1000000 --months 1 >&2
fi
month=$(ls "$s1m"/events-2*.jsonl | head -n 1)
cat "$s1m"/events-*.jsonl >/dev/null   # cached, as the calibration assumes
"${zt[@]}" report daily --root "$s1m" >/dev/null   # builds nothing, but reads the files once more
log "scan: report daily over 1M events against wc -l, $scan_runs interleaved rounds (load $(load))"
scan_load=$(load)
for _ in $(seq "$scan_runs"); do
  timed wc wc -l "$month"
  timed daily "${zt[@]}" report daily --root "$s1m"
done
share=$(ratio "$(median wc)" "$(median daily)")
mb=$(($(stat -c %s "$month") / 1000000))
row "scan: wc -l / report daily over 1M events (${mb} MB), median wall $(median wc) s / $(median daily) s (cpu $(median wc cpu) s / $(median daily cpu) s)" "$share" ">= 0.15" "$(verdict "$share" 0.15 ge)"
fi

# ------------------------------------------------------------------------------------------------ 1. import
if part import; then
mkdir -p "$work/home" # ccusage looks for other agents' logs under HOME: give it an empty one
for size in "${sizes[@]}"; do
  logs=$work/logs-$size
  if [ ! -d "$logs" ]; then
    log "generating $size MB of Claude Code logs (kept in $logs)"
    node bench/generate-claude-logs.mjs "$logs" "$size" "${SEED:-20261125}" >&2
  fi
  cat $(find "$logs" -name '*.jsonl') >/dev/null # warm the page cache for both tools
  files=$(find "$logs" -name '*.jsonl' | wc -l)
  log "import: $size MB ($files files), ccusage against a first import + report daily, $import_rounds rounds (load $(load))"
  import_load=$(load)
  for _ in $(seq "$import_rounds"); do
    timed "ccusage-$size" env HOME="$work/home" CLAUDE_CONFIG_DIR="$logs" "$ccusage" claude daily --json --offline -z UTC
    rm -rf "$work/store-$size"
    timed "import-$size" "${zt[@]}" import claude-code --path "$logs" --root "$work/store-$size"
    timed "report-$size" "${zt[@]}" report daily --json --timezone UTC --system claude-code --root "$work/store-$size"
  done
  # import + report of the same round, summed, before the median
  paste -d' ' "$raw/import-$size.txt" "$raw/report-$size.txt" | awk '{ print $1 + $4, $2 + $5, $3 + $6 }' >"$raw/ours-$size.txt"
  env HOME="$work/home" CLAUDE_CONFIG_DIR="$logs" "$ccusage" claude daily --json --offline -z UTC >"$work/ccusage-$size.json"
  "${zt[@]}" report daily --json --timezone UTC --system claude-code --root "$work/store-$size" >"$work/zos-$size.json"
  totals=$(node bench/compare-daily.mjs "$work/ccusage-$size.json" "$work/zos-$size.json" | tail -n 1 | sed 's/ (tokens exact, cost within $0.01)//')
  r=$(ratio "$(median "ours-$size")" "$(median "ccusage-$size")")
  row "import $size MB: (import $(median "import-$size") s + report $(median "report-$size") s) / ccusage $(median "ccusage-$size") s, wall (cpu $(median "ours-$size" cpu) s / $(median "ccusage-$size" cpu) s); $totals" "${r} x" "<= 1.0 x" "$(verdict "$r" 1.0 le)"
done
fi

# ------------------------------------------------------------------------------------------------ 5. pwsh
. bench/pwsh.sh
pwsh=$(bench_pwsh)
if ! part pwsh; then
  :
elif [ -z "$pwsh" ]; then
  row "pwsh: Import-Module" "no pwsh 7.6.10" "< 150 ms" "miss"
else
  log "pwsh: Import-Module and each cmdlet's first call, in fresh processes, $start_runs runs (load $(load))"
  pwsh_load=$(load)
  # One fresh pwsh per run: Import-Module timed inside it, then the first call of each cmdlet in turn (each in its own
  # process, so each is a first call). Prints "import_ms first_call_ms".
  bench_cmdlets "$tiny" "$tiny"
  for _ in $(seq "$start_runs"); do
    i=0
    for c in "${cmdlets[@]}"; do
      pwsh_first_call "$pwsh" "$module" "$c" 2>>"$raw/pwsh.err" >>"$raw/pwsh-$i.txt"
      i=$((i + 1))
    done
  done
  cat "$raw"/pwsh-*.txt | awk '{ print $1 / 1000, 0, 0 }' >"$raw/pwsh-import.txt"
  imp=$(awk -v m="$(median pwsh-import)" 'BEGIN { printf "%.0f", m * 1000 }')
  row "pwsh: Import-Module of the packaged module in a fresh pwsh 7.6, median (ms)" "$imp" "< 150" "$(verdict "$imp" 149.999 le)"
  i=0
  for c in "${cmdlets[@]}"; do
    awk '{ print $2 / 1000, 0, 0 }' "$raw/pwsh-$i.txt" >"$raw/pwsh-call-$i.txt"
    ms=$(awk -v m="$(median "pwsh-call-$i")" 'BEGIN { printf "%.0f", m * 1000 }')
    row "pwsh: first call after Import-Module: ${c%% *}, median (ms)" "$ms" "< 100" "$(verdict "$ms" 99.999 le)"
    i=$((i + 1))
  done
fi

echo
echo "ZosTelemetry against its anchors · $(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · $(awk '/model name/ { $1 = $2 = $3 = ""; print; exit }' /proc/cpuinfo | sed 's/^ *//') · dotnet $(dotnet --version) · $([ "$quick" = 1 ] && echo quick || echo full) mode"
echo "load average before each part: start-up $start_load; scan $scan_load; import $import_load${pwsh_load:+; pwsh $pwsh_load}; now $(load)"
printf '%s\n' "${rows[@]}" | awk -F'|' '{ printf "| %-150s | %8s | %8s | %-4s |\n", $1, $2, $3, $4 }' | sed '1i| figure | value | target | |' | sed '2i|---|---:|---:|---|'
