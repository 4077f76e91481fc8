// Replay ONE revision over the suite's cases for `revgate record`: readiness, warm-up, bounded
// concurrency, retries and deadline as in compare, then the most central answer of each case.
import { setMaxListeners } from 'node:events';
import type { GoldenCase } from '../model/golden.js';
import { TargetUnreachableError } from '../model/errors.js';
import { waitForTarget, warmUpTarget } from '../replay/readiness-gate.js';
import { seededRandom } from '../replay/random.js';
import { withRetries, type RetryOutcome } from '../replay/retry.js';
import { createTarget } from '../targets/factory.js';
import type { Revision } from '../model/outcome.js';
import { medoidIndex } from './medoid.js';
import { createRedactor } from '../secrets/redact.js';
import { sanitizeText } from '../report/sanitize.js';
import type { Sampling } from '../replay/schema.js';
import type { ResolvedTarget } from '../targets/options.js';

/** What a recording reads of a suite. */
export interface RecordPlan {
  cases: GoldenCase[];
  targets: Record<Revision, ResolvedTarget>;
  sampling: Sampling;
  /** Secret values that must never reach a recorded answer. */
  secrets: string[];
}

export interface RecordOptions {
  revision: Revision;
  /** Attempts per case; the ROUGE-L medoid of the answers is kept. @default 1 */
  repeats?: number;
  signal?: AbortSignal;
  /** Called after each case, for progress lines. */
  onCase?: (done: number, total: number) => void;
  /** The revision is not ready yet: what is waited for (URL, time, last error), within seconds. */
  onWaiting?: (text: string) => void;
}

/** What one case's recording produced. */
export interface RecordedCase {
  id: string;
  /** The medoid answer; null when no attempt answered (the old reference is kept). */
  answer: string | null;
  /** Retrieved document ids of the attempt whose answer was kept; null when none were reported. */
  docs: string[] | null;
  attempts: number;
  answered: number;
  /** Why attempts failed (error class and message), one line each. */
  failures: string[];
}

export interface RecordResult {
  cases: RecordedCase[];
  /** Set when the run stopped early (Ctrl-C or sampling.deadline); unfinished cases have no answer. */
  stopped: 'SIGINT' | 'SIGTERM' | 'deadline' | null;
}

interface Answer {
  repeat: number;
  text: string;
  docs: string[] | null;
}

/** Record `options.revision` on every case of the suite. Throws when the revision is unreachable or never ready. */
export async function recordRevision(suite: RecordPlan, options: RecordOptions): Promise<RecordResult> {
  const { revision } = options;
  const resolved = suite.targets[revision];
  const input = options.signal ?? new AbortController().signal;
  const deadline = AbortSignal.timeout(suite.sampling.deadline);
  const signal = AbortSignal.any([input, deadline]);
  setMaxListeners(0, signal); // every in-flight call listens: by design
  const repeats = Math.max(1, options.repeats ?? 1);
  const target = createTarget(resolved, { connections: suite.sampling.concurrency, maxResponseBytes: suite.sampling.maxResponseBytes });
  // Recorded answers become golden references: a revision echoing its request must not write a secret into them.
  const secrets = createRedactor(suite.secrets);
  const redact = (text: string) => sanitizeText(secrets(text));
  try {
    await waitForTarget(
      revision,
      resolved.readyUrl,
      suite.sampling.readyTimeout,
      signal,
      options.onWaiting ? (_r, text) => options.onWaiting?.(text) : undefined,
    );
    await warmUpTarget(revision, target, resolved.url, suite.cases, suite.sampling.warmup, suite.sampling.timeout, signal);
    const answers = new Map<string, { answers: Answer[]; failures: string[]; attempts: number }>(
      suite.cases.map((c) => [c.id, { answers: [], failures: [], attempts: 0 }]),
    );
    const jobs = suite.cases.flatMap((c) => Array.from({ length: repeats }, (_, repeat) => ({ testCase: c, repeat })));
    const policy = {
      retries: suite.sampling.retries,
      backoffMs: suite.sampling.backoff,
      maxDelayMs: 30_000,
      random: seededRandom(suite.sampling.seed ?? Date.now()),
    };
    let done = 0;
    let next = 0;
    // A small worker pool: `concurrency` loops pulling the next job, so memory stays flat.
    const worker = async (): Promise<void> => {
      while (!signal.aborted) {
        const job = jobs[next++];
        if (job === undefined) return;
        let outcome: RetryOutcome;
        try {
          outcome = await withRetries(() => target.call(job.testCase, { signal, timeoutMs: suite.sampling.timeout }), policy, signal);
        } catch (e) {
          if (signal.aborted) return;
          throw e;
        }
        const state = answers.get(job.testCase.id)!;
        state.attempts++;
        if (outcome.ok && outcome.response.text.trim() !== '')
          state.answers.push({ repeat: job.repeat, text: redact(outcome.response.text), docs: outcome.response.docs?.map(redact) ?? null });
        else state.failures.push(outcome.ok ? 'empty answer' : redact(`${outcome.error.errorClass}: ${outcome.error.message}`));
        if (state.attempts === repeats) options.onCase?.(++done, suite.cases.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, suite.sampling.concurrency) }, worker));
    const cases = suite.cases.map((c) => pick(c.id, answers.get(c.id)!, repeats));
    if (
      cases.every((c) => c.answered === 0) &&
      cases.some((c) => c.failures.length > 0) &&
      cases.every((c) => c.failures.every((f) => f.startsWith('connection:')))
    ) {
      throw new TargetUnreachableError(revision, resolved.url, cases.find((c) => c.failures.length > 0)!.failures[0]!);
    }
    const stopped = input.aborted ? (String(input.reason) === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') : deadline.aborted ? 'deadline' : null;
    return { cases, stopped };
  } finally {
    await target.close();
  }
}

/** The medoid answer of a case (answers in repeat order, so ties go to the first). */
function pick(id: string, state: { answers: Answer[]; failures: string[]; attempts: number }, repeats: number): RecordedCase {
  // A case cut short by a stop is not recorded: a medoid of fewer attempts than asked is another choice.
  if (state.attempts < repeats)
    return {
      id,
      answer: null,
      docs: null,
      attempts: state.attempts,
      answered: state.answers.length,
      failures: [...state.failures, 'not recorded: the run stopped first'],
    };
  const sorted = [...state.answers].sort((a, b) => a.repeat - b.repeat);
  const chosen = sorted[medoidIndex(sorted.map((a) => a.text))];
  return {
    id,
    answer: chosen?.text ?? null,
    docs: chosen?.docs ?? null,
    attempts: state.attempts,
    answered: sorted.length,
    failures: state.failures,
  };
}
