// Diff formats picked by name (`--format md,html,json`), like report/renderers.ts.
import { UsageError } from '../model/errors.js';
import { renderDiffHtml } from './html.js';
import { renderDiffMarkdown } from './markdown.js';
import type { Diff } from './model.js';

export interface DiffRenderer {
  /** File name written in the output directory. */
  file: string;
  render: (diff: Diff) => string;
}

export const DIFF_RENDERERS = {
  md: { file: 'diff.md', render: renderDiffMarkdown },
  html: { file: 'diff.html', render: renderDiffHtml },
  json: { file: 'diff.json', render: (diff: Diff) => `${JSON.stringify(diff, null, 2)}\n` },
} as const satisfies Record<string, DiffRenderer>;

export type DiffFormat = keyof typeof DIFF_RENDERERS;

/** The formats in `names`, checked; throws UsageError naming the known ones. */
export function diffFormats(names: readonly string[]): DiffFormat[] {
  const unknown = names.filter((n) => !Object.hasOwn(DIFF_RENDERERS, n));
  if (unknown.length)
    throw new UsageError(
      `unknown diff format ${unknown.map((f) => `"${f}"`).join(', ')}`,
      `expected one of: ${Object.keys(DIFF_RENDERERS).join(', ')}`,
    );
  return [...new Set(names)] as DiffFormat[];
}
