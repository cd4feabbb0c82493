#!/usr/bin/env node
// Compares daily totals: `ccusage claude daily --json` against `zos-telemetry report daily --json --system claude-code`
// (both in the same time zone). Tokens must be equal; cost within one cent a day. Prints one line per differing day and
// a summary; exits 1 when any day differs beyond that.
//
//   node compare-daily.mjs ccusage.json zos.json
import { readFileSync } from 'node:fs';

const [ccFile, zosFile] = process.argv.slice(2);
const cc = JSON.parse(readFileSync(ccFile, 'utf8'));
const zos = JSON.parse(readFileSync(zosFile, 'utf8'));
const ours = new Map(zos.rows.map((r) => [r.date, r]));
const theirs = new Map((cc.daily ?? []).map((d) => [d.date ?? d.period, d]));
const dates = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
let bad = 0;
let maxCost = 0;
for (const date of dates) {
  const a = theirs.get(date) ?? {};
  const b = ours.get(date) ?? {};
  const pairs = [
    ['input', a.inputTokens ?? 0, b.input_tokens ?? 0],
    ['output', a.outputTokens ?? 0, b.output_tokens ?? 0],
    ['cache write', a.cacheCreationTokens ?? 0, b.cache_write_tokens ?? 0],
    ['cache read', a.cacheReadTokens ?? 0, b.cache_read_tokens ?? 0],
  ];
  const costDiff = Math.abs((a.totalCost ?? a.costUSD ?? 0) - (b.cost_usd ?? 0));
  maxCost = Math.max(maxCost, costDiff);
  const tokenDiffs = pairs.filter(([, x, y]) => x !== y);
  if (tokenDiffs.length > 0 || costDiff >= 0.01) {
    bad++;
    console.log(`${date}: ${tokenDiffs.map(([n, x, y]) => `${n} ccusage ${x} vs ours ${y}`).join(', ')}${costDiff >= 0.01 ? ` cost differs by ${costDiff.toFixed(4)}` : ''}`);
  }
}
console.log(`${dates.length} days compared: ${dates.length - bad} equal (tokens exact, cost within $0.01), ${bad} differ; largest cost difference $${maxCost.toFixed(6)}`);
process.exit(bad === 0 ? 0 : 1);
