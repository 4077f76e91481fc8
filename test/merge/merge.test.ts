// `compare --shard k/n` + `revgate merge`, end to end against real pharmabot services: three
// shards merged give the counts, retrieval metrics, statistics and verdict of one unsharded run
// over the same cases; a missing shard is never pass; shards of different runs are refused (exit 4).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { aggregate } from '../../src/scoring/aggregate.js';
import {
  cli,
  compareCli,
  GOOD_THRESHOLDS,
  medquadCases,
  readReport,
  runDir,
  writeSuite,
  type Loose,
  type TempSuite,
} from '../e2e/helpers.js';

const SHARDS = 3;
const CASES = 15;
// A statistical test too: on the merged run it must be computed over all 15 pairs.
const THRESHOLDS = [...GOOD_THRESHOLDS, { test: 'rag.recall', minEffect: 0.1 }];
const DETERMINISTIC = ['cases', 'attempts', 'error_rate', 'rag.hit@5', 'rag.recall@5', 'rag.mrr', 'rag.ndcg@5'];

let blue: Pharmabot;
let green: Pharmabot;
let s: TempSuite;
let whole: Loose;
const shardFiles: string[] = [];
const shardReports: Loose[] = [];

beforeAll(async () => {
  blue = await startPharmabot({ seed: 1 });
  green = await startPharmabot({ seed: 2 });
  s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, cases: medquadCases(CASES), thresholds: THRESHOLDS });
  const run = await compareCli(s, ['--out', join(s.dir, 'whole')]);
  expect(run.code, run.stderr + run.stdout).toBe(0);
  whole = await readReport(await runDir(join(s.dir, 'whole')));
  for (let k = 1; k <= SHARDS; k++) {
    const shard = await compareCli(s, ['--shard', `${k}/${SHARDS}`, '--out', join(s.dir, `shard-${k}`)]);
    // ~5 cases per shard: below scoring.minCases a shard alone may be inconclusive (2), and over 5
    // LLM-like answers a quality mean can dip under its threshold by chance (1); the merge decides.
    expect([0, 1, 2], shard.stderr + shard.stdout).toContain(shard.code);
    expect(shard.stderr).toMatch(new RegExp(`shard ${k}/${SHARDS}: \\d+ of ${CASES} cases`));
    const dir = await runDir(join(s.dir, `shard-${k}`));
    shardFiles.push(join(dir, 'report.json'));
    shardReports.push(await readReport(dir));
  }
});

afterAll(async () => {
  await Promise.all([blue?.close(), green?.close()]);
});

async function mergeCli(files: string[], out: string, env: Record<string, string> = {}) {
  const run = await cli(['merge', ...files, '--out', join(s.dir, out)], { cwd: s.dir, env });
  return { ...run, dir: run.code <= 3 ? await runDir(join(s.dir, out)) : '' };
}

describe('compare --shard', () => {
  it('records the shard and replays a disjoint slice; the slices together are the whole suite', () => {
    const ids = shardReports.map((r) => r.cases.map((c: Loose) => c.id as string));
    expect(ids.flat().sort()).toEqual(whole.cases.map((c: Loose) => c.id).sort());
    expect(new Set(ids.flat()).size).toBe(CASES);
    shardReports.forEach((r, i) => {
      expect(r.run.shard).toEqual({ index: i + 1, total: SHARDS });
      expect(r.run.casesPlanned).toBe(r.cases.length);
      expect(r.suite.configHash).toBe(whole.suite.configHash);
    });
    expect(whole.run.shard).toBeUndefined();
  });

  it.each(['3/2', '0/2', 'x', '1/0'])('refuses --shard %s with exit 4 and a hint, sending nothing', async (bad) => {
    const before = blue.stats().requests + green.stats().requests;
    const run = await compareCli(s, ['--shard', bad]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/invalid --shard .*\[RG_USAGE\]\n\s+hint: write --shard <k>\/<n>/);
    expect(blue.stats().requests + green.stats().requests).toBe(before);
  });
});

describe('revgate merge', () => {
  it('merges 3 shards into the metrics, statistics and verdict of one unsharded run', async () => {
    const merged = await mergeCli(shardFiles, 'merged');
    expect(merged.code, merged.stderr + merged.stdout).toBe(0);
    const report = await readReport(merged.dir);
    expect(report.verdict.status).toBe(whole.verdict.status);
    expect(report.verdict.status).toBe('pass');
    expect(report.run).toMatchObject({
      complete: true,
      casesDone: CASES,
      casesPlanned: CASES,
      outputDir: merged.dir,
      merged: { total: SHARDS, shards: [1, 2, 3], missing: [], runs: shardReports.map((r) => r.run.id) },
    });
    expect(report.run.shard).toBeUndefined();
    expect(report.cases).toHaveLength(CASES);

    // Deterministic metrics (retrieval is not random in pharmabot; counts are counts) equal the unsharded run's.
    for (const side of ['blue', 'green'] as const) {
      for (const name of DETERMINISTIC) {
        expect(report.metrics[side][name].value, `${side}.${name}`).toBeCloseTo(whole.metrics[side][name].value, 12);
        expect(report.metrics[side][name].n, `${side}.${name}`).toBe(whole.metrics[side][name].n);
      }
    }
    // Every metric equals an aggregation of the merged case records (computed on the data, not averaged) …
    const recomputed = aggregate(report.cases, { k: 5 });
    for (const side of ['blue', 'green', 'pair'] as const) {
      for (const [name, v] of Object.entries(recomputed[side])) {
        if (v.value === null) expect(report.metrics[side][name].value, `${side}.${name}`).toBeNull();
        else expect(report.metrics[side][name].value, `${side}.${name}`).toBeCloseTo(v.value, 9);
      }
    }
    // … and the ROUGE-L mean is the case-weighted mean of the shards' (exactly what pooling gives).
    const pooled =
      shardReports.reduce((acc, r) => acc + r.metrics.green['ref.rougeL.mean'].value * r.metrics.green['ref.rougeL.mean'].n, 0) / CASES;
    expect(report.metrics.green['ref.rougeL.mean'].value).toBeCloseTo(pooled, 12);

    // The statistical test ran once over all pairs, with the unsharded run's p-value and estimate (rank test: order-free).
    const stat = report.checks.find((c: Loose) => c.kind === 'statistical');
    const wholeStat = whole.checks.find((c: Loose) => c.kind === 'statistical');
    expect(stat.stats.n).toBe(CASES);
    expect(stat.stats.n).toBe(wholeStat.stats.n);
    expect(stat.stats.pValue).toBe(wholeStat.stats.pValue);
    expect(stat.stats.estimate).toBeCloseTo(wholeStat.stats.estimate, 12);
    expect(stat.status).toBe(wholeStat.status);
    // The same checks by id and status as the unsharded run.
    const byId = (r: Loose) => Object.fromEntries(r.checks.map((c: Loose) => [c.id, c.status]));
    expect(byId(report)).toEqual(byId(whole));

    const md = await readFile(join(merged.dir, 'summary.md'), 'utf8');
    expect(md).toMatch(/merged from shards 1, 2, 3 of 3/);
    expect(existsSync(join(merged.dir, 'junit.xml'))).toBe(true);
    // The HTML page reads its cases back from the merged cases.jsonl (the shards' cases are not kept in memory).
    const html = await readFile(join(merged.dir, 'report.html'), 'utf8');
    for (const c of report.cases) expect(html, c.id).toContain(JSON.stringify(c.id).slice(1, -1));
    expect(merged.stderr).toMatch(/merged shards 1, 2, 3 of 3: 15 cases/);
  });

  it('a missing shard makes the merged run incomplete: inconclusive (exit 2), never pass, and says so', async () => {
    const step = join(s.dir, 'step-summary.md');
    const merged = await mergeCli(shardFiles.slice(0, 2), 'partial', { GITHUB_STEP_SUMMARY: step, GITHUB_ACTIONS: 'true' });
    expect(merged.code, merged.stderr).toBe(2);
    const report = await readReport(merged.dir);
    expect(report.verdict.status).toBe('inconclusive');
    expect(report.run.complete).toBe(false);
    expect(report.run.merged).toMatchObject({ total: 3, shards: [1, 2], missing: [3] });
    expect(report.run.casesPlanned).toBe(CASES);
    expect(report.run.casesDone).toBe(shardReports[0].cases.length + shardReports[1].cases.length);
    const check = report.checks.find((c: Loose) => c.id === 'run.shards');
    expect(check).toMatchObject({ status: 'inconclusive', kind: 'run' });
    expect(check.reason).toMatch(/shard 3 of 3 missing.*never pass/);
    expect(merged.stderr).toMatch(/warning: shard 3 missing/);
    expect(await readFile(join(merged.dir, 'summary.md'), 'utf8')).toMatch(/Incomplete run \(shard 3 of 3 missing\)/);
    // In GitHub Actions: the job summary is appended and the missing shard is a warning annotation.
    expect(await readFile(step, 'utf8')).toMatch(/## revgate: \*\*INCONCLUSIVE\*\*/);
    expect(merged.stdout).toMatch(/^::warning title=revgate run.shards::merged run incomplete: shard 3 of 3 missing/m);
  });

  it('merges reports in another JSON layout (compact, pretty-printed) into the same cases and verdict', async () => {
    // compare writes one case per line, which merge streams; any other layout is read whole.
    const relaid = await Promise.all(
      shardFiles.map(async (f, i) => {
        const file = join(s.dir, `relaid-${i + 1}.json`);
        const r = JSON.parse(await readFile(f, 'utf8'));
        await writeFile(file, i === 1 ? JSON.stringify(r, null, 2) : JSON.stringify(r));
        return file;
      }),
    );
    const [a, b] = await Promise.all([mergeCli(shardFiles, 'layout-a'), mergeCli(relaid, 'layout-b')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(await readFile(join(b.dir, 'cases.jsonl'), 'utf8')).toBe(await readFile(join(a.dir, 'cases.jsonl'), 'utf8'));
    const [ra, rb] = [await readReport(a.dir), await readReport(b.dir)];
    expect(rb.checks).toEqual(ra.checks);
    expect(rb.metrics).toEqual(ra.metrics);
    expect(rb.verdict).toEqual(ra.verdict);
  });

  it('refuses reports that are not shards of one run (exit 4), writing nothing', async () => {
    const tamper = async (from: string, name: string, edit: (r: Loose) => void) => {
      const r = JSON.parse(await readFile(from, 'utf8'));
      edit(r);
      const file = join(s.dir, name);
      await writeFile(file, JSON.stringify(r));
      return file;
    };
    const otherHash = await tamper(shardFiles[2]!, 'other-hash.json', (r) => (r.suite.configHash = 'sha256:0123456789abcdef'));
    const otherSuite = await tamper(shardFiles[2]!, 'other-suite.json', (r) => (r.suite.name = 'another-suite'));
    const otherTotal = await tamper(shardFiles[2]!, 'other-total.json', (r) => (r.run.shard = { index: 3, total: 4 }));
    const badThreshold = await tamper(shardFiles[0]!, 'bad-threshold.json', (r) => (r.config.thresholds = ['latncy.p95 < 1s']));
    const cases: [string[], RegExp][] = [
      [[shardFiles[0]!, shardFiles[1]!, otherHash], /different configurations/],
      [[shardFiles[0]!, shardFiles[1]!, otherSuite], /from suite "another-suite"/],
      [[shardFiles[0]!, otherTotal], /shard 3\/4/],
      [[shardFiles[0]!, shardFiles[0]!], /shard 1\/3 given twice/],
      [[...shardFiles, join(await runDir(join(s.dir, 'whole')), 'report.json')], /not a shard report/],
      [[badThreshold, shardFiles[1]!, shardFiles[2]!], /config\.thresholds\[0\].*unknown metric/],
    ];
    for (const [files, message] of cases) {
      const run = await cli(['merge', ...files, '--out', join(s.dir, 'refused')], { cwd: s.dir });
      expect(run.code, run.stderr).toBe(4);
      expect(run.stderr).toMatch(message);
    }
    expect(existsSync(join(s.dir, 'refused'))).toBe(false);
  });
});
