// Assemble the report summary (everything but the cases) from the run's parts.
import type { ResolvedTarget } from '../targets/options.js';
import type { ResolvedSuite } from '../config/resolved.js';
import type { CheckResult, Verdict } from '../model/verdict.js';
import { REPORT_SCHEMA_VERSION, type ErrorSample, type ReportSummary, type RunInfo, type TargetSummary } from '../model/report.js';
import type { CaseRecord, MetricsSet } from '../model/metrics.js';
import { VERSION } from '../model/version.js';

/** Targets as reports show them: URL, kind, model, header names; never header values or keys. */
export function summarizeTarget(t: ResolvedTarget): TargetSummary {
  const url = new URL(t.url);
  url.search = '';
  return { kind: t.kind, url: url.toString(), model: t.model ?? null, stream: t.stream, headers: Object.keys(t.headers) };
}

export interface SummaryParts {
  suite: ResolvedSuite;
  run: RunInfo;
  metrics: MetricsSet;
  metricsByTag: Record<string, MetricsSet>;
  checks: CheckResult[];
  verdict: Verdict;
  errors: ErrorSample[];
  critical: ReportSummary['critical'];
  highlights: CaseRecord[];
  semantic?: ReportSummary['semantic'];
}

/** Build the versioned report summary. */
export function buildSummary(p: SummaryParts): ReportSummary {
  const { suite } = p;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'revgate', version: VERSION },
    run: p.run,
    suite: {
      name: suite.name,
      file: suite.file,
      description: suite.description ?? null,
      configHash: suite.configHash,
      golden: suite.golden.map((g) => ({ file: g.file, cases: g.cases.length })),
    },
    targets: { blue: summarizeTarget(suite.targets.blue), green: summarizeTarget(suite.targets.green) },
    config: {
      sampling: { ...suite.sampling },
      scoring: { ...suite.scoring },
      statistics: { ...suite.statistics },
      thresholds: suite.thresholds,
      report: { topCases: suite.report.topCases },
    },
    metrics: p.metrics,
    metricsByTag: p.metricsByTag,
    checks: p.checks,
    verdict: p.verdict,
    errors: p.errors,
    critical: p.critical,
    highlights: p.highlights,
    ...(p.semantic ? { semantic: p.semantic } : {}),
  };
}
