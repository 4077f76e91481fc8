// Moving traffic: set the whole table, read it back, verify it exactly (RG_TRAFFIC_VERIFY on a
// mismatch); and the rollback, which must end in a verified 100%-blue table or say loudly that
// it did not, naming the last table it knows.
import { setTimeout as sleep } from 'node:timers/promises';
import { TrafficError } from '../errors.js';
import { formatTable, sameWeights, tableFor } from './plan.js';
import { Breach, type RunContext } from './context.js';
import type { Outcome, Table } from './types.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** setWeights → readWeights → verify, each step journaled; a router error or a mismatch is a Breach. */
export async function shiftTo(ctx: RunContext, table: Table, reason: string): Promise<void> {
  const { router, journal, log } = ctx.deps;
  await journal.append({ type: 'weights-requested', table, reason });
  let actual: Table;
  try {
    await router.setWeights(table, { signal: ctx.signal });
    actual = await router.readWeights({ signal: ctx.signal });
  } catch (e) {
    if (ctx.signal.aborted && ctx.deps.signal.aborted) throw new Breach('interrupted', `interrupted (${String(ctx.deps.signal.reason)}) while setting ${formatTable(table)}`);
    throw new Breach('error', `setting traffic ${formatTable(table)} failed: ${message(e)}${e instanceof TrafficError ? ` [${e.code}]` : ''}`);
  }
  if (!sameWeights(table, actual)) {
    await journal.append({ type: 'weights-mismatch', expected: table, actual });
    throw new Breach('error', `[RG_TRAFFIC_VERIFY] traffic read back as ${formatTable(actual)}, expected ${formatTable(table)}`);
  }
  await journal.append({ type: 'weights-verified', table: actual });
  ctx.lastVerified = actual;
  log(`revgate: traffic ${formatTable(actual)} (verified)`);
}

/** Put 100% back on blue, verified; retried, then a loud error naming the last known table. */
export async function rollBack(ctx: RunContext, breach: Breach): Promise<Outcome> {
  const { router, journal, log } = ctx.deps;
  const table = tableFor(0, ctx.blue, ctx.green, ctx.base);
  log(`revgate: ROLLBACK (${breach.why}): ${breach.reason}`);
  await journal.append({ type: 'rollback-requested', cause: breach.why, reason: breach.reason, table, breachAt: new Date(breach.seenAt).toISOString() });
  let lastKnown: Table | null = ctx.lastVerified;
  let lastError = '';
  const attempts = ctx.deps.rollbackAttempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // Never the run's signal: a Ctrl-C is what may have caused this rollback.
    const signal = AbortSignal.timeout(60_000);
    try {
      await router.setWeights(table, { signal });
      const actual = await router.readWeights({ signal });
      lastKnown = actual;
      if (sameWeights(actual, table)) {
        await journal.append({ type: 'rolled-back', table: actual });
        ctx.lastVerified = actual;
        log(`revgate: rolled back: ${formatTable(actual)} (verified)`);
        return breach.why === 'interrupted' ? { kind: 'interrupted', reason: breach.reason } : { kind: 'rolled-back', cause: breach.why, reason: breach.reason };
      }
      lastError = `read back ${formatTable(actual)}`;
    } catch (e) {
      lastError = message(e);
      lastKnown = (await router.readWeights({ signal: AbortSignal.timeout(10_000) }).catch(() => null)) ?? lastKnown;
    }
    if (attempt < attempts) await sleep(200 * attempt);
  }
  const reason = `ROLLBACK FAILED after ${attempts} attempts (${lastError}); last known traffic: ${formatTable(lastKnown)}; fix it by hand: \`revgate rollback <suite> --to ${ctx.blue}\``;
  await journal.append({ type: 'rollback-failed', message: reason, lastKnown });
  return { kind: 'error', reason, lastKnown };
}
