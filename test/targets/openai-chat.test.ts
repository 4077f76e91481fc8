import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIChatTarget } from '../../src/targets/openai-chat.js';
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
});
