// Adaptive sampling end to end on the reference service: undecided checks get more repeats of the
// noisiest cases, looks are taken at spent α, the budget is never exceeded, and cases.jsonl,
// results.jsonl and report.json agree on what was replayed.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { compareCli, medquadCases, readJsonl, readReport, runDir, writeSuite, type Loose } from './helpers.js';

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

async function aa(extra: string[], thresholds: unknown[]) {
  const blue = await startPharmabot({ seed: 1 });
  const green = await startPharmabot({ seed: 2 });
  bots.push(blue, green);
  const s = await writeSuite({
    blue: `${blue.url}/v1`,
    green: `${green.url}/v1`,
    cases: medquadCases(20),
    sampling: { repeats: 2, concurrency: 16 },
    thresholds,
  });
  const run = await compareCli(s, extra);
  const dir = await runDir(s.reportsDir);
  return { run, dir, report: await readReport(dir) };
}

const THRESHOLDS = [{ test: 'ref.rougeL', minEffect: 0.03 }, { test: 'latency', minEffect: '25ms' }, 'error_rate <= 5%'];

describe('adaptive sampling, end to end', () => {
  it('without a budget, nothing changes: one look, no adaptive block, α as configured', async () => {
    const { report } = await aa([], THRESHOLDS);
    expect(report.run.adaptive).toBeUndefined();
    const stat = report.checks.find((c: Loose) => c.id === 'test ref.rougeL');
    expect(stat.stats.confidence).toBe(0.95);
  });

  it('with --budget, rounds add repeats until the checks decide or the budget is spent; never more attempts than the budget', async () => {
    const budget = 200; // 20 cases × 2 repeats planned = 40 attempts per revision
    const { report, dir, run } = await aa(['--budget', String(budget)], THRESHOLDS);
    const a = report.run.adaptive;
    expect(a).toMatchObject({ budget, planned: 40 });
    expect(a.used).toBeLessThanOrEqual(budget);
    expect(a.looks[0]).toMatchObject({ attempts: 40 });
    // The planned look spends 80% of α; the rounds spend the rest in proportion to their attempts: Σ α_k ≤ α.
    const spent = a.looks.reduce((s: number, l: Loose) => s + l.alpha, 0);
    expect(spent).toBeCloseTo(0.05 * (0.8 + (0.2 * (a.used - 40)) / (budget - 40)), 10);
    expect(spent).toBeLessThanOrEqual(0.05 + 1e-12);
    expect(a.looks[0].alpha).toBeCloseTo(0.04, 10);
    // Every attempt of results.jsonl is accounted for: the plan, then each round's repeats.
    const results = await readJsonl(join(dir, 'results.jsonl'));
    expect(results.filter((r) => r.revision === 'blue')).toHaveLength(a.used);
    expect(results.filter((r) => r.revision === 'green')).toHaveLength(a.used);
    // cases.jsonl holds one record per case, scored from all its attempts.
    const cases = await readJsonl(join(dir, 'cases.jsonl'));
    expect(cases).toHaveLength(20);
    expect(cases.reduce((s, c) => s + c.blue.attempts, 0)).toBe(a.used);
    // The reported checks are the last look's: their intervals are at its confidence.
    const stat = report.checks.find((c: Loose) => c.id === 'test ref.rougeL');
    expect(stat.stats.confidence).toBeCloseTo(a.looks[a.looks.length - 1].confidence, 12);
    if (a.stopped === 'decided')
      expect(report.checks.filter((c: Loose) => c.kind === 'statistical' && c.status === 'inconclusive')).toEqual([]);
    expect(['decided', 'budget']).toContain(a.stopped);
    expect(run.stdout).toMatch(/adaptive sampling: \d+ rounds?, \d+ of 200 attempts per revision/);
  });
});
