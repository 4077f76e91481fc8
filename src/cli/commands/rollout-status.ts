// `revgate status <suite>`: the app's revisions with health and weights, the lock, and the active
// rollout (from the state pointer and its journal) with its step.
import { formatTable } from '../../rollout/plan.js';
import { viewOf } from '../../rollout/view.js';
import { ExitCode } from '../exit-codes.js';
import type { StatusFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { latestRun, loadRollout, open, openStore } from './rollout-common.js';

export async function runStatus(file: string, flags: StatusFlags, io: CliIO): Promise<number> {
  const setup = await loadRollout(file, flags, io);
  const opened = await open(setup, io, false, flags.token);
  const out: string[] = [];
  try {
    const { router } = opened;
    const [app, revisions, table, lock] = await Promise.all([
      router.describe(),
      router.listRevisions(),
      router.readWeights(),
      router.readLock(),
    ]);
    out.push(`app: ${router.target} (${router.kind}, ${app.activeRevisionsMode} mode, latest ${app.latestRevisionName ?? '-'})`);
    out.push(`traffic: ${formatTable(table)}`);
    out.push('revisions:');
    for (const r of revisions) {
      out.push(
        `  ${r.name.padEnd(24)} ${String(r.weight).padStart(3)}%  ${r.active ? 'active  ' : 'inactive'}  ${r.healthState}/${r.runningState}/${r.provisioningState}${r.url ? `  ${r.url}` : ''}${r.error ? `  (${r.error})` : ''}`,
      );
    }
    out.push(
      `lock: ${lock ? `${lock.owner} (run ${lock.runId}, ${Date.parse(lock.expiresAt) > Date.now() ? 'until' : 'STALE since'} ${lock.expiresAt})` : 'free'}`,
    );
    const store = await openStore(setup);
    const last = await latestRun(store, setup.plan.backend.app).catch((e: unknown) => {
      out.push(`rollout: state unreadable in ${store.where}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
    if (last === null) out.push(`rollout: none (state: ${store.where})`);
    else if (last === undefined) {
      /* said above */
    } else {
      const s = viewOf(last.state);
      const where =
        s.phase === 'keeping'
          ? `promoted, keeping ${s.blue} warm until ${s.keepUntil ?? '?'}`
          : `step ${Math.max(s.step, 0) + 1}/${s.weights.length} (${s.weights[Math.max(s.step, 0)] ?? '?'}% on green), ${s.phase}`;
      out.push(
        `rollout: ${last.pointer.active ? 'ACTIVE' : 'last'} run ${last.pointer.runId}: ${s.blue} → ${s.green}, ${s.outcome ? `${s.outcome.kind}: ${s.outcome.reason}` : where}`,
      );
      if (s.awaiting)
        out.push(
          `  awaiting approval of step ${s.awaiting.step + 1} until ${s.awaiting.deadline}: revgate rollout approve --suite ${file} --step ${s.awaiting.step + 1}`,
        );
      out.push(`  last verified traffic: ${formatTable(s.lastVerified)}`);
      out.push(`  journal: ${store.show(last.pointer.journal)}`);
    }
  } finally {
    await opened.close();
  }
  io.stdout(`${out.join('\n')}\n`);
  return ExitCode.Pass;
}
