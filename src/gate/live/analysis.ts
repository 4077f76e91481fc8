// One live window judged, pure: green against blue over the same [from, to) from a LiveMetrics
// source → CheckResult[] (kind 'live'): the 5xx rate (Fisher exact + Newcombe interval), restarts
// where the source reports them, and latency (Mann-Whitney U + Hodges-Lehmann on raw samples, or
// the p95 ratio where only aggregates exist). p-values are Holm-adjusted within the window.
import { decideErrorRate, decideLatencyShift, decideP95Ratio, decideRestarts, type LiveDecision, type LiveLimits } from './decide.js';
import type { CheckResult, CheckStatistics, LiveEvidence, LiveRevisionValues, Status } from '../../model/verdict.js';
import { worst } from '../verdict.js';
import { fisherExact, hodgesLehmann, holm, mannWhitneyU, newcombeDiffCI, quantileSorted } from '../../stats/index.js';
import type { LiveSourceInfo, RevisionWindow } from '../../model/live.js';

/** One window of both revisions, as queried from a source. */
export interface LiveWindowData {
  source: LiveSourceInfo;
  from: Date;
  to: Date;
  blue: RevisionWindow;
  green: RevisionWindow;
}

/** The window's checks folded: worst status, any clear breach, the reasons of the non-passing checks. */
export interface WindowVerdict {
  status: Status;
  breach: boolean;
  reasons: string[];
}

const OUTCOME = { pass: 'no-change', fail: 'regression', inconclusive: 'insufficient-data', error: 'insufficient-data' } as const;

/** Judge one window: every check records the source, the window, both revisions' values, the test, the limit and the decision. */
export function analyseWindow(data: LiveWindowData, limits: LiveLimits): CheckResult[] {
  const { blue, green } = data;
  const samples = data.source.has.latencySamples && blue.latencyMs !== null && green.latencyMs !== null;
  const fisher = fisherExact(green.errors5xx, green.requests - green.errors5xx, blue.errors5xx, blue.requests - blue.errors5xx);
  const mw = samples ? mannWhitneyU(green.latencyMs!, blue.latencyMs!) : null;
  const [pErrors, pLatency] = holm([fisher.pValue, mw?.pValue ?? null]);
  const evidence = (breach: boolean): LiveEvidence => ({
    source: data.source.name,
    from: data.from.toISOString(),
    to: data.to.toISOString(),
    delayMs: data.source.delayMs,
    blue: values(blue),
    green: values(green),
    breach,
  });
  const checks: CheckResult[] = [errorRateCheck(data, limits, fisher.pValue, pErrors ?? null, evidence)];
  if (data.source.has.restarts && green.restarts !== null) {
    const d = decideRestarts(green.restarts, blue.restarts);
    checks.push(
      check(
        'live.restarts',
        'live restarts',
        'green.restarts == 0',
        d,
        { value: green.restarts, blue: blue.restarts, green: green.restarts, limit: 0, n: 1, metric: 'restarts' },
        evidence(d.breach),
      ),
    );
  }
  if (mw) checks.push(latencyShiftCheck(blue.latencyMs!, green.latencyMs!, limits, mw.pValue, pLatency ?? null, evidence));
  else if (data.source.has.latencyQuantiles) checks.push(p95RatioCheck(data, limits, evidence));
  return checks;
}

/** Worst status of the window's checks (pass < inconclusive < error < fail) and whether any is a clear breach. */
export function windowVerdict(checks: readonly CheckResult[]): WindowVerdict {
  const status = checks.reduce<Status>((s, c) => worst(s, c.status), checks.length === 0 ? 'inconclusive' : 'pass');
  return {
    status,
    breach: checks.some((c) => c.live?.breach === true),
    reasons: checks.filter((c) => c.status !== 'pass').map((c) => c.reason),
  };
}

function errorRateCheck(
  data: LiveWindowData,
  limits: LiveLimits,
  pRaw: number | null,
  pAdj: number | null,
  evidence: (b: boolean) => LiveEvidence,
): CheckResult {
  const { blue, green } = data;
  const ci = newcombeDiffCI(green.errors5xx, green.requests, blue.errors5xx, blue.requests, limits.confidence);
  const interval: [number, number] | null = ci.lower !== null && ci.upper !== null ? [ci.lower, ci.upper] : null;
  const d = decideErrorRate(
    {
      blue: { requests: blue.requests, errors: blue.errors5xx },
      green: { requests: green.requests, errors: green.errors5xx },
      pValue: pAdj,
      interval,
    },
    limits,
  );
  const rate = (w: RevisionWindow) => (w.requests > 0 ? w.errors5xx / w.requests : null);
  const stats: CheckStatistics = {
    test: 'Fisher exact (two-sided) + Newcombe hybrid score interval of green − blue',
    pValue: pRaw,
    pAdjusted: pAdj,
    estimate: ci.estimate,
    interval,
    confidence: limits.confidence,
    effectSize: null,
    minEffect: limits.maxErrorRateIncrease,
    noiseFloor: null,
    outcome: OUTCOME[d.status],
    n: blue.requests + green.requests,
    needed:
      d.status === 'inconclusive' && Math.min(blue.requests, green.requests) < limits.minRequests
        ? `${limits.minRequests} requests per revision`
        : null,
  };
  const g = rate(green);
  return check(
    'live.error_rate',
    'live 5xx rate',
    `green.error_rate <= ${limits.maxErrorRate} && delta.error_rate <= ${limits.maxErrorRateIncrease}`,
    d,
    { value: g, blue: rate(blue), green: g, limit: limits.maxErrorRate, n: blue.requests + green.requests, metric: 'error_rate' },
    evidence(d.breach),
    stats,
  );
}

function latencyShiftCheck(
  blue: number[],
  green: number[],
  limits: LiveLimits,
  pRaw: number | null,
  pAdj: number | null,
  evidence: (b: boolean) => LiveEvidence,
): CheckResult {
  const hl = hodgesLehmann(blue, green, limits.confidence); // green − blue
  const interval: [number, number] | null = hl.lower !== null && hl.upper !== null ? [hl.lower, hl.upper] : null;
  const d = decideLatencyShift({ nBlue: blue.length, nGreen: green.length, pValue: pAdj, estimate: hl.estimate, interval }, limits);
  const stats: CheckStatistics = {
    test: 'Mann-Whitney U (two-sided) + Hodges-Lehmann shift of green − blue',
    pValue: pRaw,
    pAdjusted: pAdj,
    estimate: hl.estimate,
    interval,
    confidence: limits.confidence,
    effectSize: null,
    minEffect: limits.maxLatencyShiftMs,
    noiseFloor: null,
    outcome: OUTCOME[d.status],
    n: blue.length + green.length,
    needed: null,
  };
  return check(
    'live.latency_shift',
    'live latency shift',
    `delta.latency <= ${limits.maxLatencyShiftMs}ms`,
    d,
    {
      value: hl.estimate,
      blue: median(blue),
      green: median(green),
      limit: limits.maxLatencyShiftMs,
      n: blue.length + green.length,
      metric: 'latency',
    },
    evidence(false),
    stats,
  );
}

function p95RatioCheck(data: LiveWindowData, limits: LiveLimits, evidence: (b: boolean) => LiveEvidence): CheckResult {
  const b = values(data.blue).p95;
  const g = values(data.green).p95;
  const d = decideP95Ratio({ nBlue: data.blue.requests, nGreen: data.green.requests, blue: b, green: g }, limits);
  const ratio = b !== null && g !== null && b > 0 ? g / b : null;
  return check(
    'live.latency_p95_ratio',
    'live latency p95 ratio',
    `ratio.latency.p95 <= ${limits.maxP95Ratio}`,
    d,
    { value: ratio, blue: b, green: g, limit: limits.maxP95Ratio, n: data.blue.requests + data.green.requests, metric: 'latency.p95' },
    evidence(false),
  );
}

type Numbers = Pick<CheckResult, 'value' | 'blue' | 'green' | 'limit' | 'n' | 'metric'>;

function check(
  id: string,
  name: string,
  expr: string,
  d: LiveDecision,
  nums: Numbers,
  live: LiveEvidence,
  stats?: CheckStatistics,
): CheckResult {
  return { id, name, kind: 'live', expr, advisory: false, ...nums, status: d.status, reason: d.reason, ...(stats ? { stats } : {}), live };
}

/** What the check records of one revision: counts, rates, quantiles (from samples when the source has them). */
function values(w: RevisionWindow): LiveRevisionValues {
  const sorted = w.latencyMs ? [...w.latencyMs].sort((a, b) => a - b) : null;
  const q = (p: number, agg: number | null | undefined) => agg ?? (sorted && sorted.length > 0 ? quantileSorted(sorted, p) : null);
  return {
    revision: w.revision,
    requests: w.requests,
    errors5xx: w.errors5xx,
    errors4xx: w.errors4xx,
    errorRate: w.requests > 0 ? w.errors5xx / w.requests : null,
    latencySamples: w.latencyMs?.length ?? 0,
    p50: q(0.5, w.latency?.p50),
    p95: q(0.95, w.latency?.p95),
    restarts: w.restarts,
  };
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  return quantileSorted(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
}
