import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIChatTarget } from '../../src/targets/openai-chat.js';
import { createOpenAIClient } from '../../src/targets/openai-client.js';
import { fromSdkError } from '../../src/targets/openai-errors.js';
import type { ResolvedTarget } from '../../src/targets/options.js';
import type { Target } from '../../src/targets/types.js';
import {
  AZURE_DOCS,
  chatCompletion,
  CITATIONS,
  golden,
  opts,
  sendJson,
  sleep,
  startServer,
  streamChat,
  target,
  type TestServer,
} from './fixtures.js';

let server: TestServer | undefined;
let client: Target | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

describe('openai-chat target', () => {
  it('sends a chat completion and reads text, Azure citations, usage and timings', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, chatCompletion('Take 1 g.', CITATIONS)));
    client = createOpenAIChatTarget(
      target({
        url: `${server.url}/v1`,
        apiKey: 'sk-test',
        model: 'gpt-4o',
        system: 'Be brief',
        temperature: 0,
        maxTokens: 50,
        extraBody: { seed: 7 },
        docs: AZURE_DOCS,
      }),
    );
    const r = await client.call(golden({ id: 'c1', question: 'Max dose?' }), opts());

    expect(r).toMatchObject({
      text: 'Take 1 g.',
      docs: ['dosing.md', 'https://kb/interactions'],
      usage: { prompt: 11, completion: 7, total: 18 },
      status: 200,
      ttftMs: undefined,
    });
    expect(r.ttfbMs).toBeGreaterThan(0);
    expect(r.ttfbMs).toBeLessThanOrEqual(r.totalMs);

    const [req] = server.received;
    expect(req?.url).toBe('/v1/chat/completions');
    expect(req?.headers['authorization']).toBe('Bearer sk-test');
    expect(req?.json).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Max dose?' },
      ],
      temperature: 0,
      max_tokens: 50,
      seed: 7,
      stream: false,
    });
  });

  it('Azure style: deployment URL, api-version query and api-key header', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    client = createOpenAIChatTarget(
      target({
        url: `${server.url}/openai/deployments/gpt4o`,
        apiKey: 'azure-key-1',
        apiVersion: '2024-10-21',
        headers: { 'x-trace': 'on' },
      }),
    );
    await client.call(golden({ id: 'c1', messages: [{ role: 'user', content: 'hi' }] }), opts());

    const [req] = server.received;
    expect(req?.url).toBe('/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21');
    expect(req?.headers['api-key']).toBe('azure-key-1');
    expect(req?.headers['authorization']).toBeUndefined();
    expect(req?.headers['x-trace']).toBe('on');
    expect((req?.json as { model: string }).model).toBe('default');
  });

  it('a base URL with a query keeps it (Azure users write ?api-version= into the URL)', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    client = createOpenAIChatTarget(target({ url: `${server.url}/openai/deployments/gpt4o?api-version=2024-10-21&tenant=a` }));
    await client.call(golden({ id: 'c1', question: 'hi' }), opts());
    expect(server.received[0]?.url).toBe('/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21&tenant=a');
  });

  it('sends no Authorization header without a key', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    client = createOpenAIChatTarget(target({ url: server.url }));
    await client.call(golden({ id: 'c1', question: 'q' }), opts());
    expect(server.received[0]?.headers['authorization']).toBeUndefined();
  });

  it('streams: text concatenated, ttft at the first content, citations from the first delta, usage from the last chunk', async () => {
    server = await startServer((_req, res) => streamChat(res, ['Take ', '1 ', 'g.'], CITATIONS));
    client = createOpenAIChatTarget(target({ url: server.url, stream: true, docs: AZURE_DOCS }));
    const r = await client.call(golden({ id: 'c1', question: 'Max dose?' }), opts());

    expect(r).toMatchObject({
      text: 'Take 1 g.',
      docs: ['dosing.md', 'https://kb/interactions'],
      usage: { prompt: 20, completion: 3, total: 23 },
      status: 200,
    });
    expect(r.ttftMs).toBeGreaterThan(0);
    expect(r.ttfbMs).toBeLessThanOrEqual(r.ttftMs as number);
    expect(r.ttftMs).toBeLessThanOrEqual(r.totalMs);
    // Two more pieces arrive ~15 ms apart after the first token.
    expect(r.totalMs - (r.ttftMs as number)).toBeGreaterThanOrEqual(20);
    expect(server.received[0]?.json).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('streams without citations configured: docs undefined', async () => {
    server = await startServer((_req, res) => streamChat(res, ['a', 'b'], [], 1));
    client = createOpenAIChatTarget(target({ url: server.url, stream: true }));
    const r = await client.call(golden({ id: 'c1', question: 'q' }), opts());
    expect(r.text).toBe('ab');
    expect(r.docs).toBeUndefined();
  });

  it('a renamed citation field is an extraction error naming the path and the fields', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, chatCompletion('x', [{ doc_path: 'a.md' }])));
    client = createOpenAIChatTarget(target({ url: server.url, docs: AZURE_DOCS }));
    await expect(client.call(golden({ id: 'c1', question: 'q' }), opts())).rejects.toMatchObject({
      errorClass: 'extraction',
      status: 200,
      message: expect.stringContaining(
        'no id field (filepath|url|title|chunk_id) in choices[0].message.context.citations[0]; set target.docs.id',
      ),
    });
  });

  it('streamed citations with a renamed field fail the same way', async () => {
    server = await startServer((_req, res) => streamChat(res, ['a'], [{ doc_path: 'a.md' }], 1));
    client = createOpenAIChatTarget(target({ url: server.url, stream: true, docs: AZURE_DOCS }));
    await expect(client.call(golden({ id: 'c1', question: 'q' }), opts())).rejects.toMatchObject({
      errorClass: 'extraction',
      message: expect.stringContaining('no id field (filepath|url|title|chunk_id)'),
    });
  });

  it('no answer text (e.g. null content) is an extraction error with the finish reason', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 200, { choices: [{ index: 0, finish_reason: 'content_filter', message: { role: 'assistant', content: null } }] }),
    );
    client = createOpenAIChatTarget(target({ url: server.url }));
    await expect(client.call(golden({ id: 'c1', question: 'q' }), opts())).rejects.toMatchObject({
      errorClass: 'extraction',
      message: expect.stringContaining('finish_reason: content_filter'),
    });
  });

  it('reuses keep-alive connections', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    client = createOpenAIChatTarget(target({ url: server.url }), { connections: 1 });
    await client.call(golden({ id: 'c1', question: 'q' }), opts());
    await client.call(golden({ id: 'c2', question: 'q' }), opts());
    expect(server.received).toHaveLength(2);
    expect(server.received[1]?.remotePort).toBe(server.received[0]?.remotePort);
  });

  it('a stream that stalls after the first token times out (the SDK would end it quietly)', async () => {
    server = await startServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Take' } }] })}\n\n`);
      await sleep(1_000);
      res.end('data: [DONE]\n\n');
    });
    client = createOpenAIChatTarget(target({ url: server.url, stream: true }));
    await expect(client.call(golden({ id: 'c1', question: 'q' }), opts(150))).rejects.toMatchObject({ errorClass: 'timeout' });
  });

  it('an error event inside the stream is a 5xx', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${JSON.stringify({ error: { message: 'model overloaded' } })}\n\n`);
    });
    client = createOpenAIChatTarget(target({ url: server.url, stream: true }));
    await expect(client.call(golden({ id: 'c1', question: 'q' }), opts())).rejects.toMatchObject({
      errorClass: '5xx',
      message: expect.stringContaining('error event in the stream: model overloaded'),
    });
  });

  // Plain calls go straight over undici (src/targets/openai-direct.ts): on the wire they must be
  // what the SDK's own create() sent, and failures must read the same.
  describe('plain calls around the SDK send and fail as the SDK did', () => {
    const question = golden({ id: 'c1', question: 'Max dose?' });
    const variants: Array<{ name: string; make: (url: string) => ResolvedTarget }> = [
      {
        name: 'OpenAI, bearer key, extra headers and body',
        make: (url) =>
          target({
            url: `${url}/v1`,
            apiKey: 'sk-test',
            model: 'gpt-4o',
            system: 'Be brief',
            temperature: 0,
            maxTokens: 50,
            extraBody: { seed: 7 },
            headers: { 'x-trace': 'on' },
          }),
      },
      {
        name: 'Azure, api-key and api-version',
        make: (url) => target({ url: `${url}/openai/deployments/gpt4o?tenant=a`, apiKey: 'azure-key-1', apiVersion: '2024-10-21' }),
      },
      { name: 'no key', make: (url) => target({ url }) },
    ];
    /** The same request through the SDK's create(), as the target sent it before. */
    async function viaSdk(t: ResolvedTarget, timeoutMs: number): Promise<unknown> {
      const agent = new Agent();
      try {
        const sdk = createOpenAIClient(t, agent);
        const body = { model: t.model ?? 'default', messages: [{ role: 'user' as const, content: 'Max dose?' }] } as Record<
          string,
          unknown
        >;
        if (t.system !== undefined) body['messages'] = [{ role: 'system', content: t.system }, ...(body['messages'] as unknown[])];
        if (t.temperature !== undefined) body['temperature'] = t.temperature;
        if (t.maxTokens !== undefined) body['max_tokens'] = t.maxTokens;
        Object.assign(body, t.extraBody, { stream: false });
        return await sdk.chat.completions
          .create(body as never, { timeout: timeoutMs + 1_000 })
          .then((data: unknown) => data)
          .catch((e: unknown) => e);
      } finally {
        await agent.close();
      }
    }

    it.each(variants)('$name: same method, URL, headers and body', async ({ make }) => {
      server = await startServer((_req, res) => sendJson(res, 200, chatCompletion('ok')));
      const t = make(server.url);
      await viaSdk(t, 5_000);
      client = createOpenAIChatTarget(t);
      await client.call(question, opts(5_000));
      const [sdk, direct] = server.received;
      expect(direct?.method).toBe(sdk?.method);
      expect(direct?.url).toBe(sdk?.url);
      expect(direct?.body).toBe(sdk?.body);
      const { connection: _a, ...directHeaders } = direct!.headers;
      const { connection: _b, ...sdkHeaders } = sdk!.headers;
      expect(directHeaders).toEqual(sdkHeaders);
      expect(Object.keys(directHeaders)).toEqual(Object.keys(sdkHeaders));
    });

    const failures: Array<{ name: string; status: number; body: string; headers?: Record<string, string> }> = [
      { name: 'a JSON error body', status: 400, body: JSON.stringify({ error: { message: 'bad param', code: 'x' } }) },
      { name: 'a text error body', status: 502, body: 'upstream <b>down</b>' },
      { name: 'an empty 503', status: 503, body: '' },
      { name: '429 with retry-after-ms', status: 429, body: '{"error":{"message":"slow down"}}', headers: { 'retry-after-ms': '1500' } },
      { name: 'a 200 that is not JSON', status: 200, body: 'not json' },
      { name: 'a 200 with broken JSON', status: 200, body: '{"choices": [' },
    ];
    it.each(failures)('$name: the same error class, status, message and retry delay', async ({ status, body, headers }) => {
      server = await startServer((_req, res) => {
        res.writeHead(status, { 'content-type': body.startsWith('{') ? 'application/json' : 'text/plain', ...headers });
        res.end(body);
      });
      const t = target({ url: server.url, apiKey: 'sk-test' });
      const sdkOutcome = await viaSdk(t, 5_000);
      client = createOpenAIChatTarget(t);
      const error = (await client.call(question, opts(5_000)).catch((e: unknown) => e)) as Record<string, unknown>;
      const where = `POST ${server.url}/chat/completions`;
      const expected =
        sdkOutcome instanceof Error
          ? fromSdkError(sdkOutcome, { where, redact: (s) => s, elapsedMs: 0, status })
          : { errorClass: 'extraction', status: undefined, retryAfterMs: undefined, message: expect.stringContaining('not JSON') };
      expect(error).toMatchObject({
        errorClass: expected.errorClass,
        retryAfterMs: expected.retryAfterMs,
        message: expected.message,
      });
      if (sdkOutcome instanceof Error) expect(error['status']).toBe(expected.status);
    });
  });
});
