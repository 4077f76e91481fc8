// Where reports go: a report directory that cannot be written is refused before any request (exit 4,
// plain message); one that disappears mid-run loses files, never the verdict or its exit code.
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { compareCli, medquadCases, writeSuite } from './helpers.js';

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

async function pair(): Promise<{ blue: Pharmabot; green: Pharmabot }> {
  const blue = await startPharmabot({ seed: 1 });
  const green = await startPharmabot({ seed: 2 });
  bots.push(blue, green);
  return { blue, green };
}

describe('the report directory', () => {
  it.each([
    ['a file', (dir: string) => join(dir, 'golden.yaml')],
    ['a path under /proc', () => '/proc/revgate-reports'],
    ['a path under a file', (dir: string) => join(dir, 'golden.yaml', 'reports')],
  ])('--out %s: exit 4 with a plain message, before any request', async (_what, out) => {
    const { blue, green } = await pair();
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, cases: medquadCases(3) });
    const r = await compareCli(s, ['--out', out(s.dir)]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/the report directory .* cannot be written \(\w+\); nothing was sent/);
    expect(r.stderr).toMatch(/hint: point --out/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(blue.stats().requests + green.stats().requests).toBe(0);
  });

  it('removed mid-run: the verdict still reaches stdout and the exit code; the lost files are named', async () => {
    const { blue, green } = await pair();
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, cases: medquadCases(12) });
    // The directory goes away once the run has started writing (its run.json is on disk).
    const watcher = setInterval(() => {
      const runs = existsSync(s.reportsDir) ? readdirSync(s.reportsDir) : [];
      if (runs[0] && existsSync(join(s.reportsDir, runs[0], 'run.json'))) {
        clearInterval(watcher);
        void rm(s.reportsDir, { recursive: true, force: true });
      }
    }, 2);
    const r = await compareCli(s);
    clearInterval(watcher);
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stdout).toMatch(/^revgate (PASS|FAIL|INCONCLUSIVE)/m);
    expect(r.stderr).toMatch(/writing failed, the verdict above stands/);
  });
});
