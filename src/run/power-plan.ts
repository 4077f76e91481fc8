// Power before the run (`revgate validate`, the start of `compare`): the noise of a baseline run
// (a previous run, or `revgate calibrate`'s blue-vs-blue run) and the suite's size give, for each
// `test:` threshold, the smallest effect the suite can detect; margins below it are warned about.
import type { ResolvedSuite } from '../config/resolved.js';
import { detectableEffects, type DetectableEffect } from '../gate/statistical/power.js';
import { formatStat } from '../gate/statistical/format.js';
import type { ComparisonData } from '../model/metrics.js';
import type { Report } from '../model/report.js';
import { ComparisonAccumulator } from '../scoring/comparison.js';

/** The comparison data of a finished run, as its statistical tests saw it. */
export function comparisonOf(report: Report): ComparisonData {
  const acc = new ComparisonAccumulator({ k: Number(report.config.scoring['k'] ?? 5) });
  for (const c of report.cases) acc.add(c);
  return acc.result();
}

/** Detectable effects of the suite's voting tests at its size and repeats. */
export function powerPlan(suite: ResolvedSuite, baseline: Report | null): DetectableEffect[] {
  return detectableEffects(
    suite.statSpecs,
    baseline ? comparisonOf(baseline) : null,
    { cases: suite.cases.length, repeats: suite.sampling.repeats },
    { ...suite.statistics, minCases: suite.scoring.minCases },
  );
}

/** One line per test: its margin, what the suite can detect, and, when the margin is smaller, what would do. */
export function powerLines(
  effects: readonly DetectableEffect[],
  size: { cases: number; repeats: number },
): { line: string; warn: boolean }[] {
  return effects.map((e) => {
    const name = e.spec.test;
    const margin = formatStat(e.margin, e.unit);
    if (e.detectable === null) return { line: `${name}: margin ${margin}; detectable effect unknown (${e.basis})`, warn: false };
    const detectable = formatStat(e.detectable, e.unit);
    if (e.casesNeeded === null)
      return {
        line: `${name}: margin ${margin} ≥ detectable ${detectable} at ${size.cases} cases × ${size.repeats} (${e.basis})`,
        warn: false,
      };
    return {
      line:
        `${name}: margin ${margin} is below the ${detectable} this suite can detect at ${size.cases} cases × ${size.repeats} (${e.basis}): ` +
        `a harmless release will mostly end inconclusive; about ${e.casesNeeded} cases would detect ${margin}, or widen the margin, or set sampling.maxAttempts`,
      warn: true,
    };
  });
}
