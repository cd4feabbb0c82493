#!/usr/bin/env bash
# The module's precompiled ZosTelemetry.Core against its IL, as pwsh users get them: Import-Module of the packaged
# module and each cmdlet's first call after it, in fresh pwsh processes, the two layouts interleaved (one run of each
# in turn), medians in ms, with the load average. "precompiled" is the package as built (dotnet build
# src/ZosTelemetry.PowerShell -c Release -t:PackageModule: the nested loader picks precompiled/<platform>/<runtime>/);
# "il" is the same package with precompiled/ removed, so Core loads from beside the cmdlets as a build's does.
#   bench/run-pwsh.sh [ROUNDS] [WORK_DIR]     (default 9 rounds, /tmp/zos-pwsh)
# Each round and cmdlet starts one pwsh per layout: the import timed inside it, then the cmdlet's first call. The
# reading cmdlets read a store of four rows (two closed sessions) whose daily facts are warm; Add-TelemetryEvent appends to a store of
# its own, so the reads never fold an append (bench/run-all.sh's pwsh part times them after its appends instead).
# Uses pwsh 7.6.10 as .ci/run installs it ($HOME/.cache/zos-ci/pwsh-7.6.10, else /opt/zos-tools/pwsh). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-9}
work=${2:-/tmp/zos-pwsh}
. bench/pwsh.sh
pwsh=$(bench_pwsh)
[ -n "$pwsh" ] || { echo "no pwsh 7.6.10: run .ci/run once, or install it as a dotnet tool" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
dotnet build src/ZosTelemetry.PowerShell -c Release -t:PackageModule -v q --nologo >/dev/null
rm -rf "$work" && mkdir -p "$work"
cp -r "out/ZosTelemetry/$version" "$work/precompiled"
cp -r "out/ZosTelemetry/$version" "$work/il" && rm -rf "$work/il/precompiled"
# The store bench/run-all.sh reads: two closed sessions of four rows, written by the CLI.
dotnet build src/ZosTelemetry.Cli -c Release -v q --nologo >/dev/null
zt=(dotnet src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll)
"${zt[@]}" append --session-id s1 --system claude-code --kind assistant_message --model claude-sonnet-4-5 --tokens-in 1200 \
  --tokens-out 300 --cost-usd 0.0081 --root "$work/store"
"${zt[@]}" append --session-id s1 --system claude-code --kind user_message --root "$work/store"
"${zt[@]}" close --session-id s1 --root "$work/store" >/dev/null
"${zt[@]}" append --session-id s2 --system codex --kind user_message --root "$work/store"
"${zt[@]}" close --session-id s2 --root "$work/store" >/dev/null
# Warm the store's daily facts once, so that no timed call folds them.
"$pwsh" -NoProfile -NonInteractive -Command "Import-Module '$work/il/ZosTelemetry.psd1'; \$null = Get-TelemetryDailyUsage -Root '$work/store'"

bench_cmdlets "$work/store" "$work/append"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
: >"$work/times.txt"
for _ in $(seq "$rounds"); do
  i=0
  for c in "${cmdlets[@]}"; do
    for layout in precompiled il; do
      pwsh_first_call "$pwsh" "$work/$layout/ZosTelemetry.psd1" "$c" 2>/dev/null | sed "s/^/$layout $i /" >>"$work/times.txt"
    done
    i=$((i + 1))
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
median() { sort -n | awk '{ a[NR] = $1 } END { printf "%.0f", a[int((NR + 1) / 2)] }'; }
printf '| %-58s | %11s | %4s |\n' "median of $rounds runs, ms" precompiled il
printf '|---|---:|---:|\n'
printf '| %-58s | %11s | %4s |\n' "Import-Module" "$(awk '$1 == "precompiled" { print $3 }' "$work/times.txt" | median)" \
  "$(awk '$1 == "il" { print $3 }' "$work/times.txt" | median)"
i=0
for c in "${cmdlets[@]}"; do
  printf '| %-58s | %11s | %4s |\n' "first call: ${c%% -*}" "$(awk -v i=$i '$1 == "precompiled" && $2 == i { print $4 }' "$work/times.txt" | median)" \
    "$(awk -v i=$i '$1 == "il" && $2 == i { print $4 }' "$work/times.txt" | median)"
  i=$((i + 1))
done
