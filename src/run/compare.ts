// `revgate compare` as a list of named steps: prepare the run directory, check readiness,
// warm up, replay and score case by case, gate, write the report and its renderings.
import { setMaxListeners } from 'node:events';
import type { ResolvedSuite } from '../config/resolved.js';
import { OutputDirError, RunDeadlineError, TargetNotReadyError, TargetUnreachableError } from '../model/errors.js';
import type { CheckResult } from '../model/verdict.js';
import { replay, type ReplayProgress, type StopReason } from '../replay/engine.js';
import { JsonlSink } from '../replay/jsonl-sink.js';
import { waitForTargets, warmUp } from '../replay/readiness-gate.js';
import type { AttemptRecord } from '../model/attempt.js';
import type { ReportSummary } from '../model/report.js';
import { scoreCase } from '../scoring/case.js';
import type { CaseRecord } from '../model/metrics.js';
import { createTarget } from '../targets/factory.js';
import type { Revision } from '../model/outcome.js';
import type { Target } from '../targets/types.js';
import { RunCollector } from './collect.js';
import { ErrorTally } from './errors-tally.js';
import { gateRun, gateSettingsOf, type RunProgress } from './gate-run.js';
import { createRunDir, newRunId } from '../files/run-dir.js';
import { SemanticScorer } from './semantic-step.js';
import { buildSummary } from './summary.js';
import { createRedactor, redactDeep } from '../secrets/redact.js';
import { sanitizeText } from '../report/sanitize.js';
import { secretValuesOf } from './secrets.js';
import { writeOutputs } from './outputs.js';
import { writeAtomic } from '../files/atomic-write.js';
import type { GoldenCase } from '../model/golden.js';
import type { AdaptiveInfo } from '../model/report.js';
import { adaptivePlan, lookLevels, nextRound, stopReason, undecided, type AdaptivePlan } from './adaptive.js';

export interface CompareOptions {
  /** Abort to stop scheduling (the reason names the signal: 'SIGINT' | 'SIGTERM'). */
  signal?: AbortSignal;
  onProgress?: (p: ReplayProgress) => void;
  /** Called when a phase starts, for the CLI's log lines. */
  onPhase?: (phase: 'ready' | 'warmup' | 'replay' | 'adaptive' | 'report', detail?: string) => void;
  /** A revision is not ready yet: what is waited for (URL, time, last error), within seconds and then every 10 s. */
  onWaiting?: (text: string) => void;
  runId?: string;
}

export interface CompareResult {
  summary: ReportSummary;
  /** Files written, by format (json, results, md, junit). */
  files: Record<string, string>;
  /** Writes that failed (the report directory stopped being writable): the verdict stands, files are missing. */
  writeErrors?: string[];
}

/** Replay the suite against blue and green, score, gate and write the reports. */
export async function compare(suite: ResolvedSuite, options: CompareOptions = {}): Promise<CompareResult> {
  const signal = options.signal ?? new AbortController().signal;
  // Every in-flight call (targets, embeddings, judge) listens for the abort: many listeners by design.
  setMaxListeners(0, signal);
  const started = new Date();
  const runId = options.runId ?? newRunId(suite.name, started);
  let paths: Awaited<ReturnType<typeof createRunDir>>;
  try {
    paths = await createRunDir(suite.report.dir, runId);
  } catch (e) {
    throw new OutputDirError(suite.report.dir, e);
  }
  const results = new JsonlSink<AttemptRecord>(paths.results);
  const casesOut = new JsonlSink<CaseRecord>(paths.cases);
  const newCollector = () => new RunCollector(suite.scoring.k, [...suite.thresholdSpecs, ...suite.statSpecs], suite.report.topCases);
  let collector = newCollector();
  // Adaptive sampling keeps each case's attempts and record, to score it again with more repeats.
  const plan = adaptivePlan(suite.sampling.maxAttempts, suite.cases.length, suite.sampling.repeats);
  const kept = new Map<string, { testCase: GoldenCase; attempts: Record<Revision, AttemptRecord[]>; record: CaseRecord }>();
  let adaptive: AdaptiveInfo | undefined;
  let statistics = suite.statistics;
  const tally = new ErrorTally();
  const semantic = new SemanticScorer(suite.semantic);
  // A green may echo its request (headers, URL) into its answers or errors: every attempt is redacted
  // before anything reads or writes it, so results, cases, reports and annotations stay clean.
  const redact = createRedactor(secretValuesOf(suite));
  const targets: Record<Revision, Target> = {
    blue: createTarget(suite.targets.blue, { connections: suite.sampling.concurrency, maxResponseBytes: suite.sampling.maxResponseBytes }),
    green: createTarget(suite.targets.green, {
      connections: suite.sampling.concurrency,
      maxResponseBytes: suite.sampling.maxResponseBytes,
    }),
  };

  let stopped: StopReason | null = null;
  let casesDone = 0;
  let setupError: TargetUnreachableError | TargetNotReadyError | undefined;
  let deadlineError: RunDeadlineError | undefined;
  // run.json: the run's configuration and plan, before any request — what `revgate report --from
  // <run dir>` needs to rebuild every report from cases.jsonl after a crash.
  try {
    await writeAtomic(
      paths.head,
      `${JSON.stringify({ ...summarize({ complete: false, interrupted: null, casesDone: 0, casesPlanned: suite.cases.length }, [], started), cases: [] }, null, 2)}\n`,
    );
  } catch (e) {
    await Promise.all([results.close(), casesOut.close(), targets.blue.close(), targets.green.close(), semantic.close()]).catch(
      () => undefined,
    );
    throw new OutputDirError(paths.dir, e);
  }
  // A report directory that stops being writable mid-run loses files, never the verdict.
  const writeErrors: string[] = [];
  const keep = (what: string) => (e: unknown) => void writeErrors.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  // Every attempt, planned or adaptive: redacted before anything reads it, tallied, appended to results.jsonl.
  const onAttempt = async (a: AttemptRecord): Promise<void> => {
    redactAttempt(a, redact);
    tally.add(a);
    if (writeErrors.length === 0) await results.write(a).catch(keep('results.jsonl'));
  };
  // sampling.deadline bounds the whole run: readiness and warm-up count.
  const deadline = AbortSignal.timeout(suite.sampling.deadline);
  const bounded = AbortSignal.any([signal, deadline]);
  let phase = 'readiness';
  try {
    options.onPhase?.('ready');
    await waitForTargets(
      { blue: suite.targets.blue.readyUrl, green: suite.targets.green.readyUrl },
      suite.sampling.readyTimeout,
      bounded,
      options.onWaiting ? (_revision, text) => options.onWaiting?.(text) : undefined,
    );
    phase = 'warm-up';
    options.onPhase?.('warmup', String(suite.sampling.warmup));
    await warmUp(
      targets,
      { blue: suite.targets.blue.url, green: suite.targets.green.url },
      suite.cases,
      suite.sampling.warmup,
      suite.sampling.timeout,
      bounded,
    );
    if (deadline.aborted) throw new RunDeadlineError(suite.sampling.deadline, phase);
    phase = 'replay';
    options.onPhase?.('replay');
    const r = await replay({
      cases: suite.cases,
      targets,
      sampling: suite.sampling,
      signal,
      deadline,
      onAttempt,
      onCaseDone: async (testCase, attempts) => {
        const measured = await semantic.score(testCase, attempts, signal);
        const record = scoreCase(testCase, attempts, suite.scoring, measured);
        collector.add(record);
        if (plan) kept.set(testCase.id, { testCase, attempts, record });
        if (writeErrors.length === 0) await casesOut.write(record).catch(keep('cases.jsonl'));
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    stopped = r.stopped;
    casesDone = r.casesDone;
    if (plan && stopped === null) await adaptiveRounds(plan);
  } catch (e) {
    if (deadline.aborted && !signal.aborted) {
      stopped = 'deadline';
      deadlineError = e instanceof RunDeadlineError ? e : new RunDeadlineError(suite.sampling.deadline, phase);
    } else if (e instanceof TargetUnreachableError || e instanceof TargetNotReadyError) setupError = e;
    else if (signal.aborted) stopped = String(signal.reason) === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    else throw e;
  } finally {
    await Promise.all([
      results.close().catch(keep('results.jsonl')),
      casesOut.close().catch(keep('cases.jsonl')),
      targets.blue.close(),
      targets.green.close(),
      semantic.close(),
    ]);
  }

  options.onPhase?.('report');
  const complete = stopped === null && !setupError;
  const progress = { complete, interrupted: stopped, casesDone, casesPlanned: suite.cases.length };
  const summary = summarize(
    progress,
    [...(setupError ? [setupCheck(setupError)] : []), ...(deadlineError ? [deadlineCheck(deadlineError)] : [])],
    new Date(),
  );
  const files = await writeOutputs(summary, paths, suite.report.formats, redact).catch((e: unknown) => (keep('reports')(e), {}));
  return { summary, files, ...(writeErrors.length > 0 ? { writeErrors } : {}) };

  /**
   * Look after the planned attempts and after each round (src/run/adaptive.ts): add a repeat to the
   * noisiest cases, score them again from all their attempts, rebuild the accumulators and
   * cases.jsonl, and gate at the look's spent α — until every check decides, one fails, or the
   * budget is spent.
   */
  async function adaptiveRounds(p: AdaptivePlan): Promise<void> {
    const looks: AdaptiveInfo['looks'] = [];
    let used = p.planned;
    let previous = 0;
    let round = 0;
    let nextRepeat = suite.sampling.repeats;
    for (;;) {
      statistics = { ...suite.statistics, ...lookLevels(p, previous, used, suite.statistics) };
      const progress = { complete: true, interrupted: null, casesDone: kept.size, casesPlanned: suite.cases.length };
      const { checks } = gateRun(collector, { ...gateSettingsOf(suite), statistics }, progress);
      looks.push({ attempts: used, alpha: statistics.alpha, confidence: statistics.confidence, undecided: undecided(checks).length });
      const why = stopReason(checks, p, used, bounded.aborted);
      adaptive = { budget: p.budget, planned: p.planned, used, looks, stopped: why ?? 'budget' };
      if (why !== null) return;
      const { ids, repeats } = nextRound(
        suite.cases.flatMap((c) => kept.get(c.id)?.record ?? []),
        p,
        p.budget - used,
      );
      options.onPhase?.(
        'adaptive',
        `round ${++round}: ${repeats} more repeat${repeats === 1 ? '' : 's'} of ${ids.length} cases (${used} of ${p.budget} attempts per revision so far)`,
      );
      const picked = ids.map((id) => kept.get(id)!);
      const r = await replay({
        cases: picked.map((k) => k.testCase),
        targets,
        sampling: { ...suite.sampling, repeats, seed: (suite.sampling.seed ?? 1) + round },
        firstRepeat: nextRepeat,
        signal,
        deadline,
        onAttempt,
        onCaseDone: async (testCase, attempts) => {
          const k = kept.get(testCase.id)!;
          for (const side of ['blue', 'green'] as const) k.attempts[side] = [...k.attempts[side], ...attempts[side]];
          const measured = await semantic.score(testCase, k.attempts, signal);
          k.record = scoreCase(testCase, k.attempts, suite.scoring, measured);
        },
      });
      // An interrupted round is not a look (its cases are half-repeated): the last look, its
      // accumulators and its α stand, and so does cases.jsonl.
      if (r.stopped !== null) {
        adaptive = { ...adaptive, stopped: 'interrupted' };
        return;
      }
      previous = used;
      used += ids.length * repeats;
      nextRepeat += repeats;
      collector = newCollector();
      const records = suite.cases.flatMap((c) => kept.get(c.id)?.record ?? []);
      for (const record of records) collector.add(record);
      await writeAtomic(paths.cases, records.map((rec) => `${JSON.stringify(rec)}\n`).join('')).catch(keep('cases.jsonl'));
    }
  }

  /** The report summary of the run as it stands (also written as run.json before any request). */
  function summarize(p: RunProgress, extra: CheckResult[], finished: Date): ReportSummary {
    const gated = gateRun(collector, { ...gateSettingsOf(suite), statistics }, p, extra);
    return redactDeep(
      buildSummary({
        suite,
        run: {
          id: paths.id,
          startedAt: started.toISOString(),
          finishedAt: finished.toISOString(),
          durationMs: finished.getTime() - started.getTime(),
          complete: p.complete,
          interrupted: p.interrupted,
          casesDone: p.casesDone,
          casesPlanned: suite.cases.length,
          warmup: suite.sampling.warmup,
          outputDir: paths.dir,
          ...(suite.shard ? { shard: { index: suite.shard.index, total: suite.shard.total } } : {}),
          ...(adaptive ? { adaptive } : {}),
          ...(suite.selection ? { selection: suite.selection } : {}),
        },
        ...gated,
        errors: tally.list(),
        ...(semantic.enabled ? { semantic: semantic.info() } : {}),
      }),
      redact,
    );
  }
}

/** A run cut by its deadline before the replay is incomplete (inconclusive), and says where it stopped. */
function deadlineCheck(e: RunDeadlineError): CheckResult {
  return {
    id: `run:${e.code}`,
    name: 'run deadline',
    kind: 'run',
    expr: 'sampling.deadline',
    advisory: false,
    value: null,
    n: 0,
    status: 'inconclusive',
    reason: `${e.message} (hint: ${e.hint})`,
  };
}

/** A target that never got ready is a run error, recorded as a check so the report says why. */
function setupCheck(e: TargetUnreachableError | TargetNotReadyError): CheckResult {
  return {
    id: `run:${e.code}`,
    name: `${e.revision} reachable and ready`,
    kind: 'run',
    expr: 'target ready',
    advisory: false,
    value: null,
    n: 0,
    status: 'error',
    reason: e.hint ? `${e.message} (hint: ${e.hint})` : e.message,
  };
}

/**
 * Clean the attempt's free text (in place: the replay keeps this same record for its case): secrets
 * masked, control characters, escape sequences, bidi overrides and workflow commands defused.
 */
function redactAttempt(a: AttemptRecord, redact: (s: string) => string): void {
  const clean = (s: string) => sanitizeText(redact(s));
  if (a.text !== undefined) a.text = clean(a.text);
  if (a.error) a.error.message = clean(a.error.message);
  if (a.docs) a.docs = a.docs.map(clean);
}
