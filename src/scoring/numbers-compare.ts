// Numeric consistency of an answer with its reference: matched, changed, missing and added quantities.
import {
  agree,
  extractQuantities,
  type CompareOptions,
  type Quantity,
  type QuantityComparison,
  type QuantityDimension,
  type QuantityPair,
} from './numbers.js';
import { memoLast } from './memo.js';

/*
 * Matching heuristic.
 * 1. Matched: same dimension and canonical unit, values (and range ends) within relTolerance; position in
 *    the text does not matter. Ties go to the most similar context, then the nearest relative position.
 * 2. Changed: among the rest, same dimension and context similarity ≥ MIN_CONTEXT_SIMILARITY, paired
 *    greedily most similar first. Context = the lower-cased words of the quantity's sentence, up to 4 before
 *    the number and 2 after it; similarity = Jaccard of the two word sets ("treated for 1-3 days" vs
 *    "treated for 5-7 days" = 1).
 * 3. Changed too: when exactly one quantity of a unit-bearing dimension is left unpaired on each side
 *    ("Take 400 mg." vs "Dosage: 800 mg"). Bare numbers and years only pair by context.
 * Bare numbers (unit null) pair only with bare numbers: the dimension must agree at every step.
 */
const CONTEXT_BEFORE = 4;
const CONTEXT_AFTER = 2;

/** Least context similarity (Jaccard) for two unmatched quantities to count as one changed quantity. */
export const MIN_CONTEXT_SIMILARITY = 0.2;
const SENTENCE_END = /[.!?;:\n](?:\s|$)/;

// Lower-cased words around a quantity in its sentence: up to 4 before, 2 after.
function contextWords(text: string, q: Quantity): Set<string> {
  const end = q.index + q.raw.length;
  const before =
    text
      .slice(Math.max(0, q.index - 120), q.index)
      .split(SENTENCE_END)
      .pop() ?? '';
  const after = text.slice(end, end + 80).split(SENTENCE_END)[0] ?? '';
  const words = (t: string): string[] => t.toLowerCase().match(/\p{L}+/gu) ?? [];
  return new Set([...words(before).slice(-CONTEXT_BEFORE), ...words(after).slice(0, CONTEXT_AFTER)]);
}

function jaccardWords(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

// Greedy one-to-one pairing over eligible (ref, got) pairs: most similar context first,
// then nearest relative position, then text order.
function pairGreedy(
  refs: readonly Quantity[],
  gots: readonly Quantity[],
  sims: readonly number[][],
  usedRef: boolean[],
  usedGot: boolean[],
  eligible: (r: Quantity, g: Quantity, sim: number) => boolean,
): QuantityPair[] {
  const edges: { i: number; j: number; sim: number; dist: number }[] = [];
  refs.forEach((r, i) => {
    if (usedRef[i]) return;
    gots.forEach((g, j) => {
      const sim = sims[i]![j]!;
      if (!usedGot[j] && eligible(r, g, sim)) edges.push({ i, j, sim, dist: Math.abs(i / refs.length - j / gots.length) });
    });
  });
  edges.sort((a, b) => b.sim - a.sim || a.dist - b.dist || a.i - b.i || a.j - b.j);
  const pairs: QuantityPair[] = [];
  for (const e of edges) {
    if (usedRef[e.i] || usedGot[e.j]) continue;
    usedRef[e.i] = usedGot[e.j] = true;
    pairs.push({ ref: refs[e.i]!, got: gots[e.j]! });
  }
  return pairs;
}

/**
 * extractQuantities() of a text with each quantity's context words, for the texts compared last
 * (shared, read-only): a case's reference and answers are compared several times.
 */
export const quantitiesOf = memoLast((text: string): { quantities: Quantity[]; contexts: Set<string>[] } => {
  const quantities = extractQuantities(text);
  return { quantities, contexts: quantities.map((q) => contextWords(text, q)) };
});

// Reference quantities matched, changed or missing in the candidate, and the candidate's added ones.
export function compareQuantities(reference: string, candidate: string, options: CompareOptions = {}): QuantityComparison {
  const tol = options.relTolerance ?? 0.01;
  const { quantities: refs, contexts: refCtx } = quantitiesOf(reference);
  const { quantities: gots, contexts: gotCtx } = quantitiesOf(candidate);
  const sims = refCtx.map((a) => gotCtx.map((b) => jaccardWords(a, b)));
  const usedRef = refs.map(() => false);
  const usedGot = gots.map(() => false);
  const matched = pairGreedy(refs, gots, sims, usedRef, usedGot, (r, g) => agree(r, g, tol));
  const changed = pairGreedy(
    refs,
    gots,
    sims,
    usedRef,
    usedGot,
    (r, g, sim) => r.dimension === g.dimension && sim >= MIN_CONTEXT_SIMILARITY,
  );
  const left = (qs: readonly Quantity[], used: boolean[], dim: QuantityDimension): number[] =>
    qs.flatMap((q, i) => (!used[i] && q.dimension === dim ? [i] : []));
  for (const dim of new Set(refs.map((q) => q.dimension))) {
    if (dim === null || dim === 'year') continue;
    const r = left(refs, usedRef, dim);
    const g = left(gots, usedGot, dim);
    if (r.length === 1 && g.length === 1) {
      usedRef[r[0]!] = usedGot[g[0]!] = true;
      changed.push({ ref: refs[r[0]!]!, got: gots[g[0]!]! });
    }
  }
  changed.sort((a, b) => a.ref.index - b.ref.index);
  const missing = refs.filter((_, i) => !usedRef[i]);
  const added = gots.filter((_, i) => !usedGot[i]);
  return { matched, changed, missing, added, consistency: refs.length === 0 ? null : matched.length / refs.length };
}

const fmt = (x: number): string => String(Number(x.toPrecision(4)));

// A quantity for display: its text, plus the canonical value when the unit was inherited from a list.
function show(q: Quantity): string {
  const raw = q.raw.replace(/\s+/g, ' ').trim();
  if (q.unit === null || /[^\d.,\s]/.test(raw)) return raw;
  return `${raw} (${fmt(q.value)}${q.max === undefined ? '' : `-${fmt(q.max)}`} ${q.unit})`;
}

// One human line of what changed, went missing and was added (at most maxItems items); '' when nothing did.
export function numericSummary(result: QuantityComparison, maxItems = 5): string {
  const groups: [string, string[]][] = [
    ['changed', result.changed.map((p) => `${show(p.ref)} → ${show(p.got)}`)],
    ['missing', result.missing.map(show)],
    ['added', result.added.map(show)],
  ];
  let budget = maxItems;
  let hidden = 0;
  const parts: string[] = [];
  for (const [label, items] of groups) {
    const shown = items.slice(0, budget);
    budget -= shown.length;
    hidden += items.length - shown.length;
    if (shown.length > 0) parts.push(`${label}: ${shown.join(', ')}`);
  }
  if (hidden > 0) parts.push(`+${hidden} more`);
  return parts.join('; ');
}
