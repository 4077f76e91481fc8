// `npm run bench` (after replay.bench.js) or `npm run bench:process`: whole processes, measured
// from the outside, against bench/zero-server.ts in its own process.
//
//   plain undici client  node dist/bench/plain-client.js: read the golden set, send the 2 × N chat
//                        requests at concurrency 64 (undici Pool per origin), read every body.
//   revgate compare      node bin/revgate.js compare <suite> --progress none --out <tmp>: start-up,
//                        readiness, warm-up, replay of the same 2 × N requests at concurrency 64,
//                        scoring, gating and the reports (json, md, junit; json only for the big row).
//
// Per run: wall time, CPU time (user + sys) and peak RSS of the child (GNU time, see bench/proc.ts).
// Jobs: N at 0 ms latency; N at 50 ms per call (ideal wall 2N × 50 ms / 64); 10 × N at 0 ms, json
// report only. Each job runs `repeats` times, plain and revgate interleaved; every figure is the
// median of its runs (each figure on its own). Prints a Markdown table, and merges the figures
// under "process" into reports/bench-<date>.json.
// Flags: --n 2000  --repeats 3  --concurrency 64  --latency-ms 50  --quick (n 500, 1 repeat)
//        --before <dir>: also run the revgate of another checkout (e.g. a build of an earlier commit:
//        `git worktree add /tmp/old <commit> && (cd /tmp/old && npm ci && npm run build)`), interleaved
//        with the others, as a "before" column: before and after measured in one sitting.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeGolden } from './golden.js';
import { cpuS, median, mergeIntoReport, METER, ROOT, startMock, suiteJson, timedNode, type Timed } from './proc.js';
import { readSummary } from './report-equality.js';

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string' },
    repeats: { type: 'string' },
    concurrency: { type: 'string', default: '64' },
    'latency-ms': { type: 'string', default: '50' },
    quick: { type: 'boolean', default: false },
    before: { type: 'string' },
  },
});
const n = Number(flags.n ?? (flags.quick ? 500 : 2000));
const repeats = Number(flags.repeats ?? (flags.quick ? 1 : 3));
const concurrency = Number(flags.concurrency);
const latencyMs = Number(flags['latency-ms']);
const here = fileURLToPath(new URL('.', import.meta.url));
const beforeBin = flags.before === undefined ? undefined : join(flags.before, 'bin/revgate.js');

interface Job {
  name: string;
  n: number;
  latencyMs: number;
  formats: string[];
  /** The wall time of the requests alone at this latency and concurrency (latency jobs). */
  idealS?: number;
}

const jobs: Job[] = [
  { name: `N=${n}, 0 ms`, n, latencyMs: 0, formats: ['json', 'md', 'junit'] },
  {
    name: `N=${n}, ${latencyMs} ms`,
    n,
    latencyMs,
    formats: ['json', 'md', 'junit'],
    idealS: (2 * n * latencyMs) / concurrency / 1000,
  },
  { name: `N=${10 * n}, 0 ms, json only`, n: 10 * n, latencyMs: 0, formats: ['json'] },
];

interface Run extends Omit<Timed, 'stdout' | 'stderr'> {
  cpuS: number;
}
interface RevgateRun extends Run {
  verdict: string;
  casesDone: number;
}

const strip = ({ stdout: _o, stderr: _e, ...t }: Timed): Run => ({ ...t, cpuS: cpuS(t) });

async function plainRun(golden: string, urls: { blue: string; green: string }): Promise<Run> {
  const t = await timedNode([
    join(here, 'plain-client.js'),
    '--golden',
    golden,
    '--blue',
    urls.blue,
    '--green',
    urls.green,
    '--concurrency',
    String(concurrency),
  ]);
  if (t.code !== 0) throw new Error(`plain client exited ${t.code}: ${t.stdout} ${t.stderr}`);
  return strip(t);
}

async function revgateRun(suite: string, out: string, cases: number, bin = join(ROOT, 'bin/revgate.js')): Promise<RevgateRun> {
  const t = await timedNode([bin, 'compare', suite, '--progress', 'none', '--out', out]);
  // 0 pass, 1 fail, 2 inconclusive are verdicts; 3 (run error) and 4 (invalid) are not a measurement.
  if (t.code > 2) throw new Error(`revgate compare exited ${t.code}: ${t.stderr.slice(-2000)}`);
  const [dir] = await readdir(out);
  const report = (await readSummary(join(out, dir!, 'report.json'))) as {
    errors: { count: number }[];
    run: { casesDone: number };
    verdict: { status: string };
  };
  const errors = report.errors.reduce((s, e) => s + e.count, 0);
  if (report.run.casesDone !== cases || errors !== 0)
    throw new Error(`revgate run incomplete: ${report.run.casesDone}/${cases} cases, ${errors} errors`);
  await rm(out, { recursive: true, force: true });
  return { ...strip(t), verdict: report.verdict.status, casesDone: report.run.casesDone };
}

const work = await mkdtemp(join(tmpdir(), 'revgate-process-bench-'));
const load = loadavg()[0]!;
console.log(
  `revgate whole-process bench: N=${n}, concurrency ${concurrency}, ${repeats} repeat(s), node ${process.version}, ${cpus().length} cores, load ${load.toFixed(2)}; measured with ${METER}`,
);
if (load > cpus().length / 2) console.log('  warning: the machine is busy; figures will be slow and noisy');

const results: { job: Job; plain: Run[]; revgate: RevgateRun[]; before: RevgateRun[] }[] = [];
try {
  for (const job of jobs) {
    const golden = join(work, `golden-${job.n}.jsonl`);
    await writeGolden(golden, job.n);
    const mock = await startMock({ latencyMs: job.latencyMs });
    try {
      const suite = join(work, `suite-${job.n}-${job.latencyMs}.yaml`);
      await writeFile(
        suite,
        suiteJson({
          name: 'bench',
          golden,
          blue: mock.blue,
          green: mock.green,
          concurrency,
          formats: job.formats,
          reportsDir: join(work, 'unused'),
        }),
      );
      const entry = { job, plain: [] as Run[], revgate: [] as RevgateRun[], before: [] as RevgateRun[] };
      for (let r = 1; r <= repeats; r++) {
        console.log(`· ${job.name}: run ${r}/${repeats}: plain undici client, revgate compare${beforeBin ? ', revgate before' : ''} …`);
        entry.plain.push(await plainRun(golden, mock));
        entry.revgate.push(await revgateRun(suite, join(work, `out-${results.length}-${r}`), job.n));
        if (beforeBin) entry.before.push(await revgateRun(suite, join(work, `before-${results.length}-${r}`), job.n, beforeBin));
      }
      results.push(entry);
    } finally {
      mock.stop();
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

const fmtS = (s: number) => `${s.toFixed(2)} s`;
const fmtMB = (mb: number) => `${mb.toFixed(0)} MB`;
const rows: string[][] = [];
const figures: Record<string, unknown>[] = [];
for (const { job, plain, revgate, before } of results) {
  const m = (rs: Run[], f: (r: Run) => number) => (rs.length ? median(rs.map(f)) : NaN);
  // Columns: plain, [revgate before,] revgate; the ratio is revgate / plain ([before → after]).
  const cols = (f: (r: Run) => number) => [m(plain, f), m(before, f), m(revgate, f)] as const;
  const wall = cols((r) => r.wallS);
  const cpu = cols((r) => r.cpuS);
  const rss = cols((r) => r.maxRssMB);
  const row = (name: string, v: readonly [number, number, number], fmt: (x: number) => string, ratio = true) => {
    const r = (x: number) => `${(x / v[0]).toFixed(2)}×`;
    rows.push([
      name,
      fmt(v[0]),
      ...(beforeBin ? [fmt(v[1])] : []),
      fmt(v[2]),
      ratio ? (beforeBin ? `${r(v[1])} → ${r(v[2])}` : r(v[2])) : '',
    ]);
  };
  const ideal = job.idealS === undefined ? '' : ` (ideal ${fmtS(job.idealS)})`;
  const perReq = (s: number) => `${((s / (2 * job.n)) * 1000).toFixed(3)} ms`;
  row(`${job.name}: wall${ideal}`, wall, fmtS);
  row(`${job.name}: CPU user+sys`, cpu, fmtS);
  row(`${job.name}: CPU per request`, cpu, perReq, false);
  row(`${job.name}: peak RSS`, rss, fmtMB);
  figures.push({
    job: job.name,
    n: job.n,
    requests: 2 * job.n,
    latencyMs: job.latencyMs,
    formats: job.formats,
    idealWallS: job.idealS ?? null,
    median: {
      plain: { wallS: wall[0], cpuS: cpu[0], maxRssMB: rss[0] },
      revgate: { wallS: wall[2], cpuS: cpu[2], maxRssMB: rss[2] },
      ...(beforeBin ? { before: { wallS: wall[1], cpuS: cpu[1], maxRssMB: rss[1] } } : {}),
    },
    verdicts: revgate.map((r) => r.verdict),
    runs: { plain, revgate, ...(beforeBin ? { before } : {}) },
  });
}

const head = [
  'job',
  'plain undici client',
  ...(beforeBin ? ['revgate before'] : []),
  'revgate compare',
  beforeBin ? 'ratio to plain, before → after' : 'ratio',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`\n${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const r of rows) console.log(line(r));
console.log(`\n(each figure: median of ${repeats} run(s); ${cpus().length} cores, load ${load.toFixed(2)} → ${loadavg()[0]!.toFixed(2)})`);

const file = await mergeIntoReport('bench', {
  process: {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadavg: [load, loadavg()[0]],
    meter: METER,
    n,
    concurrency,
    repeats,
    ...(beforeBin ? { before: flags.before } : {}),
    table: rows.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]]))),
    jobs: figures,
  },
});
console.log(`wrote ${file}`);
