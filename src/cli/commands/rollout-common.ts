// What the rollout commands share: load a suite that has a `rollout:` section, apply --blue /
// --green (revision names here), find the state directory, open the backend.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { loadSuite } from '../../config/load-suite.js';
import type { ResolvedSuite } from '../../config/resolved.js';
import type { ResolvedRollout } from '../../rollout/options.js';
import { UsageError } from '../../model/errors.js';
import { openRouter, type OpenedRouter } from '../../rollout/router.js';
export { latestRun } from '../../rollout/session.js';
import { openStateStore } from '../../state/open.js';
import type { StateStore } from '../../state/types.js';
import type { CliIO } from '../io.js';
import { secretValuesOf } from '../../run/secrets.js';

export interface RolloutSetup {
  suite: ResolvedSuite;
  plan: ResolvedRollout;
  stateDir: string;
}

/** Load the suite and its rollout plan (ConfigError lists every problem; no rollout section is a usage error). */
export async function loadRollout(
  file: string,
  flags: { blue?: string; green?: string; token?: string },
  io: CliIO,
): Promise<RolloutSetup> {
  const { suite } = await loadSuite(file, { env: io.env, cwd: io.cwd });
  io.redact?.add(secretValuesOf(suite));
  if (!suite.rollout)
    throw new UsageError(`${suite.file} has no rollout: section`, 'add rollout: {backend, steps, …} (see docs/rollout.md)');
  const plan: ResolvedRollout = { ...suite.rollout };
  if (flags.blue !== undefined) plan.blue = flags.blue;
  if (flags.green !== undefined) plan.green = flags.green;
  return { suite, plan, stateDir: resolve(io.cwd, plan.stateDir) };
}

/** Open the plan's backend; the local proxy listens on its port only for a rollout. */
export function open(s: RolloutSetup, io: CliIO, serve: boolean, token?: string): Promise<OpenedRouter> {
  return openRouter(s.plan.backend, {
    cwd: io.cwd,
    stateDir: s.stateDir,
    serve,
    env: io.env,
    ...(token === undefined ? {} : { token }),
  });
}

/** Who this process is, for the lock and approvals. */
export function ownerName(): string {
  return `${hostname()}:${process.pid}`;
}

/** The state store the suite names (`rollout.state`; local files under stateDir by default). */
export function openStore(s: RolloutSetup): Promise<StateStore> {
  return openStateStore(s.plan.state, { stateDir: s.stateDir });
}
