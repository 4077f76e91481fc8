// Metric deltas, A against B: values, difference, relative change and direction, in catalog order.
import { lookupMetric } from '../gate/metric-lookup.js';
import { METRICS, type MetricDef } from '../scoring/catalog.js';
import type { FlatMetrics } from '../model/metrics.js';
import type { Direction, MetricDelta } from './model.js';
import { noiseBand, type NoiseInput } from './noise.js';

/** Differences this small are float noise, not a change. */
const EPSILON = 1e-12;

/** Deltas of every catalog metric of `kind` present in both maps, skipping rows with no value on either side. */
export function metricDeltas(
  a: FlatMetrics,
  b: FlatMetrics,
  kind: MetricDef['kind'],
  cases?: { a: NoiseInput; b: NoiseInput },
): MetricDelta[] {
  const names = Object.keys(a).filter((name) => Object.hasOwn(b, name));
  const known = names.flatMap((name) => {
    const def = lookupMetric(name);
    return def?.kind === kind ? [{ name, def, order: METRICS.indexOf(def) }] : [];
  });
  known.sort((x, y) => x.order - y.order || x.name.localeCompare(y.name));
  return known
    .map(({ name, def }) => {
      const d = metricDelta(name, def, a[name]!, b[name]!);
      const band = cases && def.unit !== 'count' ? noiseBand(def.name, def.unit, a[name]!, b[name]!, cases.a, cases.b) : null;
      // A change inside the band is sampling noise between the runs: not a change.
      if (band === null) return d;
      return { ...d, noise: band, direction: d.delta !== null && Math.abs(d.delta) <= band ? 'same' : d.direction };
    })
    .filter((d) => d.a !== null || d.b !== null);
}

/** One metric's delta; direction from `higherIsBetter`, none for sizes (cases, attempts). */
export function metricDelta(name: string, def: MetricDef, a: FlatMetrics[string], b: FlatMetrics[string]): MetricDelta {
  const delta = a.value !== null && b.value !== null ? b.value - a.value : null;
  return {
    name,
    unit: def.unit,
    kind: def.kind,
    higherIsBetter: def.higherIsBetter,
    a: a.value,
    b: b.value,
    nA: a.n,
    nB: b.n,
    delta,
    relative: relativeChange(a.value, b.value),
    direction: def.unit === 'count' ? null : directionOf(delta, def.higherIsBetter),
  };
}

/** (b − a) / |a|; null when a is missing or zero (no meaningful base). */
export function relativeChange(a: number | null, b: number | null): number | null {
  if (a === null || b === null || Math.abs(a) < EPSILON) return null;
  return (b - a) / Math.abs(a);
}

/** better / worse / same for a signed change of a metric oriented by `higherIsBetter`. */
export function directionOf(delta: number | null, higherIsBetter: boolean): Direction {
  if (delta === null || !Number.isFinite(delta)) return null;
  if (Math.abs(delta) < EPSILON) return 'same';
  return delta > 0 === higherIsBetter ? 'better' : 'worse';
}
