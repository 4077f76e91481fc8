// Which window a live analysis may judge at a given instant. A source's data for an instant is
// complete only `delayMs` after it (Azure Monitor ingestion, log shipping), so the window ends at
// now − delay, never later: judging a younger window would read data that has not arrived yet and
// look like "no traffic" or "no errors". The window also never starts before the step's traffic did.

export interface WindowPlan {
  /** Length of the window judged, ms. */
  windowMs: number;
  /** The source's ingestion delay, ms: the window is shifted back by this much. */
  delayMs: number;
  /** Epoch ms since when the step's weights are in effect: older data belongs to another step. */
  since: number;
}

/** The window [from, to) to judge at `now`, or null when no data of this step can have arrived yet. */
export function liveWindow(now: number, p: WindowPlan): { from: Date; to: Date } | null {
  const to = now - p.delayMs;
  const from = Math.max(p.since, to - p.windowMs);
  if (to <= from) return null;
  return { from: new Date(from), to: new Date(to) };
}
