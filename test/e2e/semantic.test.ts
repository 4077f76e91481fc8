// End to end: semantic measures (embeddings cosine, LLM judge) through the real CLI, with the
// real openai SDK talking to the local LLM emulator; a judge failure is a measurement error,
// never a green failure.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLlmEmulator, type LlmEmulator } from '../../reference/llm-emulator/server.js';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { compareCli, readJsonl, readReport, runDir, writeSuite } from './helpers.js';

const running: (Pharmabot | LlmEmulator)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

// Statistical tests on 10 cases decide only large effects: a good release is often
// insufficient-data there (as it should be), so the pass case uses fixed thresholds only.
const STAT_TESTS = [
  { test: 'semantic.ref', minEffect: 0.05 },
  { test: 'judge.ref', minEffect: 0.1 },
];

async function setup(
  green: Parameters<typeof startPharmabot>[0],
  emulator: Parameters<typeof startLlmEmulator>[0] = {},
  tests: unknown[] = [],
) {
  const blue = await startPharmabot({ seed: 1 });
  const g = await startPharmabot(green);
  const llm = await startLlmEmulator(emulator);
  running.push(blue, g, llm);
  const cacheDir = join(await mkdtemp(join(tmpdir(), 'revgate-cache-')), 'cache');
  const endpoint = { url: `${llm.url}/v1`, timeout: '5s', retries: 0, cache: cacheDir };
  const suite = await writeSuite({
    blue: `${blue.url}/v1`,
    green: `${g.url}/v1`,
    sampling: { repeats: 2 },
    scoring: { embeddings: { ...endpoint, model: 'emb-test' }, judge: { ...endpoint, model: 'judge-test', mode: 'both' } },
    thresholds: ['error_rate <= 1%', 'delta.semantic.ref.mean >= -0.15', ...tests],
  });
  return { suite, llm, cacheDir };
}

describe('semantic measures', () => {
  it('scores embeddings and judge per case, records the judge, and caches', async () => {
    const { suite, llm, cacheDir } = await setup({ seed: 2 });
    const run = await compareCli(suite);
    const dir = await runDir(suite.reportsDir);
    const report = await readReport(dir);
    expect(run.code, run.stderr).toBe(0);
    for (const rev of ['blue', 'green'] as const) {
      expect(report.metrics[rev]['semantic.ref.mean'].value).toBeGreaterThan(0.3);
      expect(report.metrics[rev]['judge.ref.mean'].n).toBe(10);
    }
    expect(report.metrics.pair['semantic.drift.mean'].value).toBeGreaterThan(0.5);
    expect(report.metrics.pair['judge.win_rate'].n).toBe(10);
    expect(report.semantic.embeddings.model).toBe('emb-test');
    expect(report.semantic.judge).toMatchObject({ model: 'judge-test', temperature: 0, seed: 7, mode: 'both' });
    const cases = await readJsonl(join(dir, 'cases.jsonl'));
    expect(cases.every((c) => c.semantic && c.semantic.errors.length === 0)).toBe(true);
    expect((await readdir(cacheDir)).length).toBeGreaterThan(0);

    // A second run: every text embedded before (the 10 references at least) comes from the disk cache;
    // only answers the revisions had not given before are sent (how many depends on the run).
    const texts = () =>
      llm
        .stats()
        .log.filter((l) => l.kind === 'embeddings')
        .flatMap((l) => l.texts);
    const before = texts();
    const embedded = new Set(before);
    await compareCli(suite);
    const again = texts().slice(before.length);
    expect(again.filter((t) => embedded.has(t))).toEqual([]);
    expect(embedded.size).toBeGreaterThanOrEqual(10);
  });

  it('catches a semantic regression of short answers', async () => {
    const { suite } = await setup({ seed: 2, flaws: { shortAnswers: true } }, {}, STAT_TESTS);
    const run = await compareCli(suite);
    const report = await readReport(await runDir(suite.reportsDir));
    expect(run.code).toBe(1);
    const failed = report.checks.filter((c: { status: string }) => c.status === 'fail').map((c: { name: string }) => c.name);
    expect(failed).toContain('judge.ref');
  });

  it('a failing judge is a measurement error, not a green failure', async () => {
    const { suite } = await setup({ seed: 2 }, { failEvery: 1 }, STAT_TESTS);
    const run = await compareCli(suite);
    const dir = await runDir(suite.reportsDir);
    const report = await readReport(dir);
    const cases = await readJsonl(join(dir, 'cases.jsonl'));
    expect(cases.every((c) => c.semantic.errors.length > 0)).toBe(true);
    expect(cases.every((c) => c.status === 'pass')).toBe(true);
    // No semantic data: the semantic checks cannot pass (inconclusive), and nothing blames green.
    const semanticChecks = report.checks.filter((c: { name: string }) => /semantic|judge/.test(c.name));
    expect(semanticChecks.length).toBeGreaterThanOrEqual(3);
    expect(semanticChecks.every((c: { status: string }) => c.status === 'inconclusive')).toBe(true);
    expect(report.verdict.status).toBe('inconclusive');
    expect(report.checks.filter((c: { status: string }) => c.status === 'fail')).toEqual([]);
    expect(run.code).toBe(2);
  });
});
