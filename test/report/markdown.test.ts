import { describe, expect, it } from 'vitest';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { CHECKS, fixtureSummary, highlight } from './fixture.js';

describe('renderMarkdown', () => {
  const out = renderMarkdown(fixtureSummary());

  it('titles the comment with the verdict in bold and the suite', () => {
    expect(out.split('\n')[0]).toBe('## revgate: **FAIL** — pharmabot (green vs blue)');
  });

  it('states run facts and warns when the run is incomplete', () => {
    expect(out).toContain('118/120 cases · 3 repeats · 2 warm-up');
    expect(out).toContain('Incomplete run (interrupted by SIGINT): 118 of 120 cases scored');
    const complete = fixtureSummary();
    complete.run.complete = true;
    expect(renderMarkdown(complete)).not.toContain('Incomplete run');
  });

  it('lists the failing reasons, escaped', () => {
    expect(out).toContain('### Why');
    expect(out).toContain('- latency.p95 1.2s &gt;= limit 1s');
    expect(out).toContain('- error\\_rate rose by 2.7% (limit 1%) \\| p=0.002');
  });

  it('lists at most five reasons under "Why", then one line for the rest; the checks table keeps every one', () => {
    const summary = fixtureSummary();
    expect(summary.verdict.reasons).toHaveLength(7);
    const why = out.slice(out.indexOf('### Why'), out.indexOf('### Checks'));
    expect(why.match(/^- /gm)).toHaveLength(5);
    expect(why.trimEnd().split('\n').at(-1)).toBe('… and 2 more: see the checks below, report.json or report.html.');
    // The two left out of "Why" are rows of the checks table.
    expect(why).not.toContain('run incomplete');
    expect(out).toMatch(/^\| FAIL \| run complete \|.*\| run incomplete: 118 of 120 cases \(SIGINT\) \|$/m);

    const few = fixtureSummary();
    few.verdict.reasons = few.verdict.reasons.slice(0, 5);
    expect(renderMarkdown(few)).not.toContain('more: see');
  });

  it('puts voting checks first, worst first, and marks advisory ones', () => {
    const rows = out.split('\n').filter((l) => /^\| (PASS|FAIL|ERROR|INCONCLUSIVE)/.test(l));
    expect(rows).toHaveLength(CHECKS.length);
    expect(rows.slice(0, 4).every((r) => r.startsWith('| FAIL |'))).toBe(true);
    expect(rows.at(-2)).toMatch(/^\| FAIL \(advisory\) \| refusal\\_rate/);
    expect(rows.at(-1)).toMatch(/^\| INCONCLUSIVE \(advisory\)/);
    // Values in the metric's unit; a delta with its sign; cells never add columns.
    expect(out).toContain('| FAIL | green latency.p95 &lt; 1s | 1.21s | 1s | 812ms | 1.21s | 120 |');
    expect(out).toContain('| error\\_rate delta &lt; 1% | +2.7% | +1% | 0.4% | 3.1% | 360 |');
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
  });

  it('compares key metrics at the k found in the metric names, skipping metrics without data', () => {
    expect(out).toContain('| latency.p95 | 812ms | 1.21s | +398ms (worse) |');
    expect(out).toContain('| rag.recall@5 | 0.81 | 0.72 | -0.09 (worse) |');
    expect(out).toContain('| drift.rougeL.mean (green vs blue) | — | 0.71 | — |');
    expect(out).not.toMatch(/^\| ttft\.p95 \|/m);
  });

  it('lists errors by class and the critical cases that did not pass', () => {
    expect(out).toContain('| green | 5xx | 10 | 0 | HTTP 503 Service Unavailable \\| upstream &lt;timeout&gt; |');
    expect(out).toContain('### Critical cases not passing (2 of 3)');
    expect(out).toContain('| dosage-&lt;02&gt; | ERROR |');
    expect(out).not.toContain('| dosage-03 |');
  });

  it('shows highlights in details blocks with hostile answers escaped', () => {
    expect(out.match(/<details><summary>/g)).toHaveLength(2);
    expect(out.match(/<\/details>/g)).toHaveLength(2);
    expect(out).not.toMatch(/<script|<img|<b>/i);
    expect(out).toContain('&lt;script&gt;alert("x")&lt;/script&gt; `rm -rf` &lt;/details&gt; &amp;');
    expect(out).toContain('- green: doc-x, doc-&lt;y&gt;\\|z');
    expect(out).toContain('- lost by green: doc-ibu-1');
    // Long answers are cut at ~800 characters with a note.
    expect(out).toMatch(/… \[\d+ more chars\]<\/pre>/);
    // Every <pre> opened is closed before the next starts: nothing inside can end it early.
    const pres = out.match(/<\/?pre>/g) ?? [];
    expect(pres.join('')).toBe('<pre></pre>'.repeat(pres.length / 2));
  });

  it('stays under the GitHub comment limit with 200 huge highlights, saying how many were left out', () => {
    const big = fixtureSummary();
    big.highlights = Array.from({ length: 200 }, (_, n) => highlight(`case-${n}`, 50_000));
    const text = renderMarkdown(big);
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    const shown = text.match(/<details>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(text).toContain(`_${200 - shown} more regressed cases left out to fit a GitHub comment; see report.json._`);
    expect(text.match(/<\/details>/g)?.length).toBe(shown);
  });

  it('stays under the limit with thousands of critical checks', () => {
    const big = fixtureSummary();
    big.checks = Array.from({ length: 5000 }, (_, n) => ({ ...CHECKS[0]!, id: `c${n}`, name: `critical case-${n}` }));
    big.critical = Array.from({ length: 5000 }, (_, n) => ({ id: `case-${n}`, status: 'fail' as const, reasons: ['x'.repeat(200)] }));
    const text = renderMarkdown(big);
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(text).toContain('4900 more checks in report.json.');
    expect(text).toContain('4950 more in report.json.');
  });

  it('omits empty sections on a clean pass', () => {
    const clean = fixtureSummary();
    Object.assign(clean, { checks: [], errors: [], critical: [], highlights: [] });
    clean.verdict = { status: 'pass', reasons: [], counts: { pass: 0, inconclusive: 0, error: 0, fail: 0 } };
    clean.run.complete = true;
    const text = renderMarkdown(clean);
    expect(text).toContain('**PASS**');
    expect(text).not.toMatch(/### (Why|Checks|Errors|Critical|Most regressed)/);
  });
});
