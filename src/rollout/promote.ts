// The end of a rollout that passed every step: 100% verified on green, blue kept active at 0%
// for keepPrevious (green still watched: a breach rolls back), then dropped and deactivated.
import { Breach, type RunContext } from './context.js';
import { shiftTo } from './shift.js';
import type { Outcome } from './types.js';
import { watchFor } from './watch.js';

/** 100% on green: keep blue warm for keepPrevious (watching green), then deactivate it. */
export async function promote(ctx: RunContext): Promise<Outcome> {
  const { plan, journal, log, router } = ctx.deps;
  const resumed = ctx.deps.resume?.phase === 'promoted' ? ctx.deps.resume : undefined;
  if (!resumed) await journal.append({ type: 'promoted', table: ctx.lastVerified ?? [] });
  const until = resumed?.keepUntil ?? new Date(Date.now() + plan.keepPrevious).toISOString();
  if (!resumed?.keepUntil) await journal.append({ type: 'keep-previous', revision: ctx.blue, until });
  log(`revgate: promoted ${ctx.green}; keeping ${ctx.blue} warm at 0% until ${until}`);
  try {
    await watchFor(ctx, Math.max(0, Date.parse(until) - Date.now()));
  } catch (e) {
    // Ctrl-C after the cutover: the release passed every gate; leave blue warm, --resume finishes.
    if (e instanceof Breach && e.why === 'interrupted') return { kind: 'interrupted', reason: `${e.reason} during keepPrevious; ${ctx.blue} stays active, --resume deactivates it` };
    throw e;
  }
  await shiftTo(ctx, ctx.base.filter((x) => x.revision !== ctx.blue && x.revision !== ctx.green && x.label !== undefined).map((x) => ({ ...x, weight: 0 })).concat([{ revision: ctx.green, weight: 100 }]), `drop ${ctx.blue} from the table`);
  await router.deactivate(ctx.blue, { signal: ctx.signal });
  await journal.append({ type: 'deactivated', revision: ctx.blue });
  log(`revgate: ${ctx.blue} deactivated; rollout complete`);
  return { kind: 'promoted', reason: `${ctx.green} serves 100%; ${ctx.blue} deactivated` };
}
