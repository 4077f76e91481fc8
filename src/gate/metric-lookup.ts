// Catalog look-ups the gate needs beyond src/scoring/catalog.ts: by concrete name whatever k,
// and the closest name for "did you mean" hints.
import { METRICS, metricName, type MetricDef } from '../scoring/catalog.js';

/** The catalog entry of a concrete metric name, whatever k a `{k}` name carries (`rag.hit@10`). */
export function lookupMetric(name: string): MetricDef | undefined {
  return METRICS.find((def) => def.name === name || kPattern(def)?.test(name) === true);
}

/** The k written in a `@{k}` metric name (`rag.recall@10` → 10), when the name has that form. */
export function writtenK(name: string): number | undefined {
  const def = lookupMetric(name);
  if (!def?.name.includes('{k}')) return undefined;
  return Number(name.slice(name.lastIndexOf('@') + 1));
}

/** The catalog names (for this k) closest to `name` by edit distance, all ties, when plausibly a typo. */
export function closestMetrics(name: string, k: number): string[] {
  const scored = METRICS.map((def) => metricName(def, k)).map((candidate) => ({
    candidate,
    distance: editDistance(name.toLowerCase(), candidate.toLowerCase()),
  }));
  const best = Math.min(...scored.map((s) => s.distance));
  // Beyond ~40% of the name changed, a suggestion is noise ("foo" → "cases").
  if (best > Math.max(2, Math.ceil(name.length * 0.4))) return [];
  return scored.filter((s) => s.distance === best).map((s) => s.candidate);
}

/** Levenshtein distance (insert, delete, substitute; unit costs), two-row dynamic programming. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function kPattern(def: MetricDef): RegExp | undefined {
  if (!def.name.includes('{k}')) return undefined;
  const [before, after] = def.name.split('{k}') as [string, string];
  return new RegExp(`^${escape(before)}[1-9]\\d*${escape(after)}$`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
