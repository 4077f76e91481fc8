// End to end: transport faults injected by the reference service (resets, 429, 500, hangs,
// malformed JSON, a changed citation schema) — retried, classified and counted, never a crash.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Flaws, type Pharmabot } from '../../reference/pharmabot/index.js';
import { compareCli, medquadCases, readJsonl, readReport, reasons, runDir, writeSuite, type Loose, type SuiteOptions } from './helpers.js';

const bots: Pharmabot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

/** A good blue (seed 1) and a green with `flaws`, a suite over them, the CLI run, its report. */
async function gate(flaws: Partial<Flaws>, suite: Partial<SuiteOptions> = {}) {
  const blue = await startPharmabot({ seed: 1 });
  const green = await startPharmabot({ seed: 2, flaws });
  bots.push(blue, green);
  const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, ...suite });
  const started = performance.now();
  const run = await compareCli(s);
  const elapsedMs = performance.now() - started;
  const dir = await runDir(s.reportsDir).catch((e: Error) => {
    throw new Error(`${e.message}\nexit ${run.code}\n${run.stderr}`);
  });
  const report = await readReport(dir);
  const results = await readJsonl(join(dir, 'results.jsonl'));
  const greenResults = results.filter((r) => r.revision === 'green');
  return { run, report, results, greenResults, green, elapsedMs, dir };
}

const errorSample = (report: Loose, revision: string, cls: string) =>
  (report.errors as Loose[]).find((e) => e.revision === revision && e.class === cls);

describe('faults, end to end', () => {
  it('retries connection resets and still completes', async () => {
    // One request at a time: the retry of the Nth request is the N+1th, never reset again.
    const { run, report, greenResults, green } = await gate({ resetEvery: 3 }, { sampling: { concurrency: 1 } });
    expect(green.stats().byStatus['reset']).toBeGreaterThanOrEqual(3);
    // Every reset (10 cases + 4 retries = 14 requests: the 3rd, 6th, 9th and 12th) was retried once.
    const retried = greenResults.filter((r) => r.retriedOn);
    expect(retried).toHaveLength(4);
    expect(green.stats().byStatus['reset']).toBe(4);
    for (const r of retried) {
      expect(r.retriedOn).toEqual(['connection']);
      expect(r.retries).toBe(1);
      expect(r.ok).toBe(true);
    }
    expect(report.run).toMatchObject({ complete: true, casesDone: 10, casesPlanned: 10 });
    expect(report.metrics.green['error_rate'].value).toBe(0);
    expect(report.metrics.green['retry_rate'].value).toBeGreaterThan(0);
    expect(run.code, JSON.stringify(report.verdict)).toBe(0);
  });

  it('retries a 429 after its Retry-After and counts 429s apart from errors', async () => {
    // One request at a time, so each retry lands on a request that is not rate limited.
    const { run, report, greenResults, green, elapsedMs } = await gate({ rateLimitEvery: 4 }, { sampling: { concurrency: 1 } });
    expect(green.stats().byStatus['429']).toBeGreaterThanOrEqual(2);
    // 10 cases + 3 retries = 13 requests: the 4th, 8th and 12th got 429 and were retried once.
    const retried = greenResults.filter((r) => r.retriedOn);
    expect(retried).toHaveLength(3);
    expect(green.stats().byStatus['429']).toBe(3);
    for (const r of retried) {
      expect(r.retriedOn).toEqual(['429']);
      expect(r.retries).toBe(1);
      expect(r.ok).toBe(true);
    }
    // The backoff is 20 ms and a clean run takes ~0.3 s: only honouring Retry-After: 1 (three
    // times) makes it last ≥ 3 s (the gap between tries is measured exactly in test/replay/retry.test.ts).
    expect(elapsedMs).toBeGreaterThanOrEqual(3000);
    expect(report.metrics.green['errors.429'].value).toBe(0);
    expect(report.metrics.green['error_rate'].value).toBe(0);
    expect(report.checks.some((c: Loose) => c.id.endsWith('rate_limit'))).toBe(false);
    expect(run.code).toBe(0);
  });

  it('a 429 that persists past the retries is an environment error (verdict error, exit 3), not a fail', async () => {
    const { run, report, greenResults } = await gate({ rateLimitEvery: 1 }, { sampling: { retries: 1, concurrency: 10 } });
    expect(greenResults.every((r) => !r.ok && r.error.class === '429' && r.error.status === 429)).toBe(true);
    expect(greenResults.every((r) => r.retries === 1 && r.retriedOn[0] === '429')).toBe(true);
    expect(report.metrics.green['errors.429'].value).toBe(1);
    // 429s are not green errors: error_rate stays clean and no threshold fails.
    expect(report.metrics.green['error_rate'].value).toBe(0);
    expect(reasons(report, 'fail')).toEqual([]);
    expect(report.verdict.status).toBe('error');
    const rateLimit = report.checks.find((c: Loose) => c.id === 'run.green.rate_limit');
    expect(rateLimit).toMatchObject({ kind: 'run', status: 'error' });
    expect(rateLimit.reason).toMatch(/rate limit.*429/);
    expect(errorSample(report, 'green', '429').count).toBe(10);
    expect(run.code).toBe(3);
  });

  it('retries 500s; without retries the error_rate threshold fails', async () => {
    const retried = await gate({ errorRate: 0.3 }, { sampling: { retries: 4 } });
    const withRetries = retried.greenResults.filter((r) => r.retriedOn);
    expect(withRetries.length).toBeGreaterThanOrEqual(1);
    for (const r of withRetries) expect(new Set(r.retriedOn)).toEqual(new Set(['5xx']));
    expect(retried.greenResults.filter((r) => r.retriedOn).every((r) => r.retries === r.retriedOn.length)).toBe(true);
    expect(retried.green.stats().byStatus['500']).toBeGreaterThanOrEqual(1);
    expect(retried.report.metrics.green['retry_rate'].value).toBeGreaterThan(0);

    const none = await gate({ errorRate: 0.3 }, { sampling: { retries: 0 }, cases: undefined });
    const failedAttempts = none.greenResults.filter((r) => !r.ok);
    expect(failedAttempts.length).toBeGreaterThanOrEqual(1);
    expect(failedAttempts.every((r) => r.error.class === '5xx' && r.error.status === 500 && r.retries === 0)).toBe(true);
    expect(none.report.metrics.green['errors.5xx'].value).toBeGreaterThan(0.01);
    expect(none.report.checks.find((c: Loose) => c.expr === 'error_rate <= 1%').status).toBe('fail');
    expect(none.report.verdict.status).toBe('fail');
    expect(none.run.code).toBe(1);
  });

  it('500s hidden by retries still fail the default error test: it counts first-try faults; the report shows both rates', async () => {
    // 6% of green's requests answer 500 (about 18 of 300 attempts); retries turn every one into a success.
    const { report, run } = await gate(
      { errorRate: 0.06 },
      {
        cases: medquadCases(60),
        sampling: { retries: 4, repeats: 5, concurrency: 16 },
        thresholds: [{ test: 'error_rate' }, { test: 'error_rate.final', advisory: true }],
      },
    );
    expect(report.metrics.green['error_rate'].value).toBe(0);
    expect(report.metrics.green['first_try_error_rate'].value).toBeGreaterThan(0.015);
    expect(report.metrics.blue['first_try_error_rate'].value).toBe(0);
    const [first, final] = ['error_rate', 'error_rate.final'].map((t) => report.checks.find((c: Loose) => c.id === `test ${t}`));
    expect(first).toMatchObject({ status: 'fail', stats: { outcome: 'regression' } });
    expect(final.status).not.toBe('fail');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/first_try_error_rate/);
  });

  it('classifies answers slower than the timeout as timeout; the exit code follows the thresholds', async () => {
    const { run, report, greenResults, results } = await gate(
      { hangMs: 1500 },
      { sampling: { retries: 0, timeout: '300ms', concurrency: 10 } },
    );
    expect(greenResults).toHaveLength(10);
    for (const r of greenResults) {
      expect(r.ok).toBe(false);
      expect(r.error.class).toBe('timeout');
      expect(r.latencyMs).toBeGreaterThanOrEqual(250);
      expect(r.latencyMs).toBeLessThan(1400);
    }
    expect(results.filter((r) => r.revision === 'blue').every((r) => r.ok)).toBe(true);
    expect(report.metrics.green['errors.timeout'].value).toBe(1);
    expect(report.checks.find((c: Loose) => c.expr === 'error_rate <= 1%').status).toBe('fail');
    expect(report.verdict.status).toBe('fail');
    expect(run.code).toBe(1);
    expect(errorSample(report, 'green', 'timeout').example).toMatch(/300\s?ms/);
  });

  it('counts malformed JSON as extraction errors, never a crash', async () => {
    const { run, report, greenResults } = await gate({ malformedEvery: 3 });
    const bad = greenResults.filter((r) => !r.ok);
    expect(bad.length).toBeGreaterThanOrEqual(2);
    // Not retried: the same revision would answer the same broken shape.
    for (const r of bad) expect(r.error).toMatchObject({ class: 'extraction' });
    expect(bad.every((r) => r.retries === 0)).toBe(true);
    expect(report.metrics.green['errors.extraction'].value).toBeCloseTo(bad.length / 10, 5);
    expect(errorSample(report, 'green', 'extraction').count).toBe(bad.length);
    expect(report.run.complete).toBe(true);
    expect(report.verdict.status).toBe('fail');
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/internal error/);
  });

  it('a changed citation schema is an extraction error naming the path; error_rate fails the gate', async () => {
    // Citations read by their `filepath` (what pharmabot v1 uses); v2 renames it to `source_ref`.
    const { run, report, greenResults, results } = await gate(
      { citationSchema: 'v2' },
      { target: { docs: { preset: 'azure-on-your-data', id: 'filepath' } } },
    );
    expect(greenResults.every((r) => !r.ok && r.error.class === 'extraction')).toBe(true);
    expect(results.filter((r) => r.revision === 'blue').every((r) => r.ok)).toBe(true);
    const sample = errorSample(report, 'green', 'extraction');
    expect(sample.count).toBe(10);
    expect(sample.example).toContain('choices[0].message.context.citations[0]');
    expect(sample.example).toMatch(/filepath/);
    expect(report.metrics.green['errors.extraction'].value).toBe(1);
    expect(report.checks.find((c: Loose) => c.expr === 'error_rate <= 1%').status).toBe('fail');
    expect(report.verdict.status).toBe('fail');
    expect(run.code).toBe(1);
  });

  it("with the preset's id fallbacks a changed citation schema still fails the gate (documents no longer match)", async () => {
    // The azure-on-your-data preset tries filepath, url, title, chunk_id: v2 citations are read
    // by their `url`, which never equals an expected doc id, so retrieval metrics collapse.
    const { run, report, greenResults } = await gate({ citationSchema: 'v2' });
    expect(greenResults.every((r) => r.ok && r.docs.every((d: string) => d.startsWith('http')))).toBe(true);
    expect(report.metrics.green['rag.recall@5'].value).toBe(0);
    expect(report.checks.find((c: Loose) => c.expr === 'delta.rag.recall@5 >= -0.1').status).toBe('fail');
    expect(run.code).toBe(1);
  });
});
