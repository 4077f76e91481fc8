// `npm run bench`: replay throughput, CPU, memory and start-up figures against the issue's goals.
//
// Method
//  - bench/zero-server.ts runs in its own process: blue + green listeners answering at once.
//  - Each measurement runs bench/measure.ts in a fresh child (peak RSS per measurement):
//      plain    N cases x blue+green with a bare undici Pool client (the ceiling)
//      revgate  the same requests through the real compare() pipeline (scoring, gating, reports)
//      http-json  the same again through revgate's http-json target (isolates SDK + fetch cost)
//      memory   revgate again with a large N, for peak RSS only
//    The revgate children run with the heap growing factor the CLI sets (src/cli/heap.ts).
//    requests/s and CPU/request cover the replay phase (after readiness and warm-up, up to the
//    report phase); peak RSS is sampled every 50 ms and cross-checked with resourceUsage().maxRSS.
//  - Start-up: `node bin/revgate.js --version` spawned R times; median and p95 wall time.
//  - Prints a table (figure, goal, met / not met) and writes reports/bench-<date>.json.
// Flags: --n 2000  --memory-n 100000  --concurrency 64  --startup-runs 20
//        --rounds 3 (N-case measurements repeated, median round shown: the box may be shared)
//        --quick (n 300, memory-n 5000, 5 start-ups, 1 round)  --no-memory  --profile (CPU-profile the
//        revgate child into reports/profiles/; summarise with dist/bench/profile-summary.js)
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HEAP_GROWING_PERCENT } from '../src/cli/heap.js';
import { writeGolden } from './golden.js';
import { startMock } from './proc.js';

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string' },
    'memory-n': { type: 'string' },
    concurrency: { type: 'string', default: '64' },
    'startup-runs': { type: 'string' },
    rounds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-memory': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const quick = flags.quick;
const n = Number(flags.n ?? (quick ? 300 : 2000));
const memoryN = Number(flags['memory-n'] ?? (quick ? 5000 : 100_000));
const concurrency = Number(flags.concurrency);
const startupRuns = Number(flags['startup-runs'] ?? (quick ? 5 : 20));
// The N-case measurements run `rounds` times, interleaved; the table shows the median-throughput round.
const rounds = Number(flags.rounds ?? (quick ? 1 : 3));
const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

/** The RESULT line of bench/measure.ts (fields of the revgate mode are absent in the plain one). */
interface Result {
  replay: { requests: number; wallMs: number; cpuUserMs: number; cpuSystemMs: number };
  peakRssMB: number;
  maxRssMB: number;
  peakHeapMB: number;
  verdict?: string;
  casesDone?: number;
  errors?: number;
  loadMs: number;
  totalMs: number;
  [field: string]: unknown;
}

/** Run bench/measure.js in a fresh node process and return its RESULT line. */
function measure(
  mode: 'revgate' | 'plain',
  golden: string,
  urls: { blue: string; green: string },
  work: string,
  nodeFlags: string[] = [],
  kind = 'openai-chat',
): Promise<Result> {
  const args = [
    // The revgate child runs with the V8 heap setting the CLI applies at start-up (src/cli/heap.ts).
    ...(mode === 'revgate' ? [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`] : []),
    ...nodeFlags,
    join(here, 'measure.js'),
    '--mode',
    mode,
    '--kind',
    kind,
    '--golden',
    golden,
    '--blue',
    urls.blue,
    '--green',
    urls.green,
    '--concurrency',
    String(concurrency),
    '--work',
    work,
  ];
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('exit', (code) => {
      // Repeated warnings (e.g. MaxListenersExceededWarning) are printed once, with a count.
      const counts = new Map<string, number>();
      for (const l of err.split('\n').filter(Boolean))
        counts.set(l.replace(/^\(node:\d+\) /, ''), (counts.get(l.replace(/^\(node:\d+\) /, '')) ?? 0) + 1);
      for (const [l, c] of counts) console.error(`  [${mode} stderr] ${c > 1 ? `${c}x ` : ''}${l}`);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) rej(new Error(`${mode} child exited ${code}: ${out.slice(-500)}`));
      else res(JSON.parse(line.slice(7)) as Result);
    });
  });
}

function startupTimes(runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin/revgate.js'), '--version'], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`revgate --version exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const rps = (r: Result) => r.replay.requests / (r.replay.wallMs / 1000);
const cpuPerReq = (r: Result) => (r.replay.cpuUserMs + r.replay.cpuSystemMs) / r.replay.requests;
const peak = (r: Result) => Math.max(r.peakRssMB, r.maxRssMB);
const medianRun = (rs: Result[]) => [...rs].sort((a, b) => rps(a) - rps(b))[Math.floor((rs.length - 1) / 2)]!;
function checked(r: Result, cases: number): Result {
  if (r.casesDone !== cases || r.errors !== 0)
    throw new Error(`revgate run incomplete: ${r.casesDone}/${cases} cases, ${r.errors} errors, verdict ${r.verdict}`);
  return r;
}

const work = await mkdtemp(join(tmpdir(), 'revgate-bench-'));
const server = await startMock();
try {
  const load = loadavg()[0]!;
  console.log(
    `revgate bench: N=${n} x blue+green, concurrency ${concurrency}, memory N=${memoryN}, node ${process.version}, ${cpus().length} cores, load ${load.toFixed(2)}`,
  );
  if (load > cpus().length / 2) console.log('  warning: the machine is busy; throughput figures will be low and noisy');
  const golden = join(work, `golden-${n}.jsonl`);
  await writeGolden(golden, n);

  const runs: Record<'plain' | 'revgate' | 'httpJson', Result[]> = { plain: [], revgate: [], httpJson: [] };
  const profileDir = join(root, 'reports/profiles');
  if (flags.profile) await mkdir(profileDir, { recursive: true });
  const profiling = flags.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  for (let round = 1; round <= rounds; round++) {
    console.log(`· round ${round}/${rounds}: plain undici client, revgate compare(), revgate with the http-json target (no SDK/fetch) …`);
    runs.plain.push(await measure('plain', golden, server, work));
    runs.revgate.push(checked(await measure('revgate', golden, server, work, round === 1 ? profiling : []), n));
    runs.httpJson.push(checked(await measure('revgate', golden, server, work, [], 'http-json'), n));
  }
  const [plain, revgate, httpJson] = [runs.plain, runs.revgate, runs.httpJson].map(medianRun) as [Result, Result, Result];
  let memory: Result | undefined;
  if (!flags['no-memory']) {
    console.log(`· revgate compare() at N=${memoryN} …`);
    const big = join(work, `golden-${memoryN}.jsonl`);
    await writeGolden(big, memoryN);
    memory = checked(await measure('revgate', big, server, work), memoryN);
  }
  console.log(`· revgate --version x${startupRuns} …`);
  const startup = startupTimes(startupRuns);

  const ratio = rps(revgate) / rps(plain);
  const rows: [string, string, string, boolean | null][] = [
    [`plain undici req/s (N=${n})`, `${rps(plain).toFixed(0)}`, 'reference', null],
    ...(rounds > 1
      ? [
          [
            '  rounds: plain | revgate req/s',
            `${runs.plain.map((r) => rps(r).toFixed(0)).join('/')} | ${runs.revgate.map((r) => rps(r).toFixed(0)).join('/')}`,
            'info',
            null,
          ] as [string, string, string, null],
        ]
      : []),
    [`revgate req/s (N=${n})`, `${rps(revgate).toFixed(0)}`, '-', null],
    ['revgate / plain', ratio.toFixed(2), '≥ 0.80', ratio >= 0.8],
    ['revgate CPU / request', `${cpuPerReq(revgate).toFixed(3)} ms`, '-', null],
    [`revgate http-json target req/s (N=${n})`, `${rps(httpJson).toFixed(0)}`, 'info', null],
    ['revgate http-json CPU / request', `${cpuPerReq(httpJson).toFixed(3)} ms`, 'info', null],
    [`revgate http-json peak RSS (N=${n})`, `${peak(httpJson).toFixed(1)} MB`, 'info', null],
    ['plain CPU / request', `${cpuPerReq(plain).toFixed(3)} ms`, '-', null],
    [`plain client peak RSS (N=${n})`, `${peak(plain).toFixed(1)} MB`, 'info', null],
    [`revgate peak RSS (N=${n})`, `${peak(revgate).toFixed(1)} MB`, '≤ 150 MB', peak(revgate) <= 150],
    ...(memory
      ? [
          [`revgate peak RSS (N=${memoryN})`, `${peak(memory).toFixed(1)} MB`, '≤ 250 MB', peak(memory) <= 250] as [
            string,
            string,
            string,
            boolean,
          ],
        ]
      : []),
    ...(memory ? [[`revgate req/s (N=${memoryN})`, `${rps(memory).toFixed(0)}`, '-', null] as [string, string, string, null]] : []),
    ['--version start-up median', `${quantile(startup, 0.5).toFixed(1)} ms`, '< 150 ms', quantile(startup, 0.5) < 150],
    ['--version start-up p95', `${quantile(startup, 0.95).toFixed(1)} ms`, '< 150 ms', quantile(startup, 0.95) < 150],
  ];
  const width = rows.reduce((w, r) => Math.max(w, r[0].length), 0);
  console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(11)}  ${'goal'.padEnd(10)}  status`);
  for (const [name, value, goal, met] of rows) {
    console.log(`${name.padEnd(width)}  ${value.padStart(11)}  ${goal.padEnd(10)}  ${met === null ? '' : met ? 'met' : 'NOT MET'}`);
  }
  for (const [name, r] of [
    ['revgate', revgate],
    ['http-json', httpJson],
    ['memory', memory],
  ] as const) {
    if (r)
      console.log(
        `\n${name}: verdict ${r.verdict}, ${r.casesDone} cases, ${r.errors} errors, loadSuite ${r.loadMs.toFixed(0)} ms, compare() total ${(r.totalMs / 1000).toFixed(1)} s, replay ${(r.replay.wallMs / 1000).toFixed(1)} s, peak heap ${r.peakHeapMB.toFixed(1)} MB, sampled RSS ${r.peakRssMB.toFixed(1)} MB / maxRSS ${r.maxRssMB.toFixed(1)} MB`,
      );
  }

  const date = new Date().toISOString().slice(0, 10);
  const file = join(root, 'reports', `bench-${date}.json`);
  await mkdir(join(root, 'reports'), { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cores: cpus().length,
        loadavg: [load, loadavg()[0]],
        n,
        memoryN,
        concurrency,
        rounds,
        figures: rows.map(([name, value, goal, met]) => ({ name, value, goal, met })),
        raw: { rounds: runs, memory, startupMs: startup },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${file}`);
} finally {
  server.stop();
  await rm(work, { recursive: true, force: true });
}
