import { describe, expect, it } from 'vitest';
import { createEmbedder, createJudge, SemanticError } from '../../src/semantic/index.js';
import type { LlmEmulatorOptions } from '../../reference/llm-emulator/server.js';
import { emulator, filesUnder, KEY, onCleanup, tempDir } from './helpers.js';

const RUBRIC = { question: 'q?', reference: 'take it with food', answer: 'take it with food' };

async function judgeOn(emu: LlmEmulatorOptions, retries = 0) {
  const server = await emulator(emu);
  const judge = createJudge({
    baseURL: `${server.url}/v1`,
    apiKey: KEY,
    model: 'emu-judge',
    cacheDir: await tempDir(),
    timeoutMs: 2_000,
    retries,
  });
  onCleanup(() => judge.close());
  return { server, judge };
}

async function embedderOn(emu: LlmEmulatorOptions, retries = 0, timeoutMs = 2_000) {
  const server = await emulator(emu);
  const embedder = createEmbedder({
    baseURL: `${server.url}/v1`,
    apiKey: KEY,
    model: 'emu-embed',
    cacheDir: await tempDir(),
    timeoutMs,
    retries,
  });
  onCleanup(() => embedder.close());
  return { server, embedder };
}

async function caught(promise: Promise<unknown>): Promise<SemanticError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SemanticError);
  return error as SemanticError;
}

describe('failures of the measures', () => {
  it('a 500 from embeddings is RG_EMBEDDINGS_FAILED (5xx), without the key even when the server echoes it', async () => {
    const { embedder } = await embedderOn({ failEvery: 1, echoKeyOnError: true });
    const error = await caught(embedder.embed(['some text']));
    expect(error).toMatchObject({ code: 'RG_EMBEDDINGS_FAILED', errorClass: '5xx', status: 500, retryable: true });
    expect(error.message).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings: HTTP 500/);
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain('[redacted]');
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('a 500 from the judge is RG_JUDGE_FAILED, key not in the message, nothing cached', async () => {
    const { judge } = await judgeOn({ failEvery: 1, echoKeyOnError: true });
    const error = await caught(judge.rubric(RUBRIC));
    expect(error).toMatchObject({ code: 'RG_JUDGE_FAILED', errorClass: '5xx', status: 500 });
    expect(error.message).not.toContain(KEY);
    expect(await filesUnder(judge.cache.dir!)).toEqual([]);
  });

  it('retries a transient 500 and succeeds', async () => {
    const { server, embedder } = await embedderOn({ failEvery: 2 }, 1);
    await embedder.embed(['first']);
    await embedder.embed(['second']);
    expect(server.stats().log.map((r) => r.status)).toEqual([200, 500, 200]);
  });

  it('a non-JSON judge reply is RG_JUDGE_FAILED (extraction), not retried, not cached', async () => {
    const { server, judge } = await judgeOn({ malformedJson: true }, 2);
    const error = await caught(judge.rubric(RUBRIC));
    expect(error).toMatchObject({ code: 'RG_JUDGE_FAILED', errorClass: 'extraction', retryable: false });
    expect(error.message).toMatch(/\/v1\/chat\/completions: no JSON object in the reply; reply: "Sure!/);
    expect(server.stats().chat).toBe(1);
    expect(await filesUnder(judge.cache.dir!)).toEqual([]);
    await caught(judge.pairwise({ question: 'q?', a: 'x', b: 'y' }));
  });

  it('a wrong key is a 4xx, not retried', async () => {
    const server = await emulator({ apiKey: 'sk-the-right-one' });
    const embedder = createEmbedder({ baseURL: `${server.url}/v1`, apiKey: KEY, model: 'm', cacheDir: false, timeoutMs: 2_000 });
    onCleanup(() => embedder.close());
    expect(await caught(embedder.embed(['x']))).toMatchObject({ errorClass: '4xx', status: 401 });
    expect(server.stats().requests).toBe(1);
  });

  it('a slow server is a timeout', async () => {
    const { embedder } = await embedderOn({ delayMs: 1_000 }, 0, 200);
    const error = await caught(embedder.embed(['slow']));
    expect(error).toMatchObject({ code: 'RG_EMBEDDINGS_FAILED', errorClass: 'timeout' });
  });

  it('a closed port is a connection failure', async () => {
    const server = await emulator();
    await server.close();
    const judge = createJudge({ baseURL: `${server.url}/v1`, model: 'm', cacheDir: false, timeoutMs: 2_000, retries: 0 });
    onCleanup(() => judge.close());
    expect(await caught(judge.rubric(RUBRIC))).toMatchObject({ code: 'RG_JUDGE_FAILED', errorClass: 'connection' });
  });
});
