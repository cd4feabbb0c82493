// Opens HTML reports in headless Chromium as a person would and checks what they would see: the page loads with no
// console error and no network request, has no script, and every chart drew (its SVG has the number of marks the
// store's data implies, each with a size). Takes a full-page screenshot of the first page.
//
//   node check.mjs --html report.html --sessions sessions.jsonl --savings savings.json --screenshot shot.png
//                  [--first-screen top.png] [--hostile report2.html --hostile-name '<script>…'] [--chromium /usr/bin/chromium]
//                  [--full-html report3.html --full-sessions s3.jsonl --full-savings s3.json --snapshots snapshots.jsonl
//                   --drift drift.json [--alerts alerts.json --scores scores.json] --full-screenshot shot3.png]
//
// sessions.jsonl is `zos-telemetry sessions` and savings.json `zos-telemetry savings --json` over the same store: the
// expected marks are counted from them here, independently of the C# that drew the charts. report3.html is a store
// with quality snapshots and agent runs besides: its own sessions and savings, snapshots.jsonl `snapshots --json`,
// drift.json `snapshots --compare --json`, alerts.json `alerts --json` and scores.json `score --json` over it.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    html: { type: 'string' }, sessions: { type: 'string' }, savings: { type: 'string' }, screenshot: { type: 'string' },
    'first-screen': { type: 'string' }, hostile: { type: 'string' }, 'hostile-name': { type: 'string' }, chromium: { type: 'string', default: '/usr/bin/chromium' },
    'full-html': { type: 'string' }, 'full-sessions': { type: 'string' }, 'full-savings': { type: 'string' }, snapshots: { type: 'string' },
    drift: { type: 'string' }, alerts: { type: 'string' }, scores: { type: 'string' }, 'full-screenshot': { type: 'string' },
  },
});
for (const k of ['html', 'sessions', 'savings', 'screenshot']) {
  if (!opt[k]) { console.error(`check.mjs: --${k} is required`); process.exit(2); }
}

let passed = 0, failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`  ok   ${name}`); } else { failed++; console.log(`  FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

// The marks each chart must have, from the store's own rows (see HeadToHeadSection, TrendsSection, CostSection).
function expectedMarks(sessionsFile, savingsFile) {
  const sessions = readFileSync(sessionsFile, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
  const savings = JSON.parse(readFileSync(savingsFile, 'utf8'));
  const bySystem = new Map();
  for (const s of sessions) bySystem.set(s.system, (bySystem.get(s.system) ?? []).concat([s]));
  const systems = [...bySystem.entries()].sort((x, y) => y[1].length - x[1].length || (x[0] < y[0] ? -1 : 1)).map(e => e[0]);
  const [a, b] = systems;
  const metrics = {
    corrections_per_session: () => true,
    correction_rate_per_user_turn: s => s.user_turns > 0,
    cost_usd_per_session: s => !(s.unpriced_events > 0),
    tokens_per_session: () => true,
    turns_per_session: () => true,
    user_turns_per_session: () => true,
    duration_s_per_session: () => true,
  };
  const expected = {};
  for (const [metric, applies] of Object.entries(metrics)) {
    const na = bySystem.get(a).filter(applies).length, nb = bySystem.get(b).filter(applies).length;
    const side = n => (n > 0 ? 2 + (n <= 400 ? n : 0) : 0); // box + mean (+ a dot per session up to 400)
    expected[`h2h-${metric}`] = side(na) + side(nb) + (na > 0 && nb > 0 ? 2 : 0); // + interval + difference
  }
  const charted = Math.min(systems.length, 8);
  for (const t of ['corrections', 'cost', 'tokens']) expected[`trend-${t}`] = 2 * charted; // daily + 7-day line each
  expected['cost-baseline'] = 3;
  expected['cost-tiers'] = savings.by_tier.filter(t => t.call_share > 0).length + savings.by_tier.filter(t => t.cost_share > 0).length;
  expected['cost-models'] = Math.min(12, savings.by_model.length);
  return expected;
}

// The snapshot-drift charts' marks (see SnapshotDriftSection): a baseline and a recent bar for each of mean confidence
// and reject rate where the window has a figure; over time, per system a line per metric with two points or more and,
// up to 120 snapshots, a dot (confidence) and a diamond (reject rate) per snapshot.
function expectedDriftMarks() {
  const snapshots = readFileSync(opt.snapshots, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
  const drift = JSON.parse(readFileSync(opt.drift, 'utf8'));
  const expected = {};
  const bars = drift.rows.filter(r => r.metric === 'mean_confidence' || r.metric === 'reject_rate');
  if (drift.rows.length > 0) expected['drift-recent'] = bars.filter(r => r.baseline !== null).length + bars.filter(r => r.recent !== null).length;
  const bySystem = new Map();
  for (const s of snapshots) bySystem.set(s.system, (bySystem.get(s.system) ?? []).concat([s]));
  let marks = 0;
  for (const all of bySystem.values()) {
    const conf = all.filter(s => s.confidence_stats !== null).length;
    const dots = all.length <= 120;
    marks += (conf >= 2 ? 1 : 0) + (all.length >= 2 ? 1 : 0) + (dots || conf === 1 ? conf : 0) + (dots || all.length === 1 ? all.length : 0);
  }
  if (snapshots.length > 0) expected['drift-over-time'] = marks;
  return { expected, drift };
}

// The alerts and scores charts' marks (see AlertsSection, ScoresSection): one per alert up to the newest 300; an
// interval and a dot for each of the 20 best-ranked models with a success rate.
function expectedAgentMarks() {
  const alerts = JSON.parse(readFileSync(opt.alerts, 'utf8')).alerts;
  const scores = JSON.parse(readFileSync(opt.scores, 'utf8')).groups;
  const expected = {};
  if (alerts.length > 0) expected['alerts-timeline'] = Math.min(300, alerts.length);
  const rated = scores.filter(g => g.success_rate !== null).length;
  if (rated > 0) expected['score-success'] = 2 * Math.min(20, rated);
  return { expected, alerts, scores };
}

async function open(context, file) {
  const page = await context.newPage();
  const url = pathToFileURL(resolve(file)).href;
  const errors = [], requests = [];
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
  page.on('request', r => { if (r.url() !== url) requests.push(r.url()); });
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300); // let anything deferred (there should be nothing) happen before counting
  return { page, errors, requests, loaded: response === null || response.ok() };
}

async function charts(page) {
  return page.$$eval('figure[data-chart]', figures => figures.map(f => {
    const svg = f.querySelector('svg');
    const marks = svg ? [...svg.querySelectorAll('.mark')] : [];
    const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    const empty = marks.filter(m => { const b = m.getBBox(); return !(b.width > 0 || b.height > 0); }).length;
    return {
      id: f.dataset.chart, declared: Number(f.dataset.marks), marks: marks.length, empty,
      svgArea: box.width * box.height, title: f.querySelector('figcaption')?.textContent ?? '',
      hasAxisTitle: svg ? svg.querySelectorAll('.axis-title').length > 0 : false,
      hasTable: f.querySelector('details table') !== null, hasSource: f.querySelector('.source') !== null,
    };
  }));
}

const profile = mkdtempSync(join(tmpdir(), 'zos-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: opt.chromium, headless: true, viewport: { width: 900, height: 1100 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
// Loads a report and checks what every page must hold: no error, request or script, the store note, and exactly the
// expected charts, each with its marks, a size, a title, an axis title, a source note and a data table.
async function checkPage(file, expected) {
  const { page, errors, requests, loaded } = await open(context, file);
  check('page loaded', loaded);
  check('no console errors or warnings', errors.length === 0, errors.join(' | '));
  check('no network requests', requests.length === 0, requests.join(' '));
  check('no script elements', (await page.$$('script')).length === 0);
  check('store note says what the store held', /closed sessions?, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(UTC\), detector version/.test(await page.textContent('#store-note')));
  const found = await charts(page);
  check('every expected chart is on the page', Object.keys(expected).every(id => found.some(c => c.id === id)),
    `missing ${Object.keys(expected).filter(id => !found.some(c => c.id === id)).join(', ')}`);
  for (const c of found) {
    check(`${c.id}: drew ${c.marks} marks, as the data implies (${expected[c.id]})`, c.marks === expected[c.id] && c.declared === c.marks && c.marks > 0,
      `drawn ${c.marks}, declared ${c.declared}, expected ${expected[c.id]}`);
    check(`${c.id}: every mark has a size, the SVG is on screen`, c.empty === 0 && c.svgArea > 0, `${c.empty} empty marks, svg area ${c.svgArea}`);
    check(`${c.id}: title, axis title, source note and data table`, c.title.length > 0 && c.hasAxisTitle && c.hasSource && c.hasTable);
  }

  return page;
}

try {
  console.log(`report: ${opt.html}`);
  const page = await checkPage(opt.html, expectedMarks(opt.sessions, opt.savings));
  check('no snapshots: the drift section says so in words', /The store holds no quality snapshots: no drift to show\./.test(await page.textContent('#snapshot-drift')));

  await page.screenshot({ path: opt.screenshot, fullPage: true });
  check(`screenshot written (${opt.screenshot})`, readFileSync(opt.screenshot).length > 10_000);
  if (opt['first-screen']) {
    await page.screenshot({ path: opt['first-screen'] }); // what a reader sees first: the README's picture
  }

  // Dark mode and print must still draw every chart.
  await page.emulateMedia({ colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check('dark mode changes the background', bg !== 'rgb(255, 255, 255)', bg);
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  const printed = await charts(page);
  check('print keeps every chart drawn', printed.every(c => c.svgArea > 0 && c.empty === 0));

  if (opt.hostile) {
    console.log(`report with a hostile system name: ${opt.hostile}`);
    const h = await open(context, opt.hostile);
    const name = opt['hostile-name'];
    check('hostile page: no console errors', h.errors.length === 0, h.errors.join(' | '));
    check('hostile page: no network requests', h.requests.length === 0, h.requests.join(' '));
    check('hostile page: no script, img or event-handler elements', await h.page.evaluate(() =>
      document.querySelectorAll('script,img,iframe,object,embed').length === 0
      && ![...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))));
    check('hostile page: the name renders as text', (await h.page.textContent('body')).includes(name));
    check('hostile page: the name is a chart label, as text', await h.page.evaluate(n => [...document.querySelectorAll('svg text')].some(t => t.textContent.includes(n.slice(0, 10))), name));
  }

  if (opt['full-html']) {
    console.log(`report of a store with quality snapshots and agent runs: ${opt['full-html']}`);
    const { expected: drift, drift: report } = expectedDriftMarks();
    check('the store has both drift charts to check', 'drift-recent' in drift && 'drift-over-time' in drift, JSON.stringify(drift));
    const agent = opt.alerts ? expectedAgentMarks() : null;
    if (agent) {
      check('the store has an alerts chart and a score chart to check', 'alerts-timeline' in agent.expected && 'score-success' in agent.expected, JSON.stringify(agent.expected));
    }

    const s = await checkPage(opt['full-html'], { ...expectedMarks(opt['full-sessions'], opt['full-savings']), ...drift, ...(agent?.expected ?? {}) });
    const text = await s.textContent('#snapshot-drift');
    const drifted = report.rows.filter(r => r.drifted);
    check(`drift: the ${drifted.length} changes past their thresholds are flagged, and only they`,
      drifted.length > 0 && drifted.every(r => text.includes(`⚠ ${r.system}: `)) && (text.match(/past the threshold of/g) ?? []).length === drifted.length,
      `${(text.match(/past the threshold of/g) ?? []).length} flags on the page`);
    const systems = [...new Set(report.rows.map(r => r.system))];
    check('drift: a heading and tiles per system', await s.evaluate(names => names.every(n =>
      [...document.querySelectorAll('#snapshot-drift h3')].some(h => h.textContent === n)), systems));
    if (agent) {
      // The list and the table are shown (not folded away) and hold every alert and every scored model.
      const listed = await s.$$eval('#alert-list tbody tr', rows => rows.map(r => [...r.children].map(c => c.textContent)));
      check(`alerts: the list shows ${Math.min(300, agent.alerts.length)} alerts, each with type, severity, session and figures`,
        listed.length === Math.min(300, agent.alerts.length) && agent.alerts.every(a => listed.some(r => r[1] === a.type && r[2] === a.severity && r[3] === a.session_id && r[5].length > 0))
        && await s.isVisible('#alert-list table'), JSON.stringify(listed));
      const table = await s.$$eval('#score-table tbody tr', rows => rows.map(r => [...r.children].map(c => c.textContent)));
      const pct = v => (100 * v).toFixed(1) + '%';
      check(`scores: the table ranks ${agent.scores.length} models with success rates and Wilson intervals as score --json`,
        table.length === agent.scores.length && agent.scores.every((g, i) => table[i][0] === String(g.rank) && table[i][1] === g.group
          && (g.success_rate === null ? table[i][5] === '–' : table[i][5] === `${pct(g.success_rate_ci95[0])}–${pct(g.success_rate_ci95[1])}`))
        && await s.isVisible('#score-table table'), JSON.stringify(table.slice(0, 4)));
    }

    await s.emulateMedia({ colorScheme: 'dark' });
    check('dark mode keeps the charts drawn', (await charts(s)).every(c => c.svgArea > 0 && c.empty === 0));
    if (opt['full-screenshot']) await s.screenshot({ path: opt['full-screenshot'], fullPage: true });
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
