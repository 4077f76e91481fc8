// End to end: case selection (`--filter`, `--tag`, `--limit`) through the real CLI, in-process,
// against real pharmabot services on loopback — compare (report.json, console, summary.md,
// junit.xml), the stratified sample with --shard and merge, usage errors before any request,
// record, and diff restricted to the selected cases.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import type { Diff } from '../../src/diff/model.js';
import type { CaseRecord } from '../../src/model/metrics.js';
import { aggregate } from '../../src/scoring/aggregate.js';
import {
  cli,
  compareCli,
  medquadCases,
  pharmabotCases,
  readJsonl,
  readReport,
  runDir,
  writeSuite,
  type Loose,
  type TempSuite,
} from './helpers.js';

// 8 curated cases (first tag "treatment") and 24 MedQuAD cases (ids cdc-…, first tag "CDC", 8 of
// them also tagged "treatment").
const CASES = [...pharmabotCases(), ...medquadCases(24)];

let blue: Pharmabot;
let green: Pharmabot;
let s: TempSuite;

beforeAll(async () => {
  blue = await startPharmabot({ seed: 1 });
  green = await startPharmabot({ seed: 2 });
  s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, cases: CASES });
});
afterAll(async () => {
  await Promise.all([blue.close(), green.close()]);
});

/** compare with extra flags into <suite dir>/<name>; returns the run and its report. */
async function compareInto(name: string, flags: string[]): Promise<{ run: Awaited<ReturnType<typeof cli>>; dir: string; report: Loose }> {
  const run = await compareCli(s, [...flags, '--out', join(s.dir, name)]);
  const dir = await runDir(join(s.dir, name));
  return { run, dir, report: await readReport(dir) };
}

const idsOf = (report: Loose): string[] => (report.cases as { id: string }[]).map((c) => c.id);
const firstTags = (report: Loose): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of report.cases as { tags: string[] }[]) out[c.tags[0]!] = (out[c.tags[0]!] ?? 0) + 1;
  return out;
};

describe('compare --filter --tag --limit', () => {
  it('replays only the selected cases; report.json, the console, summary.md and junit.xml say what was selected', async () => {
    const { run, dir, report } = await compareInto('selected', ['--filter', '^cdc-', '--tag', 'treatment', '--limit', '6']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(report.run).toMatchObject({ complete: true, casesPlanned: 6, casesDone: 6 });
    expect(report.run.selection).toEqual({ filter: '^cdc-', tags: ['treatment'], limit: 6, seed: 1, selected: 6, of: 32 });
    expect(report.run.shard).toBeUndefined();
    expect(report.cases).toHaveLength(6);
    for (const c of report.cases as { id: string; tags: string[] }[]) {
      expect(c.id).toMatch(/^cdc-/);
      expect(c.tags).toContain('treatment');
    }
    expect(await readJsonl(join(dir, 'results.jsonl'))).toHaveLength(12); // 6 cases × blue and green
    expect(report.metrics.green.cases.value).toBe(6);

    const line = 'selected 6 of 32 cases (filter ^cdc-, tags: treatment, limit 6, seed 1)';
    expect(run.stderr).toContain(`revgate: ${line}\n`);
    expect(run.stdout.split('\n')[1]).toBe(`  ${line}`); // right under the verdict line
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain(`· ${line} ·`);
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toContain(`<property name="run.selection" value="${line}"/>`);
  });

  it('a limit at the suite size or a match-all filter keeps every case, and the report still states the selection', async () => {
    const { run, report } = await compareInto('all', ['--limit', '32']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(report.run.selection).toEqual({ limit: 32, seed: 1, selected: 32, of: 32 });
    const plain = await compareInto('plain', ['--filter', '.']);
    expect(plain.report.run.selection).toEqual({ filter: '.', selected: 32, of: 32 });
    expect(plain.report.run.casesPlanned).toBe(32);
  });

  it('--limit is a sample stratified by first tag, seeded by --seed; shards split the selected set and merge keeps the selection', async () => {
    const whole = await compareInto('limit', ['--tag', 'treatment', '--limit', '6']);
    expect(whole.run.code, whole.run.stderr + whole.run.stdout).toBe(0);
    // 16 treatment cases: 8 with first tag "treatment", 8 with first tag "CDC" → 3 and 3.
    expect(firstTags(whole.report)).toEqual({ treatment: 3, CDC: 3 });

    const reseeded = await compareInto('limit-seed-7', ['--tag', 'treatment', '--limit', '6', '--seed', '7']);
    expect(reseeded.report.run.selection).toEqual({ tags: ['treatment'], limit: 6, seed: 7, selected: 6, of: 32 });
    expect(firstTags(reseeded.report)).toEqual({ treatment: 3, CDC: 3 });
    expect(idsOf(reseeded.report)).not.toEqual(idsOf(whole.report));

    const files: string[] = [];
    const shardIds: string[] = [];
    for (const k of [1, 2]) {
      const shard = await compareInto(`limit-shard-${k}`, ['--tag', 'treatment', '--limit', '6', '--shard', `${k}/2`]);
      expect([0, 1, 2], shard.run.stderr + shard.run.stdout).toContain(shard.run.code); // ~3 cases: may be inconclusive
      expect(shard.run.stderr).toMatch(new RegExp(`shard ${k}/2: \\d of 6 cases`));
      expect(shard.report.run.selection).toEqual(whole.report.run.selection);
      expect(shard.report.run.shard).toEqual({ index: k, total: 2 });
      files.push(join(shard.dir, 'report.json'));
      shardIds.push(...idsOf(shard.report));
    }
    expect(shardIds.sort()).toEqual(idsOf(whole.report).sort());

    const merged = await cli(['merge', ...files, '--out', join(s.dir, 'merged')], { cwd: s.dir });
    expect([0, 1, 2], merged.stderr + merged.stdout).toContain(merged.code);
    const report = await readReport(await runDir(join(s.dir, 'merged')));
    expect(report.run.selection).toEqual(whole.report.run.selection);
    expect(report.run).toMatchObject({ casesPlanned: 6, casesDone: 6, complete: true });

    // Shards that selected differently are not one run.
    const other = await compareInto('other-shard', ['--tag', 'treatment', '--limit', '5', '--shard', '2/2']);
    const refused = await cli(['merge', files[0]!, join(other.dir, 'report.json'), '--out', join(s.dir, 'refused')], { cwd: s.dir });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('selected different cases');
  });

  it('a bad selection exits 4 before anything is sent', async () => {
    const sent = () => blue.stats().requests + green.stats().requests;
    const before = sent();
    const bad = await compareCli(s, ['--filter', '(cdc']);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('invalid --filter "(cdc": Invalid regular expression');
    expect(bad.stderr).toContain('regular expression tested against each case id');
    const none = await compareCli(s, ['--filter', '^cdc-', '--tag', 'no-such-tag']);
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('no case matches --filter "^cdc-" --tag no-such-tag (of 32 cases)');
    const zero = await compareCli(s, ['--limit', '0']);
    expect(zero.code).toBe(4);
    expect(zero.stderr).toContain('--limit must be a whole number ≥ 1');
    expect(sent()).toBe(before);
    expect(existsSync(s.reportsDir)).toBe(false);
  });
});

describe('record --filter', () => {
  it('records only the selected cases; every other case keeps its reference', async () => {
    const r = await cli(['record', s.suiteFile, '--filter', '^cdc-0000003-', '--out', 'selected.recorded.yaml'], { cwd: s.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('revgate: selected 3 of 32 cases (filter ^cdc-0000003-)\n');
    expect(r.stderr).toContain('revgate: recording blue');
    expect(r.stdout).toBe('wrote selected.recorded.yaml (3 references recorded, 29 kept) from golden.yaml\n');
  });
});

describe('diff --filter --tag', () => {
  let a: string;
  let b: string;
  let reportA: Loose;

  beforeAll(async () => {
    const ra = await compareInto('diff-a', []);
    const rb = await compareInto('diff-b', []);
    expect(ra.report.run.selection).toBeUndefined();
    a = join(ra.dir, 'report.json');
    b = join(rb.dir, 'report.json');
    reportA = ra.report;
  });

  it('compares only the selected cases, recomputes the metrics from them and states the selection', async () => {
    const r = await cli(['diff', a, b, '--filter', '^cdc-', '--tag', 'treatment', '--format', 'json'], { cwd: s.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('revgate: selected 8 of 32 cases (filter ^cdc-, tags: treatment)\n');
    const diff = JSON.parse(r.stdout) as Diff;
    expect(diff.selection).toEqual({ filter: '^cdc-', tags: ['treatment'], selected: 8, of: 32 });
    expect(diff.a.cases).toBe(8);
    expect(diff.b.cases).toBe(8);
    expect(diff.cases.matched).toBe(8);
    expect(diff.tags.map((t) => t.tag)).toEqual(['CDC', 'treatment']);
    expect(diff.tagsOnlyInA).toEqual([]);
    const kept = (reportA.cases as CaseRecord[]).filter((c) => /^cdc-/.test(c.id) && c.tags.includes('treatment'));
    const expected = aggregate(kept, { k: 5 }).green;
    for (const name of ['cases', 'rag.recall@5', 'ref.rougeL.mean', 'latency.p95']) {
      expect(diff.metrics.find((m) => m.name === name)?.a, name).toBe(expected[name]!.value);
    }
    expect(diff.metrics.find((m) => m.name === 'cases')?.b).toBe(8);
  });

  it('says so in Markdown and HTML; --limit is seeded by run B (else --seed)', async () => {
    const md = await cli(['diff', a, b, '--filter', '^cdc-'], { cwd: s.dir });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('selected 24 of 32 cases (filter ^cdc-): both runs are restricted to these case ids');
    expect(md.stdout).toMatch(/\| cases \| 24 \| 24 \|/);

    const html = await cli(['diff', a, b, '--tag', 'treatment', '--format', 'html'], { cwd: s.dir });
    expect(html.stdout).toContain('<p>selected 16 of 32 cases (tags: treatment): both runs are restricted');

    const limited = await cli(['diff', a, b, '--limit', '5', '--format', 'json'], { cwd: s.dir });
    expect((JSON.parse(limited.stdout) as Diff).selection).toEqual({ limit: 5, seed: 1, selected: 5, of: 32 });
    const reseeded = await cli(['diff', a, b, '--limit', '5', '--seed', '9', '--format', 'json'], { cwd: s.dir });
    expect((JSON.parse(reseeded.stdout) as Diff).selection?.seed).toBe(9);

    const none = await cli(['diff', a, b, '--filter', '^nope'], { cwd: s.dir });
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('no case matches --filter "^nope" (of 32 cases)');
  });
});
