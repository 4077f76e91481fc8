// Record an approval for an active rollout: the step it waits at (or a step named ahead of time),
// appended durably to the run's approvals log in the state store. Used by `revgate rollout approve`
// and by `revgate rollout --resume --approve` (a CI job behind a GitHub environment's reviewers).
import { UsageError } from '../model/errors.js';
import type { StateStore } from '../state/types.js';
import { appendApproval, approvalsFile } from './approvals.js';
import { listPointers, readJournal } from './journal.js';
import { foldJournal } from './machine/fold.js';
import { resumable } from './machine/state.js';
import { viewOf } from './view.js';

export interface Approved {
  app: string;
  runId: string;
  /** 0-based. */
  step: number;
  weight: number;
  by: string;
}

export async function approveStep(store: StateStore, o: { app?: string; step?: number; by: string }): Promise<Approved> {
  const pointers = (await listPointers(store)).filter((p) => p.active && (o.app === undefined || p.app === o.app));
  if (pointers.length === 0)
    throw new UsageError(
      `no active rollout${o.app ? ` of ${o.app}` : ''} in ${store.where}`,
      "pass the rollout's suite (--suite) so its rollout.state is used, or run from the directory the rollout ran in (--state-dir)",
    );
  if (pointers.length > 1)
    throw new UsageError(`several active rollouts (${pointers.map((p) => p.app).join(', ')})`, 'name one with --app');
  const p = pointers[0]!;
  const folded = foldJournal(await readJournal(p.journal, store));
  if (!resumable(folded)) throw new UsageError(`the rollout of ${p.app} (run ${p.runId}) is finished`);
  const view = viewOf(folded);
  const step = o.step ?? view.awaiting?.step;
  if (step === undefined)
    throw new UsageError(`the rollout of ${p.app} is not waiting for an approval`, 'pre-approve a step with --step <n>');
  if (step < 0 || step >= view.weights.length) throw new UsageError(`--step must be 1-${view.weights.length}`);
  await appendApproval(approvalsFile(p.journal, store), { runId: p.runId, step, by: o.by, at: new Date().toISOString() }, store);
  return { app: p.app, runId: p.runId, step, weight: view.weights[step]!, by: o.by };
}
