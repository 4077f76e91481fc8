// `revgate rollout <suite>`: wires the pieces — suite, backend, live metrics, journal session — and
// runs the use case (src/rollout/run-rollout.ts); --resume continues the app's unfinished run;
// --dry-run prints the plan and every call on a virtual clock, moving nothing.
import { loadSuite } from '../../config/load-suite.js';
import { openLiveMetrics } from '../../monitor/open.js';
import type { LiveMetrics } from '../../model/live.js';
import { goldenReplay } from '../../run/rollout-analysis.js';
import { approvalsFile, fileApprovals } from '../../rollout/approvals.js';
import { approveStep } from '../../rollout/approve.js';
import { UsageError } from '../../model/errors.js';
import { dryRunRouter } from '../../rollout/dry-run-router.js';
import { memoryJournal, readJournal } from '../../rollout/journal.js';
import { liveAnalysis } from '../../rollout/live.js';
import { foldJournal } from '../../rollout/machine/fold.js';
import { resumable } from '../../rollout/machine/state.js';
import { OwnTraffic } from '../../rollout/own-traffic.js';
import { formatTable } from '../../rollout/plan.js';
import { runRollout, type RolloutDeps } from '../../rollout/run-rollout.js';
import { newSession, resumeSession } from '../../rollout/session.js';
import type { Outcome } from '../../rollout/types.js';
import { exitForRollout } from '../exit-codes.js';
import type { RolloutFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { approver } from './rollout-approve.js';
import { loadRollout, open, openStore, ownerName, type RolloutSetup } from './rollout-common.js';

export async function runRolloutCommand(file: string, flags: RolloutFlags, io: CliIO): Promise<number> {
  if (flags.approve && !flags.resume)
    throw new UsageError('--approve continues a rollout waiting at an approval gate', 'use it with --resume');
  const setup = await loadRollout(file, flags, io);
  const opened = await open(setup, io, !flags.dryRun, flags.token);
  let metrics: LiveMetrics | undefined;
  const log = (l: string) => io.stderr(`${l}\n`);
  try {
    if (opened.url && !flags.dryRun) log(`revgate: local proxy for ${setup.plan.backend.app} listening on ${opened.url}`);
    const analysis = goldenReplay(async (urls) => (await loadSuite(file, { overrides: urls, env: io.env, cwd: io.cwd })).suite);
    const base = {
      router: opened.router,
      plan: setup.plan,
      analysis,
      owner: ownerName(),
      suite: file,
      signal: io.signal,
      log,
      breakLock: flags.breakLock === true,
    };
    if (flags.dryRun) return await dryRun(setup, base, io);
    const own = new OwnTraffic();
    const live = setup.plan.live;
    if (live) {
      metrics = await openLiveMetrics(live, {
        ...(opened.stats ? { local: opened.stats } : {}),
        ...(flags.token === undefined ? {} : { token: flags.token }),
        env: io.env,
        warn: (m) => log(`revgate: live metrics warning: ${m}`),
      });
      log(
        `revgate: live analysis from ${metrics.info.name} every ${live.intervalMs} ms over ${live.windowMs} ms windows (delay ${metrics.info.delayMs} ms) during holds${metrics.info.countsDirectRequests ? "; revgate's own requests are subtracted" : ''}`,
      );
    }
    const store = await openStore(setup);
    if (flags.approve) {
      const a = await approveStep(store, {
        app: setup.plan.backend.app,
        by: approver(flags.approve === true ? undefined : flags.approve, io),
      });
      log(`revgate: approved step ${a.step + 1} (${a.weight}% on green) of ${a.app}, run ${a.runId}, as ${a.by}`);
    }
    const where = {
      store,
      app: setup.plan.backend.app,
      suiteName: setup.suite.name,
      suiteFile: file,
      reportDir: setup.suite.report.dir,
      cwd: io.cwd,
    };
    const session = flags.resume ? await resumeSession(where) : await newSession(where);
    log(
      `revgate: rollout ${session.journal.runId}: journal ${session.journal.file}${store.kind === 'local' ? '' : ` (state: ${store.where})`}`,
    );
    // A second Ctrl-C quits at once: say what that leaves behind.
    io.onQuit?.(
      `revgate: quit during a rollout: the traffic state is unknown. Check it with \`revgate status ${file}\`; \`revgate rollback ${file}\` puts 100% back on blue; the journal is ${session.journal.file}`,
    );
    let outcome: Outcome;
    try {
      outcome = await runRollout({
        ...base,
        journal: session.journal,
        runDir: session.runDir,
        own,
        ...(metrics && live ? { live: liveAnalysis(metrics, live, own) } : {}),
        approvals: fileApprovals(approvalsFile(session.journal.location!, store), store),
        ...(flags.detach ? { detach: true } : {}),
        ...(session.previous ? { resume: session.previous } : {}),
        onLocked: () => session.point(true),
      });
    } finally {
      await session.journal.close();
    }
    const state = foldJournal(await readJournal(session.journal.location!, store));
    await session.point(resumable(state));
    return report(io, outcome, formatTable(state.lastVerified), session.journal.file!, file);
  } finally {
    await metrics?.close();
    await opened.close();
  }
}

/** Print the outcome, pick the exit code. */
function report(io: CliIO, outcome: Outcome, traffic: string, journal: string, file: string): number {
  const head = {
    promoted: 'PROMOTED',
    'rolled-back': 'ROLLED BACK',
    paused: 'PAUSED',
    'awaiting-approval': 'AWAITING APPROVAL',
    'cut-over': 'CUT OVER',
    error: 'ERROR',
    interrupted: 'INTERRUPTED',
  }[outcome.kind];
  io.stdout(`revgate rollout: ${head}: ${outcome.reason}\n  traffic: ${traffic}\n  journal: ${journal}\n`);
  if (outcome.kind === 'awaiting-approval')
    io.stdout(`  continue: revgate rollout ${file} --resume --approve   (or: revgate rollout approve --suite ${file}, then --resume)\n`);
  if (outcome.kind === 'cut-over') io.stdout(`  finish: revgate rollout ${file} --resume   (after keepPrevious: deactivates blue)\n`);
  if (outcome.kind === 'error') io.stderr(`revgate: ${outcome.reason}\n`);
  return exitForRollout(outcome.kind === 'rolled-back' ? outcome : { kind: outcome.kind });
}

/** --dry-run: reads are real, writes printed; analyses, holds and approvals described on a virtual clock. */
async function dryRun(s: RolloutSetup, base: Omit<RolloutDeps, 'journal' | 'runDir' | 'approvals'>, io: CliIO): Promise<number> {
  const print = (l: string) => io.stdout(`${l}\n`);
  print(`revgate rollout --dry-run: ${base.router.target} (${base.router.kind}); nothing will be moved`);
  const live = s.plan.live;
  if (live)
    print(
      `  live analysis during holds at 1-99%: ${live.source}, every ${live.intervalMs} ms over ${live.windowMs} ms windows, minRequests ${live.minRequests} user requests, 5xx ≤ ${live.maxErrorRate * 100}% (+${live.maxErrorRateIncrease * 100}%), latency shift ≤ ${live.maxLatencyShiftMs} ms`,
    );
  const outcome = await runRollout({
    // Polls are not described (nothing to see); approvals still are.
    ...base,
    plan: { ...s.plan, pollInterval: Number.MAX_SAFE_INTEGER },
    router: dryRunRouter(base.router, print),
    journal: memoryJournal('dry-run'),
    runDir: io.cwd,
    approvals: { find: async () => null },
    log: (l) => print(l.replace(/^revgate: /, '').replace('(verified)', '(as the dry run would read it back; nothing was sent)')),
    dryRun: { print },
  });
  print(`dry run ${outcome.kind === 'promoted' ? 'complete' : `stopped (${outcome.kind}: ${outcome.reason})`}: nothing was moved`);
  return outcome.kind === 'promoted' ? 0 : exitForRollout(outcome.kind === 'rolled-back' ? outcome : { kind: outcome.kind });
}
