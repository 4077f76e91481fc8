// Peak memory of a whole `compare` (load, replay, scoring, every report format) in a fresh child
// process, for the cases issue 11 names: a green answering one 300 MB body per call (bounded by
// sampling.maxResponseBytes, default 4 MiB), and 20,000 and 100,000 cases with json, md, junit and
// html on. Prints the figures; not a test.
//   npm run bench:memory            (N=20000 and N=100000)
//   N_LIST=20000 npm run bench:memory
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEAP_GROWING_PERCENT } from '../src/cli/heap.js';
import { writeGolden } from './golden.js';

const here = dirname(fileURLToPath(import.meta.url));
const FORMATS = 'json,md,junit,html';

interface Result {
  peakRssMB: number;
  casesDone: number;
  errors: number;
  verdict: string;
  totalMs: number;
}

async function measure(golden: string, urls: { blue: string; green: string }, work: string): Promise<Result> {
  await mkdir(work, { recursive: true });
  const args = [
    // The V8 heap setting the CLI applies at start-up (src/cli/heap.ts): this is the CLI's compare.
    `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    join(here, 'measure.js'),
    '--mode',
    'revgate',
    '--golden',
    golden,
    '--blue',
    urls.blue,
    '--green',
    urls.green,
    '--concurrency',
    '64',
    '--work',
    work,
    '--formats',
    FORMATS,
  ];
  return new Promise<Result>((res, rej) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) rej(new Error(`measure exited ${code}: ${out.slice(-400)}`));
      else res(JSON.parse(line.slice(7)) as Result);
    });
  });
}

async function zeroServer(): Promise<{ blue: string; green: string; stop(): void }> {
  const child = spawn(process.execPath, [join(here, 'zero-server.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((res) => {
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      if (buf.includes('\n')) res(buf.split('\n')[0]!);
    });
  });
  return { ...(JSON.parse(line) as { blue: string; green: string }), stop: () => child.stdin.end() };
}

/** A green answering every chat completion with a 300 MB JSON body, streamed in 64 KiB chunks. */
async function hugeGreen(): Promise<{ url: string; close(): void }> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/health')) return void res.writeHead(200).end('ok');
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"choices":[{"index":0,"message":{"role":"assistant","content":"');
    let sent = 0;
    const pump = () => {
      while (sent < 300 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end('"}}]}');
    };
    pump();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const mb = (n: number) => `${n.toFixed(0)} MB`;
const work = await mkdtemp(join(tmpdir(), 'revgate-bench-memory-'));
const zero = await zeroServer();
try {
  const huge = await hugeGreen();
  const small = join(work, 'golden-50.jsonl');
  await writeGolden(small, 50);
  const r = await measure(small, { blue: zero.blue, green: huge.url }, join(work, 'huge'));
  huge.close();
  console.log(
    `300 MB body per green call, 50 cases: peak RSS ${mb(r.peakRssMB)}; green errors ${r.errors} (response_too_large), verdict ${r.verdict}, ${(r.totalMs / 1000).toFixed(1)} s`,
  );
  for (const n of (process.env.N_LIST ?? '20000,100000').split(',').map(Number)) {
    const golden = join(work, `golden-${n}.jsonl`);
    await writeGolden(golden, n);
    const x = await measure(golden, zero, join(work, `n${n}`));
    console.log(
      `N = ${n.toLocaleString('en-US')} cases, formats ${FORMATS}: peak RSS ${mb(x.peakRssMB)}, ${(x.totalMs / 1000).toFixed(1)} s, verdict ${x.verdict}`,
    );
  }
} finally {
  zero.stop();
}
