// Display text shared by the Markdown and HTML renderings (plain strings; each renderer escapes).
import { formatDelta, formatValue } from '../gate/format.js';
import type { Diff, MetricDelta, ScoreChange, UsageSide } from './model.js';

/** Said after "selected N of M cases (…)": what the selection did to the diff. */
export const SELECTION_NOTE = 'both runs are restricted to these case ids and every metric below is recomputed from them';

/** Metrics shown per tag (the diff model has them all); `@k` names match whatever k the runs used. */
const TAG_KEYS = ['ref.rougeL.mean', 'rag.recall@', 'assert.pass_rate', 'error_rate', 'refusal_rate', 'latency.p95'];

/** One row per tag: the tag, its cases in A and B, then "A → B (direction)" per key metric. */
export function tagTable(diff: Diff): { header: string[]; rows: string[][] } {
  const present = new Set(diff.tags.flatMap((t) => t.metrics.map((m) => m.name)));
  const columns = TAG_KEYS.flatMap((key) => [...present].filter((n) => (key.endsWith('@') ? n.startsWith(key) : n === key)).sort());
  const rows = diff.tags.map((t) => [
    t.tag,
    t.casesA === t.casesB ? String(t.casesA) : `${t.casesA} → ${t.casesB}`,
    ...columns.map((name) => {
      const m = t.metrics.find((x) => x.name === name);
      if (m === undefined) return '';
      const dir = m.direction === 'better' || m.direction === 'worse' ? ` (${m.direction})` : '';
      return `${valueText(m, m.a)} → ${valueText(m, m.b)}${dir}`;
    }),
  ]);
  return { header: ['tag', 'cases', ...columns], rows };
}

/** "−37 (−0.13%)": a signed change and its relative size. */
export function changeText(delta: string, relative: number | null): string {
  const rel = relativeText(relative);
  return rel === '' ? delta : `${delta} (${rel})`;
}

export function valueText(m: MetricDelta, value: number | null): string {
  return formatValue(value, m.unit);
}

/** Signed B − A in the metric's unit; empty when a side has no value. */
export function deltaText(m: MetricDelta): string {
  return m.delta === null ? '' : formatDelta(m.delta, m.unit);
}

/** Relative change as a signed percentage: +12.5%, -3%; empty when there is no base. */
export function relativeText(relative: number | null): string {
  if (relative === null || !Number.isFinite(relative)) return '';
  const pct = +(relative * 100).toFixed(Math.abs(relative) < 0.01 ? 2 : 1);
  return `${pct > 0 ? '+' : ''}${pct === 0 ? 0 : pct}%`;
}

export function directionText(m: Pick<MetricDelta, 'direction' | 'delta' | 'noise' | 'unit'>): string {
  if (m.direction === 'same' && m.noise !== undefined && m.delta !== null && m.delta !== 0)
    return `same (within noise ±${formatValue(m.noise, m.unit)})`;
  return m.direction ?? '';
}

/** Whole tokens with thousands separators. */
export function tokensText(tokens: number | null): string {
  return tokens === null ? 'n/a' : Math.round(tokens).toLocaleString('en-US');
}

/** A signed whole number of tokens: +1,204, -37. */
export function signedTokens(tokens: number): string {
  const text = tokensText(tokens);
  return tokens > 0 && text !== '0' ? `+${text}` : text;
}

/** A USD amount to 4 significant digits: $1.234, $0.01234. */
export function usdText(usd: number | null, signed = false): string {
  if (usd === null) return 'n/a';
  const sign = usd < 0 ? '-' : signed && usd > 0 ? '+' : '';
  return `${sign}$${String(+Math.abs(usd).toPrecision(4))}`;
}

export function priceText(side: UsageSide): string {
  return side.price === null ? 'no prices given' : `$${side.price.inputPerMillion} in / $${side.price.outputPerMillion} out per 1M tokens`;
}

export function scoreText(change: ScoreChange): string {
  return `${change.a.toFixed(3)} → ${change.b.toFixed(3)} (${change.delta > 0 ? '+' : ''}${change.delta.toFixed(3)}, ${change.direction})`;
}

/** "12 metrics better, 3 worse, 20 the same" over the compared sides' revision metrics. */
export function tallyText(diff: Diff): string {
  const count = (d: MetricDelta['direction']) => diff.metrics.filter((m) => m.direction === d).length;
  return `${count('better')} metrics better, ${count('worse')} worse, ${count('same')} unchanged`;
}

/** "2 regressed, 1 improved, 0 new, 0 removed (of 120 matched cases)". */
export function caseTallyText(diff: Diff): string {
  const c = diff.cases.counts;
  return `${c.regressed} regressed, ${c.improved} improved, ${c.new} new, ${c.removed} removed (${diff.cases.matched} cases in both runs)`;
}

/** The rows of the tokens-and-cost table (per 1,000 requests: A, B, B − A), shared by the Markdown and HTML diffs. */
export function usageRows(u: NonNullable<Diff['usage']>): { rows: string[][]; priced: boolean } {
  const rows = [
    ['input tokens', tokensText(u.a.promptPer1k), tokensText(u.b.promptPer1k), ''],
    ['output tokens', tokensText(u.a.completionPer1k), tokensText(u.b.completionPer1k), ''],
    [
      'total tokens',
      tokensText(u.a.totalPer1k),
      tokensText(u.b.totalPer1k),
      u.tokensDelta === null ? '' : changeText(signedTokens(u.tokensDelta), u.tokensRelative),
    ],
  ];
  const priced = u.a.price !== null || u.b.price !== null;
  if (priced)
    rows.push([
      'cost (USD)',
      usdText(u.a.costPer1k),
      usdText(u.b.costPer1k),
      u.costDelta === null ? '' : changeText(usdText(u.costDelta, true), u.costRelative),
    ]);
  return { rows, priced };
}
