// Report formats picked by name (`--format md,junit,html`), like vitest's reporters/index.ts map.
// One interface for all of them: a renderer gets the run's summary and its cases on demand, and
// returns the file's text. Formats that show cases (html) read them; the others never do, so
// `revgate compare` streams cases from cases.jsonl only for the formats that need them.
import { UsageError } from '../model/errors.js';
import type { CaseRecord } from '../model/metrics.js';
import type { Report, ReportSummary } from '../model/report.js';
import { collectHtmlSource, renderHtmlPage } from './html/index.js';
import { renderJUnit } from './junit.js';
import { renderMarkdown } from './markdown.js';

/** What every renderer reads. */
export interface RenderInput {
  summary: ReportSummary;
  /** The run's cases in report order: streamed from cases.jsonl, or from a loaded report. */
  cases: () => AsyncIterable<CaseRecord> | Iterable<CaseRecord>;
}

export interface Renderer {
  /** File name written in the run's output directory. */
  file: string;
  render: (input: RenderInput) => Promise<string>;
}

export const RENDERERS = {
  md: { file: 'summary.md', render: ({ summary }) => Promise.resolve(renderMarkdown(summary)) },
  junit: { file: 'junit.xml', render: ({ summary }) => Promise.resolve(renderJUnit(summary)) },
  // At most HTML_CASE_LIMIT cases (the most regressed) are kept while the cases stream past.
  html: { file: 'report.html', render: async ({ summary, cases }) => renderHtmlPage(await collectHtmlSource(summary, cases())) },
} as const satisfies Record<string, Renderer>;

export type RendererName = keyof typeof RENDERERS;

/** The input of a report loaded whole (report.json, or merged shards). */
export function inputFromReport(report: Report): RenderInput {
  const { cases, ...summary } = report;
  return { summary, cases: () => cases };
}

/** The renderer registered under `name`; throws UsageError naming the known formats otherwise. */
export function rendererFor(name: string): Renderer {
  if (Object.hasOwn(RENDERERS, name)) return RENDERERS[name as RendererName];
  throw new UsageError(`unknown report format "${name}"`, `expected one of: ${rendererNames().join(', ')}`);
}

/** Registered format names, for help text and "expected one of" messages. */
export function rendererNames(): RendererName[] {
  return Object.keys(RENDERERS) as RendererName[];
}
