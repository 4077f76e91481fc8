// Report formats picked by name (`--report md,junit`), like vitest's reporters/index.ts map.
import { UsageError } from '../errors.js';
import { renderJUnit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { ReportSummary } from './model.js';

export interface Renderer {
  /** File name written in the run's output directory. */
  file: string;
  render: (report: ReportSummary) => string;
}

export const RENDERERS = {
  md: { file: 'summary.md', render: renderMarkdown },
  junit: { file: 'junit.xml', render: renderJUnit },
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
