import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, openCache } from '../../src/semantic/index.js';
import { filesUnder, tempDir } from './helpers.js';

const META = { kind: 'embedding', model: 'm' } as const;

describe('cacheKey', () => {
  it('depends on kind, model, inputs and parameters, not on parameter order', () => {
    const base = cacheKey('judge.rubric', 'm', ['a', 'b'], { temperature: 0, seed: 7 });
    expect(cacheKey('judge.rubric', 'm', ['a', 'b'], { seed: 7, temperature: 0 })).toBe(base);
    expect(cacheKey('judge.pairwise', 'm', ['a', 'b'], { temperature: 0, seed: 7 })).not.toBe(base);
    expect(cacheKey('judge.rubric', 'm2', ['a', 'b'], { temperature: 0, seed: 7 })).not.toBe(base);
    expect(cacheKey('judge.rubric', 'm', ['ab'], { temperature: 0, seed: 7 })).not.toBe(base);
    expect(cacheKey('judge.rubric', 'm', ['a', 'b'], { temperature: 0, seed: 8 })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('openCache', () => {
  it('round-trips values and counts hits and misses', async () => {
    const cache = openCache(await tempDir());
    const key = cacheKey('embedding', 'm', ['x']);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, [0.5, -0.25], META);
    expect(await cache.get(key)).toEqual([0.5, -0.25]);
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, writes: 1, writeErrors: 0 });
  });

  it('treats a corrupt or foreign entry as a miss', async () => {
    const dir = await tempDir();
    const cache = openCache(dir);
    const key = cacheKey('embedding', 'm', ['x']);
    await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
    await writeFile(join(dir, key.slice(0, 2), `${key}.json`), '{"v":1,"value":[1,');
    expect(await cache.get(key)).toBeUndefined();
    await writeFile(join(dir, key.slice(0, 2), `${key}.json`), '{"value":[1]}');
    expect(await cache.get(key)).toBeUndefined();
  });

  it('survives concurrent writers of one key: one complete file, no temp files', async () => {
    const dir = await tempDir();
    const key = cacheKey('embedding', 'm', ['x']);
    const value = Array.from({ length: 5_000 }, (_, i) => i / 7);
    await Promise.all(Array.from({ length: 8 }, () => openCache(dir).set(key, value, META)));
    expect(await filesUnder(dir)).toEqual([`${key.slice(0, 2)}/${key}.json`]);
    expect(await openCache(dir).get(key)).toEqual(value);
  });

  it('counts a failed write and does not throw (the measurement stands)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file'), '');
    const cache = openCache(join(dir, 'file')); // a file where the directory should be
    await cache.set(cacheKey('embedding', 'm', ['x']), [1], META);
    expect(cache.stats().writeErrors).toBe(1);
  });

  it('with false, stores nothing', async () => {
    const cache = openCache(false);
    await cache.set('ab', 1, META);
    expect(await cache.get('ab')).toBeUndefined();
    expect(cache.dir).toBeUndefined();
  });
});
