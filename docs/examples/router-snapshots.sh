#!/usr/bin/env bash
# Builds the README's router example: one quality snapshot a day of a router that picks a model tier per request,
# 200 predictions each, over 5 weeks; in the last week its confidence sinks, it rejects more and sends more traffic
# to premium, and on the last day it surfaces no suggestion at all. Each day's snapshot is taken at that day's time with faketime (apt-get install faketime), since a
# snapshot is stamped with the time it is computed. Deterministic: awk's generator with a fixed seed per day.
#
#   docs/examples/router-snapshots.sh STORE_DIR [END_DATE]     (END_DATE defaults to today, UTC)
set -euo pipefail
root=$1
end=${2:-$(date -u +%F)}
cli=${ZOS_CLI:-zos-telemetry}

records() { # seed drifting day silent
  awk -v seed="$1" -v drift="$2" -v day="$3" -v silent="$4" 'BEGIN {
    srand(seed)
    for (i = 0; i < 200; i++) {
      u = rand(); r = rand()
      reject = drift ? 0.12 : 0.04; premium = drift ? 0.50 : 0.36
      if (r < reject) { label = "unknown" } else if (r < reject + premium) { label = "premium" } else { label = "basic" }
      c = (drift ? 0.62 : 0.78) + (drift ? 0.20 : 0.17) * u
      if (label == "unknown") c = 0.30 + 0.15 * u
      p2 = (1 - c) * 0.7; p3 = 1 - c - p2
      tokens = int(50 + 1500 * rand())
      lang = (rand() < (drift ? 0.25 : 0.05)) ? "null" : int(1 + 5 * rand())
      suggested = (!silent && label != "unknown" && rand() < 0.3) ? "true" : "false"
      printf "{\"ts\": \"%sT%02d:%02d:00Z\", \"label\": \"%s\", \"confidence\": %.4f, \"probabilities\": [%.4f, %.4f, %.4f], \"features\": {\"tokens\": %d, \"lang\": %s}, \"suggested\": %s}\n", day, 8 + int(i / 20), (i * 3) % 60, label, c, c, p2, p3, tokens, lang, suggested
    }
  }'
}

for back in $(seq 35 -1 0); do
  day=$(date -u -d "$end - $back days" +%F)
  drifting=$([ "$back" -lt 7 ] && echo 1 || echo 0)
  # On the last day nothing is surfaced as a suggestion: the guardrail's case.
  records $((back + 100)) "$drifting" "$day" "$([ "$back" -eq 0 ] && echo 1 || echo 0)" |
    faketime "$day 20:00:00" $cli snapshot --root "$root" --system router --schema-version v3 >/dev/null
done
