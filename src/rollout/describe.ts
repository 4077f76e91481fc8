// One console line per journaled event, for people watching a rollout (null: nothing to say).
import { formatDuration } from '../model/duration.js';
import type { RolloutState } from './machine/state.js';
import { formatTable } from './plan.js';
import type { RolloutEventBody } from './types.js';

const clock = (iso: string) => iso.slice(11, 23);

/** The line for `e`, or null. */
export function describeEvent(e: RolloutEventBody, at: string, s: RolloutState): string | null {
  const n = s.plan?.steps.length ?? 0;
  switch (e.type) {
    case 'started':
      return `rollout of ${e.target}: blue ${e.blue} → green ${e.green} (${e.checks.join(', ')})`;
    case 'resumed':
      return `resumed: traffic now ${formatTable(e.actual)}, last verified ${formatTable(s.lastVerified)}`;
    case 'step-started':
      return `step ${e.step + 1}/${n}: ${e.weight}% on green`;
    case 'weights-requested':
      return null;
    case 'rollback-requested':
      return `ROLLBACK (${e.cause}): ${e.reason}`;
    case 'weights-verified':
      return `traffic ${formatTable(e.table)} (verified)`;
    case 'weights-failed':
      return `writing ${formatTable(e.table)} failed [${e.code}]: ${e.message}`;
    case 'analysis':
      return `step ${e.step + 1}: analysis ${e.status}${e.reasons.length ? `: ${e.reasons.slice(0, 3).join('; ')}` : ''}`;
    case 'live':
      return `step ${e.step + 1}: live ${e.n}${e.final ? ' (whole hold)' : ''}${e.window ? ` [${clock(e.window.from)}, ${clock(e.window.to)})` : ''}: ${e.breach ? 'CLEAR BREACH' : e.status}${e.reasons.length ? `: ${e.reasons.slice(0, 3).join('; ')}` : ''}`;
    case 'green-changed':
      return `green changed: ${JSON.stringify(e.from.version)} → ${JSON.stringify(e.to.version)}`;
    case 'breach':
      return `breach (${e.cause}): ${e.reason}`;
    case 'approved':
      return `step ${e.step + 1}: approved by ${e.by}`;
    case 'interrupted':
      return `${e.signal}: stopping (send it again to quit at once, leaving traffic as it is)`;
    case 'deactivated':
      return `${e.revision} deactivated`;
    case 'deactivate-failed':
      return `deactivating ${e.revision} failed: ${e.message}`;
    case 'tick':
    case 'polled':
    case 'live-skipped':
      return null;
    case 'hold':
      return `holding ${formatDuration(Date.parse(e.until) - Date.parse(at))} at ${s.plan?.steps[e.step]?.weight ?? '?'}%${e.maxUntil !== e.until ? ` (live analysis every ${formatDuration(s.plan?.live?.intervalMs ?? 0)}; extended up to ${clock(e.maxUntil)} while undecided)` : ''}`;
    case 'hold-extended':
      return `step ${e.step + 1}: ${e.reason}`;
    case 'approval-awaited':
      return `step ${e.step + 1}: waiting for approval until ${e.deadline}: revgate rollout approve --app ${s.info?.app} --step ${e.step + 1}`;
    case 'step-passed':
      return null;
    case 'restart':
      return 'green changed mid-rollout: back to 0% and restarting from step 1';
    case 'rolled-back':
      return `rolled back: ${formatTable(e.table)} (verified)`;
    case 'rollback-failed':
      return e.message;
    case 'promoted':
      return `promoted ${s.info?.green}: ${formatTable(e.table)}`;
    case 'keep-previous':
      return `keeping ${e.revision} warm at 0% until ${e.until}`;
    case 'paused':
      return `paused at step ${e.step + 1}: ${e.reason} (traffic stays ${formatTable(s.lastVerified)}; continue with --resume)`;
    case 'finished':
      return null;
  }
}
