#!/usr/bin/env bash
# Regenerates samples/store: two assistants' sessions captured the way a hook would capture them, through the
# real CLI. User messages go through --mark-stdin, so the store holds markers only; the messages below never
# reach it. Deterministic (fixed RANDOM seed and fixed timestamps), so the sample only changes with the code.
# usage: samples/generate.sh [path/to/zos-telemetry.dll]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dll=${1:-$here/../src/ZosTelemetry.Cli/bin/Release/net8.0/zos-telemetry.dll}
root=$here/store
rm -rf "$root"
zt() { dotnet "$dll" "$@" --root "$root"; }

corrections=(
  "no, that's wrong, the timeout is in milliseconds"
  "you misunderstood, I wanted the total per customer"
  "revert that, the old version was fine"
  "still failing with the same error"
  "I said Postgres, not MySQL"
  "that's not what I asked for"
  "stop, don't touch the tests"
  "you broke the build"
  "wrong file, I meant billing.ts"
)
others=(
  "add pagination to the orders endpoint"
  "looks good, commit it"
  "thanks, that fixed it"
  "how do I run only one test?"
  "right, go ahead"
  "no worries, take your time"
  "now write tests for the parser"
  "is that right?"
  "perfect, ship it"
  "can you explain this regex?"
)

RANDOM=20260610
session_run() { # system model in_price out_price correction_percent session_number day
  local system=$1 model=$2 pin=$3 pout=$4 corr_pct=$5 n=$6 day=$7
  local sid="$system-$(printf '%03d' "$n")"
  local turns=$((3 + RANDOM % 9)) minute=0 hour=$((9 + RANDOM % 8))
  for ((t = 0; t < turns; t++)); do
    local ts; ts=$(printf '2026-%s:%02d:00Z' "$day" "$((minute % 60))")
    ts=${ts/HH/$(printf '%02d' $((hour + minute / 60)))}
    local msg
    if (( RANDOM % 100 < corr_pct )); then msg=${corrections[RANDOM % ${#corrections[@]}]}; else msg=${others[RANDOM % ${#others[@]}]}; fi
    printf '%s' "$msg" | zt append --session-id "$sid" --system "$system" --kind user_message --role user \
      --context work --ts "$ts" --mark-stdin
    local tin=$((800 + RANDOM % 4000)) tout=$((150 + RANDOM % 1200))
    local cost; cost=$(awk -v i="$tin" -v o="$tout" -v pi="$pin" -v po="$pout" 'BEGIN { printf "%.6f", (i * pi + o * po) / 1000000 }')
    minute=$((minute + 1 + RANDOM % 4))
    ts=$(printf '2026-%s:%02d:30Z' "$day" "$((minute % 60))"); ts=${ts/HH/$(printf '%02d' $((hour + minute / 60)))}
    zt append --session-id "$sid" --system "$system" --kind assistant_message --role assistant --context work \
      --model "$model" --tokens-in "$tin" --tokens-out "$tout" --cost-usd "$cost" --ts "$ts"
    minute=$((minute + 1 + RANDOM % 6))
  done
  zt close --session-id "$sid" > /dev/null
}

for n in $(seq 1 32); do
  day=$(printf '%s-%02dTHH' $((10 + (n - 1) / 28)) $((1 + (n - 1) % 28)))
  session_run claude-code claude-sonnet-4-5 3 15 18 "$n" "$day"
done
for n in $(seq 1 28); do
  day=$(printf '%s-%02dTHH' $((10 + (n - 1) / 28)) $((2 + (n - 1) % 27)))
  session_run codex gpt-5-codex 1.25 10 30 "$n" "$day"
done
echo "wrote $(cat "$root"/events-*.jsonl | wc -l) events and $(cat "$root"/sessions-*.jsonl | wc -l) sessions to $root"
