// Escaping for report.html: text nodes, attributes, and the embedded JSON block.
import { describe, expect, it } from 'vitest';
import { htmlAttr, htmlText, scriptJson } from '../../src/report/html/escape.js';
import { CONTROL, HOSTILE } from './fixture.js';

describe('html escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt; already', '&amp;lt; already'],
    ['quotes " and \' stay in text', 'quotes " and \' stay in text'],
  ])('escapes text %j', (input, expected) => {
    expect(htmlText(input)).toBe(expected);
  });

  it('escapes quotes in attributes, and drops control characters and lone surrogates', () => {
    expect(htmlAttr(`x" onmouseover="alert(1)' y`)).toBe('x&quot; onmouseover=&quot;alert(1)&#39; y');
    expect(htmlText(CONTROL)).toBe('bell nul esc vt lone ok');
  });

  it('writes JSON that cannot close its script block, open a comment, or break a line, and reads back unchanged', () => {
    const data = {
      answer: `${HOSTILE} </script><script>window.__pwned=1</script> <!-- x --> </SCRIPT > line\u2028para\u2029end`,
      n: [1, 2],
    };
    const json = scriptJson(data);
    expect(json).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(json.toLowerCase()).not.toContain('</script');
    expect(json).toContain('\\u003c/script\\u003e');
    expect(json).toContain('\\u2028');
    expect(JSON.parse(json)).toEqual(data);
  });
});
