// `revgate rollout approve [--suite F] [--app X] [--step N]`: record an approval durably next to the
// active rollout's journal (in the suite's state store); the running rollout polls for it, and a
// rollout that exited at the gate (--detach) continues with --resume.
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { approveStep } from '../../rollout/approve.js';
import { localStateStore } from '../../state/local.js';
import { ExitCode } from '../exit-codes.js';
import type { ApproveFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { loadRollout, openStore } from './rollout-common.js';

export async function runApprove(flags: ApproveFlags, io: CliIO): Promise<number> {
  const store =
    flags.suite !== undefined ? await openStore(await loadRollout(flags.suite, {}, io)) : localStateStore(resolve(io.cwd, flags.stateDir));
  const a = await approveStep(store, {
    ...(flags.app !== undefined ? { app: flags.app } : {}),
    ...(flags.step !== undefined ? { step: flags.step - 1 } : {}),
    by: approver(flags.by, io),
  });
  io.stdout(`revgate: approved step ${a.step + 1} (${a.weight}% on green) of ${a.app}, run ${a.runId}, as ${a.by}\n`);
  return ExitCode.Pass;
}

/** --by, else the CI actor, else the user. */
export function approver(by: string | undefined, io: CliIO): string {
  return by ?? io.env.GITHUB_ACTOR ?? io.env.USER ?? userInfo().username;
}
