// One live window of a hold: query the source over the window (ending at now − the source's delay,
// never starting before the step's weights were verified), subtract revgate's own requests when the
// source counts them, judge green against blue (src/monitor/analysis.ts) and append the window to
// <runDir>/live/step-<n>.jsonl. The periodic windows are the last `window` of traffic (a breach is
// seen within one interval); the final one judges the whole hold since its journaled start, so a
// resumed run judges the same hold as an uninterrupted one. A query still failing after its retries
// is an `error` check (never a pass, never a green failure).
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedLive } from './options.js';
import type { CheckResult } from '../model/verdict.js';
import { analyseWindow, windowVerdict } from '../gate/live/analysis.js';
import { queryWithRetry } from '../monitor/query.js';
import type { LiveMetrics, RevisionWindow } from '../model/live.js';
import { liveWindow } from '../monitor/window.js';
import type { OwnTraffic } from './own-traffic.js';
import type { InputBody, OwnCount } from './types.js';

export type LiveBody = Extract<InputBody, { type: 'live' }>;

export interface LiveRequest {
  step: number;
  n: number;
  weight: number;
  /** Epoch ms the step's weights were verified. */
  since: number;
  final: boolean;
}

export interface LiveContext {
  signal: AbortSignal;
  runDir: string;
  revisions: { blue: string; green: string };
}

export interface LiveRunner {
  readonly intervalMs: number;
  run(req: LiveRequest, ctx: LiveContext): Promise<LiveBody>;
}

export interface LiveAnalysisOptions {
  /** Clock (tests). @default Date.now */
  now?: () => number;
  /** First retry backoff, ms. @default 250 */
  backoffMs?: number;
}

/** Live analysis over `metrics` with the limits of `live`; `own` holds revgate's own requests. */
export function liveAnalysis(metrics: LiveMetrics, live: ResolvedLive, own: OwnTraffic, o: LiveAnalysisOptions = {}): LiveRunner {
  const now = o.now ?? Date.now;
  return {
    intervalMs: live.intervalMs,
    async run(req, ctx) {
      const at = now();
      const w = liveWindow(at, { windowMs: req.final ? Infinity : live.windowMs, delayMs: metrics.info.delayMs, since: req.since });
      const base = { type: 'live' as const, step: req.step, n: req.n, final: req.final };
      if (!w) {
        const reason = `live: no window to judge yet: data of this step can only have arrived after ${new Date(req.since + metrics.info.delayMs).toISOString()} (source ${metrics.info.name}, delay ${metrics.info.delayMs} ms)`;
        return { ...base, status: 'inconclusive', breach: false, reasons: [reason], window: null, checks: [] };
      }
      const window = { from: w.from.toISOString(), to: w.to.toISOString() };
      let checks: CheckResult[];
      let owned: { blue: OwnCount; green: OwnCount } | undefined;
      try {
        const { data } = await queryWithRetry(
          metrics,
          { ...w, revisions: [ctx.revisions.blue, ctx.revisions.green] },
          { retries: live.queryRetries, signal: ctx.signal, ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}) },
        );
        let blue = data[ctx.revisions.blue]!;
        let green = data[ctx.revisions.green]!;
        if (metrics.info.countsDirectRequests) {
          owned = {
            blue: own.count(ctx.revisions.blue, w.from.getTime(), w.to.getTime()),
            green: own.count(ctx.revisions.green, w.from.getTime(), w.to.getTime()),
          };
          blue = subtract(blue, owned.blue);
          green = subtract(green, owned.green);
        }
        checks = analyseWindow({ source: metrics.info, ...w, blue, green }, live);
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        checks = [queryError(metrics, window, live.queryRetries, e)];
      }
      const v = windowVerdict(checks);
      const reasons =
        owned && owned.green.requests + owned.blue.requests > 0
          ? [...v.reasons, `excluded revgate's own requests: green ${owned.green.requests}, blue ${owned.blue.requests}`]
          : v.reasons;
      const file = join(ctx.runDir, 'live', `step-${req.step + 1}.jsonl`);
      await mkdir(join(ctx.runDir, 'live'), { recursive: true });
      // Appended, never rewritten: a resumed run adds its windows after those of the first process.
      await appendFile(
        file,
        `${JSON.stringify({ step: req.step + 1, weight: req.weight, n: req.n, final: req.final, at: new Date(at).toISOString(), source: metrics.info, status: v.status, breach: v.breach, window, ...(owned ? { own: owned } : {}), checks })}\n`,
      );
      return { ...base, status: v.status, breach: v.breach, reasons, window, file, checks, ...(owned ? { own: owned } : {}) };
    },
  };
}

/** User traffic: the window's counts less revgate's own (never below zero). */
function subtract(w: RevisionWindow, own: OwnCount): RevisionWindow {
  return { ...w, requests: Math.max(0, w.requests - own.requests), errors5xx: Math.max(0, w.errors5xx - own.errors5xx) };
}

/** The check of a window whose query failed after every retry. */
function queryError(metrics: LiveMetrics, window: { from: string; to: string }, retries: number, e: unknown): CheckResult {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code ?? 'RG_MONITOR_QUERY';
  return {
    id: 'live.query',
    name: 'live metrics query',
    kind: 'live',
    expr: 'query succeeds',
    advisory: false,
    value: null,
    n: 0,
    status: 'error',
    reason: `live metrics query failed after ${retries + 1} attempt${retries === 0 ? '' : 's'} [${code}]: ${message}`,
    live: { source: metrics.info.name, ...window, delayMs: metrics.info.delayMs, blue: null, green: null, breach: false },
  };
}
