// Background "user" traffic for the demo and the live-analysis tests: `workers` loops each sending
// one chat completion at a time to `url` (the local proxy), pausing `pauseMs` between requests, so
// the proxy's counters (the `local` live-metrics source) see real requests to blue and green.
import { setTimeout as sleep } from 'node:timers/promises';

export interface UserTrafficOptions {
  /** Base URL of the service (the local proxy), e.g. http://127.0.0.1:8080. */
  url: string;
  /** Path of the chat completions API. @default '/v1/chat/completions' */
  path?: string;
  /** Requests in flight. @default 4 */
  workers?: number;
  /** Pause after each request, per worker. @default 0 */
  pauseMs?: number;
  /** Per-request timeout. @default 5000 */
  timeoutMs?: number;
}

export interface UserTraffic {
  /** Stop sending (waits for requests in flight); the counts of what was sent. */
  stop(): Promise<{ sent: number; byStatus: Record<string, number> }>;
}

const QUESTIONS = [
  'What are the symptoms of high blood pressure?',
  'How is type 2 diabetes treated?',
  'What causes asthma?',
  'Who is at risk for osteoporosis?',
  'How can glaucoma be prevented?',
];

/** Start sending traffic at once. */
export function startUserTraffic(o: UserTrafficOptions): UserTraffic {
  const stop = new AbortController();
  const byStatus: Record<string, number> = {};
  let sent = 0;
  const target = `${o.url.replace(/\/+$/, '')}${o.path ?? '/v1/chat/completions'}`;
  const worker = async (w: number) => {
    for (let i = w; !stop.signal.aborted; i++) {
      const question = QUESTIONS[i % QUESTIONS.length]!;
      let status = 'failed';
      try {
        const res = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'pharmabot-1', messages: [{ role: 'user', content: question }] }),
          signal: AbortSignal.any([stop.signal, AbortSignal.timeout(o.timeoutMs ?? 5000)]),
        });
        await res.arrayBuffer();
        status = String(res.status);
      } catch {
        if (stop.signal.aborted) return;
      }
      sent++;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (o.pauseMs) await sleep(o.pauseMs, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  };
  const running = Promise.all(Array.from({ length: o.workers ?? 4 }, (_, w) => worker(w)));
  return {
    async stop() {
      stop.abort();
      await running;
      return { sent, byStatus: { ...byStatus } };
    },
  };
}
