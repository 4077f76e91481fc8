// The one-line reason of a statistical check, e.g.
// `ref.rougeL: regression −0.061 [−0.082, −0.041] beyond −0.02 (Wilcoxon p=0.0003, Holm p=0.002 (Holm-adjusted over 6 checks), n=120, r=−0.54)`.
import { formatInterval, formatP, formatStat } from './format.js';
import type { StatTestDef } from './tests.js';
import type { CheckStatistics, StatSpec } from '../../model/verdict.js';

const WORDS: Record<CheckStatistics['outcome'], string> = {
  regression: 'regression',
  'no-change': 'no change',
  improvement: 'improvement',
  'insufficient-data': 'insufficient data',
};

export interface ReasonInput {
  spec: StatSpec;
  def: StatTestDef;
  stats: CheckStatistics;
  /** Short test name for the p-value, e.g. "Wilcoxon". */
  short: string;
  /** How many p-values were Holm-adjusted together; 0 when not in the family. */
  family: number;
  /** Why the data could not decide (too few observations), when so. */
  shortOf?: string;
}

/** The reason line of one statistical check. */
export function statReason({ spec, def, stats, short, family, shortOf }: ReasonInput): string {
  const tags = spec.tags.length > 0 ? ` [tags: ${spec.tags.join(', ')}]` : '';
  const head = `${spec.name}${spec.name === def.name ? '' : ` (test ${def.name})`}${tags}: ${WORDS[stats.outcome]}`;
  if (shortOf !== undefined) return `${head}: ${shortOf}; ${stats.needed ?? 'more data'}`;
  if (stats.estimate === null || stats.interval === null) return `${head}: no estimate or interval could be computed (n=${stats.n})`;
  const shown = `${formatStat(stats.estimate, def.unit, def.unit !== 'factor')} ${formatInterval(stats.interval, def.unit)}`;
  const tail = stats.needed === null ? '' : `; ${stats.needed}`;
  return `${head} ${shown} ${relation(stats.outcome, def)} ${margin(stats, def)} (${evidence(stats, short, family)})${tail}`;
}

function relation(outcome: CheckStatistics['outcome'], def: StatTestDef): string {
  if (def.family === 'ratio')
    return outcome === 'regression' ? 'above maxRatio' : outcome === 'no-change' ? 'within maxRatio' : 'straddles maxRatio';
  return outcome === 'regression' || outcome === 'improvement' ? 'beyond' : outcome === 'no-change' ? 'within' : 'crosses';
}

/** The margin, signed in the direction the outcome refers to (worse side unless it improved). */
function margin(stats: CheckStatistics, def: StatTestDef): string {
  if (def.family === 'ratio') return formatStat(stats.minEffect, 'factor');
  const worse = def.higherIsBetter ? -1 : 1;
  const direction = stats.outcome === 'improvement' ? -worse : worse;
  return formatStat(direction * stats.minEffect, def.unit, true);
}

function evidence(stats: CheckStatistics, short: string, family: number): string {
  const parts: string[] = [];
  if (stats.pValue !== null) parts.push(`${short} p=${formatP(stats.pValue)}`);
  else parts.push(`${short} interval only`);
  if (stats.pAdjusted !== null)
    parts.push(`Holm p=${formatP(stats.pAdjusted)} (Holm-adjusted over ${family} check${family === 1 ? '' : 's'})`);
  parts.push(`n=${stats.n}`);
  if (stats.effectSize !== null) parts.push(`${abbreviation(stats.effectSize.name)}=${formatStat(stats.effectSize.value, 'factor')}`);
  if (stats.noiseFloor !== null) parts.push(`noise floor ${formatStat(stats.noiseFloor, 'score')}`);
  return parts.join(', ');
}

function abbreviation(name: string): string {
  if (name.startsWith('rank-biserial')) return 'r';
  if (name.startsWith('odds')) return 'OR';
  if (name.startsWith('common-language')) return 'P(green>blue)';
  if (name.startsWith('regressing')) return 'b/(b+c)';
  return name;
}
