// Per-revision request counters for live analysis: a bounded ring of recent requests plus per-second buckets.
export type Outcome = '2xx' | '3xx' | '4xx' | '5xx' | 'failed' | 'canceled';

/** One finished proxied request. */
export interface RequestRecord {
  /** Epoch ms when the request finished (windows select on this). */
  at: number;
  outcome: Outcome;
  /** Request start → last byte sent. */
  ms: number;
  /** Request start → response headers from the upstream; null when none came. */
  ttfbMs: number | null;
}

export interface StatsWindow {
  /** Epoch ms, inclusive. @default 0 */
  from?: number;
  /** Epoch ms, exclusive. @default now + 1 */
  to?: number;
}

/** What one revision served in a window. */
export interface RevisionStats {
  /** Every request routed to the revision and finished in the window (all outcomes). */
  requests: number;
  ok2xx: number;
  redirects3xx: number;
  errors4xx: number;
  /** 5xx answers, proxy 502s and responses cut mid-stream (`failed` is the part the proxy saw fail). */
  errors5xx: number;
  /** Upstream unreachable or the response was cut; included in errors5xx. */
  failed: number;
  /** The client went away first; not an error. */
  canceled: number;
  /** Full response times (ms) of answered requests (2xx-5xx, not failed/canceled), oldest first. */
  latencyMs: number[];
  /** Times to the upstream's response headers (ms), same requests as latencyMs. */
  ttfbMs: number[];
  /** False when part of the window is older than the ring: counts then come from 1 s buckets and latencies are partial. */
  complete: boolean;
}

type Counts = Record<Outcome, number>;
const zero = (): Counts => ({ '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, failed: 0, canceled: 0 });

// The counters of one revision.
export class RevisionCounters {
  private readonly ring: RequestRecord[] = [];
  private next = 0;
  private evicted = false;
  private readonly buckets = new Map<number, Counts>();

  constructor(
    private readonly sampleLimit: number,
    private readonly retentionMs: number,
  ) {}

  record(rec: RequestRecord): void {
    if (this.ring.length < this.sampleLimit) this.ring.push(rec);
    else {
      this.ring[this.next] = rec;
      this.next = (this.next + 1) % this.sampleLimit;
      this.evicted = true;
    }
    const sec = Math.floor(rec.at / 1000);
    const bucket = this.buckets.get(sec) ?? zero();
    bucket[rec.outcome]++;
    this.buckets.set(sec, bucket);
    if (this.buckets.size > this.retentionMs / 1000 + 60) this.prune(rec.at);
  }

  private prune(now: number): void {
    const oldest = Math.floor((now - this.retentionMs) / 1000);
    for (const sec of this.buckets.keys()) if (sec < oldest) this.buckets.delete(sec);
  }

  // Records in ring order, oldest first.
  private ordered(): RequestRecord[] {
    return this.evicted ? [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)] : [...this.ring];
  }

  window(from: number, to: number): RevisionStats {
    const records = this.ordered();
    const counts = zero();
    const out: RevisionStats = {
      requests: 0,
      ok2xx: 0,
      redirects3xx: 0,
      errors4xx: 0,
      errors5xx: 0,
      failed: 0,
      canceled: 0,
      latencyMs: [],
      ttfbMs: [],
      complete: true,
    };
    for (const r of records) {
      if (r.at < from || r.at >= to) continue;
      counts[r.outcome]++;
      if (r.outcome !== 'failed' && r.outcome !== 'canceled') {
        out.latencyMs.push(r.ms);
        out.ttfbMs.push(r.ttfbMs ?? r.ms);
      }
    }
    // Part of the window is older than the ring: add the per-second counts of evicted requests
    // (whole seconds; in the oldest kept record's second, its bucket minus the kept records).
    const oldest = records[0];
    if (this.evicted && oldest && from < oldest.at) {
      out.complete = false;
      const oldestSec = Math.floor(oldest.at / 1000);
      const fromSec = Math.floor(from / 1000);
      const toSec = Math.ceil(to / 1000);
      for (const [sec, b] of this.buckets) {
        if (sec < fromSec || sec >= toSec || sec > oldestSec) continue;
        for (const k of Object.keys(b) as Outcome[]) counts[k] += b[k];
      }
      if (oldestSec >= fromSec && oldestSec < toSec) {
        for (const r of records) if (Math.floor(r.at / 1000) === oldestSec) counts[r.outcome]--;
      }
    }
    out.ok2xx = counts['2xx'];
    out.redirects3xx = counts['3xx'];
    out.errors4xx = counts['4xx'];
    out.failed = counts.failed;
    out.errors5xx = counts['5xx'] + counts.failed;
    out.canceled = counts.canceled;
    out.requests = out.ok2xx + out.redirects3xx + out.errors4xx + out.errors5xx + out.canceled;
    return out;
  }
}

// The outcome class of an HTTP status.
export function outcomeOf(status: number): Outcome {
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}
