// Green vs blue on one case: drift, blue's own noise band (A/A), retrieved sets and quantities.
import { compareQuantities, numericSummary } from './numbers-compare.js';
import type { QuantityComparison } from './numbers.js';
import { jaccard, lostDocs } from './rag.js';
import { textScope } from './memo.js';
import { meanSimilarity, similarityIds, tokenIdsOf } from './text.js';
import type { NoiseBand, NoisePosition, PairCaseResult, PairNumbers, RevisionCaseResult, SimilarityScores } from '../model/metrics.js';

/** Output pairs compared for drift (green x blue) and for noise (blue x blue), at most. */
export const MAX_DRIFT_PAIRS = 25;

/** Differing quantities listed per case in `pair.numbers.changed`, at most. */
export const MAX_NUMBER_LINES = 5;

/** Slack when placing drift in the noise band, so float rounding of equal means stays "within". */
const BAND_EPSILON = 1e-9;

export interface ScorePairOptions {
  k: number;
  driftTolerance: number;
}

// Mean similarity over green x blue output pairs. With many repeats only the first outputs are
// paired: up to max(5, ⌊25 / |blue|⌋) green outputs, then up to ⌊25 / green used⌋ blue outputs.
export function drift(green: readonly string[], blue: readonly string[]): SimilarityScores | null {
  return textScope(() => driftIn(green, blue));
}

function driftIn(green: readonly string[], blue: readonly string[]): SimilarityScores | null {
  if (green.length === 0 || blue.length === 0) return null;
  const g = Math.min(green.length, Math.max(5, Math.floor(MAX_DRIFT_PAIRS / blue.length)));
  const b = Math.min(blue.length, Math.floor(MAX_DRIFT_PAIRS / g));
  const blueTokens = blue.slice(0, b).map((text) => tokenIdsOf(text));
  const scores = green.slice(0, g).flatMap((text) => {
    const tokens = tokenIdsOf(text);
    return blueTokens.map((other) => similarityIds(tokens, other));
  });
  return meanSimilarity(scores);
}

// Blue-vs-blue similarity (an A/A test) over all pairs {i < j} of the first m blue outputs, m the
// largest with m(m−1)/2 ≤ 25 (7 outputs, 21 pairs); null with fewer than 2 outputs.
export function noiseBand(blue: readonly string[]): NoiseBand | null {
  return textScope(() => noiseBandIn(blue));
}

function noiseBandIn(blue: readonly string[]): NoiseBand | null {
  let m = Math.min(blue.length, 2);
  while (m < blue.length && ((m + 1) * m) / 2 <= MAX_DRIFT_PAIRS) m++;
  if (m < 2) return null;
  const tokens = blue.slice(0, m).map((text) => tokenIdsOf(text));
  const scores: SimilarityScores[] = [];
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) scores.push(similarityIds(tokens[i]!, tokens[j]!));
  const mean = meanSimilarity(scores)!;
  const values = scores.map((s) => s.rougeL);
  return { rougeL: mean.rougeL, f1: mean.f1, min: Math.min(...values), max: Math.max(...values), pairs: scores.length };
}

// Green-vs-blue mean ROUGE-L against blue's band: below its min means green moved more than blue
// ever moves against itself.
export function noisePosition(driftRougeL: number | null, band: NoiseBand | null): NoisePosition | null {
  if (driftRougeL === null || band === null) return null;
  if (driftRougeL < band.min - BAND_EPSILON) return 'below-noise';
  if (driftRougeL > band.max + BAND_EPSILON) return 'above-noise';
  return 'within-noise';
}

// One numericSummary line per differing quantity: changed, then missing, then added.
function numberLines(c: QuantityComparison): string[] {
  const none = { matched: [], changed: [], missing: [], added: [], consistency: null };
  const lines = [
    ...c.changed.map((p) => numericSummary({ ...none, changed: [p] })),
    ...c.missing.map((q) => numericSummary({ ...none, missing: [q] })),
    ...c.added.map((q) => numericSummary({ ...none, added: [q] })),
  ];
  if (lines.length <= MAX_NUMBER_LINES) return lines;
  return [...lines.slice(0, MAX_NUMBER_LINES), `+${lines.length - MAX_NUMBER_LINES} more`];
}

// Quantities of green's first answer against blue's first answer (blue is the reference side).
export function pairNumbers(blue: readonly string[], green: readonly string[]): PairNumbers | null {
  if (blue.length === 0 || green.length === 0) return null;
  const c = compareQuantities(blue[0]!, green[0]!);
  const blueQuantities = c.matched.length + c.changed.length + c.missing.length;
  return { changed: numberLines(c), greenChangedVsBlue: c.changed.length > 0, blueQuantities };
}

// Green vs blue on one case.
export function scorePair(
  blue: RevisionCaseResult,
  green: RevisionCaseResult,
  expected: string[] | null,
  options: ScorePairOptions,
): PairCaseResult {
  const d = drift(green.outputs, blue.outputs);
  const noise = noiseBand(blue.outputs);
  const bothDocs = blue.docs !== null && green.docs !== null;
  return {
    drift: d,
    moved: d === null ? null : d.rougeL < 1 - options.driftTolerance,
    docsJaccard: bothDocs ? jaccard(blue.docs!, green.docs!) : null,
    lostDocs: bothDocs && expected !== null ? lostDocs(expected, blue.docs!, green.docs!, options.k) : [],
    noise,
    position: noisePosition(d?.rougeL ?? null, noise),
    numbers: pairNumbers(blue.outputs, green.outputs),
  };
}
