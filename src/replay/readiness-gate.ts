// Before measuring: wait for a revision's readiness endpoint, then warm it up.
// Per revision, so `compare` (both revisions) and `record` (one) share the same steps.
import { waitReady } from '../targets/readiness.js';
import type { GoldenCase } from '../model/golden.js';
import { TargetNotReadyError, TargetUnreachableError } from '../model/errors.js';
import { type Revision } from '../model/outcome.js';
import { TargetCallError, type Target } from '../targets/types.js';

const BOTH = ['blue', 'green'] as const;

/** A line for the user while a revision is not ready yet, e.g. "waiting for green readiness at … (4 s of 60 s; last: connection failed (ECONNREFUSED))". */
export type WaitingNotice = (revision: Revision, text: string) => void;

/** Poll one revision's readiness URL until 200; throws when it never gets ready. No URL or timeout 0: skip. */
export async function waitForTarget(
  revision: Revision,
  url: string | undefined,
  timeoutMs: number,
  signal: AbortSignal,
  onWaiting?: WaitingNotice,
): Promise<void> {
  if (url === undefined || timeoutMs <= 0) return;
  const r = await waitReady(url, {
    timeoutMs,
    signal,
    ...(onWaiting
      ? {
          onWaiting: (n: { url: string; waitedMs: number; timeoutMs: number; last: string }) =>
            onWaiting(
              revision,
              `waiting for ${revision} readiness at ${n.url} (${Math.round(n.waitedMs / 1000)} s of ${Math.round(n.timeoutMs / 1000)} s; last: ${n.last})`,
            ),
        }
      : {}),
  });
  if (r.ok) return;
  if (signal.aborted) throw signal.reason;
  if (r.connectionRefused) throw new TargetUnreachableError(revision, url, r.reason);
  throw new TargetNotReadyError(revision, url, r.reason);
}

/** Poll each revision's readiness URL until 200; throws when one never gets ready. */
export async function waitForTargets(
  urls: Record<Revision, string | undefined>,
  timeoutMs: number,
  signal: AbortSignal,
  onWaiting?: WaitingNotice,
): Promise<void> {
  await Promise.all(BOTH.map((revision) => waitForTarget(revision, urls[revision], timeoutMs, signal, onWaiting)));
}

/**
 * Send `count` warm-up requests to one revision (first cases, in turn), sequentially so a cold
 * start is paid here and not in the statistics. Results are discarded. A revision whose every
 * warm-up call fails to connect is unreachable.
 */
export async function warmUpTarget(
  revision: Revision,
  target: Target,
  url: string,
  cases: readonly GoldenCase[],
  count: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  if (count <= 0 || cases.length === 0) return;
  let refused = 0;
  let last = '';
  for (let i = 0; i < count; i++) {
    if (signal.aborted) return;
    try {
      await target.call(cases[i % cases.length]!, { signal, timeoutMs });
    } catch (e) {
      if (signal.aborted) return;
      // Only "nothing answers" (refused, no such host) makes a revision unreachable. A reset or a
      // dropped connection is the revision's behaviour: the replay counts it as a connection error,
      // exactly as it would without warm-up.
      if (e instanceof TargetCallError && e.errorClass === 'connection' && NOTHING_LISTENS.test(e.message)) {
        refused++;
        last = e.message;
      }
    }
  }
  if (refused === count) throw new TargetUnreachableError(revision, url, last);
}

const NOTHING_LISTENS = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN/;

/** Warm up blue and green at the same time (each sequentially, see warmUpTarget). */
export async function warmUp(
  targets: Record<Revision, Target>,
  urls: Record<Revision, string>,
  cases: readonly GoldenCase[],
  count: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  await Promise.all(BOTH.map((revision) => warmUpTarget(revision, targets[revision], urls[revision], cases, count, timeoutMs, signal)));
}
