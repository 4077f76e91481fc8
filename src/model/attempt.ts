// One line of results.jsonl: a single attempt of one case on one revision.
import type { ErrorClass, Revision, Usage } from './outcome.js';

export interface AttemptRecord {
  caseId: string;
  revision: Revision;
  /** 0-based repeat index of this case on this revision. */
  repeat: number;
  ok: boolean;
  text?: string;
  docs?: string[];
  usage?: Usage;
  /** Total transport latency of the final try (excludes queue wait and earlier retries). */
  latencyMs?: number;
  ttfbMs?: number;
  ttftMs?: number;
  /** How many retries this attempt needed (0 = first try). */
  retries: number;
  /** Error classes of the retried tries, in order (e.g. ["429", "5xx"]). */
  retriedOn?: ErrorClass[];
  error?: { class: ErrorClass; message: string; status?: number };
  /** ISO time the attempt started. */
  at: string;
}
