// revgate against a hostile or broken green (test/e2e/hostile-server.ts, one route per misbehaviour):
// each ends as a counted error of its own class or as harmless data, with a verdict and an exit
// code; memory stays bounded (bench:memory measures it), nothing reaches a sink it should not.
import { readFile, writeFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';
import { compareCli, medquadCases, readReport, runDir, writeSuite, type TempSuite } from './helpers.js';

let hostile: HostileServer;
let blue: Pharmabot;
beforeAll(async () => {
  hostile = await startHostileServer();
  blue = await startPharmabot({ seed: 1 });
});
afterAll(async () => {
  await Promise.all([hostile.close(), blue.close()]);
});

/** A suite with pharmabot as blue and a route of the hostile server as green (openai-chat, or http-json). */
async function suite(
  route: string,
  o: { kind?: 'http-json'; sampling?: Record<string, unknown>; target?: Record<string, unknown>; cases?: number; formats?: string[] } = {},
): Promise<TempSuite> {
  const s = await writeSuite({
    blue: `${blue.url}/v1`,
    green: `${hostile.url}/${route}/v1`,
    cases: medquadCases(o.cases ?? 4),
    target: { docs: { preset: 'none' }, ...o.target },
    sampling: { retries: 0, ...o.sampling },
    thresholds: ['error_rate <= 1%'],
    ...(o.formats ? { report: { formats: o.formats } } : {}),
  });
  if (o.kind === 'http-json') {
    const y = parse(await readFile(s.suiteFile, 'utf8'));
    y.target = { docs: { preset: 'none' } };
    y.blue = { kind: 'openai-chat', model: 'pharmabot-1', url: `${blue.url}/v1` };
    y.green = { kind: 'http-json', url: `${hostile.url}/${route}/ask`, body: { q: '{{question}}' }, answer: 'answer' };
    await writeFile(s.suiteFile, stringify(y));
  }
  return s;
}

const greenErrors = async (s: TempSuite) =>
  (await readReport(await runDir(s.reportsDir))).errors.filter((e: { revision: string }) => e.revision === 'green');

describe('bodies past sampling.maxResponseBytes', () => {
  it.each([
    ['openai-chat, a 50 MB JSON body', 'huge', {}],
    ['openai-chat, an endless event stream', 'stream', { target: { stream: true } }],
    ['http-json, a 50 MB body', 'huge', { kind: 'http-json' as const }],
  ])('%s: every green attempt is response_too_large, the body dropped, the verdict not a pass', async (_name, route, o) => {
    const before = hostile.sent();
    const s = await suite(route, { ...o, sampling: { maxResponseBytes: 1024 * 1024 } });
    const r = await compareCli(s);
    expect(r.code, r.stderr).toBeGreaterThanOrEqual(1);
    const errors = await greenErrors(s);
    expect(errors.map((e: { class: string }) => e.class)).toEqual(['response_too_large']);
    expect(errors[0].example).toMatch(/maxResponseBytes \(1048576 bytes\); dropped/);
    // A little past the limit per attempt, never the whole body.
    expect(hostile.sent() - before).toBeLessThan(4 * 10 * 1024 * 1024);
  });
});

describe('a body that drips', () => {
  it.each([
    ['openai-chat', {}],
    ['http-json', { kind: 'http-json' as const }],
  ])('%s: the timeout covers the whole exchange, body included', async (_kind, o) => {
    const s = await suite('drip', { ...o, cases: 2, sampling: { timeout: '400ms' } });
    const started = performance.now();
    const r = await compareCli(s);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(r.code, r.stderr).toBeGreaterThanOrEqual(1);
    expect((await greenErrors(s)).map((e: { class: string }) => e.class)).toEqual(['timeout']);
  });
});

describe('resets on every request', () => {
  it.each([0, 2])('are classified the same with warm-up %i: connection errors, green produced nothing (exit 3)', async (warmup) => {
    const s = await suite('reset', { sampling: { warmup } });
    const r = await compareCli(s);
    // Not "unreachable" (it answers the readiness probe and accepts connections): its resets are counted.
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/green produced no successful answer/);
    expect(r.stderr).not.toMatch(/unreachable/);
    expect((await greenErrors(s)).map((e: { class: string }) => e.class)).toEqual(['connection']);
  });
});

describe('terminal control, bidi overrides and workflow commands in answers', () => {
  it('reach no sink: console, annotations, job summary, any report', async () => {
    const s = await suite('control', { cases: 6, formats: ['json', 'md', 'junit', 'html'] });
    const y = parse(await readFile(s.suiteFile, 'utf8'));
    y.thresholds = ['ref.rougeL.mean >= 0.9'];
    await writeFile(s.suiteFile, stringify(y));
    const summary = `${s.dir}/step-summary.md`;
    const r = await compareCli(s, [], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code, r.stderr).toBe(1);
    const dir = await runDir(s.reportsDir);
    const outputs = [
      r.stdout,
      r.stderr,
      await readFile(summary, 'utf8'),
      ...(await Promise.all(
        ['report.json', 'summary.md', 'junit.xml', 'report.html', 'results.jsonl', 'cases.jsonl'].map((f) =>
          readFile(`${dir}/${f}`, 'utf8'),
        ),
      )),
    ];
    for (const out of outputs) {
      expect(out).not.toMatch(/[\u0000\u0007\u001b\u202e]/);
      expect(out).not.toMatch(/\\u0000|\\u001b/);
      expect(out).not.toMatch(/^\s*::(error::pwned|set-output)/m);
    }
    // Our own annotations are still there, and the answer is kept, defused.
    expect(r.stdout).toMatch(/^::error title=revgate /m);
    expect(await readFile(`${dir}/results.jsonl`, 'utf8')).toContain(': :error::pwned');
  });
});
