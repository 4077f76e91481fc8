// `revgate rollout <suite>`: shift traffic step by step, analysing green at each step; or
// --resume the app's interrupted rollout; or --dry-run: print the plan and the calls, move nothing.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadSuite } from '../../config/load-suite.js';
import { RolloutStateError } from '../../errors.js';
import { openLiveMetrics } from '../../monitor/open.js';
import type { LiveMetrics } from '../../monitor/types.js';
import { goldenReplay, type StepAnalysis } from '../../rollout/analysis.js';
import { approvalsFile, fileApprovals } from '../../rollout/approvals.js';
import type { EngineDeps } from '../../rollout/context.js';
import { dryRunRouter } from '../../rollout/dry-run-router.js';
import { runRollout } from '../../rollout/engine.js';
import { liveAnalysis } from '../../rollout/live.js';
import { memoryJournal, openJournal, readJournal, writePointer } from '../../rollout/journal.js';
import { formatTable } from '../../rollout/plan.js';
import { replayJournal, resumable, type RolloutState } from '../../rollout/state.js';
import type { Outcome, RolloutEvent } from '../../rollout/types.js';
import { newRunId } from '../../run/run-dir.js';
import { exitForRollout } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { latestRun, loadRollout, open, ownerName, type RolloutSetup } from './rollout-common.js';

export async function runRolloutCommand(file: string, flags: Record<string, unknown>, io: CliIO): Promise<number> {
  const setup = await loadRollout(file, flags, io);
  const opened = await open(setup, io, !flags.dryRun, flags.token);
  let metrics: LiveMetrics | undefined;
  try {
    if (opened.url && !flags.dryRun) io.stderr(`revgate: local proxy for ${setup.plan.backend.app} listening on ${opened.url}\n`);
    const analysis = goldenReplay(async (urls) => (await loadSuite(file, { overrides: urls, env: io.env, cwd: io.cwd })).suite);
    if (flags.dryRun) return await dryRun(setup, opened.router, io);
    const live = setup.plan.live;
    if (live) {
      metrics = await openLiveMetrics(live, { ...(opened.stats ? { local: opened.stats } : {}), ...(typeof flags.token === 'string' ? { token: flags.token } : {}), env: io.env, warn: (m) => io.stderr(`revgate: live metrics warning: ${m}\n`) });
      io.stderr(`revgate: live analysis from ${metrics.info.name} every ${live.intervalMs} ms over ${live.windowMs} ms windows (delay ${metrics.info.delayMs} ms) during holds\n`);
    }
    const engine = { analysis, ...(metrics && live ? { live: liveAnalysis(metrics, live) } : {}) };
    return await (flags.resume ? resume(setup, file, flags, io, opened.router, engine) : fresh(setup, file, flags, io, opened.router, engine));
  } finally {
    await metrics?.close();
    await opened.close();
  }
}

/** The analyses the engine runs: golden replay at steps, live metrics during holds (when configured). */
interface Analyses {
  analysis: StepAnalysis;
  live?: StepAnalysis;
}

type Router = EngineDeps['router'];

async function fresh(s: RolloutSetup, file: string, flags: Record<string, unknown>, io: CliIO, router: Router, analyses: Analyses): Promise<number> {
  const last = await latestRun(s.stateDir, s.plan.backend.app).catch(() => null);
  if (last?.pointer.active && resumable(last.state)) {
    throw new RolloutStateError(`${s.plan.backend.app} has an unfinished rollout (run ${last.pointer.runId}, ${last.state.phase} at step ${last.state.step + 1})`, '`revgate rollout <suite> --resume` continues it; `revgate rollback <suite>` puts 100% back on blue');
  }
  const runId = newRunId(`${s.suite.name}-rollout`);
  const runDir = resolve(io.cwd, s.suite.report.dir, runId);
  await mkdir(runDir, { recursive: true });
  const journal = await openJournal(join(runDir, 'journal.jsonl'), runId);
  io.stderr(`revgate: rollout ${runId}: journal ${journal.file}\n`);
  return finish(s, file, io, journal.file!, await runAndClose(journal, { router, journal, plan: s.plan, ...analyses, approvals: fileApprovals(approvalsFile(journal.file!)), runDir, owner: ownerName(), suite: file, signal: io.signal, log: (l) => io.stderr(`${l}\n`), breakLock: Boolean(flags.breakLock), onLocked: () => pointTo(s, runId, journal.file!, file, true) }));
}

async function resume(s: RolloutSetup, file: string, flags: Record<string, unknown>, io: CliIO, router: Router, analyses: Analyses): Promise<number> {
  const last = await latestRun(s.stateDir, s.plan.backend.app);
  if (!last) throw new RolloutStateError(`${s.plan.backend.app} has no rollout to resume`, 'start one with `revgate rollout <suite>`');
  if (!resumable(last.state)) throw new RolloutStateError(`run ${last.pointer.runId} of ${s.plan.backend.app} is finished (${last.state.outcome?.kind ?? last.state.phase}): nothing to resume`);
  const events = await readJournal(last.pointer.journal);
  const journal = await openJournal(last.pointer.journal, last.pointer.runId, events);
  io.stderr(`revgate: resuming ${last.pointer.runId} (${last.state.phase}, last verified ${formatTable(last.state.lastVerified)})\n`);
  const runDir = resolve(last.pointer.journal, '..');
  const plan = { ...s.plan, blue: last.state.blue, green: last.state.green };
  return finish(s, file, io, journal.file!, await runAndClose(journal, { router, journal, plan, ...analyses, approvals: fileApprovals(approvalsFile(journal.file!)), runDir, owner: ownerName(), suite: file, signal: io.signal, log: (l) => io.stderr(`${l}\n`), resume: last.state, breakLock: Boolean(flags.breakLock), onLocked: () => pointTo(s, last.pointer.runId, journal.file!, file, true) }));
}

async function runAndClose(journal: EngineDeps['journal'], deps: EngineDeps): Promise<Outcome> {
  try {
    return await runRollout(deps);
  } finally {
    await journal.close();
  }
}

function pointTo(s: RolloutSetup, runId: string, journal: string, suite: string, active: boolean): Promise<void> {
  return writePointer(s.stateDir, { app: s.plan.backend.app, runId, journal, suite, active, updatedAt: new Date().toISOString() });
}

/** Update the pointer from the journal, print the outcome, pick the exit code. */
async function finish(s: RolloutSetup, file: string, io: CliIO, journalFile: string, outcome: Outcome): Promise<number> {
  const state: RolloutState = replayJournal(await readJournal(journalFile));
  if (state.runId) await pointTo(s, state.runId, journalFile, file, resumable(state));
  const code = exitForRollout(outcome.kind === 'rolled-back' ? outcome : { kind: outcome.kind });
  const head = { promoted: 'PROMOTED', 'rolled-back': 'ROLLED BACK', paused: 'PAUSED', error: 'ERROR', interrupted: 'INTERRUPTED' }[outcome.kind];
  io.stdout(`revgate rollout: ${head}: ${outcome.reason}\n  traffic: ${formatTable(state.lastVerified)}\n  journal: ${journalFile}\n`);
  if (outcome.kind === 'error') io.stderr(`revgate: ${outcome.reason}\n`);
  return code;
}

/** --dry-run: reads run, writes are printed; analyses, holds and approvals are described, not done. */
async function dryRun(s: RolloutSetup, real: Router, io: CliIO): Promise<number> {
  const print = (l: string) => io.stdout(`${l}\n`);
  print(`revgate rollout --dry-run: ${real.target} (${real.kind}); nothing will be moved`);
  const live = s.plan.live;
  if (live) print(`  live analysis during holds at 1-99%: ${live.source}, every ${live.intervalMs} ms over ${live.windowMs} ms windows, minRequests ${live.minRequests}, 5xx ≤ ${live.maxErrorRate * 100}% (+${live.maxErrorRateIncrease * 100}%), latency shift ≤ ${live.maxLatencyShiftMs} ms`);
  const events: RolloutEvent[] = [];
  const router = dryRunRouter(real, print);
  const analysis: StepAnalysis = { run: async (step, ctx) => (print(`  would replay ${step.mode === 'full' ? 'every golden case' : `${step.sample} golden cases`} against green ${ctx.urls.green} and blue ${ctx.urls.blue}`), { status: 'pass', reasons: [] }) };
  const outcome = await runRollout({
    router, journal: memoryJournal('dry-run', events), plan: s.plan, analysis, runDir: io.cwd, owner: ownerName(), suite: s.suite.file, signal: io.signal,
    approvals: { find: async (_run, step) => (print(`  would wait for approval of step ${step + 1} (up to ${s.plan.approvalTimeout} ms)`), { runId: 'dry-run', step, by: 'dry-run', at: '' }) },
    log: (l) => print(l.replace(/^revgate: /, '')),
    sleep: async (ms) => void print(`  would wait ${ms} ms`),
  });
  print(`dry run ${outcome.kind === 'promoted' ? 'complete' : `stopped (${outcome.kind}: ${outcome.reason})`}: nothing was moved`);
  return outcome.kind === 'promoted' ? 0 : exitForRollout(outcome.kind === 'rolled-back' ? outcome : { kind: outcome.kind });
}
