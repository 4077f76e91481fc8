// Live analysis as a StepAnalysis: at each interval of a hold, query the last `window` of real
// traffic (ending at now − the source's delay, never before the step began), judge green against
// blue (src/monitor/analysis.ts) and write the window's checks to <runDir>/live/live-<step>-<n>.json.
// A query still failing after its retries is an `error` check (never a pass, never a green failure).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedLive } from '../config/rollout.js';
import type { CheckResult } from '../gate/types.js';
import { analyseWindow, windowVerdict } from '../monitor/analysis.js';
import { queryWithRetry } from '../monitor/query.js';
import type { LiveMetrics } from '../monitor/types.js';
import { liveWindow } from '../monitor/window.js';
import type { AnalysisResult, StepAnalysis } from './analysis.js';

export interface LiveAnalysisOptions {
  /** Clock (tests). @default Date.now */
  now?: () => number;
  /** First retry backoff, ms. @default 250 */
  backoffMs?: number;
}

/** The StepAnalysis run every live interval during holds. */
export function liveAnalysis(metrics: LiveMetrics, live: ResolvedLive, o: LiveAnalysisOptions = {}): StepAnalysis {
  const now = o.now ?? Date.now;
  return {
    async run(step, ctx) {
      const at = now();
      const w = liveWindow(at, { windowMs: live.windowMs, delayMs: metrics.info.delayMs, since: step.since ?? at - live.windowMs });
      if (!w) {
        const reason = `live: no window to judge yet: data of this step can only have arrived after ${new Date((step.since ?? at) + metrics.info.delayMs).toISOString()} (source ${metrics.info.name}, delay ${metrics.info.delayMs} ms)`;
        return { status: 'inconclusive', reasons: [reason], breach: false, checks: [], window: null };
      }
      const window = { from: w.from.toISOString(), to: w.to.toISOString() };
      let checks: CheckResult[];
      try {
        const { data } = await queryWithRetry(metrics, { ...w, revisions: [ctx.revisions.blue, ctx.revisions.green] }, { retries: live.queryRetries, signal: ctx.signal, ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}) });
        checks = analyseWindow({ source: metrics.info, ...w, blue: data[ctx.revisions.blue]!, green: data[ctx.revisions.green]! }, live);
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        checks = [queryError(metrics, window, live.queryRetries, e)];
      }
      const v = windowVerdict(checks);
      const file = join(ctx.runDir, 'live', `live-${step.index + 1}-${step.attempt}.json`);
      const result: AnalysisResult = { status: v.status, reasons: v.reasons, breach: v.breach, checks, window, file };
      await mkdir(join(ctx.runDir, 'live'), { recursive: true });
      await writeFile(file, `${JSON.stringify({ step: step.index + 1, weight: step.weight, n: step.attempt, final: step.final ?? false, at: new Date(at).toISOString(), source: metrics.info, status: v.status, breach: v.breach, window, checks }, null, 2)}\n`);
      return result;
    },
  };
}

/** The check of a window whose query failed after every retry. */
function queryError(metrics: LiveMetrics, window: { from: string; to: string }, retries: number, e: unknown): CheckResult {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code ?? 'RG_MONITOR_QUERY';
  return {
    id: 'live.query', name: 'live metrics query', kind: 'live', expr: 'query succeeds', advisory: false, value: null, n: 0, status: 'error',
    reason: `live metrics query failed after ${retries + 1} attempt${retries === 0 ? '' : 's'} [${code}]: ${message}`,
    live: { source: metrics.info.name, ...window, delayMs: metrics.info.delayMs, blue: null, green: null, breach: false },
  };
}
