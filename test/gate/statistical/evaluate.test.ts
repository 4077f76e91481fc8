// The statistical gate, family by family, on hand-built comparison data.
import { describe, expect, it } from 'vitest';
import { evaluateStatistical } from '../../../src/gate/statistical/evaluate.js';
import type { ComparisonData } from '../../../src/model/metrics.js';
import { emptyData, latencies, mulberry32, OPTIONS, pairedScores, spec } from './stat-data.js';

const only = (data: ComparisonData) => () => data;

describe('evaluateStatistical: paired scores', () => {
  it('fails a clear regression, with the evidence in the reason', () => {
    const data = emptyData();
    data.paired['ref.rougeL'] = pairedScores(mulberry32(7), 120, -0.06, 0.08);
    const [check] = evaluateStatistical([spec('ref.rougeL')], only(data), OPTIONS);
    expect(check).toMatchObject({ kind: 'statistical', status: 'fail', metric: 'ref.rougeL', n: 120 });
    expect(check!.stats).toMatchObject({ outcome: 'regression', minEffect: 0.02, confidence: 0.95, needed: null });
    expect(check!.stats!.estimate!).toBeLessThan(-0.02);
    expect(check!.stats!.interval![1]).toBeLessThan(0);
    expect(check!.stats!.effectSize!.name).toBe('rank-biserial r');
    expect(check!.reason).toMatch(
      /^ref\.rougeL: regression −0\.0\d+ \[−0\.\d+, −0\.\d+\] beyond −0\.02 \(Wilcoxon p=\S+, Holm p=\S+ \(Holm-adjusted over 1 check\), n=120, r=−0\.\d+\)$/,
    );
  });

  it('passes identical distributions (seeded noise) as no-change', () => {
    const data = emptyData();
    data.paired['ref.f1'] = pairedScores(mulberry32(3), 200, 0, 0.05);
    const [check] = evaluateStatistical([spec('ref.f1')], only(data), OPTIONS);
    expect(check).toMatchObject({ status: 'pass', stats: { outcome: 'no-change', needed: null } });
    expect(check!.reason).toContain('no change');
    expect(check!.reason).toContain('within −0.02');
  });

  it('passes a significant improvement', () => {
    const data = emptyData();
    data.paired['rag.recall'] = pairedScores(mulberry32(4), 100, 0.08, 0.05);
    const [check] = evaluateStatistical([spec('rag.recall')], only(data), OPTIONS);
    expect(check).toMatchObject({ status: 'pass', stats: { outcome: 'improvement' } });
    expect(check!.reason).toContain('beyond +0.02');
  });

  it('is inconclusive on a small noisy sample, saying how many more cases would decide it', () => {
    const data = emptyData();
    data.paired['ref.rougeL'] = pairedScores(mulberry32(5), 12, 0, 0.12);
    const [check] = evaluateStatistical([spec('ref.rougeL')], only(data), OPTIONS);
    expect(check).toMatchObject({ status: 'inconclusive', stats: { outcome: 'insufficient-data' } });
    expect(check!.stats!.needed).toMatch(/^about \d+ more cases at the observed sd 0\.1\d* to resolve a 0\.02 effect$/);
    expect(check!.reason).toContain(check!.stats!.needed!);
  });

  it('is inconclusive below scoring.minCases, never pass', () => {
    const data = emptyData();
    data.paired['ref.rougeL'] = { blue: [0.5, 0.5, 0.5], green: [0.5, 0.5, 0.5] };
    const [check] = evaluateStatistical([spec('ref.rougeL')], only(data), OPTIONS);
    expect(check).toMatchObject({
      status: 'inconclusive',
      n: 3,
      stats: { outcome: 'insufficient-data', needed: 'at least 2 more paired cases' },
    });
    expect(check!.reason).toBe('ref.rougeL: insufficient data: 3 paired cases, need ≥ 5 (scoring.minCases); at least 2 more paired cases');
  });

  it('drift.noise tests drift beyond the blue-vs-blue noise floor', () => {
    const rng = mulberry32(9);
    const noise = Array.from({ length: 80 }, () => 0.7 + 0.05 * rng());
    const data = emptyData();
    data.noise = { noise, drift: noise.map((x) => x - 0.15 + 0.04 * (rng() - 0.5)) };
    const [check] = evaluateStatistical([spec('drift.noise')], only(data), OPTIONS);
    expect(check).toMatchObject({ status: 'fail', stats: { outcome: 'regression', minEffect: 0.05 } });
    expect(check!.stats!.noiseFloor).toBeCloseTo(0.725, 2);
    expect(check!.reason).toContain('noise floor 0.72');
    data.noise = { noise, drift: noise.map((x) => x + 0.01 * (rng() - 0.5)) };
    expect(evaluateStatistical([spec('drift.noise')], only(data), OPTIONS)[0]!.stats!.outcome).toBe('no-change');
  });
});

describe('evaluateStatistical: multiplicity', () => {
  // Six checks: one borderline regression (raw p ≈ 0.01), five clean nulls.
  function borderline(): ComparisonData {
    const data = emptyData();
    const n = 60;
    const deltas = Array.from({ length: n }, (_, i) => -0.036 + 0.15 * Math.sin(i * 2.3999));
    data.paired['ref.rougeL'] = { blue: deltas.map(() => 0.5), green: deltas.map((d) => 0.5 + d) };
    for (const [k, m] of (['ref.f1', 'rag.recall', 'rag.mrr', 'rag.ndcg', 'numbers.consistency'] as const).entries()) {
      data.paired[m] = pairedScores(mulberry32(100 + k), n, 0, 0.02);
    }
    return data;
  }
  const specs = ['ref.rougeL', 'ref.f1', 'rag.recall', 'rag.mrr', 'rag.ndcg', 'numbers.consistency'].map((t) => spec(t));

  it('a borderline regression fails alone but is inconclusive after Holm over 6 checks', () => {
    const data = borderline();
    const alone = evaluateStatistical(specs.slice(0, 1), only(data), OPTIONS)[0]!;
    const raw = alone.stats!.pValue!;
    expect(raw).toBeGreaterThan(0.05 / 6);
    expect(raw).toBeLessThan(0.05);
    expect(alone.status).toBe('fail');
    const inFamily = evaluateStatistical(specs, only(data), OPTIONS)[0]!;
    expect(inFamily.stats!.pAdjusted!).toBeGreaterThanOrEqual(0.05);
    expect(inFamily.status).toBe('inconclusive');
    expect(inFamily.reason).toContain('Holm-adjusted over 6 checks');
    const none = evaluateStatistical(specs, only(data), { ...OPTIONS, correction: 'none' })[0]!;
    expect(none).toMatchObject({ status: 'fail', stats: { pAdjusted: null } });
  });

  it('advisory checks are measured but are not in the family', () => {
    const data = borderline();
    const advisory = specs.map((s, i) => (i === 0 ? s : { ...s, advisory: true }));
    const checks = evaluateStatistical(advisory, only(data), OPTIONS);
    expect(checks[0]!.stats!.pAdjusted).toBe(checks[0]!.stats!.pValue);
    expect(checks[0]!.status).toBe('fail');
    expect(checks[0]!.reason).toContain('Holm-adjusted over 1 check)');
    for (const c of checks.slice(1)) expect(c).toMatchObject({ advisory: true, stats: { pAdjusted: null } });
  });
});

describe('evaluateStatistical: assertion flips, rates, latency', () => {
  it('assert: McNemar on flips, estimate (c − b)/n', () => {
    const data = emptyData();
    data.flips = { b: 14, c: 1, n: 100 };
    const [check] = evaluateStatistical([spec('assert')], only(data), OPTIONS);
    expect(check).toMatchObject({ status: 'fail', stats: { outcome: 'regression', estimate: -0.13 } });
    expect(check!.stats!.test).toMatch(/^McNemar exact/);
    expect(check!.reason).toMatch(/^assert: regression −13% \[−\d+(\.\d+)?%, −\d+(\.\d+)?%\] beyond −5% \(McNemar p=/);
    data.flips = { b: 0, c: 0, n: 100 };
    const [same] = evaluateStatistical([spec('assert')], only(data), OPTIONS);
    expect(same).toMatchObject({ status: 'pass', stats: { outcome: 'no-change', pValue: null } });
    data.flips = { b: 0, c: 0, n: 20 };
    expect(evaluateStatistical([spec('assert')], only(data), OPTIONS)[0]!.stats!.outcome).toBe('insufficient-data');
  });

  it('error_rate: Fisher exact, Newcombe interval, odds ratio; refusal_rate reads refusals per answer', () => {
    const data = emptyData();
    data.counts = {
      blue: { attempts: 1000, errors: 5, firstTryErrors: 5, outputs: 995, refusals: 10 },
      green: { attempts: 1000, errors: 60, firstTryErrors: 60, outputs: 940, refusals: 9 },
    };
    const [errors, refusals] = evaluateStatistical([spec('error_rate'), spec('refusal_rate')], only(data), OPTIONS);
    expect(errors).toMatchObject({ status: 'fail', blue: 0.005, green: 0.06, stats: { outcome: 'regression' } });
    expect(errors!.stats!.estimate).toBeCloseTo(0.055, 10);
    expect(errors!.stats!.effectSize!.name).toBe('odds ratio');
    expect(errors!.reason).toContain('beyond +1%');
    expect(refusals!.stats!.outcome).toBe('no-change');
    data.counts = {
      blue: { attempts: 200, errors: 2, firstTryErrors: 2, outputs: 198, refusals: 0 },
      green: { attempts: 200, errors: 4, firstTryErrors: 4, outputs: 196, refusals: 0 },
    };
    const [unsure] = evaluateStatistical([spec('error_rate')], only(data), OPTIONS);
    expect(unsure).toMatchObject({ status: 'inconclusive' });
    expect(unsure!.stats!.needed).toMatch(/^about \d+ more attempts per revision to resolve a 1% rise from 1%$/);
  });

  it('error_rate counts the errors retries hid (first-try faults); error_rate.final only what was left after retries', () => {
    const data = emptyData();
    // Green: 4% of attempts needed a retry for a 500 that then succeeded; no final error on either side.
    data.counts = {
      blue: { attempts: 1000, errors: 0, firstTryErrors: 0, outputs: 1000, refusals: 0 },
      green: { attempts: 1000, errors: 0, firstTryErrors: 40, outputs: 1000, refusals: 0 },
    };
    const [first, final] = evaluateStatistical([spec('error_rate'), spec('error_rate.final')], only(data), OPTIONS);
    expect(first).toMatchObject({ status: 'fail', blue: 0, green: 0.04, stats: { outcome: 'regression' } });
    expect(final).toMatchObject({ status: 'pass', green: 0 });
  });

  it('latency: Mann-Whitney + Hodges-Lehmann shift green − blue', () => {
    const rng = mulberry32(11);
    const data = emptyData();
    data.latency = { blue: latencies(rng, 300, 600), green: latencies(rng, 300, 800) };
    const [slow] = evaluateStatistical([spec('latency')], only(data), OPTIONS);
    expect(slow).toMatchObject({ status: 'fail', stats: { outcome: 'regression' } });
    expect(slow!.stats!.estimate!).toBeGreaterThan(100);
    expect(slow!.stats!.effectSize!.value).toBeGreaterThan(0.5);
    expect(slow!.reason).toMatch(/^latency: regression \+\d+ms \[\+\d+ms, \+\d+ms\] beyond \+50ms \(Mann-Whitney p=/);
    data.latency = { blue: latencies(rng, 400, 600, 0.1), green: latencies(rng, 400, 600, 0.1) };
    expect(evaluateStatistical([spec('latency')], only(data), OPTIONS)[0]!.stats!.outcome).toBe('no-change');
    data.ttft = { blue: latencies(rng, 20, 300), green: latencies(rng, 20, 300) };
    const [ttft] = evaluateStatistical([spec('ttft')], only(data), OPTIONS);
    expect(ttft).toMatchObject({ status: 'inconclusive' });
    expect(ttft!.stats!.needed).toMatch(/^about \d+ more samples per revision at the observed sd \d+ms to resolve a 50ms shift$/);
  });

  it('latency.p95: interval-only ratio, outside the Holm family', () => {
    const rng = mulberry32(12);
    const data = emptyData();
    data.latency = { blue: latencies(rng, 400, 600, 0.2), green: latencies(rng, 400, 900, 0.2) };
    data.paired['ref.rougeL'] = pairedScores(rng, 60, 0, 0.02);
    const [ratio, score] = evaluateStatistical([spec('latency.p95', { maxRatio: 1.2 }), spec('ref.rougeL')], only(data), OPTIONS);
    expect(ratio).toMatchObject({
      status: 'fail',
      scope: 'ratio',
      stats: { outcome: 'regression', pValue: null, pAdjusted: null, minEffect: 1.2 },
    });
    expect(ratio!.stats!.test).toContain('not in the Holm family');
    expect(ratio!.reason).toMatch(
      /^latency\.p95: regression 1\.\d+ \[1\.\d+, 1\.\d+\] above maxRatio 1\.2 \(bootstrap interval only, n=400\)$/,
    );
    expect(score!.reason).toContain('Holm-adjusted over 1 check)');
    data.latency = { blue: latencies(rng, 400, 600, 0.2), green: latencies(rng, 400, 600, 0.2) };
    expect(evaluateStatistical([spec('latency.p95', { maxRatio: 1.5 })], only(data), OPTIONS)[0]!.stats!.outcome).toBe('no-change');
    data.latency = { blue: latencies(rng, 30, 600, 0.4), green: latencies(rng, 30, 600, 0.4) };
    const [unsure] = evaluateStatistical([spec('latency.p99', { maxRatio: 1.2 })], only(data), OPTIONS);
    expect(unsure).toMatchObject({ status: 'inconclusive', stats: { outcome: 'insufficient-data' } });
    expect(unsure!.stats!.needed).toContain('more samples');
  });

  it('reads the data of the tags each check selects, once per tag set', () => {
    const calls: string[][] = [];
    const data = emptyData();
    data.paired['ref.rougeL'] = pairedScores(mulberry32(2), 50, 0, 0.02);
    const checks = evaluateStatistical(
      [spec('ref.rougeL', { tags: ['a'] }), spec('ref.f1', { tags: ['a'] })],
      (tags) => (calls.push(tags), data),
      OPTIONS,
    );
    expect(calls).toEqual([['a']]);
    expect(checks[0]!.reason).toMatch(/^ref\.rougeL \[tags: a\]: /);
    expect(checks[1]).toMatchObject({ status: 'inconclusive', n: 0 });
  });
});
