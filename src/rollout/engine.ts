// The rollout loop as named phases: lock → pre-flight (or reconcile on --resume) → for each step:
// shift + verify, analyse, hold, approval → promote → keep blue warm → deactivate it. Only a pass
// advances; any breach puts 100% back on blue at once (verified). Every decision is journaled.
import { formatDuration } from '../config/duration.js';
import { RolloutStateError } from '../errors.js';
import { Breach, Pause, Restart, type EngineDeps, type RunContext } from './context.js';
import { readFingerprint } from './fingerprint.js';
import { holdLock } from './lock.js';
import { formatAction, formatTable, sameWeights, stepActions, tableFor } from './plan.js';
import { preflight } from './preflight.js';
import { promote } from './promote.js';
import { rollBack, shiftTo } from './shift.js';
import type { Outcome } from './types.js';
import { liveHold, type LiveHold } from './live-hold.js';
import { checkGreen, throwIfStopped, watchFor } from './watch.js';

/** Run (or resume) a rollout to its end; never throws for a breach, only returns the outcome. */
export async function runRollout(deps: EngineDeps): Promise<Outcome> {
  const lock = await holdLock(deps);
  const signal = AbortSignal.any([deps.signal, lock.lost]);
  let ctx: RunContext | undefined;
  let outcome: Outcome;
  try {
    await deps.onLocked?.();
    ctx = deps.resume ? await reconcile(deps, signal) : await start(deps, signal);
    outcome = await drive(ctx, deps.resume?.nextStep ?? 0);
  } catch (e) {
    outcome = await failed(deps, ctx, e);
  } finally {
    await lock.release();
  }
  await deps.journal.append({ type: 'finished', outcome: outcome.kind, ...(outcome.kind === 'rolled-back' ? { cause: outcome.cause } : {}), reason: outcome.reason });
  return outcome;
}

/** An error outside a step: roll back when traffic may have moved, else just report it. */
async function failed(deps: EngineDeps, ctx: RunContext | undefined, e: unknown): Promise<Outcome> {
  const breach = e instanceof Breach ? e : new Breach('error', e instanceof Error ? e.message : String(e));
  await deps.journal.append({ type: 'error', code: (e as { code?: string }).code ?? 'RG_INTERNAL', message: breach.reason });
  if (ctx) return rollBack(ctx, breach);
  return breach.why === 'interrupted' ? { kind: 'interrupted', reason: breach.reason } : { kind: 'error', reason: breach.reason };
}

const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/** A fresh rollout: pre-flight, pin the table, record the fingerprint. */
async function start(deps: EngineDeps, signal: AbortSignal): Promise<RunContext> {
  const { router, journal, plan, log } = deps;
  const r = await preflight(router, plan, { signal, fresh: true });
  await journal.append({ type: 'started', app: plan.backend.app, target: router.target, backend: router.kind, suite: deps.suite, blue: r.blue.name, green: r.green.name, steps: plan.steps.length, weights: plan.steps.map((s) => s.weight), owner: deps.owner });
  const urls = { blue: joinUrl(r.baseUrls.blue, plan.urlPath), green: joinUrl(r.baseUrls.green, plan.urlPath) };
  await journal.append({ type: 'preflight', checks: r.checks, table: r.table, urls });
  const ctx: RunContext = { deps, signal, blue: r.blue.name, green: r.green.name, base: r.table, urls, baseUrls: r.baseUrls, fingerprint: null, lastVerified: r.needsPin ? null : r.table, carried: { analysed: [], approved: [] } };
  log(`revgate: rollout of ${router.target}: blue ${ctx.blue} → green ${ctx.green} (${r.checks.join(', ')})`);
  for (const [i] of plan.steps.entries()) for (const a of stepActions({ ...plan, blue: ctx.blue, green: ctx.green, base: ctx.base }, i)) log(`  plan: ${formatAction(a)}`);
  if (r.needsPin) await shiftTo(ctx, r.table, 'pin the table by revision name');
  ctx.fingerprint = await readFingerprint(r.green, r.baseUrls.green, signal);
  await journal.append({ type: 'fingerprint', fingerprint: ctx.fingerprint });
  return ctx;
}

/** --resume: trust only the last verified table; anything else in the router is doubt → rollback. */
async function reconcile(deps: EngineDeps, signal: AbortSignal): Promise<RunContext> {
  const s = deps.resume!;
  if (!s.lastVerified) throw new RolloutStateError(`run ${s.runId} never verified a table; start a new rollout`);
  const actual = await deps.router.readWeights({ signal });
  await deps.journal.append({ type: 'resumed', owner: deps.owner, fromStep: s.nextStep, actual });
  const urls = await resumeUrls(deps);
  const carried = { analysed: s.analysed.filter((x) => x === s.nextStep), approved: s.approved.filter((x) => x === s.nextStep), ...(s.hold?.step === s.nextStep ? { hold: s.hold } : {}) };
  const ctx: RunContext = { deps, signal, blue: s.blue, green: s.green, base: s.lastVerified, urls: urls.replay, baseUrls: urls.base, fingerprint: s.fingerprint, lastVerified: s.lastVerified, carried };
  if (!sameWeights(actual, s.lastVerified)) throw new Breach('error', `doubt on resume: traffic is ${formatTable(actual)}, the last verified table was ${formatTable(s.lastVerified)}`);
  deps.log(`revgate: resuming ${s.runId} at step ${Math.min(s.nextStep + 1, s.weights.length)}/${s.weights.length}: traffic ${formatTable(actual)} matches the journal`);
  if (s.phase !== 'promoted') await checkGreen(ctx).catch(async (e: unknown) => {
    if (!(e instanceof Restart)) throw e;
    await restart(ctx);
  });
  return ctx;
}

/** The URLs recorded by the run's pre-flight (the resume state keeps them in the journal). */
async function resumeUrls(deps: EngineDeps): Promise<{ replay: { blue: string; green: string }; base: { blue: string; green: string } }> {
  const s = deps.resume!;
  const r = await preflight(deps.router, { ...deps.plan, blue: s.blue, green: s.green }, { signal: deps.signal, fresh: false });
  return { base: r.baseUrls, replay: { blue: joinUrl(r.baseUrls.blue, deps.plan.urlPath), green: joinUrl(r.baseUrls.green, deps.plan.urlPath) } };
}

/** Steps from `from`, restarting on a fingerprint change; then promotion. Breaches roll back. */
async function drive(ctx: RunContext, from: number): Promise<Outcome> {
  const { plan } = ctx.deps;
  let i = from;
  try {
    while (i < plan.steps.length) {
      try {
        await runStep(ctx, i);
        i++;
      } catch (e) {
        if (!(e instanceof Restart)) throw e;
        await restart(ctx);
        i = 0;
      }
    }
    return await promote(ctx);
  } catch (e) {
    if (e instanceof Pause) {
      await ctx.deps.journal.append({ type: 'paused', step: e.step, reason: e.reason });
      ctx.deps.log(`revgate: paused at step ${e.step + 1}: ${e.reason} (traffic stays ${formatTable(ctx.lastVerified)}; continue with --resume)`);
      return { kind: 'paused', reason: e.reason };
    }
    const breach = e instanceof Breach ? e : new Breach('error', e instanceof Error ? e.message : String(e));
    return rollBack(ctx, breach);
  }
}

/** Green changed: traffic back to 0% for green (verified), analysis from the first step. */
async function restart(ctx: RunContext): Promise<void> {
  ctx.deps.log('revgate: green changed mid-rollout: back to 0% and restarting from step 1');
  await shiftTo(ctx, tableFor(0, ctx.blue, ctx.green, ctx.base), 'green changed: restart');
  await ctx.deps.journal.append({ type: 'restart', reason: 'fingerprint changed' });
  ctx.carried = { analysed: [], approved: [] };
  const revs = await ctx.deps.router.listRevisions({ signal: ctx.signal });
  const green = revs.find((r) => r.name === ctx.green);
  if (!green) throw new Breach('error', `green ${ctx.green} disappeared`);
  ctx.fingerprint = await readFingerprint(green, ctx.baseUrls.green, ctx.signal);
  await ctx.deps.journal.append({ type: 'fingerprint', fingerprint: ctx.fingerprint });
}

/** One step: shift, analyse, hold, approval. */
async function runStep(ctx: RunContext, i: number): Promise<void> {
  const { plan, journal, log } = ctx.deps;
  const step = plan.steps[i]!;
  throwIfStopped(ctx);
  await checkGreen(ctx);
  await journal.append({ type: 'step-started', step: i, weight: step.weight });
  log(`revgate: step ${i + 1}/${plan.steps.length}: ${step.weight}% on green`);
  await shiftTo(ctx, tableFor(step.weight, ctx.blue, ctx.green, ctx.base), `step ${i + 1}`);
  // Live windows of this step never reach back before its weights were verified.
  const live = step.hold ? liveHold(ctx, i, Date.now()) : null;
  // On --resume, a step whose analysis (or approval) was journaled before the crash keeps it.
  if (step.analysis !== 'none' && !ctx.carried.analysed.includes(i)) await analyse(ctx, i);
  if (step.hold) {
    // On --resume the hold ends when it would have (the crash does not extend it).
    const carried = ctx.carried.hold?.step === i ? ctx.carried.hold.until : undefined;
    const until = carried ?? new Date(Date.now() + step.hold).toISOString();
    if (!carried) await journal.append({ type: 'hold', step: i, until });
    log(`revgate: holding ${formatDuration(Math.max(0, Date.parse(until) - Date.now()))} at ${step.weight}%${live ? `, live analysis every ${formatDuration(live.every)}` : ''}`);
    await watchFor(ctx, Math.max(0, Date.parse(until) - Date.now()), undefined, live);
    await live?.conclude();
  }
  if (step.approval && !ctx.carried.approved.includes(i)) await approval(ctx, i, live);
  await journal.append({ type: 'step-passed', step: i });
}

/** Golden replay at step i; an inconclusive one is repeated every analysisInterval until the hold ends. */
async function analyse(ctx: RunContext, i: number): Promise<void> {
  const { plan, journal, log, analysis } = ctx.deps;
  const step = plan.steps[i]!;
  const until = Date.now() + (step.hold ?? 0);
  for (let attempt = 1; ; attempt++) {
    log(`revgate: step ${i + 1}: analysing green (${step.analysis}${step.analysis === 'sample' ? ` ${step.sample}` : ''})…`);
    const r = await analysis.run({ index: i, weight: step.weight, mode: step.analysis as 'full' | 'sample', ...(step.sample ? { sample: step.sample } : {}), attempt }, { signal: ctx.signal, urls: ctx.urls, runDir: ctx.deps.runDir, revisions: { blue: ctx.blue, green: ctx.green } });
    const seenAt = Date.now();
    throwIfStopped(ctx);
    await journal.append({ type: 'analysis', step: i, status: r.status, reasons: r.reasons, ...(r.reportDir ? { reportDir: r.reportDir } : {}) });
    log(`revgate: step ${i + 1}: analysis ${r.status}${r.reasons.length ? `: ${r.reasons.slice(0, 3).join('; ')}` : ''}`);
    if (r.status === 'pass') return;
    if (r.status === 'fail' || r.status === 'error') throw new Breach(r.status, `step ${i + 1} analysis ${r.status}: ${r.reasons.join('; ') || 'no reason given'}`, seenAt);
    if (Date.now() + plan.analysisInterval >= until || ctx.deps.sleep) {
      const reason = `step ${i + 1} analysis still inconclusive: ${r.reasons.join('; ')}`;
      if (plan.onInconclusive === 'pause') throw new Pause(i, reason);
      throw new Breach('inconclusive', reason, seenAt);
    }
    await watchFor(ctx, plan.analysisInterval);
  }
}

/** Wait for `revgate rollout approve`; none within approvalTimeout → rollback (fail closed). */
async function approval(ctx: RunContext, i: number, live: LiveHold | null): Promise<void> {
  const { plan, journal, log, approvals } = ctx.deps;
  const deadline = new Date(Date.now() + plan.approvalTimeout).toISOString();
  await journal.append({ type: 'approval-awaited', step: i, deadline });
  log(`revgate: step ${i + 1}: waiting for approval until ${deadline}: revgate rollout approve --app ${plan.backend.app} --step ${i + 1}`);
  let by = '';
  const ok = await watchFor(ctx, plan.approvalTimeout, async () => {
    const a = await approvals.find(journal.runId, i);
    if (a) by = a.by;
    return a !== null;
  }, live);
  if (!ok) throw new Breach('approval-timeout', `step ${i + 1}: no approval within ${formatDuration(plan.approvalTimeout)}`);
  await journal.append({ type: 'approved', step: i, by });
  log(`revgate: step ${i + 1}: approved by ${by}`);
}
