// "What would decide it": sample-size sentences for insufficient-data checks (power functions in src/stats/power.ts).
import { pairedSampleSize, proportionSampleSize } from '../../stats/index.js';
import { formatStat } from './format.js';
import type { Measurement } from './measure.js';
import type { StatUnit } from './tests.js';
import type { StatisticsConfig } from '../../model/verdict.js';

/** A sentence such as "about 140 more cases at the observed sd 0.12 to resolve a 0.03 effect". */
export function neededFor(m: Measurement, minEffect: number, unit: StatUnit, options: StatisticsConfig): string {
  const { alpha, power } = options;
  const sizing = m.sizing;
  const effect = formatStat(minEffect, unit);
  if (sizing === null) return 'more data';
  switch (sizing.kind) {
    case 'paired': {
      // z approximation to the paired t test: n = ((z_{1−α/2} + z_{1−β})·σ_d/δ)².
      const r = pairedSampleSize({ sd: sizing.sd, minEffect, alpha, power, have: m.n });
      return more(r.more, sizing.noun, `at the observed sd ${formatStat(sizing.sd, unit)} to resolve a ${effect} effect`);
    }
    case 'shift': {
      // Two independent samples, normal approximation: n per group = 2((z_{1−α/2} + z_{1−β})·σ/δ)²,
      // i.e. the paired formula with σ_d = σ·√2 (pooled sd σ); Mann-Whitney needs ~5% more (ARE 3/π).
      const r = pairedSampleSize({ sd: sizing.sd * Math.SQRT2, minEffect, alpha, power, have: m.n });
      return more(r.more, 'samples per revision', `at the observed sd ${formatStat(sizing.sd, unit)} to resolve a ${effect} shift`);
    }
    case 'proportion': {
      const p2 = Math.min(1, sizing.blueRate + minEffect);
      const r = proportionSampleSize({ p1: sizing.blueRate, p2, alpha, power, have: m.n });
      return more(r.more, 'attempts per revision', `to resolve a ${effect} rise from ${formatStat(sizing.blueRate, 'rate')}`);
    }
    case 'ratio':
      return 'more samples per revision (interval-only check: a narrower ratio interval)';
  }
}

function more(count: number | null, noun: string, tail: string): string {
  if (count === null) return `more ${noun}`;
  // The power formula can be met already while the interval still straddles the margin
  // (the estimate sits near it): more data still narrows the interval.
  if (count === 0) return `more ${noun}: the estimate sits near the margin`;
  return `about ${count} more ${noun} ${tail}`;
}
