// `revgate calibrate <suite>`: replay blue against itself (A/A), measure the noise floor of every
// statistical test at the suite's size, and propose margins the suite can decide — written as a
// suite fragment (<run dir>/calibration.yaml) to paste into the suite's `thresholds:`.
import { stringify } from 'yaml';
import { join } from 'node:path';
import type { ResolvedSuite } from '../config/resolved.js';
import { ceilTo, proposeMargins, type Proposal } from '../gate/statistical/calibrate.js';
import { formatStat } from '../gate/statistical/format.js';
import { parseStatSpecs } from '../gate/statistical/specs.js';
import { writeAtomic } from '../files/atomic-write.js';
import type { Report } from '../model/report.js';
import { loadReport } from '../report/load.js';
import { compare, type CompareOptions } from './compare.js';
import { comparisonOf } from './power-plan.js';

/** The tests calibrated when the suite has none: every signal revgate measures. */
const DEFAULT_TESTS = [
  'ref.rougeL',
  'drift.noise',
  'rag.recall',
  'numbers.consistency',
  'refusal_rate',
  'error_rate',
  'latency',
  'latency.p95',
];

export interface CalibrateResult {
  /** The A/A run's report. */
  report: Report;
  proposals: Proposal[];
  /** Fixed limits proposed from the A/A metrics (changed quantities, first-try errors, a latency SLO). */
  fixed: string[];
  /** The suite fragment (YAML, with the noise floor as comments). */
  fragment: string;
  file: string;
}

export async function calibrate(suite: ResolvedSuite, options: CompareOptions = {}): Promise<CalibrateResult> {
  const statSpecs =
    suite.statSpecs.length > 0
      ? suite.statSpecs
      : parseStatSpecs(
          DEFAULT_TESTS.map((test) => (test === 'latency.p95' ? { test, maxRatio: 1.5 } : { test })),
          { file: suite.file },
        ).specs;
  // Blue on both sides; at least 2 repeats, so blue's disagreement with itself (the noise band) is measured.
  const aa: ResolvedSuite = {
    ...suite,
    name: `${suite.name}-calibrate`,
    targets: { blue: suite.targets.blue, green: { ...suite.targets.blue, revision: 'green' } },
    sampling: { ...suite.sampling, repeats: Math.max(2, suite.sampling.repeats), maxAttempts: undefined },
    statSpecs,
  };
  const { files } = await compare(aa, options);
  const report = await loadReport(files.json!);
  const size = { cases: suite.cases.length, repeats: aa.sampling.repeats };
  const proposals = proposeMargins(statSpecs, comparisonOf(report), size, { ...suite.statistics, minCases: suite.scoring.minCases });
  const fixed = fixedLimits(report);
  const fragment = renderFragment(report, proposals, fixed, size, suite.statistics);
  const file = join(report.run.outputDir, 'calibration.yaml');
  await writeAtomic(file, fragment);
  return { report, proposals, fixed, fragment, file };
}

// Fixed limits from what blue did against itself: a quantity blue never changes against itself
// is never noise; first-try errors at blue's level plus 1 point; a p95 SLO at 1.5× blue's p95.
function fixedLimits(report: Report): string[] {
  const out: string[] = [];
  const changed = report.metrics.pair['numbers.changed_share']?.value;
  if (changed != null) out.push(`numbers.changed_share <= ${changed === 0 ? 0 : ceilTo(changed, 0.01)}`);
  const firstTry = report.metrics.blue['first_try_error_rate']?.value;
  if (firstTry != null) out.push(`first_try_error_rate <= ${ceilTo(firstTry * 100 + 1, 0.5)}%`);
  const p95 = report.metrics.blue['latency.p95']?.value;
  if (p95 != null) out.push(`latency.p95 <= ${Math.ceil((p95 * 1.5) / 10) * 10}ms`);
  return out;
}

function renderFragment(
  report: Report,
  proposals: readonly Proposal[],
  fixed: readonly string[],
  size: { cases: number; repeats: number },
  statistics: { alpha: number; power: number },
): string {
  const header = [
    `revgate calibrate: blue against itself (A/A), run ${report.run.id}, ${size.cases} cases × ${size.repeats} repeats.`,
    `Margins are the effects this suite detects at α ${statistics.alpha} and power ${statistics.power}: a harmless release`,
    `then passes about ${Math.round(statistics.power * 100)}% of the time, and false alarms stay ≤ α (a fail needs significance AND the margin).`,
    `A/A verdict with the suite's own margins: ${report.verdict.status}.`,
    'Noise floor:',
    ...proposals.map((p) => `  ${p.test}: ${p.noise}${p.detectable === null ? '' : `; detectable ${formatStat(p.detectable, p.unit)}`}`),
  ];
  const thresholds = [
    ...proposals.flatMap((p): Record<string, string | number>[] =>
      p.maxRatio !== null ? [{ test: p.test, maxRatio: p.maxRatio }] : p.minEffect !== null ? [{ test: p.test, minEffect: margin(p) }] : [],
    ),
    ...fixed,
  ];
  return `${header.map((l) => `# ${l}`).join('\n')}\n${stringify({ thresholds }, { collectionStyle: 'block' }).replace(/^ {2}- test: (\S+)\n {4}(\w+): (.+)$/gm, '  - { test: $1, $2: $3 }')}`;
}

const margin = (p: Proposal): number | string =>
  p.unit === 'rate' ? `${Number((p.minEffect! * 100).toFixed(2))}%` : p.unit === 'ms' ? `${p.minEffect}ms` : p.minEffect!;
