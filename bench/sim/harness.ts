// The simulation harness: the real pipeline end to end — two reference pharmabots on 127.0.0.1,
// a suite loaded with loadSuite, each run gated with compare (real HTTP, real scoring, real gate) —
// repeated many times with fresh seeds to measure how often the verdict is wrong.
//
// One blue/green pair of servers per scenario; every run draws its own case sample (seeded
// shuffle of the MedQuAD golden set), its own blue/green call order (sampling.seed) and its own
// bootstrap stream (statistics.seed). The servers' random streams move on from run to run, so
// runs are independent draws of the whole service. Reports go to a temp dir deleted after each run.
import { fork } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { PairConfig } from './servers.js';
import { compare, loadSuite, type CheckResult, type ResolvedSuite, type Status } from '../../src/public/index.js';
import { extractQuantities } from '../../src/scoring/numbers.js';
import { mulberry32 } from '../../src/stats/random.js';
import type { Scenario } from './scenarios.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..').replace(/[/\\]dist$/, '');
export const GOLDEN = join(ROOT, 'datasets/medquad-rag/golden.jsonl');

/** A statistical test as in suites/pharmabot.yaml: `{test, minEffect}` or `{test, maxRatio}`. */
export type StatTest = { test: string; minEffect?: number | string; maxRatio?: number };

// The pharmabot suite's statistical tests. refusal_rate and error_rate use 3% instead of the
// suite's 2% / 1%: with 0 events in n attempts the Newcombe interval reaches ±z²/(n+z²)
// (Wilson upper bound of 0/n), i.e. ±2.09% at n = 180 (60 cases × 3 repeats) — a 2% or 1% margin
// can then never be shown to hold and both tests would be inconclusive in every A/A run. A 1%
// margin needs n ≥ 381 attempts per revision, 2% needs n ≥ 189 (see the sim's README notes).
export const SIM_TESTS: readonly StatTest[] = [
  { test: 'ref.rougeL', minEffect: 0.03 },
  { test: 'drift.noise', minEffect: 0.05 },
  { test: 'rag.recall', minEffect: 0.02 },
  { test: 'numbers.consistency', minEffect: 0.1 },
  { test: 'refusal_rate', minEffect: '3%' },
  { test: 'error_rate', minEffect: '3%' },
  { test: 'latency', minEffect: '25ms' },
  { test: 'latency.p95', maxRatio: 1.5 },
];

// The pharmabot suite's fixed (k6-style) limits, reported as advisory checks: they never vote, so
// the verdict is the statistical gate's, and the "fixed" column says what they alone would have done.
// (assert.pass_rate is left out: the MedQuAD cases carry no assertions.)
export const FIXED_THRESHOLDS: readonly string[] = [
  'error_rate <= 1%',
  'ratio.latency.p95 <= 1.5',
  'delta.rag.recall@5 >= -0.02',
  'delta.rag.mrr >= -0.03',
  'ref.rougeL.mean >= 0.25',
  'delta.ref.rougeL.mean >= -0.05',
  'refusal_rate <= 2%',
];

export interface SimOptions {
  /** Cases sampled per run from the golden set. @default 60 */
  cases?: number;
  /** @default 3 */
  repeats?: number;
  /** Warm-up requests per revision. @default 1 */
  warmup?: number;
  /** Pharmabot API latency range in ms. @default [2, 6] */
  baseLatencyMs?: [number, number];
  /** Requests in flight, blue and green together. @default 16 */
  concurrency?: number;
  /** Bootstrap resamples. @default 2000 (the suite default) */
  resamples?: number;
  /** Master seed: server seeds and per-run seeds derive from it. @default 1 */
  seed?: number;
  /** Statistical tests. @default SIM_TESTS */
  tests?: readonly StatTest[];
  /** Include the fixed thresholds as advisory checks. @default true */
  fixed?: boolean;
  /** Stream responses (time to first token measured). @default true, as suites/pharmabot.yaml */
  stream?: boolean;
  /** Adaptive sampling budget as a multiple of the planned attempts (cases × repeats); 1 = off. @default 1 */
  budget?: number;
  /** Fixed thresholds that vote (e.g. "numbers.changed_share <= 0"). @default [] */
  voting?: readonly string[];
}

export type ResolvedSimOptions = Required<SimOptions>;

export function resolveOptions(o: SimOptions = {}): ResolvedSimOptions {
  return {
    cases: o.cases ?? 60,
    repeats: o.repeats ?? 3,
    warmup: o.warmup ?? 1,
    baseLatencyMs: o.baseLatencyMs ?? [2, 6],
    concurrency: o.concurrency ?? 16,
    resamples: o.resamples ?? 2000,
    seed: o.seed ?? 1,
    tests: o.tests ?? SIM_TESTS,
    fixed: o.fixed ?? true,
    stream: o.stream ?? true,
    budget: o.budget ?? 1,
    voting: o.voting ?? [],
  };
}

/** One statistical check of one run, reduced to what the simulation tallies. */
export interface CheckOutcome {
  status: Status;
  outcome: string | null;
  p: number | null;
  pAdj: number | null;
  est: number | null;
  lo: number | null;
  hi: number | null;
  n: number;
  /** Per-revision summaries the check shows (means, rates, medians, percentiles). */
  blue: number | null;
  green: number | null;
}

export interface RunOutcome {
  run: number;
  verdict: Status;
  /** Statistical checks by test name. */
  checks: Record<string, CheckOutcome>;
  /** Whether any (advisory) fixed threshold failed, and which. */
  fixedFailed: string[];
  /** Whether the run-level checks (complete run, reachable targets) all passed. */
  runOk: boolean;
  /** Attempts per revision used (the plan, or what adaptive sampling spent). */
  attempts: number;
  /** Voting fixed thresholds that failed (their expressions). */
  votingFailed: string[];
  ms: number;
}

/** Seeded Fisher–Yates: the first n of a shuffled copy. */
export function sampleCases<T>(all: readonly T[], n: number, seed: number): T[] {
  const rng = mulberry32(seed);
  const a = [...all];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, Math.min(n, a.length));
}

/** Deterministic 31-bit seed from parts (FNV-1a over their decimal text). */
export function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('/')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & 0x7fffffff;
}

/** The suite file (YAML object) of the simulation; golden is the MedQuAD set, URLs are overridden. */
export function simSuite(o: ResolvedSimOptions, retries: number): Record<string, unknown> {
  const fixed = o.fixed ? FIXED_THRESHOLDS.map((check) => ({ check, advisory: true })) : [];
  return {
    name: 'sim',
    golden: [GOLDEN],
    target: {
      kind: 'openai-chat',
      model: 'pharmabot-1',
      stream: o.stream,
      temperature: 0.7,
      docs: { preset: 'azure-on-your-data' },
      readyPath: '/health/ready',
    },
    blue: { url: 'http://127.0.0.1:1/v1' },
    green: { url: 'http://127.0.0.1:1/v1' },
    sampling: { concurrency: o.concurrency, repeats: o.repeats, timeout: '20s', retries, warmup: o.warmup, deadline: '10m' },
    scoring: { k: 5, driftTolerance: 0.5, minCases: 8 },
    thresholds: [...o.tests, ...o.voting, ...fixed],
    statistics: { alpha: 0.05, confidence: 0.95, correction: 'holm', resamples: o.resamples },
    report: { formats: ['json'], dir: 'reports', topCases: 0 },
  };
}

export interface ScenarioRun {
  scenario: Scenario;
  options: ResolvedSimOptions;
  seeds: { blue: number; green: number };
  runs: RunOutcome[];
  ms: number;
}

export interface RunScenarioOptions extends SimOptions {
  runs: number;
  /** Called after every run (progress lines). */
  onRun?: (r: RunOutcome, done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Start one blue/green pharmabot pair, gate `runs` independent runs against it, stop the pair. */
export async function runScenario(scenario: Scenario, opts: RunScenarioOptions): Promise<ScenarioRun> {
  const o = resolveOptions(opts);
  const started = Date.now();
  const seeds = { blue: seedOf(o.seed, scenario.key, 'blue'), green: seedOf(o.seed, scenario.key, 'green') };
  const tmp = await mkdtemp(join(scratchDir(), `revgate-sim-${scenario.key}-`));
  const pair = await startPair({
    blueSeed: seeds.blue,
    greenSeed: seeds.green,
    baseLatencyMs: o.baseLatencyMs,
    greenFlaws: scenario.flaws,
  });
  const { blue, green } = pair;
  try {
    const suiteFile = join(tmp, 'suite.yaml');
    await writeFile(suiteFile, stringify(simSuite(o, scenario.retries ?? 2)));
    const { suite: loaded } = await loadSuite(suiteFile, {
      overrides: { blue: `${blue.url}/v1`, green: `${green.url}/v1` },
      cwd: tmp,
      env: {},
    });
    const base =
      scenario.pool === 'numeric'
        ? { ...loaded, cases: loaded.cases.filter((c) => extractQuantities(c.reference ?? '').length > 0) }
        : loaded;
    const runs: RunOutcome[] = [];
    for (let i = 0; i < opts.runs; i++) {
      if (opts.signal?.aborted) break;
      const r = await oneRun(base, o, scenario, i, join(tmp, `run-${i}`));
      runs.push(r);
      opts.onRun?.(r, i + 1, opts.runs);
    }
    return { scenario, options: o, seeds, runs, ms: Date.now() - started };
  } finally {
    await pair.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Where run reports go (deleted after each run): /dev/shm when there is one (no disk I/O), else the OS temp dir. */
export function scratchDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** The compiled child entry (tests run from source, so `npm run build` must have run). */
export const SERVERS_JS = join(ROOT, 'dist/bench/sim/servers.js');

export interface Pair {
  blue: { url: string };
  green: { url: string };
  close(): Promise<void>;
}

/** Fork the blue/green pharmabot pair into its own process and wait for its URLs. */
export async function startPair(config: PairConfig): Promise<Pair> {
  if (!existsSync(SERVERS_JS)) throw new Error(`${SERVERS_JS} not found: run npm run build first`);
  const child = fork(SERVERS_JS, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const urls = await new Promise<{ blue: string; green: string }>((res, rej) => {
    child.once('message', (m) => res(m as { blue: string; green: string }));
    child.once('exit', (code) => rej(new Error(`sim servers exited with code ${code}`)));
    child.once('error', rej);
    child.send(config);
  });
  return {
    blue: { url: urls.blue },
    green: { url: urls.green },
    close: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.send('close');
      }),
  };
}

async function oneRun(base: ResolvedSuite, o: ResolvedSimOptions, scenario: Scenario, i: number, dir: string): Promise<RunOutcome> {
  const t0 = Date.now();
  const suite: ResolvedSuite = {
    ...base,
    cases: sampleCases(base.cases, o.cases, seedOf(o.seed, scenario.key, i, 'cases')),
    sampling: {
      ...base.sampling,
      seed: seedOf(o.seed, scenario.key, i, 'order'),
      ...(o.budget > 1 ? { maxAttempts: Math.round(o.cases * o.repeats * o.budget) } : {}),
    },
    statistics: { ...base.statistics, seed: seedOf(o.seed, scenario.key, i, 'bootstrap') },
    report: { ...base.report, dir },
  };
  try {
    const { summary } = await compare(suite, { runId: `run-${i}` });
    const checks: Record<string, CheckOutcome> = {};
    for (const c of summary.checks.filter((x) => x.kind === 'statistical')) checks[c.metric ?? c.id] = outcomeOf(c);
    return {
      run: i,
      verdict: summary.verdict.status,
      checks,
      fixedFailed: summary.checks.filter((c) => c.kind === 'threshold' && c.advisory && c.status === 'fail').map((c) => c.expr),
      runOk: summary.checks.filter((c) => c.kind === 'run').every((c) => c.status === 'pass'),
      attempts: summary.run.adaptive?.used ?? o.cases * o.repeats,
      votingFailed: summary.checks.filter((c) => c.kind === 'threshold' && !c.advisory && c.status === 'fail').map((c) => c.expr),
      ms: Date.now() - t0,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function outcomeOf(c: CheckResult): CheckOutcome {
  const s = c.stats;
  return {
    status: c.status,
    outcome: s?.outcome ?? null,
    p: s?.pValue ?? null,
    pAdj: s?.pAdjusted ?? null,
    est: s?.estimate ?? null,
    lo: s?.interval?.[0] ?? null,
    hi: s?.interval?.[1] ?? null,
    n: c.n,
    blue: c.blue ?? null,
    green: c.green ?? null,
  };
}
