// The reference for bench/process.bench.ts: a whole process that does only the HTTP work of a
// compare — read the golden JSONL, send each case's chat request to blue and green (2 × N
// requests, alternating) at the given concurrency with an undici Pool per origin, and read every
// response body as JSON. No scoring, no reports.
//   node dist/bench/plain-client.js --golden FILE --blue URL --green URL [--concurrency 64]
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { chatBody, type BenchCase } from './golden.js';

const { values: args } = parseArgs({
  options: {
    golden: { type: 'string' },
    blue: { type: 'string' },
    green: { type: 'string' },
    concurrency: { type: 'string', default: '64' },
  },
});
const concurrency = Number(args.concurrency);
const cases = (await readFile(args.golden!, 'utf8'))
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as BenchCase);
const pools = [args.blue!, args.green!].map((url) => new Pool(url, { connections: concurrency, keepAliveTimeout: 30_000 }));
let failures = 0;
const send = async (pool: Pool, c: BenchCase) => {
  const res = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody(c)),
  });
  const json = (await res.body.json()) as { choices?: { message?: { content?: unknown } }[] };
  if (res.statusCode !== 200 || typeof json.choices?.[0]?.message?.content !== 'string') failures++;
};
const total = cases.length * 2;
let next = 0;
const worker = async () => {
  for (let i = next++; i < total; i = next++) await send(pools[i & 1]!, cases[i >> 1]!);
};
await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
await Promise.all(pools.map((p) => p.close()));
process.stdout.write(`${JSON.stringify({ requests: total, failures })}\n`);
process.exitCode = failures === 0 ? 0 : 1;
