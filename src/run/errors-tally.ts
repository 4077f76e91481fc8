// Count failed attempts by revision and error class, keeping one example message of each.
import type { AttemptRecord } from '../model/attempt.js';
import type { ErrorSample } from '../model/report.js';

export class ErrorTally {
  private readonly samples = new Map<string, ErrorSample>();

  /** Count an attempt if it failed. */
  add(a: AttemptRecord): void {
    if (a.ok || !a.error) return;
    const key = `${a.revision}/${a.error.class}`;
    const s = this.samples.get(key);
    if (s) s.count++;
    else this.samples.set(key, { revision: a.revision, class: a.error.class, count: 1, example: a.error.message.slice(0, 300) });
  }

  /** Samples, green first, most frequent first. */
  list(): ErrorSample[] {
    return [...this.samples.values()].sort((a, b) => (a.revision === b.revision ? b.count - a.count : a.revision === 'green' ? -1 : 1));
  }
}
