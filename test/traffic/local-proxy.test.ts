// The local router's proxy: weighted distribution, streaming pass-through, headers, upstream failures.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRouter, type LocalRouterHandle, type LocalRouterOptions } from '../../src/traffic/local/index.js';
import { deadUrl, get, mapLimit, pharmabots, tempDir, upstream } from './local-helpers.js';

let bots: Awaited<ReturnType<typeof pharmabots>>;
let state: Awaited<ReturnType<typeof tempDir>>;
let local: LocalRouterHandle | undefined;
const extra: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  bots = await pharmabots();
  state = await tempDir();
});
afterEach(async () => {
  await local?.close();
  local = undefined;
  await Promise.all(extra.splice(0).map((u) => u.close()));
});
afterAll(async () => {
  await bots.close();
  await state.remove();
});

async function start(options: Partial<LocalRouterOptions> = {}): Promise<LocalRouterHandle> {
  local = await startLocalRouter({
    app: `app-${Math.random().toString(36).slice(2)}`,
    revisions: [
      { name: 'blue', url: bots.blue.url },
      { name: 'green', url: bots.green.url },
    ],
    stateDir: state.dir,
    ...options,
  });
  return local;
}

const count = (names: (string | null)[]): Record<string, number> =>
  names.reduce<Record<string, number>>((acc, n) => ({ ...acc, [String(n)]: (acc[String(n)] ?? 0) + 1 }), {});

describe('local router: distribution', () => {
  it('a fresh app sends everything to its first revision', async () => {
    const { router, url } = await start();
    expect(await router.readWeights()).toEqual([{ revision: 'blue', weight: 100 }]);
    const replies = await mapLimit(20, 5, () => get(`${url}/version`));
    expect(count(replies.map((r) => r.revision))).toEqual({ blue: 20 });
  });

  it('smooth round-robin: 1000 requests at 90/10 give exactly 900/100, each answered by the revision named', async () => {
    const { router, url } = await start();
    await router.setWeights([
      { revision: 'blue', weight: 90 },
      { revision: 'green', weight: 10 },
    ]);
    const replies = await mapLimit(1000, 4, () => get(`${url}/version`));
    expect(count(replies.map((r) => r.revision))).toEqual({ blue: 900, green: 100 });
    for (const r of replies) expect(JSON.parse(r.text)).toMatchObject({ name: r.revision });
    const stats = router.stats();
    expect(stats.blue).toMatchObject({ requests: 900, ok2xx: 900, errors5xx: 0 });
    expect(stats.green).toMatchObject({ requests: 100, ok2xx: 100, errors5xx: 0 });
    expect(stats.green!.latencyMs).toHaveLength(100);
  });

  it('interleaves: within every 10 consecutive picks at 90/10, green gets exactly one', async () => {
    const { router, url } = await start();
    await router.setWeights([
      { revision: 'blue', weight: 90 },
      { revision: 'green', weight: 10 },
    ]);
    const seq: (string | null)[] = [];
    for (let i = 0; i < 30; i++) seq.push((await get(`${url}/health`)).revision);
    for (let i = 0; i < 30; i += 10) expect(seq.slice(i, i + 10).filter((n) => n === 'green')).toHaveLength(1);
  });

  it('seeded weighted random: 1000 requests at 90/10 land within tolerance', async () => {
    const { router, url } = await start({ balance: 'random', seed: 7 });
    await router.setWeights([
      { revision: 'blue', weight: 90 },
      { revision: 'green', weight: 10 },
    ]);
    const counts = count((await mapLimit(1000, 4, () => get(`${url}/health`))).map((r) => r.revision));
    expect(counts.green).toBeGreaterThan(60);
    expect(counts.green).toBeLessThan(140);
    expect(counts.blue! + counts.green!).toBe(1000);
  });

  it('a 0% revision gets nothing, and nothing after 0/100 goes to blue', async () => {
    const { router, url } = await start();
    await router.setWeights([
      { revision: 'blue', weight: 100 },
      { revision: 'green', weight: 0 },
    ]);
    expect(count((await mapLimit(200, 10, () => get(`${url}/health`))).map((r) => r.revision))).toEqual({ blue: 200 });
    expect(router.stats().green?.requests).toBe(0);
    await router.setWeights([
      { revision: 'blue', weight: 0 },
      { revision: 'green', weight: 100 },
    ]);
    expect(count((await mapLimit(50, 10, () => get(`${url}/health`))).map((r) => r.revision))).toEqual({ green: 50 });
    expect(router.stats().blue?.requests).toBe(200);
  });
});

describe('local router: pass-through', () => {
  it('streams SSE unbuffered: the first chunk arrives long before the upstream finishes', async () => {
    const { router, url } = await start();
    await router.setWeights([
      { revision: 'green', weight: 100 },
      { revision: 'blue', weight: 0 },
    ]);
    const body = JSON.stringify({ stream: true, messages: [{ role: 'user', content: 'What are the treatments for Acromegaly?' }] });
    const t0 = performance.now();
    const { headers, chunks, total } = await new Promise<{ headers: Record<string, unknown>; chunks: number[]; total: number }>(
      (resolve, reject) => {
        const req = request(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          const times: number[] = [];
          res.on('data', () => times.push(performance.now() - t0));
          res.on('end', () => resolve({ headers: res.headers, chunks: times, total: performance.now() - t0 }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      },
    );
    expect(headers['content-type']).toBe('text/event-stream');
    expect(headers['x-revgate-revision']).toBe('green');
    expect(chunks.length).toBeGreaterThan(3);
    // pharmabot sleeps 2-10 ms between chunks: a buffering proxy would deliver everything at the end.
    expect(total - chunks[0]!).toBeGreaterThan(20);
  });

  it('delivers the first SSE event at once while the upstream holds the rest back (TTFB ≪ total)', async () => {
    const slow = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      setTimeout(() => res.end('data: [DONE]\n\n'), 400);
    });
    extra.push(slow);
    const { url } = await start({ revisions: [{ name: 'slow', url: slow.url }], app: 'slow-app' });
    const t0 = performance.now();
    const res = await fetch(`${url}/events`);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const ttfb = performance.now() - t0;
    while (!(await reader.read()).done);
    const total = performance.now() - t0;
    expect(first).toBe('data: first\n\n');
    expect(ttfb).toBeLessThan(200);
    expect(total).toBeGreaterThanOrEqual(390);
  });

  it('streams a full SSE answer that parses, ending with [DONE]', async () => {
    const { router, url } = await start();
    await router.setWeights([{ revision: 'blue', weight: 100 }]);
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stream: true, messages: [{ role: 'user', content: 'What is glaucoma?' }] }),
    });
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const text = events
      .slice(0, -1)
      .map((e) => (JSON.parse(e.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('');
    expect(text.length).toBeGreaterThan(20);
  });

  it('drops hop-by-hop headers both ways, rewrites Host, adds x-forwarded-* and passes request bodies', async () => {
    const echo = await upstream((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.setHeader('x-upstream', 'yes');
        res.setHeader('keep-alive', 'timeout=99');
        res.setHeader('connection', 'keep-alive, x-private');
        res.setHeader('x-private', 'secret');
        res.end(JSON.stringify({ headers: req.headers, body: Buffer.concat(chunks).toString() }));
      });
    });
    extra.push(echo);
    const { url } = await start({ revisions: [{ name: 'echo', url: echo.url }], app: 'echo-app' });
    const { status, headers, text } = await new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
      (resolve, reject) => {
        const req = request(
          `${url}/anything?q=1`,
          {
            method: 'POST',
            headers: { connection: 'keep-alive, x-drop-me', 'x-drop-me': '1', 'x-keep': '2', 'proxy-authorization': 'Basic x' },
          },
          (res) => {
            let t = '';
            res.on('data', (c: Buffer) => (t += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: t }));
          },
        );
        req.on('error', reject);
        req.end('a'.repeat(100_000));
      },
    );
    expect(status).toBe(200);
    const seen = JSON.parse(text) as { headers: Record<string, string>; body: string };
    expect(seen.body).toHaveLength(100_000);
    expect(seen.headers['x-keep']).toBe('2');
    expect(seen.headers['x-drop-me']).toBeUndefined();
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(seen.headers.host).toBe(new URL(echo.url).host);
    expect(seen.headers['x-forwarded-host']).toBe(new URL(url).host);
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-upstream']).toBe('yes');
    expect(headers['x-private']).toBeUndefined();
    expect(headers['keep-alive']).not.toBe('timeout=99');
    expect(headers['x-revgate-revision']).toBe('echo');
  });

  it('passes upstream statuses through and counts them by class', async () => {
    const up = await upstream((req, res) => {
      res.statusCode = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
      res.end('{}');
    });
    extra.push(up);
    const { router, url } = await start({ revisions: [{ name: 'up', url: up.url }], app: 'status-app' });
    for (const s of [200, 201, 302, 404, 429, 500, 503]) expect((await get(`${url}/?status=${s}`, { redirect: 'manual' })).status).toBe(s);
    expect(router.stats().up).toMatchObject({ requests: 7, ok2xx: 2, redirects3xx: 1, errors4xx: 2, errors5xx: 2, failed: 0 });
  });
});

describe('local router: failures', () => {
  it('an unreachable revision → 502 JSON naming it, counted as 5xx for it; health says Failed', async () => {
    const dead = await deadUrl();
    const { router, url } = await start({
      revisions: [
        { name: 'blue', url: bots.blue.url },
        { name: 'ghost', url: dead },
      ],
      app: 'dead-app',
    });
    await router.setWeights([
      { revision: 'blue', weight: 50 },
      { revision: 'ghost', weight: 50 },
    ]);
    const replies = await mapLimit(10, 2, () => get(`${url}/health`));
    const ghost = replies.filter((r) => r.revision === 'ghost');
    expect(ghost).toHaveLength(5);
    for (const r of ghost) {
      expect(r.status).toBe(502);
      expect(JSON.parse(r.text)).toMatchObject({ error: { type: 'bad_gateway', revision: 'ghost' } });
    }
    expect(router.stats().ghost).toMatchObject({ requests: 5, errors5xx: 5, failed: 5, ok2xx: 0 });
    expect(router.stats().blue).toMatchObject({ requests: 5, errors5xx: 0 });
    const info = (await router.listRevisions()).find((r) => r.name === 'ghost');
    expect(info).toMatchObject({ healthState: 'Unhealthy', runningState: 'Failed' });
    expect(info?.error).toMatch(/ECONNREFUSED|connect/);
  });

  it('a response cut mid-stream by the upstream is counted as failed', async () => {
    const up = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    extra.push(up);
    const { router, url } = await start({ revisions: [{ name: 'flaky', url: up.url }], app: 'cut-app' });
    await expect(get(`${url}/stream`)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(router.stats().flaky).toMatchObject({ requests: 1, errors5xx: 1, failed: 1 });
  });

  it('no revision with traffic → 503', async () => {
    const { router, url } = await start({ revisions: [], app: 'empty-app' });
    expect(await router.readWeights()).toEqual([]);
    const r = await get(`${url}/`);
    expect(r.status).toBe(503);
    expect(r.revision).toBeNull();
  });

  it('a deactivated revision gets no traffic and reports Stopped; a revision with traffic cannot be deactivated', async () => {
    const { router } = await start();
    await router.setWeights([
      { revision: 'blue', weight: 90 },
      { revision: 'green', weight: 10 },
    ]);
    await expect(router.deactivate('green')).rejects.toMatchObject({ code: 'RG_TRAFFIC_CONFLICT' });
    await router.setWeights([
      { revision: 'blue', weight: 100 },
      { revision: 'green', weight: 0 },
    ]);
    await router.deactivate('green');
    expect(await router.readWeights()).toEqual([{ revision: 'blue', weight: 100 }]);
    expect((await router.listRevisions()).find((r) => r.name === 'green')).toMatchObject({
      active: false,
      runningState: 'Stopped',
      healthState: 'None',
    });
    await expect(router.activate('nope')).rejects.toMatchObject({ code: 'RG_TRAFFIC_NOT_FOUND' });
  });
});
