// Simulation scenarios: the A/A baseline (two pharmabots that differ only in their random stream)
// and injected regressions of known size, each with the statistical check that should catch it.
import type { Flaws } from '../../reference/pharmabot/index.js';

export interface Scenario {
  /** Short key used in progress lines, tables and JSON. */
  key: string;
  /** What green ships with, in words. */
  title: string;
  /** Flaws of the green pharmabot (blue never has any). */
  flaws: Partial<Flaws>;
  /** The statistical check (test name) that must fail for a run to count as a detection; null for A/A. */
  expect: string | null;
  /** sampling.retries override (the error scenario measures raw errors, so no retries). */
  retries?: number;
  /** Which golden cases a run samples from: all (default) or only those whose reference holds a quantity. */
  pool?: 'all' | 'numeric';
}

export const AA: Scenario = { key: 'aa', title: 'A/A: same service, other seed', flaws: {}, expect: null };

export const REGRESSIONS: readonly Scenario[] = [
  { key: 'refusals', title: 'refusals (refusalRate 0.1)', flaws: { refusalRate: 0.1 }, expect: 'refusal_rate' },
  { key: 'retrieval', title: 'broken retrieval (brokenRetrieval 0.2)', flaws: { brokenRetrieval: 0.2 }, expect: 'rag.recall' },
  { key: 'short', title: 'short answers (shortAnswers)', flaws: { shortAnswers: true }, expect: 'ref.rougeL' },
  { key: 'numbers', title: 'changed numbers (numbersChanged)', flaws: { numbersChanged: true }, expect: 'numbers.consistency' },
  { key: 'slower', title: 'slower (extraLatencyMs 40)', flaws: { extraLatencyMs: 40 }, expect: 'latency' },
  { key: 'errors', title: 'more errors (errorRate 0.05, retries 0)', flaws: { errorRate: 0.05 }, expect: 'error_rate', retries: 0 },
  // Only ~19% of the MedQuAD references (89 of 471) hold a quantity, so a random 60-case sample
  // gives numbers.consistency about 11 cases: this row measures the test's power when the golden
  // set has numeric cases (60 sampled from those 89).
  {
    key: 'numbers-numeric',
    title: 'changed numbers, numeric cases only',
    flaws: { numbersChanged: true },
    expect: 'numbers.consistency',
    pool: 'numeric',
  },
];

/** Not in the default run (`--only errors10`): the error regression at twice the rate, used by test/sim. */
export const EXTRA: readonly Scenario[] = [
  { key: 'errors10', title: 'more errors (errorRate 0.1, retries 0)', flaws: { errorRate: 0.1 }, expect: 'error_rate', retries: 0 },
];

/** Every scenario key, A/A first. */
export const SCENARIO_KEYS: readonly string[] = [AA.key, ...REGRESSIONS.map((s) => s.key), ...EXTRA.map((s) => s.key)];

export function scenarioByKey(key: string): Scenario | undefined {
  return [AA, ...REGRESSIONS, ...EXTRA].find((s) => s.key === key);
}
