// Text helpers shared by the renderers: truncation and escaping for Markdown, HTML and XML.
// Every string that comes from a run (answers, prompts, ids, reasons) passes through one of these.

/** Cut `text` to at most `max` code points, marking the cut with an ellipsis and the count dropped. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text); // code points, so a cut never splits a surrogate pair
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}… [${chars.length - max} more chars]`;
}

/**
 * Escape text for an HTML text node (`<pre>`, `<summary>`): &, < and >, after dropping control
 * characters and lone surrogates that no page or XML document should carry. Not for attribute values.
 */
export function escapeHtml(text: string): string {
  return stripXmlIllegal(text).replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escape text for one line of Markdown, including a table cell: HTML-significant characters become
 * entities, Markdown punctuation that could open emphasis, code, links or a cell is backslash-escaped
 * (CommonMark allows a backslash before any ASCII punctuation), and line breaks become spaces.
 */
export function escapeMarkdownInline(text: string): string {
  return escapeHtml(text.replace(/\r\n?|\n/g, ' '))
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(#{1,6}|[+-])(?=[ \t]|$)/, '\\$1') // a leading heading or bullet marker
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2'); // a leading ordered-list marker
}

/**
 * Text of an XML 1.0 document: drop the characters XML 1.0 forbids (C0 controls other than tab,
 * LF and CR; lone surrogates; U+FFFE/U+FFFF), then escape markup. In attributes, tab and line breaks
 * are written as character references so attribute-value normalisation does not turn them into spaces.
 */
export function escapeXml(text: string, context: 'text' | 'attr' = 'text'): string {
  const clean = escapeHtml(text);
  if (context === 'text') return clean;
  return clean.replace(/["\t\n\r]/g, (c) => XML_ATTR_REFS[c] ?? c);
}

const XML_ATTR_REFS: Record<string, string> = { '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Remove characters that may not appear in an XML 1.0 document, even as character references. */
export function stripXmlIllegal(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}
