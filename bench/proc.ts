// Helpers of the whole-process benchmarks (process.bench.ts, shards.bench.ts): the mock server in
// its own process, a suite file for it, and a child process measured from the outside — wall
// time, CPU time (user + sys) and peak RSS — with GNU time (`/usr/bin/time -f '%e %U %S %M'`,
// which waits for the child and reads its rusage), or where it is missing with a preloaded
// module that writes the child's own process.resourceUsage() at exit (bench/rusage-preload.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const GNU_TIME = '/usr/bin/time';

export interface Mock {
  blue: string;
  green: string;
  stop(): void;
}

/** Start bench/zero-server.js in its own process (so its CPU is not the measured child's). */
export async function startMock(options: { latencyMs?: number; vary?: boolean } = {}): Promise<Mock> {
  const args = [join(HERE, 'zero-server.js'), '--latency-ms', String(options.latencyMs ?? 0), ...(options.vary ? ['--vary'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((res, rej) => {
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      if (buf.includes('\n')) res(buf.split('\n')[0]!);
    });
    child.on('exit', (code) => rej(new Error(`zero-server exited ${code}`)));
  });
  return { ...(JSON.parse(line) as { blue: string; green: string }), stop: () => child.stdin.end() };
}

export interface SuiteOptions {
  name: string;
  golden: string;
  blue: string;
  green: string;
  concurrency: number;
  formats: string[];
  reportsDir: string;
  thresholds?: unknown[];
}

/** The thresholds of the bench suites (in-process in bench/measure.ts, whole-process here). */
export const BENCH_THRESHOLDS: unknown[] = [
  'error_rate <= 1%',
  'ratio.latency.p95 <= 1.5',
  'delta.rag.recall@5 >= -0.02',
  'delta.rag.mrr >= -0.03',
  'delta.ref.rougeL.mean >= -0.05',
  'refusal_rate <= 2%',
  { check: 'delta.ref.rougeL.mean >= -0.05', tags: ['treatment'] },
  { check: 'drift.moved_share <= 0.5', advisory: true },
];

/** A suite for the mock (openai-chat, Azure citations), as JSON (which is YAML). */
export function suiteJson(o: SuiteOptions): string {
  return `${JSON.stringify(
    {
      name: o.name,
      golden: [o.golden],
      target: {
        kind: 'openai-chat',
        model: 'bench-model',
        temperature: 0,
        stream: false,
        docs: { preset: 'azure-on-your-data' },
        readyPath: '/health/ready',
      },
      blue: { url: `${o.blue}/v1` },
      green: { url: `${o.green}/v1` },
      sampling: {
        concurrency: o.concurrency,
        repeats: 1,
        timeout: '60s',
        retries: 2,
        warmup: 2,
        deadline: '120m',
        readyTimeout: '10s',
        seed: 7,
      },
      scoring: { k: 5, driftTolerance: 0.5, minCases: 5 },
      thresholds: o.thresholds ?? BENCH_THRESHOLDS,
      report: { formats: o.formats, dir: o.reportsDir, topCases: 5 },
    },
    null,
    2,
  )}\n`;
}

export interface Timed {
  code: number;
  wallS: number;
  userS: number;
  sysS: number;
  /** Peak resident set size of the child, MB (MiB). */
  maxRssMB: number;
  stdout: string;
  stderr: string;
}

export const cpuS = (t: Pick<Timed, 'userS' | 'sysS'>) => t.userS + t.sysS;

/** How the children are measured (for the report). */
export const METER = existsSync(GNU_TIME) ? `GNU time (${GNU_TIME} -f '%e %U %S %M')` : 'process.resourceUsage() at exit (preload)';

/** Run `node <args>` measured from the outside; resolves when it exits (any code). */
export async function timedNode(args: string[], o: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Timed> {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-timed-'));
  const out = join(dir, 'rusage');
  const gnu = existsSync(GNU_TIME);
  const [cmd, argv] = gnu
    ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', out, process.execPath, ...args]]
    : [process.execPath, ['--import', pathToFileURL(join(HERE, 'rusage-preload.js')).href, ...args]];
  const t0 = performance.now();
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((res, rej) => {
      const child = spawn(cmd, argv, {
        cwd: o.cwd ?? ROOT,
        env: { ...process.env, ...o.env, REVGATE_BENCH_RUSAGE: out },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = (stdout + d).slice(-20_000)));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
      child.on('error', rej);
      child.on('close', (c) => res({ code: c ?? -1, stdout, stderr }));
    });
    const wallMs = performance.now() - t0;
    const text = (await readFile(out, 'utf8')).trim().split('\n').pop() ?? '';
    if (gnu) {
      // GNU time writes "Command exited with non-zero status N" first when the child fails.
      const [, user, sys, rssKB] = text.split(' ').map(Number) as [number, number, number, number];
      return { code, wallS: wallMs / 1000, userS: user, sysS: sys, maxRssMB: rssKB / 1024, stdout, stderr };
    }
    const u = JSON.parse(text) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
    return {
      code,
      wallS: wallMs / 1000,
      userS: u.userCPUTime / 1e6,
      sysS: u.systemCPUTime / 1e6,
      maxRssMB: u.maxRSS / 1024,
      stdout,
      stderr,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Write a file, creating nothing else (a tiny wrapper so benches read alike). */
export async function put(file: string, text: string): Promise<string> {
  await writeFile(file, text);
  return file;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** The date of today for reports/bench-<date>.json. */
export const today = () => new Date().toISOString().slice(0, 10);

/** Merge `entries` into reports/<name>-<date>.json (keeps what other benches wrote there). */
export async function mergeIntoReport(name: string, entries: Record<string, unknown>): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  const dir = join(ROOT, 'reports');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}-${today()}.json`);
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // no report yet today
  }
  await writeFile(file, `${JSON.stringify({ ...current, ...entries }, null, 2)}\n`);
  return file;
}

/**
 * The thresholds of the shard comparison (shards.bench.ts, test/bench/shards.test.ts): limits on
 * scores and rates, a tag scope, statistical tests (Wilcoxon + bootstrap, Fisher + Newcombe) with
 * margins far from bench/zero-server.ts --vary's differences (so the verdict is pass, not a coin
 * toss on a bootstrap bound), and latency checks kept advisory: latency is measured, so it differs
 * between two replays, and it must not decide a verdict that is compared for equality.
 */
export const SHARD_THRESHOLDS: unknown[] = [
  'error_rate <= 1%',
  'delta.rag.recall@5 >= -0.2',
  'delta.rag.mrr >= -0.2',
  'delta.ref.rougeL.mean >= -0.2',
  'refusal_rate <= 5%',
  { check: 'delta.ref.rougeL.mean >= -0.2', tags: ['treatment'] },
  { check: 'drift.moved_share <= 0.9', advisory: true },
  { check: 'ratio.latency.p95 <= 1.5', advisory: true },
  { test: 'ref.rougeL', minEffect: 0.1 },
  { test: 'rag.recall', minEffect: 0.1 },
  { test: 'ref.rougeL', minEffect: 0.1, tags: ['audit'] },
  { test: 'refusal_rate', minEffect: '5%' },
  { test: 'error_rate', minEffect: '1%' },
  { test: 'latency.p95', maxRatio: 1.5, advisory: true },
];
