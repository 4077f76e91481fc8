// Embeddings of answer texts through an OpenAI-compatible `/embeddings` endpoint, cached per text.
import { cacheKey, openCache, type SemanticCache } from './cache.js';
import { createSemanticClient } from './client.js';
import { SemanticError } from './errors.js';
import type { CallOptions, EmbedderOptions } from './options.js';

/** @default 64 */
export const DEFAULT_BATCH_SIZE = 64;

export interface Embedder {
  /**
   * One vector per text, in order. Cached texts are not sent; the rest go in batches of
   * `batchSize`. Empty (whitespace-only) texts are never sent: they get an empty vector, which
   * `cosine` treats as "shares nothing with a non-empty text". Throws SemanticError.
   */
  embed(texts: readonly string[], options?: CallOptions): Promise<Float32Array[]>;
  readonly model: string;
  readonly cache: SemanticCache;
  close(): Promise<void>;
}

/** An embedder for one model and endpoint. */
export function createEmbedder(o: EmbedderOptions): Embedder {
  const batchSize = o.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const client = createSemanticClient(o, 'RG_EMBEDDINGS_FAILED');
  const cache = openCache(o.cacheDir);
  const keyOf = (text: string): string => cacheKey('embedding', o.model, [text]);

  async function embed(texts: readonly string[], options: CallOptions = {}): Promise<Float32Array[]> {
    const found = new Map<string, Float32Array>();
    const missing: string[] = [];
    for (const text of new Set(texts)) {
      if (text.trim() === '') found.set(text, new Float32Array(0));
      else {
        const cached = asVector(await cache.get(keyOf(text)));
        if (cached !== undefined) found.set(text, cached);
        else missing.push(text);
      }
    }
    for (let i = 0; i < missing.length; i += batchSize) {
      const batch = missing.slice(i, i + batchSize);
      const vectors = await request(batch, options);
      for (const [j, text] of batch.entries()) {
        found.set(text, vectors[j]!);
        await cache.set(keyOf(text), Array.from(vectors[j]!), { kind: 'embedding', model: o.model });
      }
    }
    return texts.map((text) => found.get(text)!);
  }

  function request(batch: string[], options: CallOptions): Promise<Float32Array[]> {
    // encoding_format 'float': the SDK's default (base64) is not supported by every compatible server.
    return client.call(
      '/embeddings',
      async (sdk, requestOptions) => {
        const response = await sdk.embeddings.create({ model: o.model, input: batch, encoding_format: 'float' }, requestOptions);
        return readVectors(response.data, batch.length);
      },
      options,
    );
  }

  return { embed, model: o.model, cache, close: () => client.close() };
}

// Vectors from `data`, ordered by `index`; every count, index and dimension checked.
function readVectors(data: unknown, expected: number): Float32Array[] {
  const fail = (detail: string): never => {
    throw new SemanticError('RG_EMBEDDINGS_FAILED', 'extraction', `unexpected embeddings response: ${detail}`);
  };
  if (!Array.isArray(data) || data.length !== expected)
    fail(`expected ${expected} embeddings, got ${Array.isArray(data) ? data.length : 'no data array'}`);
  const out: Float32Array[] = new Array<Float32Array>(expected);
  let dims: number | undefined;
  for (const [position, item] of (data as unknown[]).entries()) {
    const { index, embedding } = (item ?? {}) as { index?: unknown; embedding?: unknown };
    const at = typeof index === 'number' ? index : position;
    if (!Number.isInteger(at) || at < 0 || at >= expected || out[at] !== undefined) fail(`bad or repeated index ${String(index)}`);
    const vector = asVector(embedding);
    if (vector === undefined || vector.length === 0) fail(`embedding ${at} is not a non-empty array of numbers`);
    if (dims !== undefined && vector!.length !== dims) fail(`embeddings of different dimensions (${dims} and ${vector!.length})`);
    dims = vector!.length;
    out[at] = vector!;
  }
  return out;
}

function asVector(value: unknown): Float32Array | undefined {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number' && Number.isFinite(x))) return undefined;
  return Float32Array.from(value as number[]);
}
