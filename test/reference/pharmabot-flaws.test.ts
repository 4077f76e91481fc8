import { request } from 'node:http';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { splitSentences } from '../../reference/pharmabot/compose.js';
import { loadCorpus } from '../../reference/pharmabot/corpus.js';
import { changeNumbers, parseFlawArgs, REFUSAL_TEXT, type Flaws } from '../../reference/pharmabot/flaws.js';
import { mulberry32 } from '../../reference/pharmabot/random.js';
import { createRetriever } from '../../reference/pharmabot/retrieval.js';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/server.js';
import { ask, loadGolden, post } from './helpers.js';

const golden = loadGolden();
const QUESTION = 'What are the treatments for Acromegaly?';
const chat = { messages: [{ role: 'user' as const, content: QUESTION }] };
let bot: Pharmabot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function start(flaws: Partial<Flaws>): Promise<Pharmabot> {
  bot = await startPharmabot({ seed: 11, flaws });
  return bot;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

describe('pharmabot flaws', () => {
  it('refusalRate=1 refuses every question without sources', async () => {
    const { url } = await start({ refusalRate: 1 });
    for (const c of golden.slice(0, 5)) expect(await ask(url, c.question)).toMatchObject({ answer: REFUSAL_TEXT, sources: [] });
  });

  it('brokenRetrieval=1 cites unrelated documents', async () => {
    const { url } = await start({ brokenRetrieval: 1 });
    for (const c of golden.slice(0, 10)) {
      const ids = (await ask(url, c.question)).sources.map((s) => s.id);
      expect(ids).toHaveLength(3);
      expect(ids).not.toContain(c.expected_docs[0]);
    }
  });

  it('shortAnswers keeps the first sentence only', async () => {
    const { url } = await start({ shortAnswers: true });
    for (const c of golden.slice(0, 10)) expect(splitSentences((await ask(url, c.question)).answer)).toHaveLength(1);
  });

  it('extraLatencyMs delays every answer', async () => {
    const { url } = await start({ extraLatencyMs: 300 });
    const [, ms] = await timed(() => ask(url, QUESTION));
    expect(ms).toBeGreaterThanOrEqual(295);
  });

  it('errorRate=1 answers 500 with an OpenAI-style error, which the SDK surfaces', async () => {
    const { url } = await start({ errorRate: 1 });
    const res = await post(`${url}/v1/chat/completions`, chat);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { type: 'server_error' } });
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });
    await expect(client.chat.completions.create({ model: 'x', ...chat })).rejects.toMatchObject({ status: 500 });
  });

  it('citationSchema=v2 renames the citation and source id fields', async () => {
    const { url } = await start({ citationSchema: 'v2' });
    const body = (await (await post(`${url}/v1/chat/completions`, chat)).json()) as {
      choices: { message: { context: { citations: Record<string, string>[] } } }[];
    };
    const citation = body.choices[0]?.message.context.citations[0];
    expect(citation?.source_ref).toBe('niddk-0000001');
    expect(citation).not.toHaveProperty('filepath');
    const reply = await ask(url, QUESTION);
    expect(reply.sources[0]).toEqual({ doc: 'niddk-0000001', title: 'Acromegaly' });
  });

  it('coldStartMs makes /health/ready 503 and requests slow until it passes', async () => {
    const { url } = await start({ coldStartMs: 1200 });
    expect((await fetch(`${url}/health/ready`)).status).toBe(503);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const [, ms] = await timed(() => ask(url, QUESTION));
    expect(ms).toBeGreaterThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, 1300 - ms));
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    const [, fast] = await timed(() => ask(url, QUESTION));
    expect(fast).toBeLessThan(500);
  });

  it('rateLimitEvery=2 answers every 2nd request 429 with Retry-After, and the SDK retries it', async () => {
    const { url } = await start({ rateLimitEvery: 2 });
    expect((await post(`${url}/v1/chat/completions`, chat)).status).toBe(200);
    const limited = await post(`${url}/v1/chat/completions`, chat);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    expect((await post(`${url}/v1/chat/completions`, chat)).status).toBe(200);
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 1 });
    const [completion, ms] = await timed(() => client.chat.completions.create({ model: 'x', ...chat }));
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it('resetEvery=1 destroys the socket without an answer', async () => {
    const { url, stats } = await start({ resetEvery: 1 });
    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      const req = request(`${url}/ask`, { method: 'POST' }, () => reject(new Error('got a response')));
      req.on('error', resolve);
      req.end(JSON.stringify({ question: QUESTION }));
    });
    expect(error.code).toBe('ECONNRESET');
    expect(stats().byStatus.reset).toBe(1);
  });

  it('malformedEvery=1 answers 200 with invalid JSON', async () => {
    const { url } = await start({ malformedEvery: 1 });
    const res = await post(`${url}/v1/chat/completions`, chat);
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('hangMs holds every request', async () => {
    const { url } = await start({ hangMs: 400 });
    const [, ms] = await timed(() => ask(url, QUESTION));
    expect(ms).toBeGreaterThanOrEqual(395);
    await expect(post(`${url}/ask`, { question: QUESTION }).then((r) => r.text())).resolves.toBeTruthy();
    const aborted = fetch(`${url}/ask`, { method: 'POST', body: '{"question":"x"}', signal: AbortSignal.timeout(100) });
    await expect(aborted).rejects.toThrow(/abort|timeout/i);
  });

  it('numbersChanged alters the numbers of an answer', async () => {
    // Find a question whose chosen passage opens with a number, then compare first sentences.
    const corpus = loadCorpus();
    const retriever = createRetriever(corpus);
    const c = golden.find((g) => {
      const doc = corpus.byId.get(g.expected_docs[0] ?? '');
      return doc !== undefined && /\d/.test(splitSentences(doc.passages[retriever.pickPassage(doc, g.question)] ?? '')[0] ?? '');
    });
    if (!c) throw new Error('no golden case with a number in its first sentence');
    const honest = (await ask((await start({ shortAnswers: true })).url, c.question)).answer;
    await bot?.close();
    const changed = (await ask((await start({ shortAnswers: true, numbersChanged: true })).url, c.question)).answer;
    expect(changed).not.toBe(honest);
    expect(changed.replace(/\d+/g, '#')).toBe(honest.replace(/\d+/g, '#'));
    expect(changeNumbers('take 500 mg 2 times', mulberry32(1))).not.toMatch(/\b500\b|\b2\b/);
  });

  it('can be switched at runtime, by setFlaws and by POST /admin/flaws', async () => {
    const started = await start({});
    expect((await ask(started.url, QUESTION)).answer).not.toBe(REFUSAL_TEXT);
    started.setFlaws({ refusalRate: 1 });
    expect((await ask(started.url, QUESTION)).answer).toBe(REFUSAL_TEXT);
    const res = await post(`${started.url}/admin/flaws`, { refusalRate: 0, citationSchema: 'v2' });
    expect(await res.json()).toMatchObject({ refusalRate: 0, citationSchema: 'v2' });
    expect((await ask(started.url, QUESTION)).sources[0]).toHaveProperty('doc');
    const bad = await post(`${started.url}/admin/flaws`, { refusalRate: 2, nope: true });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/refusalRate.*nope/);
  });

  it('parses CLI flaw arguments and rejects bad ones', () => {
    expect(parseFlawArgs(['refusalRate=0.3', 'shortAnswers', 'citationSchema=v2', 'resetEvery=5'])).toEqual({
      refusalRate: 0.3,
      shortAnswers: true,
      citationSchema: 'v2',
      resetEvery: 5,
    });
    expect(() => parseFlawArgs(['refusalRate=lots'])).toThrow(/refusalRate/);
    expect(() => parseFlawArgs(['typo=1'])).toThrow(/unknown flaw/);
  });
});
