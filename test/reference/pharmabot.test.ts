import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/server.js';
import { ask, post } from './helpers.js';

const QUESTION = 'What are the treatments for Acromegaly?';
type Citation = Record<string, string>;

describe('pharmabot server', () => {
  let bot: Pharmabot;
  let client: OpenAI;
  beforeAll(async () => {
    bot = await startPharmabot({ seed: 7, name: 'blue', requireApiKey: true, promptVersion: 'v3' });
    client = new OpenAI({ baseURL: `${bot.url}/v1`, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(() => bot.close());

  it('listens on a free local port', () => {
    expect(bot.url).toBe(`http://127.0.0.1:${bot.port}`);
    expect(bot.port).toBeGreaterThan(0);
  });

  it('answers a non-streaming chat completion through the openai SDK', async () => {
    const completion = await client.chat.completions.create({
      model: 'anything',
      messages: [{ role: 'user', content: QUESTION }],
    });
    const message = completion.choices[0]?.message;
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('pharmabot-1');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(message?.content).toMatch(/treatment|surg|therapy/i);
    const citations = (message as unknown as { context: { citations: Citation[] } }).context.citations;
    expect(citations[0]).toMatchObject({ filepath: 'niddk-0000001', title: 'Acromegaly' });
    expect(citations[0]?.content?.length).toBeGreaterThan(20);
    const usage = completion.usage;
    expect(usage?.completion_tokens).toBe(Math.round((message?.content?.split(/\s+/).length ?? 0) * 1.3));
    expect(usage?.prompt_tokens).toBe(Math.round(6 * 1.3));
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it('streams chunks with citations first, then finish_reason, usage and [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'anything',
      messages: [{ role: 'user', content: QUESTION }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    const first = chunks[0]?.choices[0]?.delta as unknown as { role: string; context: { citations: Citation[] } };
    expect(first.role).toBe('assistant');
    expect(first.context.citations[0]?.filepath).toBe('niddk-0000001');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(Math.round(content.split(/\s+/).length * 1.3));
    expect(content).toMatch(/treatment|surg|therapy/i);
  });

  it('ends a raw stream with data: [DONE]', async () => {
    const res = await post(`${bot.url}/v1/chat/completions`, { messages: [{ role: 'user', content: QUESTION }], stream: true });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(text).not.toContain('"usage"');
  });

  it('serves the Azure deployment route to the AzureOpenAI SDK and requires api-key there', async () => {
    const azure = new AzureOpenAI({ endpoint: bot.url, apiKey: 'k', apiVersion: '2024-10-21', deployment: 'chat', maxRetries: 0 });
    const completion = await azure.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: QUESTION }] });
    expect(completion.choices[0]?.message.content).toMatch(/treatment|surg|therapy/i);
    const res = await post(`${bot.url}/openai/deployments/chat/chat/completions?api-version=2024-10-21`, {
      messages: [{ role: 'user', content: QUESTION }],
    });
    expect(res.status).toBe(401);
  });

  it('uses earlier user turns to resolve a follow-up question', async () => {
    const completion = await client.chat.completions.create({
      model: 'x',
      messages: [
        { role: 'user', content: 'What is Acromegaly?' },
        { role: 'assistant', content: 'Acromegaly is a hormonal disorder.' },
        { role: 'user', content: 'What are the treatments for it?' },
      ],
    });
    const citations = (completion.choices[0]?.message as unknown as { context: { citations: Citation[] } }).context.citations;
    expect(citations[0]?.filepath).toBe('niddk-0000001');
  });

  it('answers /ask with sources and the model', async () => {
    const reply = await ask(bot.url, 'How to diagnose Kidney Stones in Adults?');
    expect(reply.model).toBe('pharmabot-1');
    expect(reply.answer).toMatch(/test|diagnos/i);
    expect(reply.sources[0]).toMatchObject({ title: 'Kidney Stones in Adults' });
    expect(reply.sources[0]?.id).toMatch(/^niddk-/);
  });

  it('reports health, readiness and version', async () => {
    expect(await (await fetch(`${bot.url}/health`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${bot.url}/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${bot.url}/version`)).json()).toMatchObject({ model: 'pharmabot-1', prompt: 'v3', index: 'medquad-2024' });
  });

  it('rejects bad JSON with an OpenAI-style 400 and unknown paths with 404', async () => {
    const bad = await post(`${bot.url}/v1/chat/completions`, '{"messages": [');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_json' } });
    const noUser = await post(`${bot.url}/v1/chat/completions`, { messages: [] });
    expect(noUser.status).toBe(400);
    expect((await fetch(`${bot.url}/nope`)).status).toBe(404);
  });

  it('counts requests by status', () => {
    const stats = bot.stats();
    expect(stats.requests).toBeGreaterThanOrEqual(12);
    expect(stats.byStatus['200']).toBeGreaterThanOrEqual(8);
    expect(stats.byStatus['400']).toBe(2);
    expect(stats.byStatus['404']).toBe(1);
  });
});

describe('pharmabot sampling', () => {
  it('replays the same answers for the same seed and request order', async () => {
    const run = async (seed: number): Promise<string[]> => {
      const bot = await startPharmabot({ seed });
      try {
        const out: string[] = [];
        for (const q of [QUESTION, 'What causes Gas in the Digestive Tract?', 'How to prevent Asthma?'])
          out.push((await ask(bot.url, q)).answer);
        return out;
      } finally {
        await bot.close();
      }
    };
    const [a, b, c] = [await run(3), await run(3), await run(4)];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
