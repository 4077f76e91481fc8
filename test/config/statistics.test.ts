// `test:` thresholds and the `statistics` section: valid forms, defaults, and every error message.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { ConfigIssue } from '../../src/model/errors.js';
import { captureIO, fixture, GOLDEN, issuesOf, load, SUITE } from './helpers.js';

const withThresholds = (lines: string, extra = '') => `${SUITE.replace('  - error_rate <= 1%\n', lines)}${extra}`;

describe('statistical thresholds: valid', () => {
  it('resolves specs with default and written margins, and the statistics defaults', async () => {
    const { suite } = await load({
      'suite.yaml': withThresholds(
        [
          '  - error_rate <= 1%',
          '  - test: ref.rougeL',
          '  - {test: latency, minEffect: 80ms, tags: [dosage], advisory: true}',
          '  - {test: error_rate, minEffect: "2%", name: errors hold}',
          '  - {test: latency.p95, maxRatio: 1.25}',
          '  - {test: drift.noise, minEffect: 0.1}',
          '  - {test: ttft, minEffect: 1.5s}',
          '',
        ].join('\n'),
      ),
    });
    expect(suite.thresholdSpecs.map((t) => t.id)).toEqual(['green.error_rate <= 1%']);
    expect(suite.statSpecs).toEqual([
      {
        id: 'test ref.rougeL',
        name: 'ref.rougeL',
        test: 'ref.rougeL',
        family: 'paired',
        minEffect: 0.02,
        maxRatio: null,
        tags: [],
        advisory: false,
      },
      {
        id: 'test latency [dosage]',
        name: 'latency',
        test: 'latency',
        family: 'shift',
        minEffect: 80,
        maxRatio: null,
        tags: ['dosage'],
        advisory: true,
      },
      {
        id: 'test error_rate',
        name: 'errors hold',
        test: 'error_rate',
        family: 'rate',
        minEffect: 0.02,
        maxRatio: null,
        tags: [],
        advisory: false,
      },
      {
        id: 'test latency.p95',
        name: 'latency.p95',
        test: 'latency.p95',
        family: 'ratio',
        minEffect: 1.25,
        maxRatio: 1.25,
        tags: [],
        advisory: false,
      },
      {
        id: 'test drift.noise',
        name: 'drift.noise',
        test: 'drift.noise',
        family: 'noise',
        minEffect: 0.1,
        maxRatio: null,
        tags: [],
        advisory: false,
      },
      { id: 'test ttft', name: 'ttft', test: 'ttft', family: 'shift', minEffect: 1500, maxRatio: null, tags: [], advisory: false },
    ]);
    expect(suite.statistics).toEqual({ alpha: 0.05, confidence: 0.95, correction: 'holm', power: 0.8, resamples: 2000, seed: 1 });
  });

  it('reads the statistics section', async () => {
    const { suite } = await load({ 'suite.yaml': `${SUITE}statistics:\n  alpha: 0.01\n  correction: none\n  resamples: 500\n` });
    expect(suite.statistics).toMatchObject({ alpha: 0.01, correction: 'none', resamples: 500, confidence: 0.95 });
  });

  it('revgate validate lists the statistical tests', async () => {
    const cwd = await fixture({
      'suite.yaml': withThresholds(
        '  - test: ref.rougeL\n  - {test: latency.p99, maxRatio: 1.3, advisory: true}\n  - {test: latency, name: speed}\n',
      ),
      'golden.yaml': GOLDEN,
    });
    const io = captureIO(cwd);
    expect(await runCli(['validate', 'suite.yaml'], io)).toBe(ExitCode.Pass);
    expect(io.out).toContain(
      [
        '  statistical tests: 3 (α 0.05, 95% intervals, correction holm, 2000 resamples, seed 1)',
        '    - ref.rougeL: minEffect 0.02',
        '    - latency.p99: maxRatio 1.3 (advisory)',
        '    - speed (test latency): minEffect 50ms',
      ].join('\n'),
    );
  });
});

describe('statistical thresholds: every problem, before any traffic', () => {
  const at = (index: number, field: string | null, line: number, message: string, hint?: string): ConfigIssue => ({
    file: 'suite.yaml',
    path: `thresholds[${index}]${field === null ? '' : `.${field}`}`,
    line,
    message,
    ...(hint === undefined ? {} : { hint }),
  });
  const TESTS =
    'tests: ref.rougeL, ref.f1, rag.recall, rag.mrr, rag.ndcg, numbers.consistency, semantic.ref, judge.ref, drift.noise, assert, error_rate, error_rate.final, refusal_rate, latency, ttft, latency.p95, latency.p99, ttft.p95';

  it('reports them all at once, with paths, lines and hints', async () => {
    const issues = await issuesOf({
      'suite.yaml': withThresholds(
        [
          '  - test: ref.rogueL', // 11
          '  - test: latency.p95', // 12
          '  - {test: latency, maxRatio: 1.2}', // 13
          '  - {test: latency, minEffect: "2%"}', // 14
          '  - {test: ref.f1, minEffect: 50ms}', // 15
          '  - {test: ref.f1, minEffect: 5}', // 16
          '  - {test: latency.p99, minEffect: 0.1, maxRatio: 1.2}', // 17
          '  - {test: assert, minEffect: -0.1}', // 18
          '  - {test: ttft.p95, maxRatio: 0.8}', // 19
          '  - {test: error_rate, minEffect: lots}', // 20
          '  - test: assert', // 21
          '  - {test: assert, advisory: true}', // 22
          '',
        ].join('\n'),
      ),
    });
    expect(issues).toEqual([
      at(0, 'test', 11, 'unknown test "ref.rogueL"', `did you mean "ref.rougeL"? ${TESTS}`),
      at(1, null, 12, 'test latency.p95 needs maxRatio', 'add maxRatio, e.g. maxRatio: 1.2 (green latency.p95 at most 1.2 × blue)'),
      at(
        2,
        'maxRatio',
        13,
        'maxRatio applies only to ratio tests (latency.p95, latency.p99, ttft.p95), not to latency',
        'use minEffect for test latency, e.g. minEffect: "50ms"',
      ),
      at(
        3,
        'minEffect',
        14,
        'test latency is a shift in ms; minEffect "2%" is a percentage',
        'write a duration such as "50ms" (a bare number means ms); for a relative limit use test latency.p95 with maxRatio',
      ),
      at(4, 'minEffect', 15, 'test ref.f1 is a score difference in 0..1; minEffect "50ms" is a duration', 'write 0.02 or "2%"'),
      at(5, 'minEffect', 16, 'minEffect "5" is outside 0..1 for test ref.f1', 'did you mean "5%"? write 0.02 or "2%"'),
      at(
        6,
        'minEffect',
        17,
        'minEffect does not apply to ratio test latency.p99',
        'a ratio test is gated by maxRatio, e.g. maxRatio: 1.2 (green latency.p99 at most 1.2 × blue)',
      ),
      at(
        7,
        'minEffect',
        18,
        'minEffect must not be negative, got "-0.1"',
        'the margin is a size, applied in the harmful direction: write 0.05 or "5%"',
      ),
      at(8, 'maxRatio', 19, 'maxRatio must be at least 1, got 0.8', 'maxRatio is the largest allowed green / blue factor, e.g. 1.2'),
      at(9, 'minEffect', 20, 'invalid minEffect "lots" for test error_rate', 'write 0.01 or "1%"'),
      at(
        11,
        null,
        22,
        'duplicate threshold "test assert" (same test as thresholds[10])',
        'remove one of them, or give them different tags',
      ),
    ]);
  });

  it('refuses an object with neither or both of check and test, and margins on a check', async () => {
    const issues = await issuesOf({
      'suite.yaml': withThresholds(
        '  - {name: nothing}\n  - {check: error_rate <= 1%, test: error_rate}\n  - {check: error_rate <= 1%, minEffect: 0.1}\n',
      ),
    });
    expect(issues).toEqual([
      at(0, null, 11, 'a threshold needs `check` or `test`', 'e.g. check: "error_rate <= 1%", or test: ref.rougeL'),
      at(1, 'test', 12, 'a threshold has either `check` or `test`, not both', 'split it into two thresholds'),
      at(
        2,
        'minEffect',
        13,
        'minEffect applies only to `test` thresholds',
        'a `check` carries its limit in the expression, e.g. "delta.ref.rougeL.mean >= -0.02"',
      ),
    ]);
  });

  it('validates the statistics section', async () => {
    const issues = await issuesOf({
      'suite.yaml': `${SUITE}statistics:\n  alpha: 1.5\n  correction: bonferroni\n  resamples: 10\n  sed: 3\n`,
    });
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'statistics.alpha: must be less than 1, got 1.5',
      'statistics.correction: expected one of "holm", "none", got string "bonferroni"',
      'statistics.resamples: must be at least 100, got 10',
      'statistics.sed: unknown field "sed" in statistics',
    ]);
    expect(issues.at(-1)!.hint).toBe(
      'did you mean "seed"? known fields in statistics: alpha, confidence, correction, power, resamples, seed',
    );
  });
});
