// Report formats picked by name (`--report md,junit`), like vitest's reporters/index.ts map.
import { UsageError } from '../model/errors.js';
import { renderHtml, renderHtmlFromSummary } from './html/index.js';
import { renderJUnit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Report, ReportSummary } from '../model/report.js';

export interface Renderer {
  /** File name written in the run's output directory. */
  file: string;
  /** Renders from the summary; a renderer with `needsCases` throws a UsageError when given no cases. */
  render: (report: ReportSummary) => string;
  /**
   * True when the format shows every case (html): call `renderReport` with the full Report
   * (load report.json, or stream cases.jsonl as `revgate compare` does) instead of `render`.
   */
  needsCases?: true;
  /** The full-report signature, for formats that need cases. */
  renderReport?: (report: Report) => string;
}

export const RENDERERS = {
  md: { file: 'summary.md', render: renderMarkdown },
  junit: { file: 'junit.xml', render: renderJUnit },
  html: { file: 'report.html', needsCases: true, render: renderHtmlFromSummary, renderReport: renderHtml },
} as const satisfies Record<string, Renderer>;

export type RendererName = keyof typeof RENDERERS;

/** The renderer registered under `name`; throws UsageError naming the known formats otherwise. */
export function rendererFor(name: string): Renderer {
  if (Object.hasOwn(RENDERERS, name)) return RENDERERS[name as RendererName];
  throw new UsageError(`unknown report format "${name}"`, `expected one of: ${rendererNames().join(', ')}`);
}

/** Registered format names, for help text and "expected one of" messages. */
export function rendererNames(): RendererName[] {
  return Object.keys(RENDERERS) as RendererName[];
}
