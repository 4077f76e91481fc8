// The replay engine against real servers: blue/green pairing and seeded order, the per-request
// timeout, the whole-run deadline (engine and CLI), and the concurrency limit seen by the server.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareCli, readJsonl, readReport, runDir, type TestServer } from '../e2e/helpers.js';
import { answerAfter, caseServer, runEngine, suiteFor } from './fixtures.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Per case, the revision that reached the server first. */
async function firstRevisionBySeed(seed: number): Promise<string[]> {
  const server = await caseServer((_hit, res) => answerAfter(res, 0));
  servers.push(server);
  await runEngine(await suiteFor(server, 24, { concurrency: 1, seed }));
  const order = server.hits.map((h) => `${h.caseId}/${h.revision}`);
  // concurrency 1: the server sees the queue order. Each case's two calls are adjacent.
  for (let i = 0; i < order.length; i += 2) expect(order[i]!.split('/')[0]).toBe(order[i + 1]!.split('/')[0]);
  expect(new Set(server.hits.map((h) => h.caseId)).size).toBe(24);
  return server.hits.filter((_, i) => i % 2 === 0).map((h) => h.revision);
}

describe('replay engine', () => {
  it('pairs blue and green of a case back to back, in a seeded random order', async () => {
    const a = await firstRevisionBySeed(7);
    expect(a).toContain('blue');
    expect(a).toContain('green');
    // Same seed, same order (reproducible); another seed, another order.
    expect(await firstRevisionBySeed(7)).toEqual(a);
    expect(await firstRevisionBySeed(8)).not.toEqual(a);
  });

  it('starts the two calls of a case together under concurrency (adjacent start times)', async () => {
    const server = await caseServer((_hit, res) => answerAfter(res, 20));
    servers.push(server);
    const { attempts } = await runEngine(await suiteFor(server, 16, { concurrency: 4, seed: 3 }));
    expect(attempts).toHaveLength(32);
    const gaps: number[] = [];
    for (const id of new Set(server.hits.map((h) => h.caseId))) {
      const [x, y] = server.hits.filter((h) => h.caseId === id);
      gaps.push(Math.abs(x!.req.at - y!.req.at));
      // Queued back to back: at most the other in-flight requests arrive between them.
      expect(Math.abs(server.hits.indexOf(x!) - server.hits.indexOf(y!)), id).toBeLessThanOrEqual(4);
    }
    // Typically under a millisecond apart; a pair split by a whole 20 ms request is the exception.
    gaps.sort((p, q) => p - q);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeLessThan(20);
  });

  it('ends a request slower than sampling.timeout as a timeout, and the rest of the run goes on', async () => {
    const server = await caseServer((hit, res) => answerAfter(res, hit.caseId === 'c01' && hit.revision === 'green' ? 3000 : 0));
    servers.push(server);
    const started = performance.now();
    const { attempts, result } = await runEngine(await suiteFor(server, 4, { timeout: '250ms', retries: 0 }));
    expect(performance.now() - started).toBeLessThan(2000);
    const slow = attempts.find((a) => a.caseId === 'c01' && a.revision === 'green')!;
    expect(slow).toMatchObject({ ok: false, error: { class: 'timeout' } });
    expect(slow.latencyMs).toBeGreaterThanOrEqual(240);
    expect(slow.latencyMs).toBeLessThan(1000);
    expect(attempts.filter((a) => a !== slow).every((a) => a.ok)).toBe(true);
    expect(result).toEqual({ casesDone: 4, casesPlanned: 4, stopped: null });
  });

  it('stops at sampling.deadline: stopped "deadline", fewer cases done, unfinished calls not recorded', async () => {
    const server = await caseServer((_hit, res) => answerAfter(res, 100));
    servers.push(server);
    const started = performance.now();
    const { result, attempts } = await runEngine(await suiteFor(server, 40, { concurrency: 2, deadline: '450ms' }));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.stopped).toBe('deadline');
    expect(result.casesPlanned).toBe(40);
    expect(result.casesDone).toBeGreaterThan(0);
    expect(result.casesDone).toBeLessThan(40);
    expect(attempts.every((a) => a.ok)).toBe(true);
  });

  it('a run cut by the deadline is inconclusive through the CLI: exit 2, report incomplete', async () => {
    const server = await caseServer((_hit, res) => answerAfter(res, 100));
    servers.push(server);
    const s = await suiteFor(server, 40, { concurrency: 2 });
    const run = await compareCli(s, ['--deadline', '450ms']);
    expect(run.code, run.stderr).toBe(2);
    const dir = await runDir(s.reportsDir);
    const report = await readReport(dir);
    expect(report.run).toMatchObject({ complete: false, interrupted: 'deadline', casesPlanned: 40 });
    expect(report.run.casesDone).toBeLessThan(40);
    expect(report.verdict.status).toBe('inconclusive');
    expect(report.checks.find((c: { id: string }) => c.id === 'run.complete').reason).toMatch(/deadline/);
    expect((await readJsonl(join(dir, 'results.jsonl'))).length).toBeLessThan(80);
  });

  it('never has more than `concurrency` requests in flight at the server', async () => {
    const server = await caseServer((_hit, res) => answerAfter(res, 30));
    servers.push(server);
    const { attempts } = await runEngine(await suiteFor(server, 30, { concurrency: 3 }));
    expect(attempts).toHaveLength(60);
    expect(server.inFlight().max).toBeLessThanOrEqual(3);
    expect(server.inFlight().max).toBe(3);

    const wide = await caseServer((_hit, res) => answerAfter(res, 30));
    servers.push(wide);
    await runEngine(await suiteFor(wide, 30, { concurrency: 7, repeats: 2 }));
    expect(wide.hits).toHaveLength(120);
    expect(wide.inFlight().max).toBe(7);
  });
});
