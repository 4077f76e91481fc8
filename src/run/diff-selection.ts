// `revgate diff --filter / --tag / --limit`: both reports restricted to the same case ids, chosen
// among the cases of either run, with their metrics recomputed from the kept cases — a report's
// metrics cover every case it holds, so filtering its case list alone would leave them describing
// cases the diff no longer shows. The case records carry their tags, so --tag needs nothing more.
import { selectItems, type SelectionCriteria } from '../config/select.js';
import { ReportInvalidError } from '../model/errors.js';
import type { Report, Selection } from '../model/report.js';
import { aggregate, aggregateByTag } from '../scoring/aggregate.js';

export interface LoadedReport {
  report: Report;
  /** The path shown in messages. */
  file: string;
}

/** Restrict A and B to the selected case ids; the seed defaults to run B's sampling.seed, else 1. */
export function selectDiffCases(
  a: LoadedReport,
  b: LoadedReport,
  criteria: SelectionCriteria,
): { a: Report; b: Report; selection: Selection } {
  // B's cases first (the candidate: its tags are the current ones), then the cases only A has,
  // so --limit samples one set of ids and both sides keep the same ones.
  const inB = new Set(b.report.cases.map((c) => c.id));
  const union = [...b.report.cases, ...a.report.cases.filter((c) => !inB.has(c.id))];
  const storedSeed = b.report.config.sampling['seed'];
  const seed = criteria.seed ?? (typeof storedSeed === 'number' && Number.isInteger(storedSeed) ? storedSeed : 1);
  const { items, selection } = selectItems(union, { ...criteria, seed });
  const ids = new Set(items.map((c) => c.id));
  return { a: restrict(a, ids), b: restrict(b, ids), selection };
}

/** The report as if it held only the `ids` cases: cases, metrics, per-tag metrics, highlights, critical. */
function restrict({ report, file }: LoadedReport, ids: ReadonlySet<string>): Report {
  const k = report.config.scoring['k'];
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1)
    throw new ReportInvalidError(file, `field \`config.scoring.k\` should be a whole number ≥ 1, got ${JSON.stringify(k)}`);
  const cases = report.cases.filter((c) => ids.has(c.id));
  return {
    ...report,
    cases,
    metrics: aggregate(cases, { k }),
    metricsByTag: aggregateByTag(cases, { k }),
    highlights: report.highlights.filter((c) => ids.has(c.id)),
    critical: report.critical.filter((c) => ids.has(c.id)),
  };
}
