// sampling.deadline bounds the whole run: a green that never gets ready ends the run at the
// deadline (not after readyTimeout), incomplete and inconclusive, saying where it stopped.
import { afterEach, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { compareCli, medquadCases, readReport, runDir, writeSuite } from './helpers.js';

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

it('--deadline counts readiness: a green still cold-starting ends the run at the deadline, exit 2', async () => {
  const blue = await startPharmabot({ seed: 1 });
  const green = await startPharmabot({ seed: 2, flaws: { coldStartMs: 60_000 } });
  bots.push(blue, green);
  const s = await writeSuite({
    blue: `${blue.url}/v1`,
    green: `${green.url}/v1`,
    cases: medquadCases(3),
    sampling: { readyTimeout: '60s', deadline: '1s' },
  });
  const started = performance.now();
  const r = await compareCli(s);
  const took = performance.now() - started;
  expect(r.code, r.stderr).toBe(2);
  expect(took).toBeLessThan(15_000); // not the 60 s readyTimeout
  const report = await readReport(await runDir(s.reportsDir));
  expect(report.run).toMatchObject({ complete: false, interrupted: 'deadline' });
  expect(report.checks.find((c: { id: string }) => c.id === 'run:RG_RUN_DEADLINE')).toMatchObject({
    status: 'inconclusive',
    reason: expect.stringMatching(/passed during readiness/),
  });
});
