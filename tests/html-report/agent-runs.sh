#!/usr/bin/env bash
# Adds eight agent runs of the system ci-agent to a store with the CLI, so the report has alerts and scores to show:
# agent-a succeeds three times in four and loops once (nine Bash calls in a row), agent-b succeeds once in four and
# has a burst of six errors in a minute. Runs lie 1 to 8 days back; costs are recorded, so every run is priced.
#   tests/html-report/agent-runs.sh STORE_DIR        ($ZOS_CLI: how to run the CLI, default zos-telemetry)
set -euo pipefail
root=$1
cli=${ZOS_CLI:-zos-telemetry}
zt() { $cli "$@" --root "$root" >/dev/null; }
at() { date -u -d "-$1 days $2 seconds" +%Y-%m-%dT%H:%M:%SZ; } # days back, then seconds later

run() { # session model outcome days-back loop-calls burst-errors
  local s=$1 model=$2 outcome=$3 back=$4 loop=$5 burst=$6 i
  zt append --session-id "$s" --system ci-agent --kind assistant_message --model "$model" --tokens-in 1200 --tokens-out 300 --cost-usd 0.04 --ts "$(at "$back" 0)"
  zt append --session-id "$s" --system ci-agent --kind tool_call --tool Read --ts "$(at "$back" 5)"
  for ((i = 0; i < loop; i++)); do
    zt append --session-id "$s" --system ci-agent --kind tool_call --tool Bash --ts "$(at "$back" $((10 + i * 4)))"
  done
  for ((i = 0; i < burst; i++)); do
    zt append --session-id "$s" --system ci-agent --kind error --error-category timeout --ts "$(at "$back" $((10 + i * 10)))"
  done
  zt append --session-id "$s" --system ci-agent --kind tool_call --tool Edit --ts "$(at "$back" 90)"
  zt close --session-id "$s" --outcome "$outcome"
}

run run-a1 agent-a success 8 9 0
run run-a2 agent-a success 6 0 0
run run-a3 agent-a failure 4 0 0
run run-a4 agent-a success 2 0 0
run run-b1 agent-b failure 7 0 6
run run-b2 agent-b success 5 0 0
run run-b3 agent-b failure 3 0 0
run run-b4 agent-b abandoned 1 0 0
