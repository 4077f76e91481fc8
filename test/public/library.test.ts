// The library as a user's own test would use it (docs/library/revgate.test.ts): loadSuite + compare
// from the public API against real pharmabot services on loopback, failing on a non-pass verdict.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { compare, loadSuite, merge, parseShard, selectShard, type CompareResult } from '../../src/public/index.js';
import { medquadCases, pharmabotCases, writeSuite } from '../e2e/helpers.js';

let blue: Pharmabot;
let good: Pharmabot;
let flawed: Pharmabot;
let out: string;
let suiteFile: string;

beforeAll(async () => {
  [blue, good, flawed] = await Promise.all([
    startPharmabot({ seed: 1, name: 'blue' }),
    startPharmabot({ seed: 2, name: 'green' }),
    startPharmabot({ seed: 3, name: 'green-flawed', flaws: { shortAnswers: true, refusalRate: 0.5 } }),
  ]);
  out = await mkdtemp(join(tmpdir(), 'revgate-public-'));
  // A small suite in the shape of suites/pharmabot.yaml: curated cases (critical ones included) + MedQuAD.
  // The URLs in the file are placeholders: the test passes the staging URLs as overrides, as the doc does.
  ({ suiteFile } = await writeSuite({
    blue: 'http://blue.invalid/v1',
    green: 'http://green.invalid/v1',
    cases: [...pharmabotCases(), ...medquadCases(16)],
  }));
});

afterAll(async () => {
  await Promise.all([blue?.close(), good?.close(), flawed?.close()]);
});

/** What docs/library/revgate.test.ts does: load the suite with the staging URLs, compare, read the verdict. */
async function gate(green: Pharmabot): Promise<CompareResult> {
  const { suite } = await loadSuite(suiteFile, { overrides: { blue: `${blue.url}/v1`, green: `${green.url}/v1`, out }, env: {} });
  return compare(suite);
}

describe('library use (docs/library/revgate.test.ts)', () => {
  it("passes a good green: the verdict the user's test asserts on, with the reports written", async () => {
    const { summary, files } = await gate(good);
    expect(summary.verdict.status, summary.verdict.reasons.join('\n')).toBe('pass');
    expect(summary.run.complete).toBe(true);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['json', 'md', 'junit']));
  });

  it('reports a non-pass verdict for a flawed green, with the reasons a failing test would print', async () => {
    const { summary } = await gate(flawed);
    expect(summary.verdict.status).toBe('fail');
    expect(summary.verdict.reasons.join('\n')).toMatch(/refusal_rate|ref\.rougeL/);
  });

  it('shards and merges through the public API', async () => {
    const { suite } = await loadSuite(suiteFile, { overrides: { blue: `${blue.url}/v1`, green: `${good.url}/v1`, out }, env: {} });
    const halves = [await compare(selectShard(suite, parseShard('1/2'))), await compare(selectShard(suite, parseShard('2/2')))];
    const merged = await merge(
      halves.map((h) => h.files.json!),
      { outDir: out },
    );
    expect(merged.summary.run.casesDone).toBe(suite.cases.length);
    expect(merged.missing).toEqual([]);
    expect(merged.summary.verdict.status, merged.summary.verdict.reasons.join('\n')).toBe('pass');
  });
});
