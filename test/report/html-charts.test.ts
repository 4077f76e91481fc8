// The hand-drawn SVG charts: well-formed, finite coordinates, escaped labels, and the edge cases
// (no data, one sample, identical samples, null values).
import { describe, expect, it } from 'vitest';
import { barsSvg } from '../../src/report/html/chart-bars.js';
import { dumbbellSvg } from '../../src/report/html/chart-dumbbell.js';
import { histogramSvg } from '../../src/report/html/chart-histogram.js';
import { chartsSection } from '../../src/report/html/charts.js';
import { niceTicks } from '../../src/report/html/svg.js';
import { fixtureSummary } from './fixture.js';

const NO_NAN = /NaN|Infinity|undefined/;
const series = (blue: number[], green: number[]) => [
  { name: 'blue', cls: 's-blue', values: blue },
  { name: 'green', cls: 's-green', values: green },
];
const fmt = (v: number) => v.toFixed(2);

function wellFormed(svg: string): void {
  expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*>/);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg).not.toMatch(NO_NAN);
  const opened = (svg.match(/<(svg|g|text|title|rect|line|circle)[\s>]/g) ?? []).length;
  const closed = (svg.match(/<\/(svg|g|text|title|rect|line|circle)>|\/>/g) ?? []).length;
  expect(closed).toBe(opened);
}

describe('nice ticks', () => {
  it('picks round steps covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(37, 812, 6)).toEqual([200, 400, 600, 800]);
    expect(niceTicks(0, 0.031, 4)).toEqual([0, 0.01, 0.02, 0.03]);
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });
});

describe('latency histogram', () => {
  it('says "no data" instead of drawing empty axes', () => {
    const svg = histogramSvg(series([], []));
    wellFormed(svg);
    expect(svg).toContain('>no data</text>');
    expect(svg).not.toContain('class="s-blue bar"');
  });

  it('draws one sample, and identical samples, in a padded range', () => {
    for (const svg of [histogramSvg(series([120], [])), histogramSvg(series([80, 80, 80], [80]))]) {
      wellFormed(svg);
      expect(svg).toContain('class="s-blue bar"');
    }
    expect(histogramSvg(series([120], []))).toContain('green: no data');
  });

  it('overlays both revisions on shared bins, marks p50/p95, and cuts a long tail into the last bin', () => {
    const blue = Array.from({ length: 300 }, (_, i) => 100 + (i % 50));
    const green = [...Array.from({ length: 299 }, (_, i) => 130 + (i % 60)), 30_000];
    const svg = histogramSvg(series(blue, green));
    wellFormed(svg);
    expect(svg).toContain('class="s-green bar"');
    expect(svg.match(/class="s-(blue|green) marker"/g)).toHaveLength(4);
    expect(svg).toMatch(/last bin: ≥ [\d.]+ms \(max 30s\)/);
    expect(svg).toContain('blue (n=300, p50 124.5ms'.replace('124.5ms', '125ms'));
  });

  it('ignores non-finite samples', () => {
    wellFormed(histogramSvg(series([NaN, Infinity, 5], [])));
  });
});

describe('bars and dumbbells', () => {
  it('bars: placeholder without values, "n/a" for a missing one, escaped labels', () => {
    expect(barsSvg([], 'empty', [])).toContain('no data');
    expect(barsSvg([{ label: 'x', bars: [{ name: 'blue', cls: 's-blue', value: null, display: 'n/a' }] }], 'nulls', [])).toContain(
      'no data',
    );
    const svg = barsSvg(
      [
        {
          label: '<b>rag</b>',
          bars: [
            { name: 'blue', cls: 's-blue', value: 0.5, display: '0.5' },
            { name: 'green', cls: 's-green', value: null, display: 'n/a' },
          ],
        },
      ],
      'one',
      [{ name: 'blue', cls: 's-blue' }],
    );
    wellFormed(svg);
    expect(svg).toContain('&lt;b&gt;rag&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('>n/a</text>');
  });

  it('dumbbells: placeholder without rows, one dot for a one-sided row, direction classes', () => {
    const o = { label: 'per tag', title: 'ROUGE-L', higherIsBetter: true, format: fmt, max: 1 };
    expect(dumbbellSvg([], o)).toContain('no data');
    expect(dumbbellSvg([{ label: 't', n: 0, blue: null, green: null }], o)).toContain('no data');
    const svg = dumbbellSvg(
      [
        { label: 'worse', n: 3, blue: 0.8, green: 0.4 },
        { label: 'better', n: 2, blue: 0.2, green: 0.3 },
        { label: 'blue only', n: 1, blue: 0.5, green: null },
      ],
      o,
    );
    wellFormed(svg);
    expect(svg).toContain('class="link worse"');
    expect(svg).toContain('class="link better"');
    expect(svg.match(/<circle/g)).toHaveLength(5);
    const latency = dumbbellSvg([{ label: 'one', n: 1, blue: 300, green: 300 }], { ...o, higherIsBetter: false, max: undefined });
    wellFormed(latency);
    expect(latency).toContain('class="link same"');
  });

  it('the charts section renders from a summary without per-tag metrics or latency samples', () => {
    const s = fixtureSummary();
    const html = chartsSection(s.metrics, {}, { blue: [], green: [] });
    expect(html).not.toMatch(NO_NAN);
    expect(html).toContain('no data');
    expect(html).not.toContain('Per tag');
  });
});
