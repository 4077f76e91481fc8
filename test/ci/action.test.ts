// The composite action (action/): its entry script run as the runner runs a composite step —
// inputs as INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, GITHUB_ACTIONS=true,
// a workspace as cwd — against the reference service; and action.yml's wiring (inputs through env,
// outputs mapped, runtime-only install, cache, upload before the failing step).
// The entry script spawns bin/revgate.js: needs `npm run build` (dist/), as `npm test` does.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { readReport, ROOT, writeSuite } from '../e2e/helpers.js';

const ENTRY = join(ROOT, 'action/run.mjs');
const DIST_MAIN = join(ROOT, 'dist/src/cli/main.js');
const OUTPUTS = ['verdict', 'exit-code', 'run-dir', 'report-json', 'summary-md', 'junit-xml', 'report-html'];
const CODES: Record<string, number> = { pass: 0, fail: 1, inconclusive: 2, error: 3, invalid: 4, interrupted: 130 };

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

/** Parse a $GITHUB_OUTPUT file: `name=value` lines and `name<<DELIM` … `DELIM` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`unterminated ${heredoc[1]} in GITHUB_OUTPUT`);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Run action/run.mjs in `workspace` the way a composite step does, with a minimal environment. */
async function runAction(workspace: string, inputs: Record<string, string>): Promise<ActionRun> {
  const files = await mkdtemp(join(tmpdir(), 'revgate-runner-'));
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'step_summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k}`] = v;
  const child = spawn(process.execPath, [ENTRY], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, stdout, stderr, outputs: parseOutputs(await readFile(outputFile, 'utf8')), summary: await readFile(summaryFile, 'utf8') };
}

/** A workspace (the suite's temp dir) with a suite over a blue and a green reference service. */
async function workspace(greenFlaws: Parameters<typeof startPharmabot>[0] = {}) {
  const blue = await startPharmabot({ seed: 1 });
  const green = await startPharmabot({ seed: 2, ...greenFlaws });
  bots.push(blue, green);
  // Suite URLs point nowhere: the action's blue/green inputs must override them.
  const s = await writeSuite({
    blue: 'http://127.0.0.1:9/v1',
    green: 'http://127.0.0.1:9/v1',
    report: { formats: ['json', 'md', 'junit', 'html'] },
  });
  return { dir: s.dir, blue: `${blue.url}/v1`, green: `${green.url}/v1` };
}

describe('action/run.mjs, run as a composite step', () => {
  it.each([
    { label: 'a good green', green: {}, expected: 'pass' },
    { label: 'a flawed green', green: { flaws: { shortAnswers: true, refusalRate: 0.5 } }, expected: 'fail' },
  ])('$label: exit code = verdict code, outputs in GITHUB_OUTPUT, summary in GITHUB_STEP_SUMMARY', async ({ green, expected }) => {
    if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` before this test (\`npm test\` does)`);
    const ws = await workspace(green);
    const run = await runAction(ws.dir, { SUITE: 'suite.yaml', BLUE: ws.blue, GREEN: ws.green, ARGS: '--seed 7', OUT: 'gate-reports' });

    expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUTS].sort());
    const report = await readReport(run.outputs['run-dir']!);
    expect(run.outputs['verdict']).toBe(report.verdict.status);
    expect(run.code, run.stderr).toBe(CODES[report.verdict.status]);
    expect(run.outputs['exit-code']).toBe(String(run.code));
    // The flawed green must not pass (the labels are not decoration).
    expect(run.outputs['verdict']).toBe(expected);

    // The run dir is the new directory under the `out` input, in the workspace.
    expect(run.outputs['run-dir']!.startsWith(join(ws.dir, 'gate-reports'))).toBe(true);
    const files: Record<string, string> = {
      'report-json': 'report.json',
      'summary-md': 'summary.md',
      'junit-xml': 'junit.xml',
      'report-html': 'report.html',
    };
    for (const [name, file] of Object.entries(files)) expect(run.outputs[name], name).toBe(join(run.outputs['run-dir']!, file));
    for (const name of ['report-json', 'summary-md', 'junit-xml', 'report-html']) expect(existsSync(run.outputs[name]!), name).toBe(true);
    // The inputs reached compare: the URLs replaced the suite's dead ones, --seed came from args.
    expect(report.targets.blue.url).toBe(ws.blue);
    expect(report.targets.green.url).toBe(ws.green);
    expect(report.config.sampling.seed).toBe(7);

    // revgate wrote the job summary itself (GITHUB_STEP_SUMMARY) and, on a non-pass, annotations.
    expect(run.summary).toBe(`${await readFile(run.outputs['summary-md']!, 'utf8')}\n`);
    expect(run.summary).toMatch(new RegExp(`^## revgate: \\*\\*${report.verdict.status.toUpperCase()}\\*\\*`));
    if (run.code !== 0) expect(run.stdout).toMatch(/^::error title=revgate /m);
  });

  it('without a suite: verdict invalid, exit 4, empty paths, nothing run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revgate-ws-'));
    const run = await runAction(dir, { SUITE: '' });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/`suite` input is required/);
    expect(run.outputs).toEqual({
      verdict: 'invalid',
      'exit-code': '4',
      'run-dir': '',
      'report-json': '',
      'summary-md': '',
      'junit-xml': '',
      'report-html': '',
    });
  });

  it('an invalid suite: revgate exits 4 and the outputs say so, with no run dir', async () => {
    if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` first`);
    const dir = await mkdtemp(join(tmpdir(), 'revgate-ws-'));
    await writeFile(join(dir, 'suite.yaml'), 'name: broken\nthresholds: 12\n');
    const run = await runAction(dir, { SUITE: 'suite.yaml' });
    expect(run.code, run.stderr).toBe(4);
    expect(run.outputs['verdict']).toBe('invalid');
    expect(run.outputs['run-dir']).toBe('');
  });
});

// ---- action.yml -----------------------------------------------------------------------------

type Loose = any;
interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
  'working-directory'?: string;
}

describe('action/action.yml', () => {
  const action: Loose = parse(readFileSync(join(ROOT, 'action/action.yml'), 'utf8'), { uniqueKeys: true });
  const steps = action.runs.steps as Step[];
  const compare = steps.find((s) => s.id === 'compare')!;

  it('is a composite action whose inputs are described and reach run.mjs through env only', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.suite.required).toBe(true);
    for (const input of Object.values<Loose>(action.inputs)) expect(typeof input.description).toBe('string');
    expect(compare.run).toBe('node "$GITHUB_ACTION_PATH/run.mjs"');
    for (const name of ['suite', 'blue', 'green', 'args', 'out', 'version'])
      expect(compare.env?.[`INPUT_${name.toUpperCase()}`], name).toBe(`\${{ inputs.${name} }}`);
    // Never interpolated into a script's text (script injection).
    for (const s of steps) expect(s.run ?? '', s.name).not.toMatch(/\$\{\{\s*inputs\./);
    // Every run step of a composite action must name its shell.
    for (const s of steps) if (s.run) expect(s.shell, s.name).toBe('bash');
  });

  it("declares every output, mapped to the compare step's output of the same name", () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort());
    for (const name of OUTPUTS) {
      expect(action.outputs[name].value, name).toBe(`\${{ steps.compare.outputs.${name} }}`);
      expect(typeof action.outputs[name].description).toBe('string');
    }
  });

  it("installs only runtime dependencies of the action's repository, after a cache keyed on its lockfile", () => {
    expect(steps[0]!.uses).toBe('actions/setup-node@v4');
    const install = steps.find((s) => s.run?.includes('install.sh'))!;
    expect(install['working-directory']).toBe('${{ github.action_path }}/..');
    const script = readFileSync(join(ROOT, 'action/install.sh'), 'utf8');
    expect(script).toMatch(/^npm ci --omit=dev --ignore-scripts/m);
    // The build runs only without dist/, and with the compiler alone (not the devDependencies).
    expect(script).toMatch(/if \[ -f dist\/src\/cli\/main\.js \]; then[\s\S]*exit 0/);
    expect(script).not.toMatch(/npm (ci|install)(?![^\n]*--omit=dev)(?![^\n]*--prefix)/);

    const cache = steps.find((s) => s.uses === 'actions/cache@v4')!;
    expect(cache).toBeDefined();
    expect(String(cache.with?.key)).toContain('${{ steps.lock.outputs.hash }}');
    const lock = steps.find((s) => s.id === 'lock')!;
    expect(lock['working-directory']).toBe('${{ github.action_path }}/..');
    expect(lock.run).toContain("readFileSync('package-lock.json')");
    expect(steps.indexOf(lock)).toBeLessThan(steps.indexOf(cache));
    expect(steps.indexOf(cache)).toBeLessThan(steps.indexOf(install));
    expect(steps.indexOf(install)).toBeLessThan(steps.indexOf(compare));
  });

  it('--ignore-scripts loses nothing: no runtime dependency in the lockfile has an install script', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
    };
    const scripted = Object.entries(lock.packages).filter(([name, p]) => name !== '' && !p.dev && p.hasInstallScript);
    expect(scripted.map(([name]) => name)).toEqual([]);
  });

  it('uploads the reports with if: always(), then fails on a non-pass verdict', () => {
    // compare keeps going on a non-pass exit, so the upload and the verdict step both run.
    expect(compare['continue-on-error']).toBe(true);
    const upload = steps.findIndex((s) => s.uses === 'actions/upload-artifact@v4');
    expect(steps[upload]!.if).toBe('always()');
    expect(upload).toBeGreaterThan(steps.indexOf(compare));
    const fail = steps.at(-1)!;
    expect(steps.indexOf(fail)).toBeGreaterThan(upload);
    expect(fail.if).toBe("inputs.fail-on-non-pass == 'true' && steps.compare.outputs.exit-code != '0'");
    expect(fail.env?.['CODE']).toBe('${{ steps.compare.outputs.exit-code }}');
    expect(fail.run).toMatch(/exit "\$\{CODE:-3\}"/);
  });
});
