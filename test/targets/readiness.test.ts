import { afterEach, describe, expect, it } from 'vitest';
import { waitReady } from '../../src/targets/readiness.js';
import { closedPort, sleep, startServer, type TestServer } from './fixtures.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('waitReady', () => {
  it('polls through 503s until 200', async () => {
    server = await startServer((_r, res, nth) => {
      res.writeHead(nth < 2 ? 503 : 200);
      res.end();
    });
    const result = await waitReady(`${server.url}/health/ready`, { timeoutMs: 5_000, intervalMs: 20 });
    expect(result).toMatchObject({ ok: true });
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(Array(3).fill('GET /health/ready'));
    if (result.ok) expect(result.waitedMs).toBeGreaterThanOrEqual(35);
  });

  it('gives up after timeoutMs with the last status', async () => {
    server = await startServer((_r, res) => {
      res.writeHead(503);
      res.end();
    });
    const started = performance.now();
    const result = await waitReady(`${server.url}/ready?token=abc`, { timeoutMs: 200, intervalMs: 30 });
    const waited = performance.now() - started;
    expect(result).toMatchObject({ ok: false, lastStatus: 503, connectionRefused: false });
    expect(result.ok ? '' : result.reason).toMatch(/\/ready not ready within 200ms \(last: HTTP 503\)/);
    expect(result.ok ? '' : result.reason).not.toContain('token=abc');
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(1_000);
  });

  it('reports a refused connection', async () => {
    const result = await waitReady(`${await closedPort()}/health/ready`, { timeoutMs: 150, intervalMs: 20 });
    expect(result).toMatchObject({ ok: false, connectionRefused: true });
    expect(result).not.toHaveProperty('lastStatus');
  });

  it('a hanging endpoint does not outlive timeoutMs', async () => {
    server = await startServer(async (_r, res) => {
      await sleep(2_000);
      res.end();
    });
    const started = performance.now();
    const result = await waitReady(server.url, { timeoutMs: 150 });
    expect(result).toMatchObject({ ok: false, connectionRefused: false });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("rejects with the caller's abort reason", async () => {
    server = await startServer((_r, res) => {
      res.writeHead(503);
      res.end();
    });
    const controller = new AbortController();
    const reason = new Error('cancelled');
    setTimeout(() => controller.abort(reason), 60);
    await expect(waitReady(server.url, { timeoutMs: 5_000, intervalMs: 20, signal: controller.signal })).rejects.toBe(reason);
  });
});
