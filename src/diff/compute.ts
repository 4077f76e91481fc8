// The diff of two runs as a list of named steps: sides, warnings, metrics, tags, cases, usage.
import type { Report, Selection } from '../model/report.js';
import type { Revision } from '../model/outcome.js';
import { caseChanges, scoreChanges } from './cases.js';
import { metricDeltas } from './metrics.js';
import { DIFF_SCHEMA_VERSION, type Diff, type DiffSide, type Price, type TagDelta } from './model.js';
import { usageDiff } from './usage.js';

export interface DiffInput {
  report: Report;
  /** The path shown for this report. */
  file: string;
  /** @default 'green' */
  side?: Revision;
  /** USD per million tokens; cost is shown only when given. */
  price?: Price | null;
}

export interface DiffOptions {
  /** Biggest per-case score changes kept per score. @default 5 */
  top?: number;
  toolVersion: string;
  /** @default new Date() */
  now?: Date;
  /** Set when the reports were restricted to selected cases (run/diff-selection.ts), to be stated. */
  selection?: Selection;
}

/** Compare side B of run B with side A of run A. Pure: reports in, diff model out. */
export function computeDiff(a: DiffInput, b: DiffInput, options: DiffOptions): Diff {
  const sa = a.side ?? 'green';
  const sb = b.side ?? 'green';
  const ra = a.report;
  const rb = b.report;
  const sameSuite = ra.suite.name === rb.suite.name && ra.suite.configHash === rb.suite.configHash;
  const tags = tagDeltas(ra, sa, rb, sb);
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    tool: { name: 'revgate', version: options.toolVersion },
    createdAt: (options.now ?? new Date()).toISOString(),
    a: diffSide(a.file, ra, sa),
    b: diffSide(b.file, rb, sb),
    sameSuite,
    warnings: warnings(ra, rb),
    ...(options.selection ? { selection: options.selection } : {}),
    metrics: metricDeltas(ra.metrics[sa], rb.metrics[sb], 'revision', {
      a: { cases: ra.cases, side: sa },
      b: { cases: rb.cases, side: sb },
    }),
    pairMetrics: metricDeltas(ra.metrics.pair, rb.metrics.pair, 'pair'),
    ...tags,
    cases: caseChanges({ cases: ra.cases, side: sa }, { cases: rb.cases, side: sb }),
    scoreChanges: scoreChanges({ cases: ra.cases, side: sa }, { cases: rb.cases, side: sb }, options.top ?? 5),
    usage: usageDiff(ra.metrics[sa], rb.metrics[sb], { a: a.price ?? null, b: b.price ?? null }),
  };
}

function diffSide(file: string, report: Report, side: Revision): DiffSide {
  const target = report.targets[side];
  return {
    file,
    side,
    runId: report.run.id,
    startedAt: report.run.startedAt,
    toolVersion: report.tool.version,
    suite: { name: report.suite.name, configHash: report.suite.configHash },
    target: { url: target?.url ?? '', model: target?.model ?? null },
    verdict: report.verdict.status,
    complete: report.run.complete,
    cases: report.cases.length,
  };
}

/** What makes the two runs less comparable; the diff is computed anyway. */
export function warnings(a: Report, b: Report): string[] {
  const out: string[] = [];
  if (a.suite.name !== b.suite.name) out.push(`the runs come from different suites ("${a.suite.name}" and "${b.suite.name}")`);
  else if (a.suite.configHash !== b.suite.configHash)
    out.push(`suite "${a.suite.name}" changed between the runs (config hash differs: golden cases, thresholds or targets)`);
  for (const [label, r] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (!r.run.complete) out.push(`run ${label} (${r.run.id}) is incomplete: ${r.run.casesDone} of ${r.run.casesPlanned} cases scored`);
  }
  const ka = a.config.scoring['k'];
  const kb = b.config.scoring['k'];
  if (ka !== undefined && kb !== undefined && ka !== kb)
    out.push(`the runs use different RAG cut-offs (k = ${JSON.stringify(ka)} and ${JSON.stringify(kb)}): @k metrics are not compared`);
  const ra = a.config.sampling['repeats'];
  const rb = b.config.sampling['repeats'];
  if (ra !== undefined && rb !== undefined && ra !== rb)
    out.push(`the runs use different repeats (${JSON.stringify(ra)} and ${JSON.stringify(rb)}): noise and k-of-n outcomes differ`);
  return out;
}

/** Metric deltas per tag present in both runs; tags found in one run only are listed apart. */
function tagDeltas(a: Report, sa: Revision, b: Report, sb: Revision): Pick<Diff, 'tags' | 'tagsOnlyInA' | 'tagsOnlyInB'> {
  const ta = Object.keys(a.metricsByTag);
  const tb = Object.keys(b.metricsByTag);
  const byName = (x: string, y: string) => x.localeCompare(y);
  const tags: TagDelta[] = ta
    .filter((t) => Object.hasOwn(b.metricsByTag, t))
    .sort(byName)
    .map((tag) => {
      const ma = a.metricsByTag[tag]!;
      const mb = b.metricsByTag[tag]!;
      const tagged = (r: Report, side: Revision) => ({ cases: r.cases.filter((c) => c.tags.includes(tag)), side });
      return {
        tag,
        casesA: ma.cases,
        casesB: mb.cases,
        metrics: metricDeltas(ma[sa], mb[sb], 'revision', { a: tagged(a, sa), b: tagged(b, sb) }),
      };
    });
  return {
    tags,
    tagsOnlyInA: ta.filter((t) => !Object.hasOwn(b.metricsByTag, t)).sort(byName),
    tagsOnlyInB: tb.filter((t) => !Object.hasOwn(a.metricsByTag, t)).sort(byName),
  };
}
