// Escaping for the HTML report. Every string that comes from a run (answers, prompts, ids, reasons,
// document ids, tags) reaches the page through one of these, or through the client's textContent.
import { escapeHtml, stripXmlIllegal } from '../text.js';

/** Escape text for an HTML text node: &, < and > (control characters and lone surrogates dropped). */
export function htmlText(text: string): string {
  return escapeHtml(text);
}

/** Escape text for a double-quoted attribute value: the text escapes plus `"` and `'`. */
export function htmlAttr(text: string): string {
  return escapeHtml(text).replace(/["']/g, (c) => (c === '"' ? '&quot;' : '&#39;'));
}

/**
 * JSON for a `<script type="application/json">` block. The HTML tokenizer ends the block at the
 * first `</script` and enters an escaped state at `<!--`, whatever the JSON means, so every `<`, `>`
 * and `&` is written as a JSON unicode escape (`\u003c` …), which JSON.parse reads back unchanged.
 * U+2028/U+2029 are escaped too: harmless in JSON, but line terminators to older JavaScript parsers.
 */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text safe to embed as data: characters no HTML document may carry are dropped. */
export function cleanText(text: string): string {
  return stripXmlIllegal(text);
}
