// `revgate rollback <suite> [--to rev]`: the emergency lever. Read the app, put 100% on blue (the
// previous revision named in the journal, or --to), read it back and verify. Goes through the same
// serialized writer as a rollout: it waits for an operation in flight and retries 409/429/5xx (with
// Retry-After) until rollout.rollbackTimeout, and keeps every label.
import { TrafficError, UsageError } from '../../model/errors.js';
import { formatTable, tableFor } from '../../rollout/plan.js';
import { viewOf } from '../../rollout/view.js';
import { SerialWriter } from '../../rollout/writer.js';
import { ExitCode } from '../exit-codes.js';
import type { RollbackFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { latestRun, loadRollout, open, openStore } from './rollout-common.js';

export async function runRollback(file: string, flags: RollbackFlags, io: CliIO): Promise<number> {
  const setup = await loadRollout(file, flags, io);
  // The emergency lever works without the state store: --to names blue when the journal cannot be read.
  const last = await openStore(setup)
    .then((store) => latestRun(store, setup.plan.backend.app))
    .catch((e: unknown) => {
      io.stderr(`revgate: warning: the rollout state cannot be read (${e instanceof Error ? e.message : String(e)})\n`);
      return null;
    });
  const to = flags.to !== undefined ? flags.to : (last ? viewOf(last.state).blue : '') || undefined;
  if (!to)
    throw new UsageError(
      `no previous revision of ${setup.plan.backend.app} is known from a journal`,
      'name it: revgate rollback <suite> --to <revision>',
    );
  const opened = await open(setup, io, false, flags.token);
  try {
    const { router } = opened;
    const log = (l: string) => io.stderr(`${l}\n`);
    const writer = new SerialWriter(router, { log });
    const deadline = Date.now() + setup.plan.rollbackTimeout;
    const [app, revisions] = await Promise.all([router.describe(), router.listRevisions()]);
    const rev = revisions.find((r) => r.name === to);
    if (!rev)
      throw new TrafficError('RG_TRAFFIC_NOT_FOUND', `revision ${to} does not exist in ${router.target}`, {
        hint: `known: ${revisions.map((r) => r.name).join(', ')}`,
      });
    if (!rev.active) await writer.run(`activate ${to}`, deadline, (signal) => router.activate(to, { signal }));
    // Every labelled entry is kept (at 0%), `to`'s label included: preview URLs survive the rollback.
    const labelled = app.traffic.filter((e) => e.revision !== '' && !e.latestRevision);
    const table = tableFor(100, '', to, labelled).filter((e) => e.revision !== '');
    log(`revgate: rollback of ${router.target}: ${formatTable(app.traffic)} → ${formatTable(table)}`);
    const r = await writer.setTable(table, deadline);
    if (!r.ok)
      throw new TrafficError(
        'RG_TRAFFIC_VERIFY',
        `ROLLBACK NOT VERIFIED: ${r.message}; traffic reads ${formatTable(r.lastKnown)}, expected ${formatTable(table)}`,
        { hint: 'check the app in the portal and set the traffic by hand' },
      );
    io.stdout(`revgate rollback: ${to} serves 100% (verified): ${formatTable(r.table)}\n`);
    return ExitCode.Pass;
  } finally {
    await opened.close();
  }
}
