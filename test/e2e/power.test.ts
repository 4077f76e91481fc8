// Power before the run, end to end: `validate --baseline <run>` and `compare --baseline <run>` say
// which margins a suite is too small to detect, from a real previous run's noise.
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { cli, compareCli, medquadCases, runDir, writeSuite } from './helpers.js';

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

describe('power before the run', () => {
  it('validate --baseline names each test margin below what the suite can detect, with the cases that would do', async () => {
    const blue = await startPharmabot({ seed: 1 });
    const green = await startPharmabot({ seed: 2 });
    bots.push(blue, green);
    const thresholds = [
      { test: 'ref.rougeL', minEffect: 0.005 },
      { test: 'latency', minEffect: '500ms' },
      { test: 'error_rate', minEffect: '1%' },
    ];
    const s = await writeSuite({
      blue: `${blue.url}/v1`,
      green: `${green.url}/v1`,
      cases: medquadCases(12),
      sampling: { repeats: 2 },
      thresholds,
    });
    const base = await compareCli(s);
    expect([0, 1, 2]).toContain(base.code);
    const baseline = await runDir(s.reportsDir);

    const v = await cli(['validate', s.suiteFile, '--baseline', baseline], { cwd: s.dir });
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/power \(α 0\.05, power 0\.8, noise of run /);
    expect(v.stdout).toMatch(
      /WARNING ref\.rougeL: margin 0\.005 is below the [\d.]+ this suite can detect at 12 cases × 2 \(per-case sd [\d.]+ in the baseline\): .*about \d+ cases would detect 0\.005/,
    );
    expect(v.stdout).toMatch(/ {4}latency: margin 500ms ≥ detectable [\d.]+ms at 12 cases × 2/);
    expect(v.stdout).toMatch(
      /WARNING error_rate: margin 1% is below the [\d.]+% this suite can detect .*blue's rate 0\.0% in the baseline/,
    );

    // Without a baseline: rates still estimated (blue near 0), paired tests say what they need.
    const bare = await cli(['validate', s.suiteFile], { cwd: s.dir });
    expect(bare.stdout).toMatch(
      /ref\.rougeL: margin 0\.005; detectable effect unknown \(needs the noise of a previous run: --baseline <run dir>/,
    );
    expect(bare.stdout).toMatch(/WARNING error_rate: .*assuming blue's rate is near 0/);

    // compare --baseline warns before replaying.
    const c = await compareCli(s, ['--baseline', baseline]);
    expect(c.stderr).toMatch(/revgate: warning: ref\.rougeL: margin 0\.005 is below/);
    expect(c.stderr.indexOf('warning: ref.rougeL')).toBeLessThan(c.stderr.indexOf('cases x 2 repeats'));
  });
});
