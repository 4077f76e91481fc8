// Waiting safely: holds, approval gates and the keepPrevious window poll green's health and
// fingerprint (and, during holds, run live analysis every live interval); Ctrl-C, Unhealthy, a
// changed fingerprint or a live breach end the wait at once.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { formatFingerprint, readFingerprint, sameFingerprint } from './fingerprint.js';
import { formatTable, sameWeights } from './plan.js';
import { healthProblems } from './preflight.js';
import { Breach, Restart, type RunContext } from './context.js';

/** Sleep `ms`, or throw Breach('interrupted') when the run is aborted. */
export async function pause(ctx: RunContext, ms: number): Promise<void> {
  const sleep = ctx.deps.sleep ?? ((t: number, signal: AbortSignal) => sleepFor(t, undefined, { signal }));
  try {
    await sleep(ms, ctx.signal);
  } catch {
    /* aborted: checked below */
  }
  throwIfStopped(ctx);
}

export function throwIfStopped(ctx: RunContext): void {
  if (!ctx.signal.aborted) return;
  if (ctx.deps.signal.aborted) throw new Breach('interrupted', `interrupted (${String(ctx.deps.signal.reason ?? 'abort')})`);
  throw new Breach('error', `stopped: ${String(ctx.signal.reason)}`);
}

/** One look at green: Unhealthy → Breach; a new fingerprint → Restart (journaled). */
export async function checkGreen(ctx: RunContext): Promise<void> {
  const revs = await ctx.deps.router.listRevisions({ signal: ctx.signal }).catch((e: unknown) => {
    throwIfStopped(ctx);
    throw new Breach('error', `cannot read revisions: ${e instanceof Error ? e.message : String(e)}`);
  });
  const table = await ctx.deps.router.readWeights({ signal: ctx.signal }).catch(() => null);
  if (table && ctx.lastVerified && !sameWeights(table, ctx.lastVerified)) throw new Breach('error', `traffic changed outside this rollout: ${formatTable(table)}, expected ${formatTable(ctx.lastVerified)}`);
  const green = revs.find((r) => r.name === ctx.green);
  if (!green) throw new Breach('error', `green ${ctx.green} disappeared`);
  const problems = healthProblems(green);
  if (problems.length > 0) throw new Breach('error', `green turned unhealthy: ${problems.join('; ')}`);
  // The revision's URL as the platform reports it now: a redeploy under the same name may move it.
  const override = ctx.deps.plan.urls[green.name];
  const url = (override !== undefined && !override.startsWith('label:') ? override : green.url) ?? ctx.baseUrls.green;
  const now = await readFingerprint(green, url, ctx.signal);
  throwIfStopped(ctx);
  if (ctx.fingerprint && !sameFingerprint(ctx.fingerprint, now)) {
    ctx.deps.log(`revgate: green changed: ${formatFingerprint(ctx.fingerprint)} → ${formatFingerprint(now)}`);
    await ctx.deps.journal.append({ type: 'fingerprint-changed', from: ctx.fingerprint, to: now });
    ctx.fingerprint = now;
    ctx.baseUrls = { ...ctx.baseUrls, green: url };
    ctx.urls = { ...ctx.urls, green: `${url.replace(/\/+$/, '')}${ctx.deps.plan.urlPath}` };
    throw new Restart('fingerprint changed');
  }
}

/** Something run every `every` ms during a wait (live analysis during holds); it ends the wait by throwing. */
export interface Tick {
  every: number;
  tick(): Promise<void>;
}

/** Wait `ms` watching green; `each` runs after every poll (approvals) and may end the wait by returning true. */
export async function watchFor(ctx: RunContext, ms: number, each?: () => Promise<boolean>, periodic?: Tick | null): Promise<boolean> {
  const poll = ctx.deps.pollMs ?? 250;
  const until = Date.now() + ms;
  let next = Date.now() + (periodic?.every ?? 0);
  for (;;) {
    if (each && (await each())) return true;
    const left = until - Date.now();
    if (left <= 0) return false;
    if (ctx.deps.sleep) {
      await pause(ctx, left); // --dry-run: the wait is printed, not done
      return false;
    }
    // Wake for the next tick too: a breach is acted on at its interval, not at the next poll after it.
    await pause(ctx, Math.max(0, Math.min(poll, left, periodic ? next - Date.now() : poll)));
    await checkGreen(ctx);
    if (periodic && Date.now() >= next) {
      next = Date.now() + periodic.every;
      await periodic.tick();
    }
  }
}
