// `revgate calibrate`, end to end: blue against itself on the reference service; the fragment it
// prints and writes is valid suite YAML whose margins the suite can load, and a down blue is exit 3.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { loadSuite } from '../../src/config/load-suite.js';
import { cli, deadUrl, medquadCases, writeSuite } from './helpers.js';

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

describe('revgate calibrate', () => {
  it('measures the A/A noise floor per test and proposes margins as a suite fragment the suite accepts', async () => {
    const blue = await startPharmabot({ seed: 1 });
    bots.push(blue);
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: 'http://127.0.0.1:9/unused', cases: medquadCases(30), thresholds: [] });
    const run = await cli(['calibrate', s.suiteFile, '--repeats', '2'], { cwd: s.dir });
    expect(run.code, run.stderr).toBe(0);
    // Green was never called: blue answered both sides.
    expect(blue.stats().requests).toBeGreaterThanOrEqual(30 * 2 * 2);
    expect(run.stdout).toMatch(/^# revgate calibrate: blue against itself \(A\/A\), run \S+, 30 cases × 2 repeats\./);
    expect(run.stdout).toMatch(/#\s+ref\.rougeL: per-case sd [\d.]+ in the baseline; detectable [\d.]+/);
    const fragment = parse(run.stdout) as { thresholds: (string | Record<string, unknown>)[] };
    const tests = fragment.thresholds.filter((t): t is Record<string, unknown> => typeof t === 'object').map((t) => t.test);
    expect(tests).toEqual(expect.arrayContaining(['ref.rougeL', 'error_rate', 'latency', 'latency.p95']));
    expect(fragment.thresholds).toEqual(
      expect.arrayContaining(['numbers.changed_share <= 0', expect.stringMatching(/^latency\.p95 <= \d+ms$/)]),
    );
    const file = /wrote (\S+calibration\.yaml)/.exec(run.stderr)![1]!;
    expect(await readFile(file, 'utf8')).toBe(run.stdout);
    // The proposal is a valid thresholds list for this suite.
    const suite = parse(await readFile(s.suiteFile, 'utf8')) as Record<string, unknown>;
    await writeFile(join(s.dir, 'calibrated.yaml'), stringify({ ...suite, thresholds: fragment.thresholds }));
    const { suite: loaded } = await loadSuite(join(s.dir, 'calibrated.yaml'), { cwd: s.dir });
    expect(loaded.statSpecs.map((t) => t.test)).toEqual(expect.arrayContaining(['ref.rougeL', 'latency.p95']));
  });

  it('a blue that is down: exit 3, nothing proposed', async () => {
    const s = await writeSuite({ blue: await deadUrl(), green: 'http://127.0.0.1:9/unused', sampling: { readyTimeout: '300ms' } });
    const run = await cli(['calibrate', s.suiteFile], { cwd: s.dir });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/the A\/A run could not measure: .*unreachable/);
  });
});
