// The statistics of `test:` checks in every renderer: Markdown table, JUnit failure body, console lines.
import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/report/console.js';
import { renderJUnit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { ReportSummary } from '../../src/model/report.js';
import { CHECKS, fixtureSummary, STAT_CHECKS } from './fixture.js';

function withStats(statistics?: Record<string, unknown>): ReportSummary {
  const base = fixtureSummary();
  return { ...base, checks: [...CHECKS, ...STAT_CHECKS], config: { ...base.config, ...(statistics ? { statistics } : {}) } };
}

describe('statistics in the renderers', () => {
  it('Markdown: a Statistics table with the correction used', () => {
    const text = renderMarkdown(withStats({ alpha: 0.05, confidence: 0.95, correction: 'holm' }));
    expect(text).toContain('### Statistics');
    expect(text).toContain('p-values are Holm-adjusted over the 2 voting checks with a p-value (family-wise error ≤ α)');
    expect(text).toContain('| check | test | outcome | estimate \\[CI\\] | margin | p / Holm p | effect size | noise floor | n | needed |');
    expect(text).toContain(
      '| ref.rougeL | Wilcoxon signed-rank + paired BCa bootstrap (2000 resamples) | regression | −0.061 \\[−0.082, −0.041\\] | 0.02 | 0.0003 / 0.0009 | rank-biserial r = −0.54 | — | 120 | — |',
    );
    expect(text).toContain(
      '| drift.noise | Wilcoxon signed-rank + paired BCa bootstrap (2000 resamples) | insufficient-data | −0.01 \\[−0.09, +0.06\\] | 0.05 | 0.5 / 1 | rank-biserial r = −0.1 | 0.72 | 14 | about 95 more cases at the observed sd 0.12 to resolve a 0.05 effect |',
    );
    expect(text).toContain(
      '| latency.p95 (advisory) | bootstrap percentile interval of the p95 ratio (2000 resamples; interval-only, not in the Holm family) | no-change | 1.05 \\[0.97, 1.14\\] | ≤ 1.2× | — | — | — | 360 | — |',
    );
    // The checks table shows the estimate in the test's unit.
    expect(text).toContain('| FAIL | ref.rougeL | −0.061 | 0.02 | 0.412 | 0.351 | 120 |');
    expect(text.indexOf('### Statistics')).toBeGreaterThan(text.indexOf('### Checks'));
  });

  it('Markdown: says when no correction was used, and omits the section without statistical checks', () => {
    expect(renderMarkdown(withStats({ correction: 'none' }))).toContain('No family-wise correction (statistics.correction: none)');
    expect(renderMarkdown(fixtureSummary())).not.toContain('### Statistics');
  });

  it('JUnit: the failure body carries the statistics', () => {
    const xml = renderJUnit(withStats());
    const start = xml.indexOf('name="ref.rougeL"');
    const body = xml.slice(start, xml.indexOf('</testcase>', start));
    expect(body).toContain('<failure message="ref.rougeL: regression −0.061 [−0.082, −0.041] beyond −0.02');
    for (const line of [
      'test: Wilcoxon signed-rank + paired BCa bootstrap (2000 resamples)',
      'outcome: regression',
      'estimate: -0.061',
      'interval: [-0.082, -0.041] (95%)',
      'p: 0.0003',
      'p.holm: 0.0009',
      'effect: rank-biserial r = -0.54',
      'minEffect: 0.02',
    ]) {
      expect(body).toContain(line);
    }
    const skipped = xml.slice(xml.indexOf('name="drift.noise"'));
    expect(skipped).toMatch(/^name="drift.noise" time="0">\n\s+<skipped message="drift.noise: insufficient data/);
  });

  it('console: outcome, estimate and CI per statistical check', () => {
    const text = renderConsole(withStats(), { color: false });
    expect(text).toContain('statistics (green − blue, estimate [CI])');
    expect(text).toContain('  ref.rougeL   regression        −0.061 [−0.082, −0.041]');
    expect(text).toContain('  drift.noise  insufficient-data −0.01 [−0.09, +0.06]');
    expect(text).toContain('  latency.p95  no-change         1.05 [0.97, 1.14] [advisory]');
    expect(renderConsole(fixtureSummary(), { color: false })).not.toContain('statistics (');
  });
});
