// Polling a revision's readiness endpoint until it answers 200.
import { Agent, request } from 'undici';
import { safeUrl, transportErrorClass } from './transport-errors.js';

export interface WaitReadyOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Pause between polls. @default 250 */
  intervalMs?: number;
  signal?: AbortSignal;
  /**
   * Told what is being waited for while the endpoint is not ready: first after `noticeAfterMs`,
   * then every `noticeEveryMs` — so a user hears within seconds, not at the timeout, which URL
   * does not answer and why.
   */
  onWaiting?: (notice: { url: string; waitedMs: number; timeoutMs: number; last: string }) => void;
  /** @default 2000 */
  noticeAfterMs?: number;
  /** @default 10000 */
  noticeEveryMs?: number;
}

export type ReadyResult =
  | { ok: true; waitedMs: number }
  | {
      ok: false;
      reason: string;
      /** HTTP status of the last answer, if any poll got one. */
      lastStatus?: number;
      /** True when the last poll found nothing listening (wrong port, revision not started). */
      connectionRefused: boolean;
    };

/**
 * GET `url` every `intervalMs` until it answers 200 or `timeoutMs` passes. Each poll may take at
 * most the time left. A caller abort rejects with the signal's reason.
 */
export async function waitReady(url: string, options: WaitReadyOptions): Promise<ReadyResult> {
  const { timeoutMs, intervalMs = 250, signal } = options;
  const agent = new Agent({ connections: 1, keepAliveTimeout: 1_000 });
  const start = performance.now();
  const left = (): number => timeoutMs - (performance.now() - start);
  let lastStatus: number | undefined;
  let lastProblem: string | undefined;
  let connectionRefused = false;
  let nextNotice = options.noticeAfterMs ?? 2_000;
  try {
    while (true) {
      signal?.throwIfAborted();
      const poll = AbortSignal.any([AbortSignal.timeout(Math.max(1, Math.ceil(left()))), ...(signal ? [signal] : [])]);
      try {
        const response = await request(url, { method: 'GET', dispatcher: agent, signal: poll });
        await response.body.dump();
        lastStatus = response.statusCode;
        connectionRefused = false;
        if (response.statusCode === 200) return { ok: true, waitedMs: performance.now() - start };
        lastProblem = `HTTP ${response.statusCode}`;
      } catch (error) {
        signal?.throwIfAborted();
        // A poll cut short by the deadline says less than the answer before it: keep that one.
        if (!poll.aborted) {
          const { code } = transportErrorClass(error);
          connectionRefused = code === 'ECONNREFUSED';
          lastProblem = `connection failed (${code})`;
        }
      }
      if (left() <= 0) break;
      const waitedMs = performance.now() - start;
      if (options.onWaiting && waitedMs >= nextNotice) {
        options.onWaiting({ url: safeUrl(url), waitedMs, timeoutMs, last: lastProblem ?? 'no answer yet' });
        nextNotice = waitedMs + (options.noticeEveryMs ?? 10_000);
      }
      await sleep(Math.min(intervalMs, left()), signal);
    }
  } finally {
    await agent.close().catch(() => undefined);
  }
  const result = {
    ok: false as const,
    reason: `${safeUrl(url)} not ready within ${timeoutMs}ms (last: ${lastProblem ?? 'no answer'})`,
    connectionRefused,
  };
  return lastStatus === undefined ? result : { ...result, lastStatus };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
