// The same failure contract, run on both target kinds against real servers.
import { afterEach, describe, expect, it } from 'vitest';
import { createTarget } from '../../src/targets/factory.js';
import { TargetCallError, type Target } from '../../src/targets/types.js';
import type { ResolvedTarget } from '../../src/targets/options.js';
import {
  chatCompletion,
  closedPort,
  golden,
  opts,
  sendJson,
  sleep,
  startServer,
  target,
  type Handler,
  type TestServer,
} from './fixtures.js';

const API_KEY = 'sk-very-secret-key-123';
const AUTH = 'Bearer hdr-secret-token-456';

// A response that starts (headers + some body) and then loses its socket.
const cutJson: Handler = (_r, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
  res.write('{"answer": "partial');
  setTimeout(() => res.socket?.destroy(), 20);
};
const cutStream: Handler = (_r, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Take' } }] })}\n\n`);
  setTimeout(() => res.socket?.destroy(), 20);
};

const kinds: Array<{ name: string; make: (url: string) => ResolvedTarget; cut?: Handler }> = [
  { name: 'openai-chat', make: (url) => target({ kind: 'openai-chat', url, apiKey: API_KEY }) },
  {
    name: 'openai-chat (azure)',
    make: (url) => target({ kind: 'openai-chat', url: `${url}/openai/deployments/gpt4o`, apiKey: API_KEY, apiVersion: '2024-10-21' }),
  },
  { name: 'openai-chat (stream)', make: (url) => target({ kind: 'openai-chat', url, apiKey: API_KEY, stream: true }), cut: cutStream },
  {
    name: 'http-json',
    make: (url) =>
      target({
        kind: 'http-json',
        url: `${url}/ask?code=query-secret`,
        headers: { Authorization: AUTH },
        secretHeaders: ['Authorization'],
      }),
  },
];

let server: TestServer | undefined;
let client: Target | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

async function failure(t: ResolvedTarget, timeoutMs = 5_000): Promise<TargetCallError> {
  client = createTarget(t);
  const error = await client.call(golden({ id: 'c1', question: 'q' }), opts(timeoutMs)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetCallError);
  const e = error as TargetCallError;
  // No secret — key, header value or query string — ever reaches a message.
  for (const secret of [API_KEY, AUTH, 'hdr-secret-token-456', 'query-secret']) expect(e.message).not.toContain(secret);
  return e;
}

const cases: Array<{ name: string; handler: Handler; timeoutMs?: number; expected: Partial<TargetCallError> }> = [
  {
    name: '429 with Retry-After: 2 → 429, retryAfterMs 2000',
    handler: (_r, res) => sendJson(res, 429, { error: { message: 'quota' } }, { 'retry-after': '2' }),
    expected: { errorClass: '429', status: 429, retryAfterMs: 2000, retryable: true },
  },
  {
    name: '500 → 5xx',
    handler: (_r, res) => sendJson(res, 500, { error: { message: 'boom' } }),
    expected: { errorClass: '5xx', status: 500, retryable: true },
  },
  {
    name: '404 → 4xx',
    handler: (_r, res) => sendJson(res, 404, { error: { message: 'no such deployment' } }),
    expected: { errorClass: '4xx', status: 404, retryable: false },
  },
  {
    name: 'a server echoing the key in a 401 body → 4xx, key redacted',
    handler: (r, res) => {
      const key = r.headers['authorization'] ?? r.headers['api-key'];
      sendJson(res, 401, { error: { message: `Incorrect API key provided: ${String(key)}` } });
    },
    expected: {
      errorClass: '4xx',
      status: 401,
      message: expect.stringMatching(/Incorrect API key provided: (Bearer )?\[redacted\]/),
    },
  },
  {
    name: 'malformed JSON → extraction',
    handler: (_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices": [');
    },
    expected: { errorClass: 'extraction', retryable: false },
  },
  {
    name: 'slower than the timeout → timeout',
    handler: async (_r, res) => {
      await sleep(600);
      sendJson(res, 200, chatCompletion('late'));
    },
    timeoutMs: 150,
    expected: { errorClass: 'timeout', retryable: true },
  },
  {
    name: 'socket destroyed mid-request → connection',
    handler: (_r, res) => {
      res.socket?.destroy();
    },
    expected: { errorClass: 'connection', retryable: true },
  },
];

describe.each(kinds)('$name failures', ({ make, cut = cutJson }) => {
  it.each(cases)('$name', async ({ handler, timeoutMs, expected }) => {
    server = await startServer(handler);
    const e = await failure(make(server.url), timeoutMs);
    expect(e).toMatchObject(expected);
    if (expected.errorClass === 'timeout') {
      expect(e.elapsedMs).toBeGreaterThanOrEqual(140);
      expect(e.elapsedMs).toBeLessThan(600);
    }
  });

  it('nothing listening → connection', async () => {
    const e = await failure(make(await closedPort()));
    expect(e).toMatchObject({ errorClass: 'connection' });
    expect(e.message).toMatch(/ECONNREFUSED/);
  });

  it('the body cut off mid-response → connection', async () => {
    server = await startServer(cut);
    expect(await failure(make(server.url))).toMatchObject({ errorClass: 'connection' });
  });

  it("the caller's abort propagates as the signal's reason, not a TargetCallError", async () => {
    server = await startServer(async (_r, res) => {
      await sleep(500);
      sendJson(res, 200, chatCompletion('late'));
    });
    client = createTarget(make(server.url));
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await expect(client.call(golden({ id: 'c1', question: 'q' }), { signal: controller.signal, timeoutMs: 5_000 })).rejects.toBe(reason);
  });
});

describe('Retry-After as an HTTP date', () => {
  it('→ milliseconds until that date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    server = await startServer((_r, res) => sendJson(res, 429, {}, { 'retry-after': at }));
    const e = await failure(kinds.find((k) => k.name === 'http-json')!.make(server.url));
    expect(e.retryAfterMs).toBeGreaterThan(25_000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(30_000);
  });
});
