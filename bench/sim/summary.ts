// Tallies of simulated runs: verdict rates, per-check fail / inconclusive rates, detection rates,
// each with a Wilson 95% interval, and the Markdown tables printed by `npm run sim`.
import { wilsonInterval } from '../../src/stats/proportions.js';
import type { ResolvedSimOptions, RunOutcome, ScenarioRun } from './harness.js';

export interface Rate {
  k: number;
  n: number;
  rate: number;
  /** Wilson 95% interval. */
  ci: [number, number];
}

export function rate(k: number, n: number): Rate {
  const w = wilsonInterval(k, n, 0.95);
  return { k, n, rate: n === 0 ? NaN : k / n, ci: [w.lower ?? NaN, w.upper ?? NaN] };
}

export interface CheckTally {
  fail: Rate;
  inconclusive: Rate;
  pass: Rate;
  /** Share of runs with an unadjusted p < 0.05 (calibration: ≈ 5% under A/A for a continuous test). */
  rawP05: Rate;
  /** Median estimate and median interval half-width over the runs (the noise the margin must beat). */
  medianEstimate: number | null;
  medianHalfWidth: number | null;
  medianN: number;
}

export interface ScenarioSummary {
  key: string;
  title: string;
  expect: string | null;
  runs: number;
  seconds: number;
  verdict: { pass: Rate; fail: Rate; inconclusive: Rate; error: Rate };
  checks: Record<string, CheckTally>;
  /** Runs in which at least one (advisory) fixed threshold failed. */
  fixedFail: Rate;
  /** Each fixed threshold's failures. */
  fixedByCheck: Record<string, number>;
  /** Regressions only: verdict fail AND the matching check failed. */
  detection: Rate | null;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarize(r: ScenarioRun): ScenarioSummary {
  const runs = r.runs;
  const n = runs.length;
  const count = (f: (x: RunOutcome) => boolean): number => runs.filter(f).length;
  const names = [...new Set(runs.flatMap((x) => Object.keys(x.checks)))];
  const checks: Record<string, CheckTally> = {};
  for (const name of names) {
    const of = runs.map((x) => x.checks[name]).filter((c) => c !== undefined);
    const withP = of.filter((c) => c.p !== null);
    checks[name] = {
      fail: rate(of.filter((c) => c.status === 'fail').length, n),
      inconclusive: rate(of.filter((c) => c.status === 'inconclusive').length, n),
      pass: rate(of.filter((c) => c.status === 'pass').length, n),
      rawP05: rate(withP.filter((c) => c.p! < 0.05).length, withP.length),
      medianEstimate: median(of.flatMap((c) => (c.est === null ? [] : [c.est]))),
      medianHalfWidth: median(of.flatMap((c) => (c.lo === null || c.hi === null ? [] : [(c.hi - c.lo) / 2]))),
      medianN: median(of.map((c) => c.n)) ?? 0,
    };
  }
  const fixedByCheck: Record<string, number> = {};
  for (const x of runs) for (const f of x.fixedFailed) fixedByCheck[f] = (fixedByCheck[f] ?? 0) + 1;
  const expect = r.scenario.expect;
  return {
    key: r.scenario.key,
    title: r.scenario.title,
    expect,
    runs: n,
    seconds: r.ms / 1000,
    verdict: {
      pass: rate(
        count((x) => x.verdict === 'pass'),
        n,
      ),
      fail: rate(
        count((x) => x.verdict === 'fail'),
        n,
      ),
      inconclusive: rate(
        count((x) => x.verdict === 'inconclusive'),
        n,
      ),
      error: rate(
        count((x) => x.verdict === 'error'),
        n,
      ),
    },
    checks,
    fixedFail: rate(
      count((x) => x.fixedFailed.length > 0),
      n,
    ),
    fixedByCheck,
    detection:
      expect === null
        ? null
        : rate(
            count((x) => detected(x, expect)),
            n,
          ),
  };
}

/** A detection: the gate failed and the check made for this regression is among the failures. */
export function detected(x: RunOutcome, expect: string): boolean {
  return x.verdict === 'fail' && x.checks[expect]?.status === 'fail';
}

const pct = (r: Rate): string => (Number.isNaN(r.rate) ? '—' : `${(100 * r.rate).toFixed(1)}%`);
const withCi = (r: Rate): string => `${pct(r)} (${r.k}/${r.n}; ${(100 * r.ci[0]).toFixed(1)}–${(100 * r.ci[1]).toFixed(1)}%)`;

/** The A/A table: one row per statistical check, then the whole gate. */
export function aaTable(s: ScenarioSummary): string {
  const lines = [
    '| check | false alarm (fail) | inconclusive | pass | raw p < 0.05 | median estimate ± half-width (n) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const [name, c] of Object.entries(s.checks)) {
    const est =
      c.medianEstimate === null
        ? '—'
        : `${fmt(c.medianEstimate)} ± ${c.medianHalfWidth === null ? '—' : fmt(c.medianHalfWidth)} (${c.medianN})`;
    lines.push(
      `| ${name} | ${withCi(c.fail)} | ${pct(c.inconclusive)} | ${pct(c.pass)} | ${c.rawP05.n === 0 ? 'no p (interval only / all ties)' : `${pct(c.rawP05)} of ${c.rawP05.n}`} | ${est} |`,
    );
  }
  lines.push(`| **whole gate** | **${withCi(s.verdict.fail)}** | ${pct(s.verdict.inconclusive)} | **${pct(s.verdict.pass)}** | | |`);
  lines.push(`| fixed thresholds (advisory, separate) | ${withCi(s.fixedFail)} | | | | |`);
  return lines.join('\n');
}

/** The power table: one row per injected regression. */
export function powerTable(rows: readonly ScenarioSummary[]): string {
  const lines = [
    '| injected regression | matching check | detected (gate fail + check fail) | gate fail | check fail | check inconclusive | fixed thresholds fail |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of rows) {
    const c = s.expect === null ? undefined : s.checks[s.expect];
    lines.push(
      `| ${s.title} | ${s.expect} | **${s.detection ? withCi(s.detection) : '—'}** | ${pct(s.verdict.fail)} | ${c ? pct(c.fail) : '—'} | ${c ? pct(c.inconclusive) : '—'} | ${pct(s.fixedFail)} |`,
    );
  }
  return lines.join('\n');
}

export function paramsLine(o: ResolvedSimOptions, runs: number, powerRuns: number): string {
  return [
    `A/A runs ${runs}, runs per regression ${powerRuns}`,
    `${o.cases} MedQuAD cases per run (seeded shuffle) × ${o.repeats} repeats`,
    `warm-up ${o.warmup}`,
    `baseLatencyMs [${o.baseLatencyMs.join(', ')}]`,
    `concurrency ${o.concurrency}`,
    `stream ${o.stream}`,
    `bootstrap ${o.resamples}`,
    `alpha 0.05, confidence 0.95, Holm`,
    `master seed ${o.seed}`,
  ].join('; ');
}

function fmt(x: number): string {
  return Math.abs(x) >= 10 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(4);
}
