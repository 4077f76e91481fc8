// Live-analysis rollouts against real servers: pharmabot revisions behind the real local proxy,
// user traffic sent through it (scripts/user-traffic.ts), the engine wired as the CLI wires it.
import type { PharmabotOptions } from '../../reference/pharmabot/index.js';
import { loadSuite } from '../../src/config/load-suite.js';
import type { ResolvedLive } from '../../src/rollout/options.js';
import { createLocalLiveMetrics } from '../../src/monitor/local/index.js';
import type { LiveMetrics } from '../../src/model/live.js';
import { liveAnalysis } from '../../src/rollout/live.js';
import { OwnTraffic } from '../../src/rollout/own-traffic.js';
import type { RolloutEvent } from '../../src/rollout/types.js';
import { startUserTraffic, type UserTrafficOptions } from '../../scripts/user-traffic.js';
import { faulty, type Faults } from './faulty-router.js';
import { bench, engine, type Bench, type EngineRun } from './helpers.js';

export type LiveEvent = Extract<RolloutEvent, { type: 'live' }>;

/** A bench whose rollout has `live` (merged over fast defaults) and `steps`. */
export async function liveBench(o: {
  live?: Record<string, unknown>;
  steps: unknown[];
  onInconclusive?: string;
  green?: PharmabotOptions;
}): Promise<Bench> {
  return bench({
    router: true,
    ...(o.green ? { green: o.green } : {}),
    rollout: {
      steps: o.steps,
      keepPrevious: '100ms',
      ...(o.onInconclusive ? { onInconclusive: o.onInconclusive } : {}),
      live: { source: 'local', interval: '250ms', window: '1s', minRequests: 20, maxLatencyShift: '30ms', queryRetries: 2, ...o.live },
    },
  });
}

export interface LiveRunOptions {
  /** Wrap or replace the source (default: the proxy's counters). */
  source?: (local: LiveMetrics) => LiveMetrics;
  delayMs?: number;
  /** User traffic through the proxy; null sends none. */
  traffic?: Partial<UserTrafficOptions> | null;
  faults?: Faults;
}

/** Run the engine with live analysis while user traffic flows through the proxy. */
export async function liveRun(b: Bench, o: LiveRunOptions = {}): Promise<EngineRun & { live: LiveEvent[]; config: ResolvedLive }> {
  const { suite } = await loadSuite(b.suiteFile, { cwd: b.dir, env: {} });
  const config = suite.rollout!.live!;
  const local = createLocalLiveMetrics(b.router!.router, o.delayMs !== undefined ? { delayMs: o.delayMs } : {});
  const metrics = o.source ? o.source(local) : local;
  const traffic = o.traffic === null ? null : startUserTraffic({ url: b.router!.url, workers: 4, ...o.traffic });
  const { router } = faulty(b.router!.router, o.faults ?? {});
  try {
    const own = new OwnTraffic();
    const r = await engine(b, router, { own, live: liveAnalysis(metrics, config, own, { backoffMs: 20 }) });
    return { ...r, live: r.events.filter((e): e is LiveEvent => e.type === 'live'), config };
  } finally {
    await traffic?.stop();
  }
}

/** Epoch ms of an event. */
export const at = (e: RolloutEvent) => Date.parse(e.at);
