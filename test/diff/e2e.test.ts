// End to end: two real runs against pharmabot (green seed 2, then a flawed green), diffed with the
// real CLI in-process.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import type { Diff } from '../../src/diff/model.js';
import { cli, compareCli, medquadCases, pharmabotCases, runDir, writeSuite, type TempSuite } from '../e2e/helpers.js';

const bots: Pharmabot[] = [];
let suite: TempSuite;
let a: string;
let b: string;

/** Run compare with `green` into its own reports directory; returns its report.json. */
async function run(green: Pharmabot, name: string): Promise<string> {
  const out = join(suite.dir, name);
  const r = await compareCli(suite, ['--green', `${green.url}/v1`, '--out', out]);
  expect([0, 1], r.stderr).toContain(r.code);
  return join(await runDir(out), 'report.json');
}

beforeAll(async () => {
  const blue = await startPharmabot({ seed: 1 });
  const good = await startPharmabot({ seed: 2 });
  const flawed = await startPharmabot({ seed: 3, flaws: { shortAnswers: true, refusalRate: 0.3, extraLatencyMs: 40 } });
  bots.push(blue, good, flawed);
  suite = await writeSuite({ blue: `${blue.url}/v1`, green: `${good.url}/v1`, cases: [...pharmabotCases(), ...medquadCases(12)] });
  a = await run(good, 'run-a');
  b = await run(flawed, 'run-b');
});
afterAll(async () => {
  await Promise.all(bots.map((x) => x.close()));
});

describe('revgate diff, end to end', () => {
  it('prints a Markdown diff of green B vs green A and exits 0 (a report, not a gate)', async () => {
    const r = await cli(['diff', a, b, '--price-in', '2.5', '--price-out', '10'], { cwd: suite.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^## revgate diff: green of B vs green of A — e2e/);
    expect(r.stdout).toMatch(/\| ref\.rougeL\.mean \| [\d.]+ \| [\d.]+ \| -[\d.]+ \| -[\d.]+% \| worse \|/);
    // short answers: fewer completion tokens (cheaper), a metric that is "better" however worse the answers
    expect(r.stdout).toMatch(/\| tokens\.completion\.mean \| [\d.]+ \| [\d.]+ \| -[\d.]+ \| -[\d.]+% \| better \|/);
    expect(r.stdout).toContain('### Tokens and cost per 1,000 requests');
    expect(r.stdout).toMatch(/\| cost \(USD\) \| \$[\d.]+ \| \$[\d.]+ \| -\$[\d.]+ \(-[\d.]+%\) \|/);
    expect(r.stdout).toContain('### By tag (A → B)');
    expect(r.stdout).toContain('### Biggest per-case score changes');
  });

  it('writes diff.md, diff.html and diff.json with --out; the JSON model names the changed cases', async () => {
    const out = join(suite.dir, 'diff-out');
    const r = await cli(['diff', a, b, '--out', out], { cwd: suite.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['md', 'html', 'json'].map((f) => `wrote ${join(out, `diff.${f}`)}`));
    const diff = JSON.parse(await readFile(join(out, 'diff.json'), 'utf8')) as Diff;
    expect(diff.schemaVersion).toBe(1);
    expect(diff).toMatchObject({ sameSuite: true, warnings: [], a: { side: 'green', file: a }, b: { side: 'green', file: b } });
    expect(diff.cases.matched).toBe(20);
    // 30% refusals fail the not-refusal assertions of the curated cases on some of them
    expect(diff.cases.counts.regressed).toBeGreaterThan(0);
    expect(diff.cases.changed[0]!.change).toBe('regressed');
    expect(diff.usage?.a.totalPer1k).toBeGreaterThan(0);
    expect(diff.usage?.b.costPer1k).toBeNull();
    expect(
      diff.scoreChanges.some((c) => c.score === 'ref.rougeL' && c.direction === 'worse' && c.answerA !== null && c.answerB !== null),
    ).toBe(true);
    expect(await readFile(join(out, 'diff.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('compares blue of A with green of B on request', async () => {
    const r = await cli(['diff', a, b, '--a-side', 'blue', '--format', 'json'], { cwd: suite.dir });
    expect(r.code, r.stderr).toBe(0);
    const diff = JSON.parse(r.stdout) as Diff;
    expect(diff.a.side).toBe('blue');
    expect(diff.b.side).toBe('green');
  });

  it('warns when the reports come from different suites, and still diffs', async () => {
    const other = join(suite.dir, 'other-suite.json');
    const data = JSON.parse(await readFile(b, 'utf8')) as { suite: { name: string; configHash: string } };
    data.suite.name = 'another-suite';
    await writeFile(other, JSON.stringify(data));
    const r = await cli(['diff', a, other], { cwd: suite.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('revgate: warning: the runs come from different suites ("e2e" and "another-suite")');
    expect(r.stdout).toContain('> [!WARNING]');
  });

  it('refuses a report of an unknown schema version, a non-report and bad flags with exit 4', async () => {
    const future = join(suite.dir, 'future.json');
    await writeFile(future, JSON.stringify({ ...JSON.parse(await readFile(b, 'utf8')), schemaVersion: 2 }));
    const r = await cli(['diff', a, future], { cwd: suite.dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('report schema 2 is newer than this revgate understands (1)');
    expect((await cli(['diff', a, join(suite.dir, 'missing.json')], { cwd: suite.dir })).code).toBe(4);
    const price = await cli(['diff', a, b, '--price-in', 'cheap', '--price-out', '1'], { cwd: suite.dir });
    expect(price.code).toBe(4);
    expect(price.stderr).toContain('--price-in must be a price ≥ 0');
    const half = await cli(['diff', a, b, '--price-in-a', '1'], { cwd: suite.dir });
    expect(half.code).toBe(4);
    expect(half.stderr).toContain('run A has a price for input tokens but none for output tokens');
    expect((await cli(['diff', a, b, '--format', 'md,json'], { cwd: suite.dir })).code).toBe(4);
    expect((await cli(['diff', a, b, '--b-side', 'purple'], { cwd: suite.dir })).code).toBe(4);
  });
});
