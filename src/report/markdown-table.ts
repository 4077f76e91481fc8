// A GitHub-flavoured Markdown table whose cells cannot break out of their column or row.
import { escapeMarkdownInline } from './text.js';

/** Render a table; every cell is escaped (pipes, HTML, backticks, line breaks). Empty cells read "—". */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? '—' : escapeMarkdownInline(c))).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}
