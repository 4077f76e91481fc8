import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/report/console.js';
import { fixtureSummary } from './fixture.js';

const ESC = '\u001b[';

describe('renderConsole', () => {
  const plain = renderConsole(fixtureSummary(), { color: false });

  it('without color, writes no escape sequence at all (even from run data)', () => {
    expect(plain).not.toContain('\u001b');
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('opens with the verdict, the suite and the tallies', () => {
    expect(plain.split('\n')[0]).toBe('revgate FAIL  pharmabot: green vs blue  (2 pass, 5 fail, 1 error, 1 inconclusive; 118/120 cases)');
    expect(plain).toContain('incomplete run (SIGINT): 118 of 120 cases scored');
  });

  it('prints each reason once: with its check, not again as a verdict reason', () => {
    const summary = fixtureSummary();
    // (Compared by their start: control characters in run data are blanked on the terminal.)
    for (const reason of summary.verdict.reasons) expect(plain.split(reason.slice(0, 24)).length - 1, reason).toBe(1);
    expect(plain).toMatch(/FAIL +green latency\.p95 < 1s = 1\.21s {2}latency\.p95 1\.2s >= limit 1s/);
    expect(plain).not.toMatch(/^ {2}- /m);
  });

  it('lists under the verdict the reasons no check carries, once, at most five', () => {
    const summary = fixtureSummary();
    const own = ['no voting checks: add thresholds or critical cases', ...Array.from({ length: 6 }, (_, i) => `reason ${i}`)];
    summary.verdict.reasons = [...summary.verdict.reasons, own[0]!, ...own];
    const out = renderConsole(summary, { color: false }).split('\n');
    expect(out.slice(1, 10)).toEqual([
      '  incomplete run (SIGINT): 118 of 120 cases scored',
      '',
      '  - no voting checks: add thresholds or critical cases',
      '  - reason 0',
      '  - reason 1',
      '  - reason 2',
      '  - reason 3',
      '  … 2 more',
      '',
    ]);
  });

  it('compares key metrics blue → green with the delta', () => {
    expect(plain).toMatch(/ {2}latency\.p95 +812ms → 1\.21s {2}\(\+398ms\)/);
    expect(plain).toMatch(/ {2}drift\.rougeL\.mean +0\.71 \(green vs blue\)/);
  });

  it('lists checks not passing, advisory ones marked, and where the reports are', () => {
    expect(plain).toMatch(/FAIL +green latency\.p95 < 1s = 1\.21s/);
    expect(plain).toMatch(/FAIL +\[advisory\] refusal_rate < 2%/);
    expect(plain).not.toMatch(/PASS +latency\.p50/);
    expect(plain.trimEnd().split('\n').at(-1)).toBe('reports: .revgate/runs/run-2026-11-26T22-00-00Z-7f3a');
  });

  it('with color, paints the verdict and regressions, and strips to the plain text', () => {
    const colored = renderConsole(fixtureSummary(), { color: true });
    // picocolors: bold 1…22, red 31…39 (each style resets only itself).
    expect(colored).toContain(`${ESC}1m${ESC}31mFAIL${ESC}39m${ESC}22m`);
    expect(colored).toContain(`${ESC}31m(+398ms)${ESC}39m`);
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('on a pass, paints the verdict green and lists nothing failing', () => {
    const pass = fixtureSummary();
    pass.verdict = { status: 'pass', reasons: [], counts: { pass: 2, inconclusive: 0, error: 0, fail: 0 } };
    pass.checks = pass.checks.filter((c) => c.status === 'pass');
    pass.run.complete = true;
    const out = renderConsole(pass, { color: true });
    expect(out).toContain(`${ESC}32mPASS`);
    expect(out).not.toContain('checks not passing');
    expect(out).not.toContain('incomplete');
  });
});
