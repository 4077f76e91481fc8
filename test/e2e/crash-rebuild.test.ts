// Nothing lost: the compiled CLI is killed (SIGKILL) in the middle of a replay; `revgate report
// --from <run dir>` rebuilds report.json and every format from cases.jsonl, marked incomplete.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { cli, medquadCases, ROOT, writeSuite } from './helpers.js';

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

it('kill -9 mid-run, then report --from <run dir> rebuilds every format from cases.jsonl', async () => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) throw new Error('run `npm run build` first');
  const blue = await startPharmabot({ seed: 1, baseLatencyMs: [20, 30] });
  const green = await startPharmabot({ seed: 2, baseLatencyMs: [20, 30] });
  bots.push(blue, green);
  const s = await writeSuite({
    blue: `${blue.url}/v1`,
    green: `${green.url}/v1`,
    cases: medquadCases(200),
    sampling: { concurrency: 2 },
    report: { formats: ['json', 'md', 'junit', 'html'] },
  });
  const child = spawn(process.execPath, [join(ROOT, 'bin/revgate.js'), 'compare', s.suiteFile, '--progress', 'none'], {
    cwd: s.dir,
    env: { PATH: process.env.PATH ?? '', CI: '1' },
    stdio: 'ignore',
  });
  // Wait until some cases are on disk, then kill it without warning.
  let dir = '';
  for (let i = 0; i < 400; i++) {
    const runs = existsSync(s.reportsDir) ? await readdir(s.reportsDir) : [];
    dir = runs[0] ? join(s.reportsDir, runs[0]) : '';
    if (dir && existsSync(join(dir, 'cases.jsonl')) && (await readFile(join(dir, 'cases.jsonl'), 'utf8')).split('\n').length > 10) break;
    await sleep(25);
  }
  child.kill('SIGKILL');
  await new Promise((ok) => child.on('exit', ok));
  expect(existsSync(join(dir, 'report.json'))).toBe(false);
  expect(existsSync(join(dir, 'run.json'))).toBe(true);
  const r = await cli(['report', '--from', dir, '--format', 'md,junit,html'], { cwd: s.dir });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/had no report\.json .*rebuilt .* from cases\.jsonl \(\d+ of 200 cases\)/);
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
  expect(report.run).toMatchObject({ complete: false, casesPlanned: 200 });
  expect(report.cases.length).toBe(report.run.casesDone);
  expect(report.cases.length).toBeGreaterThanOrEqual(10);
  expect(report.verdict.status).not.toBe('pass');
  for (const f of ['summary.md', 'junit.xml', 'report.html']) expect(existsSync(join(dir, f))).toBe(true);
  // No temporary file was left behind by the atomic writes.
  expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});
