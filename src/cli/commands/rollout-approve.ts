// `revgate rollout approve [--app X] [--step N]`: record an approval (fsynced) next to the active
// rollout's journal; the running rollout polls for it.
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { UsageError } from '../../model/errors.js';
import { appendApproval, approvalsFile } from '../../rollout/approvals.js';
import { listPointers, readJournal } from '../../rollout/journal.js';
import { foldJournal } from '../../rollout/machine/fold.js';
import { resumable } from '../../rollout/machine/state.js';
import { viewOf } from '../../rollout/view.js';
import { ExitCode } from '../exit-codes.js';
import type { ApproveFlags } from '../flags.js';
import type { CliIO } from '../io.js';

export async function runApprove(flags: ApproveFlags, io: CliIO): Promise<number> {
  const stateDir = resolve(io.cwd, flags.stateDir);
  const pointers = (await listPointers(stateDir)).filter((p) => p.active && (flags.app === undefined || p.app === flags.app));
  if (pointers.length === 0)
    throw new UsageError(
      `no active rollout${flags.app ? ` of ${flags.app}` : ''} under ${stateDir}`,
      'run it from the directory the rollout runs in, or pass --state-dir',
    );
  if (pointers.length > 1)
    throw new UsageError(`several active rollouts (${pointers.map((p) => p.app).join(', ')})`, 'name one with --app');
  const p = pointers[0]!;
  const folded = foldJournal(await readJournal(p.journal));
  const state = viewOf(folded);
  if (!resumable(folded)) throw new UsageError(`the rollout of ${p.app} (run ${p.runId}) is finished`);
  const step = flags.step !== undefined ? flags.step - 1 : state.awaiting?.step;
  if (step === undefined)
    throw new UsageError(`the rollout of ${p.app} is not waiting for an approval`, 'pre-approve a step with --step <n>');
  if (step < 0 || step >= state.weights.length) throw new UsageError(`--step must be 1-${state.weights.length}`);
  const by = flags.by !== undefined ? flags.by : (io.env.USER ?? userInfo().username);
  await appendApproval(approvalsFile(p.journal), { runId: p.runId, step, by, at: new Date().toISOString() });
  io.stdout(`revgate: approved step ${step + 1} (${state.weights[step]}% on green) of ${p.app}, run ${p.runId}, as ${by}\n`);
  return ExitCode.Pass;
}
