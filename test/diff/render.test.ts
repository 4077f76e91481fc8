import { describe, expect, it } from 'vitest';
import { renderDiffHtml } from '../../src/diff/html.js';
import { renderDiffMarkdown } from '../../src/diff/markdown.js';
import { DIFF_RENDERERS, diffFormats } from '../../src/diff/renderers.js';
import { UsageError } from '../../src/model/errors.js';
import { HOSTILE } from '../report/fixture.js';
import { diff, m, report, scored } from './fixtures.js';

const hostileCase = (status: 'pass' | 'fail', rougeL: number, answer: string) => ({
  ...scored(`id ${HOSTILE}`, status, { rougeL, answer }),
  reasons: status === 'fail' ? [`green: ${HOSTILE}`] : [],
});
const a = report({
  suite: { name: `suite ${HOSTILE}` },
  green: { 'ref.rougeL.mean': m(0.5), 'tokens.prompt.mean': m(100), 'tokens.completion.mean': m(50), 'tokens.total.mean': m(150) },
  cases: [hostileCase('pass', 0.9, `A said ${HOSTILE}`)],
  byTag: { [`tag ${HOSTILE}`]: { blue: {}, green: { 'ref.rougeL.mean': m(0.5) }, pair: {}, cases: 1 } },
});
const b = report({
  suite: { name: `suite ${HOSTILE}` },
  green: { 'ref.rougeL.mean': m(0.4), 'tokens.prompt.mean': m(100), 'tokens.completion.mean': m(80), 'tokens.total.mean': m(180) },
  cases: [hostileCase('fail', 0.1, `B said ${HOSTILE}\n</pre></details><img src=x onerror=alert(1)>`)],
  byTag: { [`tag ${HOSTILE}`]: { blue: {}, green: { 'ref.rougeL.mean': m(0.4) }, pair: {}, cases: 1 } },
});
const d = diff(a, b, {
  a: { price: { inputPerMillion: 1, outputPerMillion: 2 } },
  b: { price: { inputPerMillion: 1, outputPerMillion: 2 } },
});

describe('Markdown diff', () => {
  const text = renderDiffMarkdown(d);

  it('shows metrics with delta, relative change and direction, tokens and cost per 1k requests', () => {
    expect(text).toContain('| ref.rougeL.mean | 0.5 | 0.4 | -0.1 | -20% | worse |');
    expect(text).toContain('| total tokens | 150,000 | 180,000 | +30,000 (+20%) |');
    expect(text).toContain('| cost (USD) | $0.2 | $0.26 | +$0.06 (+30%) |');
    expect(text).toMatch(/### Cases that changed \(1 regressed/);
  });

  it('escapes run text: no raw HTML, and answers cannot leave their <pre>', () => {
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<img');
    expect(text).toContain('&lt;script&gt;');
    const pres = text.match(/<pre>[\s\S]*?<\/pre>/g) ?? [];
    expect(pres.length).toBeGreaterThan(0);
    for (const p of pres) expect(p.slice(5, -6)).not.toMatch(/[<>]/);
    // table cells: pipes escaped, so each row keeps its column count
    for (const line of text.split('\n').filter((l) => l.startsWith('| id'))) expect(line).toContain('\\|');
  });

  it('says how to get a cost when no price is given', () => {
    expect(renderDiffMarkdown(diff(a, b))).toContain('Cost needs prices: `--price-in` and `--price-out`');
  });
});

describe('HTML diff', () => {
  const html = renderDiffHtml(d);

  it('is one self-contained page: inline CSS, no scripts, no external assets', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<(script|link|img|iframe|object)|(src|href)="|@import|url\(/i);
  });

  it('escapes every string from the runs', () => {
    expect(html).toContain('B said Take 200 | 400 mg &lt;script&gt;alert("x")&lt;/script&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<td class="worse">worse</td>');
  });
});

describe('formats', () => {
  it('json is the versioned diff model', () => {
    const parsed = JSON.parse(DIFF_RENDERERS.json.render(d)) as { schemaVersion: number; metrics: unknown[] };
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(d)));
  });

  it('refuses unknown formats by name', () => {
    expect(diffFormats(['md', 'html', 'md'])).toEqual(['md', 'html']);
    expect(() => diffFormats(['pdf'])).toThrow(UsageError);
  });
});
