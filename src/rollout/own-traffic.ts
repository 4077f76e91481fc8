// revgate's own requests to the revisions during a rollout: the fingerprint probe and the golden
// replays at canary steps reach blue and green at their own URLs, and a platform that counts every
// request a revision served (Azure Monitor's per-revision `Requests`) counts them too. Live analysis
// subtracts them per window, so a green that got no user traffic cannot pass on revgate's own.
import type { OwnCount } from './types.js';
import { jsonlLines } from '../files/jsonl.js';

interface Entry {
  at: number;
  requests: number;
  errors5xx: number;
}

export class OwnTraffic {
  private readonly byRevision = new Map<string, Entry[]>();

  /** Record `requests` sent to `revision` at `at` (epoch ms), `errors5xx` of them answered 5xx. */
  add(revision: string, at: number, requests = 1, errors5xx = 0): void {
    const list = this.byRevision.get(revision) ?? [];
    list.push({ at, requests, errors5xx });
    this.byRevision.set(revision, list);
  }

  /** Requests sent to `revision` in [from, to). */
  count(revision: string, from: number, to: number): OwnCount {
    const out: OwnCount = { requests: 0, errors5xx: 0 };
    for (const e of this.byRevision.get(revision) ?? []) {
      if (e.at < from || e.at >= to) continue;
      out.requests += e.requests;
      out.errors5xx += e.errors5xx;
    }
    return out;
  }

  /**
   * Record a golden replay from its results.jsonl: every attempt is 1 + retries requests at its
   * start time, its 5xx answers (retried or final) counted as errors. Readiness and warm-up calls
   * (1 + warmup per revision) are recorded at `startedAt`.
   */
  async addReplay(resultsFile: string, revisions: { blue: string; green: string }, startedAt: number, warmup: number): Promise<void> {
    for (const rev of [revisions.blue, revisions.green]) this.add(rev, startedAt, 1 + warmup);
    try {
      for await (const line of jsonlLines(resultsFile)) {
        const a = JSON.parse(line) as {
          revision: 'blue' | 'green';
          at: string;
          retries?: number;
          retriedOn?: string[];
          error?: { class: string };
        };
        const fivexx = (a.retriedOn ?? []).filter((c) => c === '5xx').length + (a.error?.class === '5xx' ? 1 : 0);
        this.add(revisions[a.revision], Date.parse(a.at), 1 + (a.retries ?? 0), fivexx);
      }
    } catch {
      // A results file that cannot be read leaves the replay counted by its readiness calls only.
    }
  }
}
