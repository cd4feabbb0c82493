#!/usr/bin/env bash
# The HTML report as a person would look at it: renders the sample store (and a copy whose system is named
# <script>alert(1)</script>) with the CLI, opens both in headless Chromium (Debian's chromium, installed here with
# apt-get when missing) and checks console, network, escaping and that every chart drew (check.mjs). Nothing is
# skipped: without Chromium or npm the run fails. The last line is "N passed, M failed".
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

shots=${ZOS_SCREENSHOT_DIR:-$work}
node tests/html-report/check.mjs --chromium "$chromium" --html "$work/report.html" --sessions "$work/sessions.jsonl" \
  --savings "$work/savings.json" --screenshot "$work/report-full.png" --first-screen "$shots/report-screenshot.png" \
  --hostile "$work/hostile.html" --hostile-name "$hostile"
