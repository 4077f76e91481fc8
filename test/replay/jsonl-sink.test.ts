import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonlSink } from '../../src/replay/jsonl-sink.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function sink(): Promise<{ file: string; out: JsonlSink<{ i: number; pad: string }> }> {
  dir = await mkdtemp(join(tmpdir(), 'revgate-sink-'));
  const file = join(dir, 'out.jsonl');
  return { file, out: new JsonlSink(file) };
}

const lines = async (file: string): Promise<unknown[]> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);

describe('JsonlSink', () => {
  it('keeps every record, in order, across batches larger than one flush', async () => {
    const { file, out } = await sink();
    const pad = 'x'.repeat(500);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 2_000; i++) writes.push(out.write({ i, pad }));
    await Promise.all(writes);
    await out.close();
    const got = await lines(file);
    expect(got).toHaveLength(2_000);
    expect(got.map((r) => (r as { i: number }).i)).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
  });

  it('hands lines written in one turn to the file by the next turn (a crash later loses nothing written)', async () => {
    const { file, out } = await sink();
    await out.write({ i: 1, pad: '' });
    await out.write({ i: 2, pad: '' });
    await sleep(50);
    expect(await lines(file)).toEqual([
      { i: 1, pad: '' },
      { i: 2, pad: '' },
    ]);
    await out.close();
  });
});
