// Shared helpers for the end-to-end and replay tests: temp suites written to disk, the CLI run
// in-process (k6 style) with captured stdout/stderr, report readers and tiny node:http servers
// on 127.0.0.1:0 for faults the reference service does not have.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { decideColor } from '../../src/cli/color.js';
import { runCli } from '../../src/cli/run.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

type Json = Record<string, unknown>;

/** `n` MedQuAD golden cases (id, question, reference, expected_docs, tags), from `offset`. */
export function medquadCases(n = 10, offset = 0): Json[] {
  return readFileSync(join(ROOT, 'datasets/medquad-rag/golden.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(offset, offset + n)
    .map((l) => JSON.parse(l) as Json);
}

/** The 8 curated pharmabot cases (assertions, critical cases, two multi-turn cases). */
export function pharmabotCases(): Json[] {
  return (parse(readFileSync(join(ROOT, 'golden/pharmabot.yaml'), 'utf8')) as { cases: Json[] }).cases;
}

/** Thresholds a good green passes on ~10 cases (tolerances wide enough for sampling noise). */
export const GOOD_THRESHOLDS = ['error_rate <= 1%', 'delta.rag.recall@5 >= -0.1', 'delta.ref.rougeL.mean >= -0.2', 'refusal_rate <= 5%'];

export interface SuiteOptions {
  blue: string;
  green: string;
  cases?: Json[];
  /** Merged over the default shared target (openai-chat, azure-on-your-data citations). */
  target?: Json;
  blueTarget?: Json;
  greenTarget?: Json;
  sampling?: Json;
  scoring?: Json;
  thresholds?: unknown[];
  report?: Json;
}

export interface TempSuite {
  dir: string;
  suiteFile: string;
  reportsDir: string;
}

/** Write golden.yaml and suite.yaml into a fresh temp dir; reports go to <dir>/reports. */
export async function writeSuite(o: SuiteOptions): Promise<TempSuite> {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-e2e-'));
  const reportsDir = join(dir, 'reports');
  await writeFile(join(dir, 'golden.yaml'), stringify({ cases: o.cases ?? medquadCases(10) }));
  const suite = {
    name: 'e2e',
    golden: 'golden.yaml',
    target: defined({
      kind: 'openai-chat',
      model: 'pharmabot-1',
      docs: { preset: 'azure-on-your-data' },
      readyPath: '/health/ready',
      ...o.target,
    }),
    blue: { url: o.blue, ...o.blueTarget },
    green: { url: o.green, ...o.greenTarget },
    sampling: {
      concurrency: 4,
      warmup: 0,
      retries: 2,
      backoff: '20ms',
      timeout: '5s',
      readyTimeout: '2s',
      deadline: '50s',
      seed: 1,
      ...o.sampling,
    },
    scoring: { k: 5, minCases: 5, ...o.scoring },
    thresholds: o.thresholds ?? GOOD_THRESHOLDS,
    report: { formats: ['json', 'md', 'junit'], dir: reportsDir, ...o.report },
  };
  const suiteFile = join(dir, 'suite.yaml');
  await writeFile(suiteFile, stringify(suite));
  return { dir, suiteFile, reportsDir };
}

/** Drop keys set to undefined (so `{ model: undefined }` removes a default). */
function defined(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output; env is only what is passed (plus CI=1). Colour is
 *  decided from that env as main.ts decides it for a stdout that is not a terminal (a pipe, a CI log). */
export async function cli(argv: string[], o: { cwd?: string; env?: Record<string, string>; signal?: AbortSignal } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const env = { CI: '1', ...o.env };
  const code = await runCli(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env,
    cwd: o.cwd ?? ROOT,
    isTTY: false,
    color: decideColor(env, false),
    signal: o.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}

/** `revgate compare <suite> --progress none` plus extra flags. */
export function compareCli(
  s: TempSuite,
  extra: string[] = [],
  o: { env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<CliRun> {
  return cli(['compare', s.suiteFile, '--progress', 'none', ...extra], { cwd: s.dir, ...o });
}

/** The one run directory under `reportsDir` (fails when there is not exactly one). */
export async function runDir(reportsDir: string): Promise<string> {
  const entries = await readdir(reportsDir);
  if (entries.length !== 1) throw new Error(`expected one run dir in ${reportsDir}, found ${entries.join(', ') || 'none'}`);
  return join(reportsDir, entries[0]!);
}

// Reports are read as loose JSON: the tests assert on the written file, not on our types.

export type Loose = any;

export async function readReport(dir: string): Promise<Loose> {
  return JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
}

export async function readJsonl(file: string): Promise<Loose[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

/** The reasons of the checks with `status`, joined, for readable assertions. */
export function reasons(report: Loose, status: string): string[] {
  return (report.checks as Loose[]).filter((c) => c.status === status).map((c) => `${c.id}: ${c.reason}`);
}

export interface Received {
  at: number;
  url: string;
  headers: IncomingMessage['headers'];
  json: Loose;
}

export interface TestServer {
  url: string;
  received: Received[];
  /** Requests being handled right now, and the most ever at once. */
  inFlight(): { now: number; max: number };
  close(): Promise<void>;
}

/** A tiny server on 127.0.0.1:0; the handler gets the parsed body and the 0-based request number. */
export async function startServer(handler: (req: Received, res: ServerResponse, nth: number) => void | Promise<void>): Promise<TestServer> {
  const received: Received[] = [];
  let now = 0;
  let max = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Loose;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const r: Received = { at: performance.now(), url: req.url ?? '', headers: req.headers, json };
      received.push(r);
      now++;
      max = Math.max(max, now);
      res.on('close', () => now--);
      Promise.resolve(handler(r, res, received.length - 1)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    inFlight: () => ({ now, max }),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A loopback URL with nothing listening (a port that was just free). */
export async function deadUrl(path = '/v1'): Promise<string> {
  const s = await startServer(() => undefined);
  await s.close();
  return `${s.url}${path}`;
}

/** Every file in `dir` (recursively) with its text. */
export async function allFiles(dir: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = join(e.parentPath, e.name);
    out.push({ file, text: await readFile(file, 'utf8') });
  }
  return out;
}
