import { afterEach, describe, expect, it } from 'vitest';
import { createHttpJsonTarget } from '../../src/targets/http-json.js';
import type { Target } from '../../src/targets/types.js';
import { golden, opts, sendJson, sleep, startServer, target, type TestServer } from './fixtures.js';

let server: TestServer | undefined;
let client: Target | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

describe('http-json target', () => {
  it('POSTs the rendered template with headers and reads the answer and `sources` docs', async () => {
    server = await startServer(async (_r, res) => {
      await sleep(10);
      sendJson(res, 200, { answer: 'Take 1 g.', sources: [{ id: 'dosing.md', score: 0.9 }, { id: 'faq.md' }] });
    });
    client = createHttpJsonTarget(
      target({
        kind: 'http-json',
        url: `${server.url}/api/ask?v=2`,
        headers: { 'x-api-key': 'k-123', 'x-tenant': 'pharma' },
        body: { query: '{{question}}', lang: '{{vars.lang}}', top_k: '{{vars.k}}', trace: 'case-{{case.id}}', history: '{{messages}}' },
        answer: 'answer',
        docs: { preset: 'sources', path: 'sources', id: ['id'] },
      }),
    );
    const r = await client.call(golden({ id: 'c9', question: 'Max dose?', vars: { lang: 'en', k: 5 } }), opts());

    expect(r).toMatchObject({ text: 'Take 1 g.', docs: ['dosing.md', 'faq.md'], usage: undefined, status: 200, ttftMs: undefined });
    expect(r.ttfbMs).toBeGreaterThanOrEqual(9);
    expect(r.ttfbMs).toBeLessThanOrEqual(r.totalMs);

    const [req] = server.received;
    expect(req).toMatchObject({ method: 'POST', url: '/api/ask?v=2' });
    expect(req?.headers).toMatchObject({ 'content-type': 'application/json', 'x-api-key': 'k-123', 'x-tenant': 'pharma' });
    expect(req?.json).toEqual({
      query: 'Max dose?',
      lang: 'en',
      top_k: 5,
      trace: 'case-c9',
      history: [{ role: 'user', content: 'Max dose?' }],
    });
  });

  it('default body, nested answer path, custom docs path and usage', async () => {
    server = await startServer((_r, res) =>
      sendJson(res, 200, {
        result: { output: [{ text: 'ok' }] },
        retrieval: { hits: ['doc-1', { key: 'doc-2' }] },
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
      }),
    );
    client = createHttpJsonTarget(
      target({
        kind: 'http-json',
        url: server.url,
        answer: 'result.output[0].text',
        docs: { preset: 'custom', path: 'retrieval.hits', id: ['key'] },
      }),
    );
    const messages = [
      { role: 'user' as const, content: 'first' },
      { role: 'assistant' as const, content: 'reply' },
      { role: 'user' as const, content: 'second' },
    ];
    const r = await client.call(golden({ id: 'm1', messages }), opts());
    expect(r).toMatchObject({ text: 'ok', docs: ['doc-1', 'doc-2'], usage: { prompt: 3, completion: 1, total: 4 } });
    expect(server.received[0]?.json).toEqual({ question: 'second', messages });
  });

  it('an answer that is not a string is an extraction error with status', async () => {
    server = await startServer((_r, res) => sendJson(res, 200, { answer: { text: 'nested' } }));
    client = createHttpJsonTarget(target({ kind: 'http-json', url: server.url }));
    await expect(client.call(golden({ id: 'c1', question: 'q' }), opts())).rejects.toMatchObject({
      errorClass: 'extraction',
      status: 200,
      message: expect.stringContaining('expected the answer text at answer, found a object; set target.answer'),
    });
  });

  it('a missing docs list is an extraction error, not zero docs', async () => {
    server = await startServer((_r, res) => sendJson(res, 200, { answer: 'x', documents: [] }));
    client = createHttpJsonTarget(target({ kind: 'http-json', url: server.url, docs: { preset: 'sources', path: 'sources', id: ['id'] } }));
    await expect(client.call(golden({ id: 'c1', question: 'q' }), opts())).rejects.toMatchObject({
      errorClass: 'extraction',
      message: expect.stringContaining('no document list at sources'),
    });
  });

  it('a case the template cannot fill fails before sending, not retryable', async () => {
    server = await startServer((_r, res) => sendJson(res, 200, { answer: 'x' }));
    client = createHttpJsonTarget(target({ kind: 'http-json', url: server.url, body: { q: '{{vars.drug}}' } }));
    await expect(client.call(golden({ id: 'c1', question: 'q' }), opts())).rejects.toMatchObject({
      errorClass: '4xx',
      retryable: false,
      message: 'request template: {{vars.drug}} has no value for case "c1"',
    });
    expect(server.received).toHaveLength(0);
  });

  it('keeps connections alive across calls', async () => {
    server = await startServer((_r, res) => sendJson(res, 200, { answer: 'x' }));
    client = createHttpJsonTarget(target({ kind: 'http-json', url: server.url }), { connections: 1 });
    for (const id of ['a', 'b', 'c']) await client.call(golden({ id, question: 'q' }), opts());
    expect(new Set(server.received.map((r) => r.remotePort)).size).toBe(1);
  });
});
