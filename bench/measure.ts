// One benchmark measurement, run by replay.bench.ts in a fresh child process so peak RSS is its own:
//   node dist/bench/measure.js --mode revgate|plain --golden FILE --blue URL --green URL
//                              [--concurrency 64] [--warmup 2] [--work DIR] [--kind openai-chat|http-json]
//                              [--formats json,md,junit,html]
// revgate: the real pipeline — loadSuite() on a generated suite, then compare() (readiness,
//          warm-up, replay, scoring, gating, json+md+junit reports in --work). --kind http-json
//          sends the same body through revgate's http-json target (undici Pool, no SDK, no fetch).
// plain:   the same requests (same bodies, blue and green alternating, same concurrency) with an
//          undici Pool per origin, `request()` and a worker loop; each response is read as JSON.
// RSS is sampled every 50 ms from process start; CPU is process.cpuUsage() over the replay phase.
// The last stdout line is `RESULT {json}`.
import { readFile, writeFile } from 'node:fs/promises';
import type { Session } from 'node:inspector';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { loadSuite } from '../src/config/load-suite.js';
import { compare } from '../src/run/compare.js';
import { chatBody, type BenchCase } from './golden.js';
import { BENCH_THRESHOLDS } from './proc.js';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string' },
    golden: { type: 'string' },
    blue: { type: 'string' },
    green: { type: 'string' },
    concurrency: { type: 'string', default: '64' },
    warmup: { type: 'string', default: '2' },
    work: { type: 'string', default: '.' },
    kind: { type: 'string', default: 'openai-chat' },
    formats: { type: 'string', default: 'json,md,junit' },
    'alloc-prof': { type: 'string' },
    'alloc-prof-promoted': { type: 'boolean', default: false },
  },
});
const concurrency = Number(args.concurrency);
const warmup = Number(args.warmup);

const MB = 1024 * 1024;
// Peak RSS / heap, sampled from the start (the interval is unref'd so it never holds the process).
let peakRss = process.memoryUsage.rss();
let peakHeap = process.memoryUsage().heapUsed;
// process.memoryUsage() at the highest sampled RSS: where the memory was (V8 heap, off-heap buffers).
let atPeak = process.memoryUsage();
// Peak RSS per compare() phase (ready, warmup, replay, report), to tell the replay's memory from the report's.
let phase = 'load';
const phasePeakMB: Record<string, number> = {};
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  phasePeakMB[phase] = Math.max(phasePeakMB[phase] ?? 0, Math.round((m.rss / MB) * 10) / 10);
  if (m.rss > peakRss) atPeak = m;
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50).unref();

// --alloc-prof FILE: a sampling heap profile of the replay phase counting every allocation, also
// those collected since (node's --heap-prof keeps only what is still alive at exit). Open it in
// Chrome DevTools (Memory tab). --alloc-prof-promoted leaves out what died young (in a scavenge):
// what is left is what got promoted to the old generation (and what is still alive).
const allocProfile = {
  session: undefined as Session | undefined,
  async start(): Promise<void> {
    const { Session } = await import('node:inspector');
    this.session = new Session();
    this.session.connect();
    this.session.post('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: !args['alloc-prof-promoted'],
    } as object);
  },
  async stop(file: string): Promise<void> {
    const session = this.session;
    if (!session) return;
    session.post('HeapProfiler.stopSampling', (err, res) => {
      if (!err) void writeFile(file, JSON.stringify((res as { profile: unknown }).profile));
      session.disconnect();
    });
  },
};

interface Phase {
  requests: number;
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
}

async function runRevgate(): Promise<Record<string, unknown>> {
  const suiteFile = join(args.work, 'bench-suite.yaml');
  await writeFile(suiteFile, suiteYaml());
  const t0 = performance.now();
  const { suite } = await loadSuite(suiteFile, { env: {}, cwd: args.work });
  const loadMs = performance.now() - t0;

  let replayStart = 0;
  let cpuStart = process.cpuUsage();
  let replay: Phase | undefined;
  const { summary, files } = await compare(suite, {
    onPhase: (p) => {
      phase = p;
      if (p === 'replay') {
        if (args['alloc-prof']) void allocProfile.start();
        replayStart = performance.now();
        cpuStart = process.cpuUsage();
      } else if (p === 'report') {
        const cpu = process.cpuUsage(cpuStart);
        replay = { requests: 0, wallMs: performance.now() - replayStart, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000 };
        if (args['alloc-prof']) void allocProfile.stop(args['alloc-prof']);
      }
    },
  });
  const totalMs = performance.now() - t0;
  const errors = summary.errors.reduce((n, e) => n + e.count, 0);
  replay!.requests = summary.run.casesDone * 2;
  return {
    replay,
    loadMs,
    totalMs,
    casesDone: summary.run.casesDone,
    errors,
    verdict: summary.verdict.status,
    checks: summary.checks.length,
    files: Object.keys(files),
  };
}

function suiteYaml(): string {
  // JSON is YAML: the suite as an object keeps the bench free of YAML quoting concerns.
  return JSON.stringify(
    {
      name: 'bench',
      golden: [args.golden],
      target:
        args.kind === 'http-json'
          ? {
              kind: 'http-json',
              body: { ...chatBody({ question: '' }), messages: '{{messages}}' },
              answer: 'choices[0].message.content',
              docs: { preset: 'azure-on-your-data' },
              readyPath: '/health/ready',
            }
          : {
              kind: 'openai-chat',
              model: 'bench-model',
              temperature: 0,
              stream: false,
              docs: { preset: 'azure-on-your-data' },
              readyPath: '/health/ready',
            },
      blue: { url: `${args.blue}/v1${args.kind === 'http-json' ? '/chat/completions' : ''}` },
      green: { url: `${args.green}/v1${args.kind === 'http-json' ? '/chat/completions' : ''}` },
      sampling: { concurrency, repeats: 1, timeout: '30s', retries: 2, warmup, deadline: '60m', readyTimeout: '10s', seed: 7 },
      scoring: { k: 5, driftTolerance: 0.5, minCases: 5 },
      thresholds: BENCH_THRESHOLDS,
      report: { formats: args.formats.split(','), dir: join(args.work, 'reports'), topCases: 5 },
    },
    null,
    2,
  );
}

async function runPlain(): Promise<Record<string, unknown>> {
  const cases = (await readFile(args.golden!, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BenchCase);
  const pools = [args.blue!, args.green!].map((url) => new Pool(url, { connections: concurrency, keepAliveTimeout: 30_000 }));
  const send = async (pool: Pool, c: BenchCase) => {
    const res = await pool.request({
      path: '/v1/chat/completions',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody(c)),
    });
    const json = (await res.body.json()) as { choices: { message: { content: string } }[] };
    if (res.statusCode !== 200 || typeof json.choices[0]?.message.content !== 'string') throw new Error(`bad response ${res.statusCode}`);
  };
  for (let i = 0; i < warmup; i++) for (const pool of pools) await send(pool, cases[i % cases.length]!);

  const total = cases.length * 2;
  let next = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const worker = async () => {
    for (let i = next++; i < total; i = next++) await send(pools[i & 1]!, cases[i >> 1]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuStart);
  const replay: Phase = { requests: total, wallMs: performance.now() - start, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000 };
  await Promise.all(pools.map((p) => p.close()));
  return { replay };
}

const result = args.mode === 'plain' ? await runPlain() : await runRevgate();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());
process.stdout.write(
  `RESULT ${JSON.stringify({
    mode: args.mode,
    kind: args.kind,
    concurrency,
    ...result,
    peakRssMB: peakRss / MB,
    peakHeapMB: peakHeap / MB,
    phasePeakMB,
    atPeakMB: Object.fromEntries(Object.entries(atPeak).map(([k, v]) => [k, Math.round((v / MB) * 10) / 10])),
    // resourceUsage().maxRSS is in kilobytes.
    maxRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
  })}\n`,
);
