#!/usr/bin/env node
// Entry script of the composite action (action/action.yml): runs `revgate compare` with the
// action's inputs, then writes the verdict, the run directory and the report paths to
// $GITHUB_OUTPUT and exits with revgate's exit code. Plain JavaScript ESM with no imports beyond
// node:*, so it runs before (and without) any build or devDependency.
//
// Inputs arrive as environment variables, set explicitly with `env:` in action.yml (a composite
// step does not get INPUT_* by itself): INPUT_SUITE (required), INPUT_BLUE, INPUT_GREEN,
// INPUT_ARGS (split on whitespace), INPUT_OUT (default revgate-reports), INPUT_VERSION (empty:
// the revgate of this action's repository; otherwise `npx revgate@<version>`).
// GITHUB_STEP_SUMMARY and GITHUB_ACTIONS are passed through untouched: revgate itself appends the
// job summary and prints the annotations (src/ci/github.ts).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The action's repository: action/.. (github.action_path/..). */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** revgate's compare exit codes (src/cli/exit-codes.ts); anything else is an error. */
const VERDICTS = { 0: 'pass', 1: 'fail', 2: 'inconclusive', 3: 'error', 4: 'invalid', 130: 'interrupted' };
const RUN_ERROR = 3;
const INVALID = 4;
const INTERRUPTED = 130;

/** The report files of a run directory, by output name (empty when the format was not written). */
const REPORTS = { 'report-json': 'report.json', 'summary-md': 'summary.md', 'junit-xml': 'junit.xml', 'report-html': 'report.html' };

const env = process.env;
const input = (name) => (env[`INPUT_${name}`] ?? '').trim();

/** Run directories (holding report.json) directly under `out`, with their modification times. */
function runDirs(out) {
  if (!existsSync(out)) return new Map();
  const dirs = new Map();
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    const dir = join(out, entry.name);
    if (entry.isDirectory() && existsSync(join(dir, 'report.json'))) dirs.set(dir, statSync(dir).mtimeMs);
  }
  return dirs;
}

/** The run this invocation wrote: a directory that was not there before (the newest if several).
 *  revgate has no flag to name the run id, so a before/after listing is the reliable way. */
function newRunDir(out, before) {
  const added = [...runDirs(out)].filter(([dir]) => !before.has(dir)).sort((a, b) => b[1] - a[1]);
  return added[0]?.[0] ?? '';
}

/** Append outputs with the multiline-safe `name<<DELIMITER` syntax (a path may hold anything). */
function writeOutputs(outputs) {
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    // Run by hand, outside a runner: show what the step would have exposed.
    for (const [k, v] of Object.entries(outputs)) process.stdout.write(`${k}=${v}\n`);
    return;
  }
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}

/** The command to run: this repository's CLI, or a published version through npx. */
function command(version) {
  if (version === '') return [process.execPath, [join(REPO, 'bin', 'revgate.js')]];
  // npx is a .cmd shim on Windows; spawn finds it only through a shell there.
  return ['npx', ['--yes', `revgate@${version}`]];
}

/** Spawn revgate and resolve its exit code (a child killed by a signal counts as interrupted). */
function run(file, args) {
  return new Promise((resolvePromise) => {
    const child = spawn(file, args, { stdio: 'inherit', env, shell: process.platform === 'win32' && file === 'npx' });
    child.on('error', (err) => {
      process.stderr.write(`revgate action: cannot start ${file}: ${err.message}\n`);
      resolvePromise(RUN_ERROR);
    });
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? INTERRUPTED : RUN_ERROR)));
  });
}

async function main() {
  const suite = input('SUITE');
  const out = resolve(input('OUT') || 'revgate-reports');
  const outputs = { verdict: '', 'exit-code': '', 'run-dir': '', ...Object.fromEntries(Object.keys(REPORTS).map((k) => [k, ''])) };

  let code;
  if (suite === '') {
    process.stderr.write('revgate action: the `suite` input is required\n');
    code = INVALID;
  } else {
    const args = ['compare', suite, '--out', out, '--progress', 'lines'];
    if (input('BLUE') !== '') args.push('--blue', input('BLUE'));
    if (input('GREEN') !== '') args.push('--green', input('GREEN'));
    // Split like the shell would without quotes: flags with values containing spaces are not supported.
    args.push(
      ...input('ARGS')
        .split(/\s+/)
        .filter((a) => a !== ''),
    );
    const before = runDirs(out);
    // A cancelled job signals the whole process group: let revgate write its partial report and
    // exit 130, and stay alive to record the outputs after it.
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
    const [file, prefix] = command(input('VERSION'));
    code = await run(file, [...prefix, ...args]);
    const dir = newRunDir(out, before);
    outputs['run-dir'] = dir;
    if (dir !== '') for (const [name, base] of Object.entries(REPORTS)) if (existsSync(join(dir, base))) outputs[name] = join(dir, base);
  }
  outputs.verdict = VERDICTS[code] ?? 'error';
  outputs['exit-code'] = String(code);
  writeOutputs(outputs);
  process.exitCode = code;
}

await main();
