// Shared helpers for the rollout tests: pharmabot revisions on 127.0.0.1, suites with a rollout
// section on disk, the engine wired like the CLI (with an injectable router), journal readers.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadSuite } from '../../src/config/load-suite.js';
import type { ResolvedRollout } from '../../src/rollout/options.js';
import { goldenReplay } from '../../src/run/rollout-analysis.js';
import { type StepAnalysis } from '../../src/rollout/analysis.js';
import { approvalsFile, fileApprovals } from '../../src/rollout/approvals.js';
import { runRollout, type RolloutDeps } from '../../src/rollout/run-rollout.js';
import { openJournal, readJournal } from '../../src/rollout/journal.js';
import type { Outcome, RolloutEvent } from '../../src/rollout/types.js';
import { startLocalRouter, type LocalRouterHandle } from '../../src/traffic/local/index.js';
import type { TrafficRouter } from '../../src/traffic/types.js';
import { startPharmabot, type Pharmabot, type PharmabotOptions } from '../../reference/pharmabot/index.js';
import { medquadCases } from '../e2e/helpers.js';

export const FAST_STEPS = [
  { weight: 0, analysis: 'full' },
  { weight: 10, hold: '200ms', analysis: 'sample', sample: 6 },
  { weight: 50, hold: '200ms' },
  { weight: 100 },
];

export interface Bench {
  dir: string;
  suiteFile: string;
  stateDir: string;
  blue: Pharmabot;
  green: Pharmabot;
  router?: LocalRouterHandle;
  close(): Promise<void>;
}

export interface BenchOptions {
  green?: PharmabotOptions;
  rollout?: Record<string, unknown>;
  /** Start the local router in-process (engine tests); the CLI starts its own otherwise. */
  router?: boolean;
  cases?: number;
}

/** Blue (pharmabot--v1) and green (pharmabot--v2) pharmabots, a suite with a local-backend rollout. */
export async function bench(o: BenchOptions = {}): Promise<Bench> {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-rollout-'));
  const stateDir = join(dir, '.revgate');
  const blue = await startPharmabot({ seed: 1, name: 'blue' });
  const green = await startPharmabot({ seed: 2, name: 'green', ...o.green });
  const revisions = [
    { name: 'pharmabot--v1', url: blue.url },
    { name: 'pharmabot--v2', url: green.url },
  ];
  await writeFile(join(dir, 'golden.yaml'), stringify({ cases: medquadCases(o.cases ?? 10) }));
  const suite = {
    name: 'rollout-e2e',
    golden: 'golden.yaml',
    target: { kind: 'openai-chat', model: 'pharmabot-1', docs: { preset: 'azure-on-your-data' } },
    sampling: { concurrency: 4, warmup: 0, retries: 1, backoff: '20ms', timeout: '5s', readyTimeout: '2s', deadline: '50s', seed: 1 },
    scoring: { k: 5, minCases: 5 },
    // Wide tolerances: a 6-case sample of a good green must not fail on LLM-style variation alone.
    thresholds: ['error_rate <= 1%', 'refusal_rate <= 5%', 'delta.ref.rougeL.mean >= -0.4'],
    report: { formats: ['json'], dir: join(dir, 'reports') },
    rollout: {
      backend: { kind: 'local', app: 'pharmabot', listen: { host: '127.0.0.1', port: 0 }, revisions },
      blue: 'auto',
      green: 'latest',
      urlPath: '/v1',
      steps: FAST_STEPS,
      keepPrevious: '300ms',
      analysisInterval: '100ms',
      approvalTimeout: '2s',
      lockTtl: '2s',
      pollInterval: '50ms',
      writeTimeout: '3s',
      rollbackTimeout: '5s',
      stateDir,
      ...o.rollout,
    },
  };
  const suiteFile = join(dir, 'suite.yaml');
  await writeFile(suiteFile, stringify(suite));
  const router = o.router ? await startLocalRouter({ app: 'pharmabot', revisions, stateDir, healthIntervalMs: 100 }) : undefined;
  return {
    dir,
    suiteFile,
    stateDir,
    blue,
    green,
    ...(router ? { router } : {}),
    async close() {
      await router?.close();
      await Promise.all([blue.close(), green.close()]);
    },
  };
}

export interface EngineRun {
  outcome: Outcome;
  events: RolloutEvent[];
  runDir: string;
  journal: string;
}

/** Run the engine as the CLI would (journal on disk, golden replay), with `router` injected. */
export async function engine(
  b: Pick<Bench, 'dir' | 'suiteFile'>,
  router: TrafficRouter,
  o: Partial<Omit<RolloutDeps, 'resume'>> & { plan?: Partial<ResolvedRollout>; runId?: string; resume?: boolean } = {},
): Promise<EngineRun> {
  const { suite } = await loadSuite(b.suiteFile, { cwd: b.dir, env: {} });
  const runId = o.runId ?? `run-${Math.random().toString(16).slice(2, 8)}`;
  const runDir = join(b.dir, 'reports', runId);
  await mkdir(runDir, { recursive: true });
  const file = join(runDir, 'journal.jsonl');
  const previous = o.resume ? await readJournal(file) : [];
  const journal = await openJournal(file, runId, previous);
  const analysis: StepAnalysis = goldenReplay(
    async (urls) => (await loadSuite(b.suiteFile, { cwd: b.dir, env: {}, overrides: urls })).suite,
  );
  const { resume, plan, runId: _id, ...rest } = o;
  try {
    const outcome = await runRollout({
      router,
      journal,
      analysis,
      approvals: fileApprovals(approvalsFile(file)),
      runDir,
      owner: 'test-owner',
      suite: b.suiteFile,
      signal: new AbortController().signal,
      log: () => undefined,
      writer: { backoffMs: 20, maxBackoffMs: 200 },
      ...rest,
      ...(resume ? { resume: previous } : {}),
      plan: { ...suite.rollout!, ...plan },
    });
    return { outcome, events: await readJournal(file), runDir, journal: file };
  } finally {
    await journal.close();
  }
}

/** The types of the events, in order. */
export const types = (events: RolloutEvent[]) => events.map((e) => e.type);

export async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8');
}
