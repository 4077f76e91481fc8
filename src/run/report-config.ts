// The gate configuration a report carries (`config.scoring`, `config.statistics`, the raw
// `config.thresholds` list), parsed again exactly as a suite's would be, so `merge` gates the
// merged cases with the thresholds and tests of the runs it combines.
import { z } from 'zod';
import { ScoringSchema } from '../config/suite-schema.js';
import { StatisticsSchema, ThresholdSchema } from '../gate/schema.js';
import { ReportSchema } from '../report/schema.js';
import { ReportInvalidError } from '../model/errors.js';
import { parseStatSpecs } from '../gate/statistical/specs.js';
import { parseThresholds } from '../gate/thresholds/parse.js';
import type { ReportSummary } from '../model/report.js';
import type { GateSettings } from './gate-run.js';

export interface StoredConfig {
  /** scoring.k, the RAG cut-off the cases were scored at. */
  k: number;
  /** report.topCases (the default when an older report lacks it). */
  topCases: number;
  settings: GateSettings;
}

// Only the scoring fields the gate reads; the rest (embeddings, judge) is not needed to gate.
const StoredScoring = z.object({
  k: ScoringSchema.shape.k,
  minCases: ScoringSchema.shape.minCases,
  baselineMaxErrorRate: ScoringSchema.shape.baselineMaxErrorRate,
});
const StoredTopCases = ReportSchema.shape.topCases;

/** Read and validate the gate configuration of a report; ReportInvalidError (exit 4) names what is wrong. */
export function storedConfigOf(report: ReportSummary, file: string): StoredConfig {
  const scoring = StoredScoring.safeParse(report.config.scoring ?? {});
  if (!scoring.success) throw invalid(file, 'config.scoring', scoring.error);
  const statistics = StatisticsSchema.safeParse(report.config.statistics ?? {});
  if (!statistics.success) throw invalid(file, 'config.statistics', statistics.error);
  const topCases = StoredTopCases.safeParse(report.config.report?.topCases);
  if (!topCases.success) throw invalid(file, 'config.report.topCases', topCases.error);
  const list = z.array(ThresholdSchema).safeParse(report.config.thresholds);
  if (!list.success) throw invalid(file, 'config.thresholds', list.error);

  const { k, minCases, baselineMaxErrorRate } = scoring.data;
  const thresholds = parseThresholds(list.data, { k, file, basePath: 'config.thresholds' });
  const stats = parseStatSpecs(list.data, { file, basePath: 'config.thresholds' });
  const issue = [...thresholds.issues, ...stats.issues][0];
  if (issue) throw new ReportInvalidError(file, `${issue.path}: ${issue.message}`);
  return {
    k,
    topCases: topCases.data,
    settings: { thresholdSpecs: thresholds.specs, statSpecs: stats.specs, statistics: statistics.data, minCases, baselineMaxErrorRate },
  };
}

function invalid(file: string, field: string, error: z.ZodError): ReportInvalidError {
  const first = error.issues[0];
  const at = first && first.path.length > 0 ? `${field}.${first.path.join('.')}` : field;
  return new ReportInvalidError(file, `${at}: ${first?.message ?? 'invalid'}`);
}
