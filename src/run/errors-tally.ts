// Count failed attempts by revision and error class, keeping one example message of each.
import type { AttemptRecord } from '../model/attempt.js';
import type { ErrorSample } from '../model/report.js';

export class ErrorTally {
  private readonly samples = new Map<string, ErrorSample>();

  /** Count an attempt's final error, and the classes of its retried tries (errors a retry hid). */
  add(a: AttemptRecord): void {
    for (const cls of a.retriedOn ?? []) {
      const s = this.sample(a, cls, '(a retried try; its message is not kept)');
      s.retried = (s.retried ?? 0) + 1;
    }
    if (a.ok || !a.error) return;
    const s = this.sample(a, a.error.class, a.error.message.slice(0, 300));
    s.count++;
    // A sample first made by a retried try gets the example of the first final error.
    if (s.example.startsWith('(a retried try')) s.example = a.error.message.slice(0, 300);
  }

  private sample(a: AttemptRecord, cls: ErrorSample['class'], example: string): ErrorSample {
    const key = `${a.revision}/${cls}`;
    let s = this.samples.get(key);
    if (!s) this.samples.set(key, (s = { revision: a.revision, class: cls, count: 0, example }));
    return s;
  }

  /** Samples, green first, most frequent first. */
  list(): ErrorSample[] {
    const weight = (s: ErrorSample) => s.count + (s.retried ?? 0);
    return [...this.samples.values()].sort((a, b) => (a.revision === b.revision ? weight(b) - weight(a) : a.revision === 'green' ? -1 : 1));
  }
}
