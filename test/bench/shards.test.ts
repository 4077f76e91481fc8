// The claim of bench/shards.bench.ts at a small N: 400 cases replayed as 4 shards and merged with
// `revgate merge` give the report of one unsharded run — the verdict, every check's status, value
// and statistics, every metric (overall and per tag) and every case record, latency aside — as
// judged by bench/report-equality.ts, which must also see a broken merge (a missing shard, a
// changed statistic, a changed case) as different. The CLI runs in-process against
// bench/zero-server.ts --vary (answers depend on the case and the side only).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGolden } from '../../bench/golden.js';
import { SHARD_THRESHOLDS, suiteJson } from '../../bench/proc.js';
import { compareCaseFiles, compareSummaries, readSummary, type Equality } from '../../bench/report-equality.js';
import { startZeroServer } from '../../bench/zero-server.js';
import { cli, runDir, type Loose } from '../e2e/helpers.js';

const N = 400;
const SHARDS = 4;
// The bench's thresholds, but the audit-tagged test (40 cases here, 20,000 in the bench) gets a
// margin its interval clears at n = 40: a status decided by a bootstrap bound near the margin
// could differ between two runs (the bound is resampled in case order), and this test is about merge.
const THRESHOLDS = SHARD_THRESHOLDS.map((t) =>
  typeof t === 'object' && t !== null && 'test' in t && JSON.stringify((t as { tags?: string[] }).tags) === '["audit"]'
    ? { ...t, minEffect: 0.3 }
    : t,
);

let server: Awaited<ReturnType<typeof startZeroServer>>;
let dir: string;
let suite: string;
let whole: string;
let merged: string;
const shardReports: string[] = [];

async function compare(out: string, extra: string[] = []): Promise<string> {
  const run = await cli(['compare', suite, '--progress', 'none', '--format', 'json', '--out', join(dir, out), ...extra], { cwd: dir });
  // A 100-case shard may fail or be inconclusive on its own (0–2); the merge decides.
  expect([0, 1, 2], run.stderr).toContain(run.code);
  return runDir(join(dir, out));
}

async function merge(reports: string[], out: string): Promise<string> {
  const run = await cli(['merge', ...reports, '--format', 'json', '--out', join(dir, out)], { cwd: dir });
  expect([0, 1, 2], run.stderr).toContain(run.code);
  return runDir(join(dir, out));
}

async function equality(a: string, b: string): Promise<Equality> {
  const e = compareSummaries(await readSummary(join(a, 'report.json')), await readSummary(join(b, 'report.json')));
  return compareCaseFiles(join(a, 'cases.jsonl'), join(b, 'cases.jsonl'), e);
}

beforeAll(async () => {
  server = await startZeroServer({ vary: true });
  dir = await mkdtemp(join(tmpdir(), 'revgate-shards-test-'));
  const golden = join(dir, 'golden.jsonl');
  await writeGolden(golden, N);
  suite = join(dir, 'suite.yaml');
  await writeFile(
    suite,
    suiteJson({
      name: 'shards',
      golden,
      blue: server.blue,
      green: server.green,
      concurrency: 32,
      formats: ['json'],
      reportsDir: join(dir, 'reports'),
      thresholds: THRESHOLDS,
    }),
  );
  for (let k = 1; k <= SHARDS; k++) shardReports.push(join(await compare(`shard-${k}`, ['--shard', `${k}/${SHARDS}`]), 'report.json'));
  merged = await merge(shardReports, 'merged');
  whole = await compare('whole');
});

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('shards merged == unsharded (bench/shards.bench.ts at N = 400)', () => {
  it('the merged report equals the unsharded one on every deterministic statistic and case', async () => {
    const e = await equality(whole, merged);
    expect(e.differences).toEqual([]);
    expect(e.equal).toBe(true);
    expect(e.cases).toBe(N);
    // Not vacuous: hundreds of values compared, the statistical tests among them.
    expect(e.compared).toBeGreaterThan(1000);
    const report = await readSummary(join(merged, 'report.json'));
    expect(report.run.merged).toMatchObject({ total: SHARDS, shards: [1, 2, 3, 4], missing: [] });
    expect(report.verdict.status).toBe('pass');
    const stats = (report.checks as Loose[]).filter((c) => c.kind === 'statistical' && !c.advisory);
    // Non-degenerate tests: numeric p-values, some well below 1 (the mock's blue and green differ).
    expect(stats.every((c) => typeof c.stats.pValue === 'number')).toBe(true);
    expect(stats.some((c) => c.stats.pValue < 0.5)).toBe(true);
    expect(stats.length).toBeGreaterThanOrEqual(4);
    // Latency is measured: shown side by side, never counted as a difference.
    expect(e.latency.some((l) => l.path === 'metrics.green.latency.p95')).toBe(true);
    expect(e.bootstrap.length).toBeGreaterThan(0);
    expect(e.bootstrap.every((b) => b.withinTolerance)).toBe(true);
  });

  it('sees a merge with a missing shard as different', async () => {
    const partial = await merge(shardReports.slice(0, SHARDS - 1), 'partial');
    const e = await equality(whole, partial);
    expect(e.equal).toBe(false);
    expect(e.differences.map((d) => d.path)).toEqual(expect.arrayContaining(['verdict.status', 'run.complete', 'run.casesDone']));
  });

  it('sees a changed statistic, metric or case as different', async () => {
    const w = await readSummary(join(whole, 'report.json'));
    const m = await readSummary(join(merged, 'report.json'));
    const test = (m.checks as Loose[]).find((c) => c.id === 'test ref.rougeL');
    test.stats.pValue *= 1 + 1e-6;
    m.metrics.green['ref.rougeL.mean'].value += 1e-6;
    m.metricsByTag.audit.blue['rag.mrr'].n += 1;
    const e = compareSummaries(w, m);
    expect(e.differences.map((d) => d.path)).toEqual([
      'metrics.green.ref.rougeL.mean.value',
      'metricsByTag.audit.blue.rag.mrr.n',
      'checks[test ref.rougeL].stats.pValue',
    ]);

    const cases = (await readFile(join(merged, 'cases.jsonl'), 'utf8')).split('\n');
    const changed = join(dir, 'changed.jsonl');
    await writeFile(changed, [cases[0]!.replace(/"rougeL":[0-9.]+/, '"rougeL":0.123'), ...cases.slice(1)].join('\n'));
    const c = await compareCaseFiles(
      join(whole, 'cases.jsonl'),
      changed,
      compareSummaries(w, await readSummary(join(merged, 'report.json'))),
    );
    expect(c.differences).toHaveLength(1);
    expect(c.differences[0]!.path).toMatch(/^cases\[bench-\d+\]$/);
  });
});
