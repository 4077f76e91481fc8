// --dry-run's executor: the same machine and plan as a real rollout, on a virtual clock. Writes go
// to the dry-run router (printed, remembered for the read-back, never sent), analyses and live
// windows are described and pass, approvals are granted, waits are printed and skipped.
import { formatDuration } from '../model/duration.js';
import type { TrafficRouter } from '../traffic/types.js';
import type { Action } from './machine/actions.js';
import type { RolloutState } from './machine/state.js';
import type { InputBody } from './types.js';

export interface DryExecutorDeps {
  /** The dry-run router (src/rollout/dry-run-router.ts). */
  router: TrafficRouter;
  print: (line: string) => void;
  push: (body: InputBody) => void;
  record: (body: InputBody) => Promise<void>;
  state: () => RolloutState;
  /** Move the virtual clock to `at`. */
  advance: (at: number) => void;
}

export class DryExecutor {
  /** The wake-up asked for last; the virtual clock jumps to it only when nothing else is pending. */
  private wake: number | null = null;

  constructor(private readonly d: DryExecutorDeps) {}

  /** The loop has nothing to do: time passes (virtually) until the next wake-up. */
  idle(): void {
    if (this.wake === null) return;
    const s = this.d.state();
    const at = this.wake;
    this.wake = null;
    this.d.print(`  would wait ${formatDuration(Math.max(0, at - s.now))}`);
    this.d.advance(at);
    this.d.push({ type: 'tick' });
  }

  async perform(a: Action): Promise<void> {
    const { d } = this;
    const s = d.state();
    switch (a.kind) {
      case 'write':
        await d.record(
          a.rollback
            ? {
                type: 'rollback-requested',
                write: a.write,
                table: a.table,
                purpose: 'rollback',
                cause: a.rollback.cause,
                reason: a.reason,
                breachAt: a.rollback.breachAt,
              }
            : { type: 'weights-requested', write: a.write, table: a.table, purpose: a.purpose, reason: a.reason },
        );
        await d.router.setWeights(a.table);
        return d.push({ type: 'weights-verified', write: a.write, table: await d.router.readWeights(), purpose: a.purpose });
      case 'analyse':
        d.print(
          `  would replay ${a.mode === 'full' ? 'every golden case' : `${a.sample} golden cases`} against green ${s.info?.urls.green} and blue ${s.info?.urls.blue}`,
        );
        return d.push({ type: 'analysis', step: a.step, attempt: a.attempt, status: 'pass', reasons: [] });
      case 'live':
        d.print(`  would judge live window ${a.n} of step ${a.step + 1}${a.final ? ' (the whole hold)' : ''}`);
        return d.push({
          type: 'live',
          step: a.step,
          n: a.n,
          final: a.final,
          status: 'pass',
          breach: false,
          reasons: [],
          window: null,
          checks: [],
        });
      case 'poll':
        if (a.approvalStep === null) return d.push({ type: 'polled' });
        d.print(`  would wait for approval of step ${a.approvalStep + 1} (up to ${formatDuration(s.plan?.approvalTimeoutMs ?? 0)})`);
        return d.push({ type: 'approved', step: a.approvalStep, by: 'dry-run' });
      case 'wake':
        this.wake = a.at;
        return;
      case 'deactivate':
        await d.router.deactivate(a.revision);
        return d.push({ type: 'deactivated', revision: a.revision });
      case 'cancel-work':
        return;
    }
  }

  close(): void {}
}
