// The most regressed cases as collapsible <details> blocks, each with both answers side by side.
// Answers are model output: they may hold HTML, Markdown, fences or a stray </details>. They go in
// <pre> blocks with &, < and > escaped: a CommonMark HTML block of type 1 (<pre>) runs to </pre> even
// across blank lines and its content is not parsed as Markdown, so nothing inside can escape it.
import type { CaseRecord, RevisionCaseResult } from '../model/metrics.js';
import { escapeHtml, escapeMarkdownInline, truncate } from './text.js';

/** Longest stretch of any one text shown (prompt, reference, an answer), in characters. */
export const HIGHLIGHT_TEXT_LIMIT = 800;

/** One highlighted case as a <details> block. */
export function renderHighlight(record: CaseRecord): string {
  const summary = `${escapeHtml(record.id)}: ${record.status}, regression ${record.regression.toFixed(2)}${record.critical ? ', critical' : ''}`;
  return [
    `<details><summary>${summary}</summary>`,
    '',
    ...block('Prompt', record.prompt, record.turns > 1 ? ` (last of ${record.turns} turns)` : ''),
    ...(record.reference === null ? [] : block('Reference', record.reference)),
    ...answer('Blue', record.blue),
    ...answer('Green', record.green),
    ...docs(record),
    ...reasons(record.reasons),
    '</details>',
  ].join('\n');
}

function block(title: string, text: string, note = ''): string[] {
  return [`**${title}**${note}`, '', `<pre>${escapeHtml(truncate(text, HIGHLIGHT_TEXT_LIMIT))}</pre>`, ''];
}

function answer(side: 'Blue' | 'Green', result: RevisionCaseResult): string[] {
  const first = result.outputs[0];
  const stats = `${result.attempts - result.errors}/${result.attempts} attempts answered`;
  if (first === undefined) return [`**${side}**: no answer (${stats}${errorClasses(result)})`, ''];
  return block(side, first, ` (first answer; ${stats}${errorClasses(result)})`);
}

function errorClasses(result: RevisionCaseResult): string {
  const parts = Object.entries(result.errorClasses).map(([cls, n]) => `${cls} x${n}`);
  return parts.length === 0 ? '' : `; errors: ${parts.join(', ')}`;
}

function docs(record: CaseRecord): string[] {
  const list = (ids: string[] | null): string =>
    ids === null ? 'none reported' : ids.length === 0 ? 'none' : ids.map(escapeMarkdownInline).join(', ');
  const lines = [`- blue: ${list(record.blue.docs)}`, `- green: ${list(record.green.docs)}`];
  if (record.expectedDocs !== null) lines.push(`- expected: ${list(record.expectedDocs)}`);
  if (record.pair.lostDocs.length > 0) lines.push(`- lost by green: ${list(record.pair.lostDocs)}`);
  return ['**Retrieved documents**', '', ...lines, ''];
}

function reasons(list: string[]): string[] {
  if (list.length === 0) return [];
  return ['**Reasons**', '', ...list.map((r) => `- ${escapeMarkdownInline(truncate(r, HIGHLIGHT_TEXT_LIMIT))}`), ''];
}
