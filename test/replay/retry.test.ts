// Retries against real servers: the configured count, the retryable classes (4xx and extraction
// never retried), Retry-After honoured, and the full-jitter backoff bounds of retryDelay.
import { afterEach, describe, expect, it } from 'vitest';
import { retryDelay, withRetries, type RetryPolicy } from '../../src/replay/retry.js';
import { seededRandom } from '../../src/replay/random.js';
import { TargetCallError } from '../../src/targets/types.js';
import { sendJson, type TestServer } from '../e2e/helpers.js';
import { answerAfter, caseServer, runEngine, suiteFor } from './fixtures.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('retries through the replay engine', () => {
  it('retries 5xx up to `retries` times, never 4xx; a flaky case succeeds on its retry', async () => {
    // c00: always 503; c01: always 400; c02: 503 once, then 200; c03: 200 with a body that is not JSON.
    const server = await caseServer((hit, res) => {
      if (hit.revision === 'blue') return answerAfter(res, 0);
      if (hit.caseId === 'c00') return sendJson(res, 503, { error: 'busy' });
      if (hit.caseId === 'c01') return sendJson(res, 400, { error: 'bad' });
      if (hit.caseId === 'c02' && hit.tryNo === 0) return sendJson(res, 503, { error: 'busy' });
      if (hit.caseId === 'c03') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"answer":');
      return answerAfter(res, 0);
    });
    servers.push(server);
    const { attempts } = await runEngine(await suiteFor(server, 5, { retries: 3 }));
    const green = (id: string) => attempts.find((a) => a.caseId === id && a.revision === 'green')!;
    const tries = (id: string) => server.hits.filter((h) => h.caseId === id && h.revision === 'green').length;

    expect(green('c00')).toMatchObject({ ok: false, retries: 3, retriedOn: ['5xx', '5xx', '5xx'], error: { class: '5xx', status: 503 } });
    expect(tries('c00')).toBe(4);
    expect(green('c01')).toMatchObject({ ok: false, retries: 0, error: { class: '4xx', status: 400 } });
    expect(green('c01').retriedOn).toBeUndefined();
    expect(tries('c01')).toBe(1);
    expect(green('c02')).toMatchObject({ ok: true, retries: 1, retriedOn: ['5xx'] });
    expect(tries('c02')).toBe(2);
    expect(green('c03')).toMatchObject({ ok: false, retries: 0, error: { class: 'extraction' } });
    expect(tries('c03')).toBe(1);
    expect(green('c04')).toMatchObject({ ok: true, retries: 0 });
    expect(attempts.filter((a) => a.revision === 'blue').every((a) => a.ok && a.retries === 0)).toBe(true);
  });

  it('with retries: 0 a 5xx is final after one request', async () => {
    const server = await caseServer((_hit, res) => sendJson(res, 502, { error: 'gateway' }));
    servers.push(server);
    const { attempts } = await runEngine(await suiteFor(server, 3, { retries: 0 }));
    expect(attempts).toHaveLength(6);
    expect(attempts.every((a) => !a.ok && a.retries === 0 && a.error?.class === '5xx')).toBe(true);
    expect(server.hits).toHaveLength(6);
  });

  it('waits for Retry-After before retrying a 429 (the backoff alone is 10 ms)', async () => {
    const server = await caseServer((hit, res) => {
      if (hit.revision === 'green' && hit.tryNo === 0) return sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '1' });
      if (hit.revision === 'green' && hit.caseId === 'c01' && hit.tryNo === 1)
        return sendJson(res, 429, { error: 'slow down' }, { 'retry-after-ms': '300' });
      return answerAfter(res, 0);
    });
    servers.push(server);
    const { attempts } = await runEngine(await suiteFor(server, 2, { retries: 3 }));
    for (const id of ['c00', 'c01']) {
      const hits = server.hits.filter((h) => h.caseId === id && h.revision === 'green');
      expect(hits[1]!.req.at - hits[0]!.req.at, id).toBeGreaterThanOrEqual(950);
    }
    const c01 = server.hits.filter((h) => h.caseId === 'c01' && h.revision === 'green');
    expect(c01).toHaveLength(3);
    expect(c01[2]!.req.at - c01[1]!.req.at).toBeGreaterThanOrEqual(280);
    expect(c01[2]!.req.at - c01[1]!.req.at).toBeLessThan(900);
    expect(attempts.find((a) => a.caseId === 'c00' && a.revision === 'green')).toMatchObject({ ok: true, retries: 1, retriedOn: ['429'] });
    expect(attempts.find((a) => a.caseId === 'c01' && a.revision === 'green')).toMatchObject({
      ok: true,
      retries: 2,
      retriedOn: ['429', '429'],
    });
  });
});

describe('retryDelay', () => {
  const policy = (random: () => number, backoffMs = 100, maxDelayMs = 30_000): RetryPolicy => ({
    retries: 5,
    backoffMs,
    maxDelayMs,
    random,
  });
  const err = (retryAfterMs?: number) =>
    new TargetCallError(retryAfterMs === undefined ? '5xx' : '429', 'x', retryAfterMs === undefined ? {} : { retryAfterMs });

  it('uses Retry-After when given, capped at maxDelayMs, whatever the jitter', () => {
    expect(
      retryDelay(
        policy(() => 0),
        0,
        err(1000),
      ),
    ).toBe(1000);
    expect(
      retryDelay(
        policy(() => 0.99),
        4,
        err(0),
      ),
    ).toBe(0);
    expect(
      retryDelay(
        policy(() => 0.5, 100, 5000),
        0,
        err(120_000),
      ),
    ).toBe(5000);
  });

  it('is full jitter: uniform in [0, min(maxDelay, backoff·2^retry)]', () => {
    expect(
      retryDelay(
        policy(() => 0),
        3,
        err(),
      ),
    ).toBe(0);
    expect(
      retryDelay(
        policy(() => 0.999999),
        0,
        err(),
      ),
    ).toBe(100);
    expect(
      retryDelay(
        policy(() => 0.999999),
        3,
        err(),
      ),
    ).toBe(800);
    expect(
      retryDelay(
        policy(() => 0.999999, 100, 500),
        6,
        err(),
      ),
    ).toBe(500);
    const random = seededRandom(42);
    for (let retry = 0; retry < 8; retry++) {
      const cap = Math.min(2000, 100 * 2 ** retry);
      const delays = Array.from({ length: 400 }, () => retryDelay(policy(random, 100, 2000), retry, err()));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThanOrEqual(cap);
      // Spread over the whole range, not clustered at the cap (that would be plain backoff).
      expect(Math.min(...delays)).toBeLessThan(cap * 0.1);
      expect(Math.max(...delays)).toBeGreaterThan(cap * 0.9);
    }
  });

  it('withRetries stops at once on an abort while waiting', async () => {
    const controller = new AbortController();
    let calls = 0;
    const started = performance.now();
    setTimeout(() => controller.abort('SIGINT'), 50);
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new TargetCallError('429', 'limited', { retryAfterMs: 10_000 });
        },
        policy(() => 0.5),
        controller.signal,
      ),
    ).rejects.toBeTruthy();
    expect(calls).toBe(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
