// `npm run bench:shards`: scale past one machine. N cases (default 200,000) are replayed as 8
// shards (`revgate compare --shard k/8`), 2 shard processes at a time (two CI machines), merged
// with `revgate merge`, and once unsharded; then the merged report is compared with the
// unsharded one (bench/report-equality.ts): the verdict, every check's status, value and
// statistics, every metric and every case record must be equal; latency (measured, so it differs
// between two replays) and bootstrap interval bounds (resampled in case order) are shown side by
// side with their tolerance. The mock is bench/zero-server.ts --vary in its own process: answers
// depend on the case and the side only, so two replays score alike.
// Prints wall times (sharded 2 at a time + merge vs unsharded), peak RSS per process and the
// equality result; writes the figures to reports/bench-shards-<date>.json (apart from
// reports/bench-<date>.json, which replay.bench.ts rewrites); exits 1 when the reports differ (or
// a process failed).
// Flags: --n 200000  --shards 8  --parallel 2  --concurrency 64  --keep (keep the run dirs)
import { readdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGolden } from './golden.js';
import { cpuS, mergeIntoReport, METER, ROOT, SHARD_THRESHOLDS, startMock, suiteJson, timedNode, type Timed } from './proc.js';
import { BOOTSTRAP_TOLERANCE, compareCaseFiles, compareSummaries, FLOAT_TOLERANCE, readSummary } from './report-equality.js';

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string', default: '200000' },
    shards: { type: 'string', default: '8' },
    parallel: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '64' },
    keep: { type: 'boolean', default: false },
  },
});
const n = Number(flags.n);
const total = Number(flags.shards);
const parallel = Number(flags.parallel);
const concurrency = Number(flags.concurrency);
const revgate = join(ROOT, 'bin/revgate.js');

interface Step {
  name: string;
  code: number;
  wallS: number;
  cpuS: number;
  maxRssMB: number;
  cases?: number;
  verdict?: string;
}

async function runDir(out: string): Promise<string> {
  const entries = await readdir(out);
  if (entries.length !== 1) throw new Error(`expected one run dir in ${out}, found ${entries.join(', ') || 'none'}`);
  return join(out, entries[0]!);
}

async function step(name: string, args: string[], out: string, okCodes = [0, 1, 2]): Promise<Step & { dir: string }> {
  const t: Timed = await timedNode([revgate, ...args, '--out', out]);
  if (!okCodes.includes(t.code)) throw new Error(`${name} exited ${t.code}:\n${t.stderr.slice(-3000)}`);
  const dir = await runDir(out);
  const summary = (await readSummary(join(dir, 'report.json'))) as { run: { casesDone: number }; verdict: { status: string } };
  return {
    name,
    code: t.code,
    wallS: t.wallS,
    cpuS: cpuS(t),
    maxRssMB: t.maxRssMB,
    cases: summary.run.casesDone,
    verdict: summary.verdict.status,
    dir,
  };
}

const work = await mkdtemp(join(tmpdir(), 'revgate-shards-bench-'));
const load = loadavg()[0]!;
console.log(
  `revgate shard bench: N=${n} cases as ${total} shards, ${parallel} at a time, concurrency ${concurrency}, node ${process.version}, ${cpus().length} cores, load ${load.toFixed(2)}; measured with ${METER}`,
);
if (load > cpus().length / 2) console.log('  warning: the machine is busy; wall times will be slow and noisy');
const mock = await startMock({ vary: true });
let failed: boolean;
try {
  const golden = join(work, 'golden.jsonl');
  await writeGolden(golden, n);
  const suite = join(work, 'suite.yaml');
  await writeFile(
    suite,
    suiteJson({
      name: 'shards',
      golden,
      blue: mock.blue,
      green: mock.green,
      concurrency,
      formats: ['json'],
      reportsDir: join(work, 'unused'),
      thresholds: SHARD_THRESHOLDS,
    }),
  );
  const compareArgs = ['compare', suite, '--progress', 'none', '--format', 'json'];

  // The shards, `parallel` at a time (a pool: the next shard starts when one ends).
  console.log(`· ${total} shards, ${parallel} at a time …`);
  const shards: (Step & { dir: string })[] = [];
  const t0 = performance.now();
  let next = 1;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let k = next++; k <= total; k = next++) {
        const s = await step(`shard ${k}/${total}`, [...compareArgs, '--shard', `${k}/${total}`], join(work, `shard-${k}`));
        console.log(`  shard ${k}/${total}: ${s.cases} cases, ${s.wallS.toFixed(1)} s, peak RSS ${s.maxRssMB.toFixed(0)} MB, ${s.verdict}`);
        shards.push(s);
      }
    }),
  );
  const shardsWallS = (performance.now() - t0) / 1000;
  shards.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));

  console.log('· revgate merge …');
  const merged = await step('merge', ['merge', ...shards.map((s) => join(s.dir, 'report.json')), '--format', 'json'], join(work, 'merged'));
  console.log(`· unsharded compare of ${n} cases …`);
  const whole = await step('unsharded', compareArgs, join(work, 'whole'));

  console.log('· comparing the merged report with the unsharded one …');
  let equality = compareSummaries(await readSummary(join(whole.dir, 'report.json')), await readSummary(join(merged.dir, 'report.json')));
  equality = await compareCaseFiles(join(whole.dir, 'cases.jsonl'), join(merged.dir, 'cases.jsonl'), equality);
  failed = !equality.equal;

  const fmt = (s: Step) => `${s.wallS.toFixed(1)} s wall, ${s.cpuS.toFixed(1)} s CPU, peak RSS ${s.maxRssMB.toFixed(0)} MB`;
  const shardRss = shards.map((s) => s.maxRssMB);
  const rows: [string, string][] = [
    [`unsharded compare (N=${n})`, fmt(whole)],
    [`${total} shards, ${parallel} at a time (wall of the matrix)`, `${shardsWallS.toFixed(1)} s`],
    ['  per shard', `${Math.min(...shards.map((s) => s.wallS)).toFixed(1)}–${Math.max(...shards.map((s) => s.wallS)).toFixed(1)} s wall`],
    ['  peak RSS per shard', `${Math.min(...shardRss).toFixed(0)}–${Math.max(...shardRss).toFixed(0)} MB`],
    [`merge of ${total} shard reports`, fmt(merged)],
    ['sharded + merge', `${(shardsWallS + merged.wallS).toFixed(1)} s`],
    ['verdict unsharded / merged', `${whole.verdict} / ${merged.verdict}`],
    [
      'merged == unsharded (deterministic)',
      `${equality.equal ? 'EQUAL' : 'DIFFERENT'}: ${equality.compared} summary values (${equality.exact} bit-exact, the rest within ${FLOAT_TOLERANCE} relative), ${equality.cases} case records, ${equality.differences.length} differences`,
    ],
    [
      'bootstrap interval bounds',
      `${equality.bootstrap.filter((b) => b.withinTolerance).length}/${equality.bootstrap.length} within ${BOOTSTRAP_TOLERANCE * 100}% of the interval width`,
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  const latency = equality.latency.filter((l) => /^metrics\.(blue|green)\.latency\.(p50|p95|p99)$|^checks/.test(l.path));
  console.log('\nlatency (measured, not compared: merge uses exact quantiles over all shards’ samples; the replays differ)');
  for (const l of latency) console.log(`  ${l.path.padEnd(width + 10)}  unsharded ${show(l.whole)}  merged ${show(l.merged)}`);
  for (const d of equality.differences.slice(0, 20))
    console.log(`  DIFFERENT ${d.path}: unsharded ${show(d.whole)} merged ${show(d.merged)}`);

  const file = await mergeIntoReport('bench-shards', {
    [`n${n}`]: {
      date: new Date().toISOString(),
      node: process.version,
      cores: cpus().length,
      loadavg: [load, loadavg()[0]],
      meter: METER,
      n,
      shards: total,
      parallel,
      concurrency,
      wallS: { sharded: shardsWallS, merge: merged.wallS, shardedPlusMerge: shardsWallS + merged.wallS, unsharded: whole.wallS },
      steps: [...shards, merged, whole].map(({ dir: _d, ...s }) => s),
      equality: {
        equal: equality.equal,
        compared: equality.compared,
        exact: equality.exact,
        cases: equality.cases,
        floatTolerance: FLOAT_TOLERANCE,
        bootstrapTolerance: `${BOOTSTRAP_TOLERANCE} × interval width`,
        differences: equality.differences.slice(0, 100),
        bootstrap: equality.bootstrap,
        latency: equality.latency,
      },
    },
  });
  console.log(`\nwrote ${file}`);
  if (flags.keep) console.log(`run dirs kept in ${work}`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  mock.stop();
  if (!flags.keep) await rm(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

function show(v: unknown): string {
  return typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : JSON.stringify(v);
}
