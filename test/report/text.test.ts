import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdownInline, escapeXml, truncate } from '../../src/report/text.js';

describe('text helpers', () => {
  it('truncates by code point and says how much was cut', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('😀😀😀', 2)).toBe('😀😀… [1 more chars]');
  });

  it.each([
    ['a | b', 'a \\| b'],
    ['<script>x</script>', '&lt;script&gt;x&lt;/script&gt;'],
    ['`code` **b** _i_ [l](u) ~s~ \\', '\\`code\\` \\*\\*b\\*\\* \\_i\\_ \\[l\\](u) \\~s\\~ \\\\'],
    ['line\nbreak\r\nhere', 'line break here'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['1.21s', '1.21s'],
    ['-0.09', '-0.09'],
    ['a &lt; b', 'a &amp;lt; b'],
    ['nul\u0000 bell\u0007', 'nul bell'],
  ])('escapes %j for inline Markdown', (input, expected) => {
    expect(escapeMarkdownInline(input)).toBe(expected);
  });

  it('escapes HTML text and XML attributes', () => {
    expect(escapeHtml('a < b & c > d "q"')).toBe('a &lt; b &amp; c &gt; d "q"');
    expect(escapeXml('a"\n\tb\u0001', 'attr')).toBe('a&quot;&#10;&#9;b');
    expect(escapeXml('a"\n\u0001\uFFFF\uDC00b')).toBe('a"\nb');
  });
});
