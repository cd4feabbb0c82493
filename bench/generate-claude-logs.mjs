#!/usr/bin/env node
// Generates a realistic Claude Code history for the import benchmark: thousands of session files under
// <out>/projects/<project>/<session>.jsonl, most small, a few of hundreds of MB, in the format Claude Code writes
// (compact JSON, one response written once per content block with the same message and request ids, tool results
// carrying file contents, subagent sidechains, API errors, interruptions, summaries, resumed sessions that copy
// earlier lines). Deterministic: the same size and seed give the same bytes.
//
//   [LARGE_SHARE=0.45] node generate-claude-logs.mjs <out-dir> [size-MB=1024] [seed=20261125]
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

const [out, sizeArg = '1024', seedArg = '20261125'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node generate-claude-logs.mjs <out-dir> [size-MB] [seed]');
  process.exit(2);
}

const targetBytes = Math.round(Number(sizeArg) * 1024 * 1024);
let state = Number(seedArg) >>> 0;
const rand = () => {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const logNormal = (median, sigma) => Math.round(median * Math.exp(sigma * Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand())));
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const b58 = (n) => Array.from({ length: n }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789'[int(0, 56)]).join('');

const words = ('the a to of and in is it for on that with this be as are at by from or an was not have can will but ' +
  'function return const value error test file config module import export class type string number array object ' +
  'update change fix bug build run check add remove refactor rename handler request response cache token model ' +
  'session user input output stream parse read write list map filter reduce async await promise index table row').split(' ');
const sentence = (n) => Array.from({ length: n }, () => pick(words)).join(' ');
const code = (lines) => Array.from({ length: lines }, (_, i) => `${'  '.repeat(i % 4)}${pick(['const', 'let', 'return', 'if', 'for', 'await'])} ${pick(words)}_${i} = ${pick(words)}(${pick(words)}, ${int(0, 999)});`).join('\n');
const prompts = ['please add a unit test for the parser', 'no, that is wrong, revert that change', 'why did you delete the config file?',
  'that still fails with the same error', 'looks good, now update the docs', 'can you explain what this function does',
  'rename the handler and keep the old name as an alias', 'thanks, that fixed it', 'stop changing the imports',
  'I said the second file, not the first one'];

const models = [['claude-sonnet-4-5-20250929', 0.7], ['claude-opus-4-1-20250805', 0.1], ['claude-haiku-4-5-20251001', 0.2]];
const model = () => { let r = rand(); for (const [m, p] of models) { if ((r -= p) < 0) return m; } return models[0][0]; };
const tools = ['Read', 'Bash', 'Edit', 'Grep', 'Glob', 'Write', 'TodoWrite'];

const start = Date.UTC(2025, 8, 1);
const dayMs = 86400000;
const projects = Array.from({ length: 40 }, (_, i) => `-home-dev-src-project-${i}`);
let written = 0;
let files = 0;
const copies = []; // whole responses (all their lines) kept for resumed sessions to replay, as Claude Code copies them

function session(path, sessionId, targetSize, t0) {
  const fd = openSync(path, 'w');
  let size = 0;
  let t = t0;
  let parent = null;
  const cwd = `/home/dev/src/${sessionId.slice(0, 6)}`;
  const base = (type, extra) => ({ parentUuid: parent, isSidechain: false, userType: 'external', cwd, sessionId, version: '2.0.14', gitBranch: 'main', type, ...extra });
  const emit = (obj) => {
    const line = JSON.stringify(obj) + '\n';
    writeSync(fd, line);
    size += line.length;
    if (obj.uuid) parent = obj.uuid;
  };
  const ts = (ms) => { t += ms; return new Date(t).toISOString(); };
  if (rand() < 0.3) emit({ type: 'summary', summary: sentence(6), leafUuid: uuid() });
  if (rand() < 0.05 && copies.length > 0) {
    for (const group of copies.slice(-int(1, 4))) for (const line of group) emit({ ...line, sessionId }); // a resumed session copies earlier responses
  }
  let cacheRead = int(0, 20000);
  while (size < targetSize) {
    const u = uuid();
    emit({ ...base('user', { message: { role: 'user', content: pick(prompts) + ' ' + sentence(int(5, 40)) } }), uuid: u, timestamp: ts(int(20000, 600000)) });
    const steps = int(1, 8);
    for (let s = 0; s < steps && size < targetSize; s++) {
      const m = model();
      const messageId = `msg_01${b58(22)}`;
      const requestId = `req_011C${b58(20)}`;
      const cacheWrite = int(0, 6000);
      const oneHour = rand() < 0.2 ? int(0, cacheWrite) : 0;
      cacheRead = Math.min(cacheRead + cacheWrite, 180000);
      const output = int(20, 2500);
      const usage = (out) => ({ input_tokens: int(1, 12), cache_creation_input_tokens: cacheWrite, cache_read_input_tokens: cacheRead,
        cache_creation: { ephemeral_5m_input_tokens: cacheWrite - oneHour, ephemeral_1h_input_tokens: oneHour }, output_tokens: out, service_tier: 'standard' });
      const blocks = [];
      if (rand() < 0.5) blocks.push({ type: 'thinking', thinking: sentence(int(10, 120)), signature: b58(300) });
      blocks.push({ type: 'text', text: sentence(int(5, 80)) });
      const toolId = `toolu_01${b58(22)}`;
      const tool = pick(tools);
      blocks.push({ type: 'tool_use', id: toolId, name: tool, input: tool === 'Write' ? { file_path: `${cwd}/src/${pick(words)}.ts`, content: code(int(10, 200)) } : { command: sentence(5) } });
      const partial = int(1, 12);
      const group = [];
      for (let b = 0; b < blocks.length; b++) {
        const line = { ...base('assistant', { message: { id: messageId, type: 'message', role: 'assistant', model: m, content: [blocks[b]], stop_reason: null, stop_sequence: null,
          usage: usage(b === blocks.length - 1 ? output : partial) }, requestId }), uuid: uuid(), timestamp: ts(int(200, 3000)) };
        emit(line);
        group.push(line);
      }
      if (rand() < 0.02) copies.push(group);
      const content = tool === 'Read' || tool === 'Bash' ? code(Math.min(4000, Math.max(1, logNormal(40, 1.3)))) : 'ok';
      const isError = rand() < 0.06;
      emit({ ...base('user', { message: { role: 'user', content: [{ tool_use_id: toolId, type: 'tool_result', content, ...(isError ? { is_error: true } : {}) }] },
        toolUseResult: tool === 'Read' ? { type: 'text', file: { filePath: `${cwd}/src/${pick(words)}.ts`, content, numLines: 10, startLine: 1, totalLines: 10 } } : { stdout: content, stderr: '', interrupted: false } }),
        uuid: uuid(), timestamp: ts(int(100, 20000)) });
      if (rand() < 0.08) {
        // a subagent at work in the same file
        const sub = { isSidechain: true };
        emit({ ...base('user', { ...sub, message: { role: 'user', content: sentence(30) } }), uuid: uuid(), timestamp: ts(500) });
        emit({ ...base('assistant', { ...sub, message: { id: `msg_01${b58(22)}`, type: 'message', role: 'assistant', model: 'claude-haiku-4-5-20251001',
          content: [{ type: 'text', text: sentence(40) }], stop_reason: 'end_turn', stop_sequence: null, usage: usage(int(50, 800)) }, requestId: `req_011C${b58(20)}` }), uuid: uuid(), timestamp: ts(4000) });
      }
    }
    if (rand() < 0.005) {
      emit({ ...base('assistant', { message: { id: uuid(), type: 'message', role: 'assistant', model: '<synthetic>', content: [{ type: 'text', text: 'API Error: 529 Overloaded' }],
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } }), isApiErrorMessage: true, uuid: uuid(), timestamp: ts(1000) });
    }
    if (rand() < 0.02) emit({ ...base('user', { message: { role: 'user', content: [{ type: 'text', text: '[Request interrupted by user]' }] } }), uuid: uuid(), timestamp: ts(1000) });
  }
  closeSync(fd);
  return size;
}

// Thousands of small and medium sessions (at most 8 MB each), and three large ones (45% of the corpus between them).
// LARGE_SHARE=0 leaves the large ones out (to show that peak memory follows the largest file, not the corpus).
const largeShare = Number(process.env.LARGE_SHARE ?? 0.45);
const largeSizes = largeShare > 0 ? [0.2, 0.15, 0.1].map((f) => Math.round(targetBytes * f * (largeShare / 0.45))) : [];
for (const [i, size] of largeSizes.entries()) {
  const dir = join(out, 'projects', projects[i]);
  mkdirSync(dir, { recursive: true });
  const id = uuid();
  written += session(join(dir, `${id}.jsonl`), id, size, start + i * dayMs);
  files++;
}
while (written < targetBytes) {
  const dir = join(out, 'projects', pick(projects));
  mkdirSync(dir, { recursive: true });
  const id = uuid();
  const size = Math.min(Math.max(logNormal(120 * 1024, 1.1), 2048), 8 * 1024 * 1024, targetBytes - written + 1024);
  written += session(join(dir, `${id}.jsonl`), id, size, start + Math.floor(rand() * 60 * dayMs));
  files++;
}
console.log(`${files} files, ${(written / 1048576).toFixed(1)} MiB in ${out}`);
