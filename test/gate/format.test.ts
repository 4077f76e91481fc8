import { describe, expect, it } from 'vitest';
import { formatDelta, formatExact, formatMs, formatRate, formatRatio, formatScore, formatValue } from '../../src/gate/format.js';

describe('format helpers', () => {
  it.each([
    [812, '812ms'],
    [0, '0ms'],
    [999.4, '999ms'],
    [999.6, '1s'],
    [1200, '1.2s'],
    [1234, '1.23s'],
    [59_999, '1m'],
    [150_000, '2.5m'],
    [-212, '-212ms'],
    [-1500, '-1.5s'],
  ])('formatMs(%s) = %s', (ms, text) => expect(formatMs(ms)).toBe(text));

  it.each([
    [0.031, '3.1%'],
    [0.01, '1%'],
    [0.0005, '0.05%'],
    [0.12345, '12.3%'],
    [0, '0%'],
    [1, '100%'],
    [-0.02, '-2%'],
  ])('formatRate(%s) = %s', (rate, text) => expect(formatRate(rate)).toBe(text));

  it.each([
    [0.412, '0.412'],
    [0.4, '0.4'],
    [0.41249, '0.412'],
    [-0.0001, '0'],
  ])('formatScore(%s) = %s', (s, text) => expect(formatScore(s)).toBe(text));
  it.each([
    [1.34, '1.34'],
    [1.2, '1.2'],
    [812 / 606, '1.34'],
  ])('formatRatio(%s) = %s', (r, text) => expect(formatRatio(r)).toBe(text));

  it.each([
    [812, 'ms', '812ms'],
    [0.031, 'rate', '3.1%'],
    [0.412, 'score', '0.412'],
    [120, 'count', '120'],
    [123.456, 'tokens', '123.5'],
    [null, 'ms', 'n/a'],
    [NaN, 'score', 'NaN'],
  ] as const)('formatValue(%s, %s) = %s', (value, unit, text) => expect(formatValue(value, unit)).toBe(text));

  it.each([
    [212, 'ms', '+212ms'],
    [-212, 'ms', '-212ms'],
    [-0.031, 'score', '-0.031'],
    [0.02, 'rate', '+2%'],
    [0, 'score', '+0'],
  ] as const)('formatDelta(%s, %s) = %s', (value, unit, text) => expect(formatDelta(value, unit)).toBe(text));

  it.each([
    [1200, 'ms', '1200ms'],
    [0.07, 'rate', '7%'],
    [0.4, 'score', '0.4'],
    [1.2, 'factor', '1.2'],
    [0.1 + 0.2, 'score', '0.3'],
  ] as const)('formatExact(%s, %s) = %s', (value, unit, text) => expect(formatExact(value, unit)).toBe(text));
});
