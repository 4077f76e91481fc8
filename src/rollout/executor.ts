// The executor: performs the machine's actions against the world and reports each result as an
// input event. It decides nothing. Writes go through the serialized writer with their own
// deadlines (never the run's signal: a Ctrl-C must not abandon a write the platform is still
// applying); analyses, live windows and polls share one cancellable "work" signal.
import type { ResolvedRollout } from './options.js';
import type { TrafficRouter } from '../traffic/types.js';
import type { StepAnalysis } from './analysis.js';
import type { ApprovalSource } from './approvals.js';
import { readFingerprint, sameFingerprint } from './fingerprint.js';
import type { LiveRunner } from './live.js';
import type { Action } from './machine/actions.js';
import type { RolloutState } from './machine/state.js';
import type { OwnTraffic } from './own-traffic.js';
import { formatTable, sameWeights } from './plan.js';
import { healthProblems } from './preflight.js';
import type { SerialWriter } from './writer.js';
import type { InputBody, Table } from './types.js';

export interface ExecutorDeps {
  router: TrafficRouter;
  writer: SerialWriter;
  analysis: StepAnalysis;
  live?: LiveRunner;
  approvals: ApprovalSource;
  own: OwnTraffic;
  plan: Pick<ResolvedRollout, 'urls' | 'urlPath' | 'writeTimeout' | 'rollbackTimeout'>;
  runId: string;
  runDir: string;
  log: (line: string) => void;
  /** Journal and fold an event now (write intents are journaled before they are sent). */
  record: (body: InputBody) => Promise<void>;
  /** Queue an event for the loop. */
  push: (body: InputBody) => void;
  state: () => RolloutState;
}

/** Consecutive failed polls before doubt becomes a rollback. */
const POLL_FAILURES = 3;

export class Executor {
  private work = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private pollFailures = 0;

  constructor(private readonly d: ExecutorDeps) {}

  /** Perform one action; long work runs in the background and reports through `push`. */
  async perform(a: Action): Promise<void> {
    switch (a.kind) {
      case 'write':
        return this.write(a);
      case 'analyse':
        return this.background((signal) => this.analyse(a, signal), `analysis of step ${a.step + 1}`);
      case 'live':
        return this.background((signal) => this.liveWindow(a, signal), `live window of step ${a.step + 1}`);
      case 'poll':
        return this.background((signal) => this.poll(a.approvalStep, signal), 'poll');
      case 'wake':
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.d.push({ type: 'tick' }), Math.max(0, a.at - Date.now()));
        return;
      case 'deactivate':
        return void this.d.writer
          .run(`deactivate ${a.revision}`, Date.now() + this.d.plan.writeTimeout, (signal) =>
            this.d.router.deactivate(a.revision, { signal }),
          )
          .then(
            () => this.d.push({ type: 'deactivated', revision: a.revision }),
            (e: unknown) => this.d.push({ type: 'deactivate-failed', revision: a.revision, message: msg(e) }),
          );
      case 'cancel-work':
        this.work.abort('cancelled');
        this.work = new AbortController();
        return;
    }
  }

  /** Real time passes by itself. */
  idle(): void {}

  /** Stop timers and background work (writes keep going: the caller waits for the writer). */
  close(): void {
    clearTimeout(this.timer);
    this.work.abort('closed');
  }

  private background(run: (signal: AbortSignal) => Promise<void>, what: string): void {
    const signal = this.work.signal;
    run(signal).catch((e: unknown) => {
      if (signal.aborted) return; // cancelled on purpose: its result no longer matters
      this.d.push({ type: 'breach', cause: 'error', reason: `${what} failed: ${msg(e)}` });
    });
  }

  private async write(a: Extract<Action, { kind: 'write' }>): Promise<void> {
    const { write, table, purpose } = a;
    if (a.rollback)
      await this.d.record({
        type: 'rollback-requested',
        write,
        table,
        purpose: 'rollback',
        cause: a.rollback.cause,
        reason: a.reason,
        breachAt: a.rollback.breachAt,
      });
    else await this.d.record({ type: 'weights-requested', write, table, purpose, reason: a.reason });
    const timeout = purpose === 'rollback' ? this.d.plan.rollbackTimeout : this.d.plan.writeTimeout;
    const busy = this.d.writer.inFlight;
    if (busy) this.d.log(`revgate: ${purpose === 'rollback' ? 'ROLLBACK' : 'write'} queued behind: ${busy}`);
    void this.d.writer
      .setTable(table, Date.now() + timeout)
      .then((r) =>
        this.d.push(
          r.ok
            ? { type: 'weights-verified', write, table: r.table, purpose }
            : { type: 'weights-failed', write, table, purpose, code: r.code, message: r.message, lastKnown: r.lastKnown },
        ),
      );
  }

  private async analyse(a: Extract<Action, { kind: 'analyse' }>, signal: AbortSignal): Promise<void> {
    const s = this.d.state();
    const info = s.info!;
    const started = Date.now();
    const r = await this.d.analysis.run(
      { index: a.step, weight: s.plan!.steps[a.step]!.weight, mode: a.mode, ...(a.sample ? { sample: a.sample } : {}), attempt: a.attempt },
      { signal, urls: info.urls, runDir: this.d.runDir },
    );
    if (r.resultsFile) await this.d.own.addReplay(r.resultsFile, { blue: info.blue, green: info.green }, started, r.warmup ?? 0);
    this.d.push({
      type: 'analysis',
      step: a.step,
      attempt: a.attempt,
      status: r.status,
      reasons: r.reasons,
      ...(r.reportDir ? { reportDir: r.reportDir } : {}),
    });
  }

  private async liveWindow(a: Extract<Action, { kind: 'live' }>, signal: AbortSignal): Promise<void> {
    const info = this.d.state().info!;
    if (!this.d.live) return this.d.push({ type: 'live-skipped', step: a.step });
    const body = await this.d.live.run(
      { step: a.step, n: a.n, weight: a.weight, since: a.since, final: a.final },
      { signal, runDir: this.d.runDir, revisions: { blue: info.blue, green: info.green } },
    );
    this.d.push(body);
  }

  /** One look: green's health (one ARM read, which also carries the weights), its fingerprint, the approval. */
  private async poll(approvalStep: number | null, signal: AbortSignal): Promise<void> {
    const s = this.d.state();
    const info = s.info!;
    let revisions;
    try {
      revisions = await this.d.router.listRevisions({ signal });
      this.pollFailures = 0;
    } catch (e) {
      if (signal.aborted) return;
      // A failed read is doubt, not a breach, until it repeats.
      if (++this.pollFailures < POLL_FAILURES) return this.d.push({ type: 'polled' });
      return this.d.push({ type: 'breach', cause: 'error', reason: `cannot read revisions (${POLL_FAILURES} polls in a row): ${msg(e)}` });
    }
    const green = revisions.find((r) => r.name === info.green);
    if (!green) return this.d.push({ type: 'breach', cause: 'error', reason: `green ${info.green} disappeared` });
    const problems = healthProblems(green);
    if (problems.length > 0)
      return this.d.push({ type: 'breach', cause: 'error', reason: `green turned unhealthy: ${problems.join('; ')}` });
    const table: Table = revisions.filter((r) => r.weight > 0).map((r) => ({ revision: r.name, weight: r.weight }));
    const now = this.d.state();
    if (now.pending === null && now.lastVerified && !sameWeights(table, now.lastVerified)) {
      return this.d.push({
        type: 'breach',
        cause: 'error',
        reason: `traffic changed outside this rollout: ${formatTable(table)}, expected ${formatTable(now.lastVerified)}`,
      });
    }
    const override = this.d.plan.urls[green.name];
    const url = (override !== undefined && !override.startsWith('label:') ? override : green.url) ?? info.baseUrls.green;
    const fingerprint = await readFingerprint(green, url, signal);
    this.d.own.add(info.green, Date.now());
    if (signal.aborted) return;
    if (s.fingerprint && !sameFingerprint(s.fingerprint, fingerprint))
      return this.d.push({ type: 'green-changed', from: s.fingerprint, to: fingerprint });
    if (approvalStep !== null) {
      // Only an approval recorded before the gate's deadline counts (fail closed).
      const phase = this.d.state().phase;
      const deadline = phase.kind === 'awaiting-approval' ? phase.deadline : undefined;
      const found = await this.d.approvals.find(this.d.runId, approvalStep, deadline);
      if (signal.aborted) return;
      if (found) return this.d.push({ type: 'approved', step: approvalStep, by: found.by });
      return this.d.push({ type: 'polled', approval: 'none' });
    }
    this.d.push({ type: 'polled' });
  }
}

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));
