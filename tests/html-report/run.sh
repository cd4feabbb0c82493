#!/usr/bin/env bash
# The HTML report as a person would look at it: renders the sample store (and a copy whose system is named
# <script>alert(1)</script>, and a copy with quality snapshots and agent runs) with the CLI, opens them in headless Chromium (Debian's
# chromium, installed here with apt-get when missing, as is faketime) and checks console, network, escaping and that
# every chart drew (check.mjs). Nothing is skipped: without Chromium, faketime or npm the run fails. The last line is
# "N passed, M failed".
#   tests/html-report/run.sh [WORK_DIR]      ZOS_SCREENSHOT_DIR=docs refreshes the README's screenshot
set -uo pipefail
cd "$(dirname "$0")/../.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"

fail() { echo "html-report: $*"; echo "0 passed, 1 failed"; exit 1; }

chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
  chromium=$(command -v chromium || command -v chromium-browser || true)
fi
if [ -z "$chromium" ]; then
  echo "== Chromium is missing: apt-get install chromium"
  if command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update && apt-get install -y --no-install-recommends chromium; } >"$work/apt.txt" 2>&1 || { tail -n 20 "$work/apt.txt"; fail "apt-get could not install chromium"; }
    chromium=$(command -v chromium || true)
  fi
  [ -n "$chromium" ] || fail "no chromium on PATH and no apt-get to install it"
fi
echo "chromium: $chromium ($("$chromium" --version 2>/dev/null | head -n 1))"

# A snapshot is stamped with the time it is computed: faketime dates the fixture's snapshots over five weeks.
if ! command -v faketime >/dev/null 2>&1; then
  echo "== faketime is missing: apt-get install faketime"
  command -v apt-get >/dev/null 2>&1 || fail "no faketime on PATH and no apt-get to install it"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends faketime || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends faketime; }; } >"$work/apt-faketime.txt" 2>&1 \
    || { tail -n 20 "$work/apt-faketime.txt"; fail "apt-get could not install faketime"; }
fi

PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/html-report --no-audit --no-fund >"$work/npm.txt" 2>&1 \
  || { cat "$work/npm.txt"; fail "npm ci failed in tests/html-report"; }

dotnet build src/ZosTelemetry.Cli -c Release >"$work/build.txt" 2>&1 || { tail -n 30 "$work/build.txt"; fail "the CLI did not build"; }
zos() { dotnet src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll "$@"; }

zos report html --root samples/store --output "$work/report.html" --json || fail "report html failed on the sample store"
zos sessions --root samples/store >"$work/sessions.jsonl" || fail "sessions failed"
zos savings --root samples/store --json >"$work/savings.json" || fail "savings failed"

# A store whose second system has a name that is markup (the CLI refuses such names; a hand-edited or merged store need not).
hostile='<script>alert(1)</script>'
rm -rf "$work/hostile" && cp -r samples/store "$work/hostile"
sed -i 's|"system":"codex"|"system":"<script>alert(1)</script>"|g' "$work/hostile"/*.jsonl
zos report html --root "$work/hostile" --output "$work/hostile.html" >/dev/null || fail "report html failed on the hostile store"

# The sample store with quality snapshots of two classifiers, from tests/html-report/predictions-*.jsonl: router steady
# for four weeks and drifting in the last one, intent steady throughout. No snapshot lies near a window's edge (7 and
# 37 days back), so the report and `snapshots --compare`, run seconds apart, pool the same ones. Then eight agent runs
# (tests/html-report/agent-runs.sh), with a loop, an error burst and outcomes, for the alerts and the scores.
rm -rf "$work/snap" && cp -r samples/store "$work/snap"
for back in 34 27 20 13 9 5 3 1; do
  day=$(date -u -d "-$back days" +%F)
  router=tests/html-report/predictions-steady.jsonl
  [ "$back" -lt 7 ] && router=tests/html-report/predictions-drifting.jsonl
  faketime "$day 12:00:00" dotnet src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll snapshot --root "$work/snap" --system router <"$router" >/dev/null \
    || fail "snapshot failed (router, $day)"
  if [ $((back % 2)) -eq 1 ]; then
    faketime "$day 14:00:00" dotnet src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll snapshot --root "$work/snap" --system intent <tests/html-report/predictions-steady.jsonl >/dev/null \
      || fail "snapshot failed (intent, $day)"
  fi
done
ZOS_CLI="dotnet src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll" bash tests/html-report/agent-runs.sh "$work/snap" || fail "agent-runs.sh failed"
zos report html --root "$work/snap" --output "$work/full.html" >/dev/null || fail "report html failed on the store with snapshots and agent runs"
zos sessions --root "$work/snap" >"$work/full-sessions.jsonl" || fail "sessions failed (full store)"
zos savings --root "$work/snap" --json >"$work/full-savings.json" || fail "savings failed (full store)"
zos snapshots --root "$work/snap" --json >"$work/snapshots.jsonl" || fail "snapshots failed"
zos snapshots --compare --root "$work/snap" --json >"$work/drift.json" || fail "snapshots --compare failed"
zos alerts --root "$work/snap" --json >"$work/alerts.json" || fail "alerts failed"
zos score --root "$work/snap" --json >"$work/scores.json" || fail "score failed"

shots=${ZOS_SCREENSHOT_DIR:-$work}
node tests/html-report/check.mjs --chromium "$chromium" --html "$work/report.html" --sessions "$work/sessions.jsonl" \
  --savings "$work/savings.json" --screenshot "$work/report-full.png" --first-screen "$shots/report-screenshot.png" \
  --hostile "$work/hostile.html" --hostile-name "$hostile" \
  --full-html "$work/full.html" --full-sessions "$work/full-sessions.jsonl" --full-savings "$work/full-savings.json" \
  --snapshots "$work/snapshots.jsonl" --drift "$work/drift.json" --alerts "$work/alerts.json" --scores "$work/scores.json" \
  --full-screenshot "$work/full.png"
