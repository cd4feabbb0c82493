#!/usr/bin/env node
// Parse-only syntax check for PowerShell files (*.ps1, *.psm1, *.psd1), for
// machines without pwsh. Uses the tree-sitter PowerShell grammar from the npm
// package `tree-sitter-pwsh` (its bundled tree-sitter-powershell.wasm) run by
// `web-tree-sitter`: pure WASM, no native build, no network beyond `npm ci`.
//
// Usage: node tests/ps-syntax/check.mjs <file-or-dir>...
//   Directories are searched recursively (skipping node_modules, bin, obj,
//   .git); files named explicitly are checked whatever their extension.
//   stdout: `ok PATH` / `FAIL PATH` per file, then `N passed, N failed`.
//   stderr: `PATH:LINE:COL: syntax error near '<snippet>'` per error.
//   Exit: 0 all parse, 1 some file failed, 2 usage error / no files found.
//
// Known limits. This is a grammar approximation, not PowerShell's parser.
// False errors on VALID PowerShell with tree-sitter-pwsh 0.38.1 (rewrite the
// line, e.g. add a newline or `;`, if you hit one):
// - null-conditional access `${a}?.b` / `${a}?[0]` (PS 7.1+) and variable
//   names containing `?` (`$a?`);
// - `break` / `continue` with a label (`break outer`);
// - several switch clauses on ONE line without `;`:
//   `switch ($x) { 'a' {1} 'b' {2} }` (one clause per line is fine);
// - in a function/filter body, code on the same line after `param(...)`:
//   `function f { param($x) $x }` (script blocks `{ param($x) $x }` are fine);
// - Unicode dashes as operator prefix (`$a –eq 1`).
// Missed errors: only syntax is checked, none of the semantic errors pwsh's
// parser reports (duplicate parameters, bad attribute arguments, ...), and a
// keyword used wrongly may parse as a command (`try { }` without catch passes).
// The older `tree-sitter-powershell` 0.26.4 grammar was rejected: it also
// fails on ternary `? :`, `??`/`??=`, `clean {}`, `[Flags()] enum`,
// `: base()` constructors, `. $PSScriptRoot/x.ps1`, line-initial `|`, ...
// Error positions are tree-sitter's recovery points (an unclosed brace is
// reported at end of file); columns are 1-based UTF-16 code units.
// PS_SYNTAX_WASM=/path/to/grammar.wasm overrides the grammar (for trying others).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import v8 from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

// V8's optimizing tier-up of the ~2 MB grammar .wasm costs ~10 s of CPU (and
// blocks process exit) on every run; the baseline compiler alone parses fast.
// Must be set before the first WebAssembly compile (in Parser.init()).
v8.setFlagsFromString('--liftoff-only');

const EXTENSIONS = new Set(['.ps1', '.psm1', '.psd1']);
const SKIP_DIRS = new Set(['node_modules', 'bin', 'obj', '.git']);
const MAX_ERRORS_PER_FILE = 20;

function usage(message) {
  if (message) console.error(`check.mjs: ${message}`);
  console.error('usage: node tests/ps-syntax/check.mjs <file-or-dir>...');
  process.exit(2);
}

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    console.error(`check.mjs: cannot read directory ${dir}: ${err.message}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) collect(path, out);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      // Symlinked directories are not followed (no cycles); symlinked files are.
      if (!EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
      try {
        if (statSync(path).isFile()) out.push(path);
      } catch {
        // dangling symlink
      }
    }
  }
}

// PowerShell files are often UTF-8 with BOM, sometimes UTF-16 (Windows PowerShell).
function decode(buf) {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return buf.subarray(3).toString('utf8');
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return buf.subarray(2).toString('utf16le');
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return buf.toString('utf8');
}

function snippetAt(source, node) {
  const firstLine = (s) => s.split(/\r?\n/).find((l) => l.trim()) ?? '';
  let text = node.isMissing ? '' : firstLine(node.text);
  if (!text.trim()) {
    // Zero-width (MISSING) node: the rest of its line, else the last
    // non-blank line before it (e.g. a brace left open at end of file).
    const start = node.startIndex;
    text = source.slice(start).split(/\r?\n/)[0];
    if (!text.trim()) {
      text = source.slice(0, start).split(/\r?\n/).filter((l) => l.trim()).pop() ?? '';
    }
  }
  text = text.trim().replace(/\s+/g, ' ');
  if (!text) return '<end of file>';
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

// Outermost ERROR nodes and all MISSING nodes, in document order. A MISSING
// token of a hidden rule (e.g. `_statement_boundary`) is not reachable through
// the node API at all, so a node that has an error but no child with one is
// reported itself (its start position and text).
function findErrors(root) {
  const errors = [];
  const visit = (node) => {
    if (errors.length >= MAX_ERRORS_PER_FILE) return;
    if (node.isError || node.isMissing) {
      errors.push(node);
      return;
    }
    if (!node.hasError) return;
    const before = errors.length;
    let childWithError = false;
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (child.hasError || child.isMissing) childWithError = true;
      visit(child);
    }
    if (!childWithError && errors.length === before) errors.push(node);
  };
  visit(root);
  return errors;
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) usage('no paths given');
  if (args.some((a) => a === '-h' || a === '--help')) usage();

  const files = [];
  for (const arg of args) {
    let st;
    try {
      st = statSync(arg);
    } catch {
      usage(`no such file or directory: ${arg}`);
    }
    if (st.isDirectory()) collect(arg, files);
    else files.push(arg);
  }
  const unique = [...new Set(files)];
  if (unique.length === 0) {
    console.error(`check.mjs: no *.ps1, *.psm1 or *.psd1 files found under: ${args.join(' ')}`);
    process.exit(2);
  }

  const wasm =
    process.env.PS_SYNTAX_WASM ||
    createRequire(import.meta.url).resolve('tree-sitter-pwsh/tree-sitter-powershell.wasm');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm));

  let passed = 0;
  let failed = 0;
  for (const path of unique) {
    let problems = [];
    try {
      const source = decode(readFileSync(path));
      const tree = parser.parse(source);
      if (!tree) throw new Error('parser returned no tree');
      problems = findErrors(tree.rootNode).map((node) => {
        const { row, column } = node.startPosition;
        return `${path}:${row + 1}:${column + 1}: syntax error near '${snippetAt(source, node)}'`;
      });
      tree.delete();
    } catch (err) {
      problems = [`${path}:1:1: cannot check file: ${err.message}`];
    }
    if (problems.length === 0) {
      passed++;
      console.log(`ok ${path}`);
    } else {
      failed++;
      for (const p of problems) console.error(p);
      console.log(`FAIL ${path}`);
    }
  }
  parser.delete();
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
