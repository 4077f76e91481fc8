// report.html rendered from a Report: one self-contained document, every run string escaped, the
// cases embedded as JSON, and the case limit (the most regressed kept, said on the page).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonlTolerant } from '../../src/files/jsonl.js';
import { CaseSelector, collectHtmlSource, renderHtml } from '../../src/report/html/index.js';
import type { HtmlCase } from '../../src/report/html/case-data.js';
import { RENDERERS, inputFromReport, rendererFor } from '../../src/report/renderers.js';
import type { CaseRecord } from '../../src/model/metrics.js';
import { CHECKS, fixtureReport, fixtureSummary, highlight, STAT_CHECKS } from './fixture.js';

function embedded(html: string): { cases: HtmlCase[]; total: number } {
  const m = /<script type="application\/json" id="revgate-data">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error('no data block');
  return JSON.parse(m[1]!);
}

function withRegression(id: string, regression: number): CaseRecord {
  return { ...highlight(id), regression };
}

describe('renderHtml', () => {
  const html = renderHtml(fixtureReport());

  it('is one self-contained document: no external script, style, font or image, a strict CSP', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(\s*['"]?https?:/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg|blue\.example|green\.example)/);
    expect(html).toContain(`default-src 'none'`);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('renders the verdict, its reasons, the checks and the statistics server side', () => {
    expect(html).toMatch(/<section id="verdict" class="verdict fail"/);
    expect(html).toContain('<span class="verdict-word">FAIL</span>');
    expect(html).toContain('latency.p95 1.2s &gt;= limit 1s');
    expect(html).toContain('Incomplete run (interrupted by SIGINT): 118 of 120 cases scored.');
    for (const h of ['status', 'check', 'value', 'limit', 'blue', 'green', 'n', 'reason'])
      expect(html).toContain(`<th scope="col">${h}</th>`);
    expect(html).not.toContain('id="statistics"');
    const withStats = renderHtml({ ...fixtureReport(), checks: [...CHECKS, ...STAT_CHECKS] });
    for (const h of ['outcome', 'estimate [CI]', 'p / Holm p', 'effect size', 'noise floor', 'needed'])
      expect(withStats).toContain(`<th scope="col">${h}</th>`);
    expect(withStats).toContain('−0.061 [−0.082, −0.041]');
    expect(withStats).toContain('rank-biserial r = −0.54');
    expect(withStats).toContain('about 95 more cases');
  });

  it('escapes hostile text everywhere it is written as markup', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>');
    expect(html).toContain('upstream &lt;timeout&gt;');
    expect(html).toContain('rag.recall@5 0.720 &lt; 0.8 &lt;worse&gt;');
    expect(html).toContain('data-case="dosage-&lt;02&gt;"');
  });

  it('embeds every case, with the word diff of the first answers, readable back as JSON', () => {
    const data = embedded(html);
    expect(data.total).toBe(2);
    expect(data.cases.map((c) => c.id)).toEqual(['dosage-01', 'interactions-07']);
    const c = data.cases[0]!;
    expect(c.green.outputs[0]).toContain('<script>alert("x")</script>');
    expect(c.diff?.exact).toBe(true);
    expect(c.diff?.runs.length).toBeGreaterThan(1);
    expect(c.pair.lostDocs).toEqual(['doc-ibu-1']);
    expect(c).not.toHaveProperty('green.ttftMs');
  });

  it('keeps the most regressed cases beyond the limit and says so on the page', () => {
    const report = {
      ...fixtureReport(),
      cases: [withRegression('a', 0.1), withRegression('b', 0.9), withRegression('c', 0.5), withRegression('d', -1)],
    };
    const cut = renderHtml(report, 2);
    expect(embedded(cut).cases.map((c) => c.id)).toEqual(['b', 'c']);
    expect(embedded(cut).total).toBe(4);
    expect(cut).toContain('This page holds the 2 most regressed of 4 cases');
    expect(renderHtml(report)).not.toContain('most regressed of');
  });

  it('renders a report with no cases and no checks', () => {
    const empty = renderHtml({ ...fixtureReport(), cases: [], checks: [], highlights: [], critical: [], errors: [] });
    expect(embedded(empty).cases).toEqual([]);
    expect(empty).toContain('no data');
  });
});

describe('html source', () => {
  it('CaseSelector keeps the top `limit` by regression in golden order on ties, and every latency sample', () => {
    const s = new CaseSelector(3);
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    ids.forEach((id, i) => s.add(withRegression(id, [0.2, 0.9, 0.2, 0.5, 0.2, 0.1, 0.9][i]!)));
    const r = s.result(fixtureSummary());
    expect(r.cases.map((c) => c.id)).toEqual(['b', 'g', 'd']);
    expect(r.totalCases).toBe(7);
    expect(r.latency.blue).toHaveLength(7 * 3);
  });

  it('collectHtmlSource streams cases.jsonl', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revgate-html-'));
    const file = join(dir, 'cases.jsonl');
    await writeFile(file, `${[withRegression('x', 0.3), withRegression('y', 0.7)].map((c) => JSON.stringify(c)).join('\n')}\n\n`);
    const r = await collectHtmlSource(fixtureSummary(), readJsonlTolerant<CaseRecord>(file), 1);
    expect(r.cases.map((c) => c.id)).toEqual(['y']);
    expect(r.totalCases).toBe(2);
    expect(r.latency.green).toHaveLength(6);
  });
});

describe('html in the renderer registry', () => {
  it('is registered as report.html and renders through the one renderer interface, as renderHtml does', async () => {
    const r = rendererFor('html');
    expect(r.file).toBe('report.html');
    expect(await r.render(inputFromReport(fixtureReport()))).toBe(renderHtml(fixtureReport()));
    expect(await RENDERERS.html.render(inputFromReport(fixtureReport()))).toContain('<!doctype html>');
  });
});
