// Live analysis of one step's hold (and its approval wait) while green carries a share of real
// traffic: `tick` runs every live interval — a clear breach, a fail or an error (the source still
// failing after its retries) rolls back at that interval; `conclude` judges the last window when the
// hold ends — pass continues, inconclusive applies onInconclusive (pause or rollback), never a
// promotion. Every window is journaled with its checks before the engine acts on it.
import { Breach, Pause, type RunContext } from './context.js';
import { throwIfStopped } from './watch.js';

export interface LiveHold {
  /** Live interval, ms. */
  every: number;
  tick(): Promise<void>;
  conclude(): Promise<void>;
}

/** The live analysis of step `i`, or null when there is none (no live config, green at 0% or 100%, dry run). */
export function liveHold(ctx: RunContext, i: number, since: number): LiveHold | null {
  const { live, plan, journal, log } = ctx.deps;
  const step = plan.steps[i]!;
  if (!live || !plan.live || ctx.deps.sleep || step.weight <= 0 || step.weight >= 100) return null;
  const config = plan.live;
  let n = 0;
  const run = async (final: boolean) => {
    const r = await live.run({ index: i, weight: step.weight, mode: 'live', attempt: ++n, since, final }, { signal: ctx.signal, urls: ctx.urls, runDir: ctx.deps.runDir, revisions: { blue: ctx.blue, green: ctx.green } });
    const seenAt = Date.now();
    throwIfStopped(ctx);
    await journal.append({ type: 'live', step: i, n, status: r.status, breach: r.breach ?? false, final, reasons: r.reasons, window: r.window ?? null, ...(r.file ? { file: r.file } : {}), checks: r.checks ?? [] });
    const what = `step ${i + 1}: live ${n}${r.window ? ` [${r.window.from.slice(11, 23)}, ${r.window.to.slice(11, 23)})` : ''}`;
    log(`revgate: ${what}: ${r.breach ? 'CLEAR BREACH' : r.status}${r.reasons.length ? `: ${r.reasons.slice(0, 2).join('; ')}` : ''}`);
    if (r.status === 'fail') throw new Breach('fail', `${what}${r.breach ? ' clear breach' : ''}: ${r.reasons.join('; ')}`, seenAt);
    if (r.status === 'error') throw new Breach('error', `${what}: ${r.reasons.join('; ')}`, seenAt);
    return r;
  };
  return {
    every: config.intervalMs,
    tick: async () => void (await run(false)),
    async conclude() {
      const r = await run(true);
      if (r.status === 'pass') return;
      const reason = `step ${i + 1} live analysis still inconclusive when the hold ended: ${r.reasons.join('; ')}`;
      if (config.onInconclusive === 'pause') throw new Pause(i, reason);
      throw new Breach('inconclusive', reason);
    },
  };
}
