// Before measuring: wait for each revision's readiness endpoint, then warm it up.
import { waitReady } from '../targets/readiness.js';
import type { GoldenCase } from '../config/golden-schema.js';
import { TargetNotReadyError, TargetUnreachableError } from '../errors.js';
import { TargetCallError, type Revision, type Target } from '../targets/types.js';

/** Poll each revision's readiness URL until 200; throws when one never gets ready. */
export async function waitForTargets(
  urls: Record<Revision, string | undefined>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  if (timeoutMs <= 0) return;
  await Promise.all(
    (['blue', 'green'] as const).map(async (revision) => {
      const url = urls[revision];
      if (url === undefined) return;
      const r = await waitReady(url, { timeoutMs, signal });
      if (r.ok) return;
      if (signal.aborted) throw signal.reason;
      if (r.connectionRefused) throw new TargetUnreachableError(revision, url, r.reason);
      throw new TargetNotReadyError(revision, url, r.reason);
    }),
  );
}

/**
 * Send `count` warm-up requests to each revision (first cases, in turn), sequentially per
 * revision so a cold start is paid here and not in the statistics. Results are discarded.
 * A revision whose every warm-up call fails to connect is unreachable.
 */
export async function warmUp(
  targets: Record<Revision, Target>,
  urls: Record<Revision, string>,
  cases: readonly GoldenCase[],
  count: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  if (count <= 0 || cases.length === 0) return;
  await Promise.all(
    (['blue', 'green'] as const).map(async (revision) => {
      let refused = 0;
      let last = '';
      for (let i = 0; i < count; i++) {
        if (signal.aborted) return;
        try {
          await targets[revision].call(cases[i % cases.length]!, { signal, timeoutMs });
        } catch (e) {
          if (signal.aborted) return;
          if (e instanceof TargetCallError && e.errorClass === 'connection') {
            refused++;
            last = e.message;
          }
        }
      }
      if (refused === count) throw new TargetUnreachableError(revision, urls[revision], last);
    }),
  );
}

