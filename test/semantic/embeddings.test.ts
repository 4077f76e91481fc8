import { describe, expect, it } from 'vitest';
import { cosine, createEmbedder, type EmbedderOptions } from '../../src/semantic/index.js';
import { emulator, filesUnder, KEY, onCleanup, tempDir } from './helpers.js';

async function embedder(url: string, options: Partial<EmbedderOptions> = {}) {
  const e = createEmbedder({
    baseURL: `${url}/v1`,
    apiKey: KEY,
    model: 'emu-embed',
    cacheDir: await tempDir(),
    timeoutMs: 5_000,
    ...options,
  });
  onCleanup(() => e.close());
  return e;
}

describe('createEmbedder', () => {
  it('puts similar sentences closer than unrelated ones', async () => {
    const emu = await emulator();
    const e = await embedder(emu.url);
    const [a, b, c] = await e.embed([
      'Take ibuprofen with food to avoid stomach upset.',
      'Ibuprofen should be taken with food to avoid an upset stomach.',
      'The train to Lisbon leaves at nine every morning.',
    ]);
    expect(a).toHaveLength(256);
    expect(cosine(a!, a!)).toBeCloseTo(1, 5);
    expect(cosine(a!, b!)).toBeGreaterThan(0.5);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!) + 0.3);
  });

  it('sends at most batchSize texts per request, each distinct text once, results in input order', async () => {
    const emu = await emulator();
    const e = await embedder(emu.url, { batchSize: 3 });
    const texts = Array.from({ length: 8 }, (_, i) => `sentence number ${i} about dose ${i * 10} mg`);
    const vectors = await e.embed([...texts, texts[0]!]);
    expect(emu.stats().log.map((r) => r.inputs)).toEqual([3, 3, 2]);
    expect(vectors).toHaveLength(9);
    expect(Array.from(vectors[8]!)).toEqual(Array.from(vectors[0]!));
    const [alone] = await (await embedder(emu.url)).embed([texts[5]!]);
    expect(Array.from(vectors[5]!)).toEqual(Array.from(alone!));
  });

  it('serves cached texts without a request and sends only the uncached ones', async () => {
    const emu = await emulator();
    const cacheDir = await tempDir();
    const first = await embedder(emu.url, { cacheDir });
    const [x] = await first.embed(['metformin lowers blood sugar', 'aspirin thins the blood']);
    expect(emu.stats().embeddings).toBe(1);

    const second = await embedder(emu.url, { cacheDir }); // a new process would see the same files
    const [again] = await second.embed(['metformin lowers blood sugar', 'aspirin thins the blood']);
    expect(emu.stats().embeddings).toBe(1);
    expect(Array.from(again!)).toEqual(Array.from(x!));
    expect(second.cache.stats()).toMatchObject({ hits: 2, misses: 0 });

    await second.embed(['aspirin thins the blood', 'statins lower cholesterol']);
    expect(emu.stats().log.map((r) => r.inputs)).toEqual([2, 1]);
  });

  it('writes one JSON file per text under 2-char fan-out dirs, with no temp files left', async () => {
    const emu = await emulator();
    const cacheDir = await tempDir();
    await (await embedder(emu.url, { cacheDir })).embed(['one text', 'another text', 'a third text']);
    const files = await filesUnder(cacheDir);
    expect(files).toHaveLength(3);
    for (const file of files) expect(file).toMatch(/^([0-9a-f]{2})\/\1[0-9a-f]{62}\.json$/);
  });

  it('keys the cache by model: another model misses', async () => {
    const emu = await emulator();
    const cacheDir = await tempDir();
    await (await embedder(emu.url, { cacheDir })).embed(['same text']);
    await (await embedder(emu.url, { cacheDir, model: 'emu-embed-2' })).embed(['same text']);
    expect(emu.stats().embeddings).toBe(2);
  });

  it('never sends empty texts: they embed to an empty vector with cosine 0 to any text', async () => {
    const emu = await emulator();
    const [empty, text] = await (await embedder(emu.url)).embed(['  ', 'an answer']);
    expect(empty).toHaveLength(0);
    expect(cosine(empty!, text!)).toBe(0);
    expect(cosine(empty!, empty!)).toBe(1);
    expect(emu.stats().log.map((r) => r.inputs)).toEqual([1]);
  });

  it('uses the Azure path with api-version and the api-key header', async () => {
    const emu = await emulator({ apiKey: KEY });
    const e = await embedder(emu.url, { baseURL: `${emu.url}/openai/deployments/emb-small`, apiVersion: '2024-10-21' });
    await e.embed(['hello azure']);
    expect(emu.stats().log[0]).toMatchObject({ deployment: 'emb-small', apiVersion: '2024-10-21', auth: 'api-key', status: 200 });
  });

  it('rejects a batch size below 1', () => {
    expect(() => createEmbedder({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', batchSize: 0, timeoutMs: 1_000, cacheDir: false })).toThrow(
      RangeError,
    );
  });
});

describe('cosine', () => {
  it('is 1 for equal directions, -1 for opposite, and refuses mismatched dimensions', () => {
    expect(cosine(Float32Array.from([1, 2]), Float32Array.from([2, 4]))).toBeCloseTo(1, 6);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([-3, 0]))).toBeCloseTo(-1, 6);
    expect(() => cosine(Float32Array.from([1]), Float32Array.from([1, 2]))).toThrow(RangeError);
  });
});
