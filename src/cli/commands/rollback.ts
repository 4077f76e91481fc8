// `revgate rollback <suite> [--to rev]`: the emergency lever. Read the app, put 100% on blue (the
// previous revision named in the journal, or --to), read it back and verify.
import { TrafficError, UsageError } from '../../errors.js';
import { formatTable, sameWeights } from '../../rollout/plan.js';
import type { Table } from '../../rollout/types.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { latestRun, loadRollout, open } from './rollout-common.js';

export async function runRollback(file: string, flags: Record<string, unknown>, io: CliIO): Promise<number> {
  const setup = await loadRollout(file, flags, io);
  const last = await latestRun(setup.stateDir, setup.plan.backend.app).catch(() => null);
  const to = typeof flags.to === 'string' ? flags.to : last?.state.blue || undefined;
  if (!to) throw new UsageError(`no previous revision of ${setup.plan.backend.app} is known from a journal`, 'name it: revgate rollback <suite> --to <revision>');
  const opened = await open(setup, io, false, flags.token);
  try {
    const { router } = opened;
    const [app, revisions] = await Promise.all([router.describe(), router.listRevisions()]);
    const rev = revisions.find((r) => r.name === to);
    if (!rev) throw new TrafficError('RG_TRAFFIC_NOT_FOUND', `revision ${to} does not exist in ${router.target}`, { hint: `known: ${revisions.map((r) => r.name).join(', ')}` });
    if (!rev.active) await router.activate(to);
    const others = app.traffic.filter((e) => e.revision !== to && e.revision !== '' && !e.latestRevision && e.label !== undefined).map((e) => ({ revision: e.revision, weight: 0, label: e.label! }));
    const table: Table = [{ revision: to, weight: 100 }, ...others];
    io.stderr(`revgate: rollback of ${router.target}: ${formatTable(app.traffic)} → ${formatTable(table)}\n`);
    await router.setWeights(table);
    const actual = await router.readWeights();
    if (!sameWeights(actual, table)) throw new TrafficError('RG_TRAFFIC_VERIFY', `ROLLBACK NOT VERIFIED: traffic reads ${formatTable(actual)}, expected ${formatTable(table)}`, { hint: 'check the app in the portal and set the traffic by hand' });
    io.stdout(`revgate rollback: ${to} serves 100% (verified): ${formatTable(actual)}\n`);
    return ExitCode.Pass;
  } finally {
    await opened.close();
  }
}
