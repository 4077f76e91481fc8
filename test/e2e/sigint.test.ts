// End to end: the compiled CLI as a real process, interrupted with SIGINT mid-run. It must stop,
// write a partial report marked incomplete and exit 130. Needs `npm run build` (dist/).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { medquadCases, readJsonl, readReport, ROOT, runDir, writeSuite } from './helpers.js';

const BIN = join(ROOT, 'bin/revgate.js');
const DIST_MAIN = join(ROOT, 'dist/src/cli/main.js');

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

/** The results.jsonl of the (only) run under `reportsDir` once it has a line, else undefined. */
async function firstResults(reportsDir: string): Promise<string | undefined> {
  if (!existsSync(reportsDir)) return undefined;
  for (const run of await readdir(reportsDir)) {
    const file = join(reportsDir, run, 'results.jsonl');
    if (existsSync(file) && (await stat(file)).size > 0) return file;
  }
  return undefined;
}

describe('SIGINT, end to end', () => {
  it('stops a run on SIGINT: exit 130, report.json with run.complete false and interrupted SIGINT', async () => {
    if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` before this test (\`npm test\` does)`);
    const blue = await startPharmabot({ seed: 1, flaws: { extraLatencyMs: 200 } });
    const green = await startPharmabot({ seed: 2, flaws: { extraLatencyMs: 200 } });
    bots.push(blue, green);
    const cases = medquadCases(60);
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, cases, sampling: { concurrency: 4 } });

    // The env is minimal on purpose: no CI secrets, no NODE_OPTIONS from vitest.
    const child = spawn(process.execPath, [BIN, 'compare', s.suiteFile, '--progress', 'lines'], {
      cwd: s.dir,
      env: { PATH: process.env.PATH ?? '', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const until = Date.now() + 20_000;
    while ((await firstResults(s.reportsDir)) === undefined) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`no results appeared\n${stderr}`);
      await sleep(25);
    }
    child.kill('SIGINT');
    const code = await exited;

    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/SIGINT: stopping, writing a partial report/);
    const dir = await runDir(s.reportsDir);
    const report = await readReport(dir);
    expect(report.run.complete).toBe(false);
    expect(report.run.interrupted).toBe('SIGINT');
    expect(report.run.casesPlanned).toBe(60);
    expect(report.run.casesDone).toBeLessThan(report.run.casesPlanned);
    expect(report.verdict.status).not.toBe('pass');
    expect(report.checks.find((c: { id: string }) => c.id === 'run.complete')).toMatchObject({ status: 'inconclusive' });
    expect(report.cases).toHaveLength(report.run.casesDone);
    // What was measured before the signal is kept, and only finished attempts are written.
    const results = await readJsonl(join(dir, 'results.jsonl'));
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThan(120);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(stdout).toMatch(/reports: /);
  });
});
