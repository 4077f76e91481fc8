// The word diff of green's answer against blue's: LCS over words, as token runs, capped in cost.
import { describe, expect, it } from 'vitest';
import { diffSegments, tokenize, wordDiff } from '../../src/report/html/diff.js';

function show(blue: string, green: string, maxCells?: number): string {
  const d = wordDiff(blue, green, maxCells);
  return diffSegments(blue, green, d)
    .map((s) => (s.op === '=' ? s.text : `${s.op === '+' ? '{+' : '[-'}${s.text.trimEnd()}${s.op === '+' ? '+}' : '-]'} `))
    .join('')
    .trim();
}

describe('word diff', () => {
  it('tokenizes words with their trailing whitespace', () => {
    expect(tokenize('  Take 200 mg\n daily. ')).toEqual(['Take ', '200 ', 'mg\n ', 'daily.']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n ')).toEqual([]);
  });

  it('finds nothing to mark in identical texts', () => {
    expect(wordDiff('take 200 mg daily', 'take 200 mg daily')).toEqual({ runs: [['=', 4]], exact: true });
  });

  it('marks insertions, deletions and replacements on the longest common subsequence', () => {
    expect(show('take 200 mg daily', 'take 400 mg twice daily')).toBe('take [-200-] {+400+} mg {+twice+} daily');
    expect(show('the drug is safe and effective', 'the drug is effective')).toBe('the drug is [-safe and-] effective');
    expect(show('a b c', 'x y z')).toBe('[-a b c-] {+x y z+}');
  });

  it('compares words, not the whitespace after them', () => {
    expect(wordDiff('take  200\nmg', 'take 200 mg')).toEqual({ runs: [['=', 3]], exact: true });
  });

  it('handles an empty side', () => {
    expect(wordDiff('', 'new answer')).toEqual({ runs: [['+', 2]], exact: true });
    expect(wordDiff('old answer', '')).toEqual({ runs: [['-', 2]], exact: true });
    expect(wordDiff('', '')).toEqual({ runs: [], exact: true });
  });

  it('caps the cost of long texts: keeps the common prefix and suffix, replaces the middle wholesale', () => {
    const words = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
    const blue = `intro words ${words(600, 'b')} shared ending`;
    const green = `intro words ${words(700, 'g')} shared ending`;
    const d = wordDiff(blue, green, 10_000);
    expect(d).toEqual({
      runs: [
        ['=', 2],
        ['-', 600],
        ['+', 700],
        ['=', 2],
      ],
      exact: false,
    });
    // The runs still cover both texts exactly.
    const segs = diffSegments(blue, green, d);
    expect(
      segs
        .filter((s) => s.op !== '+')
        .map((s) => s.text)
        .join(''),
    ).toBe(blue);
    expect(
      segs
        .filter((s) => s.op !== '-')
        .map((s) => s.text)
        .join(''),
    ).toBe(green);
  });

  it("runs cover the words of both texts, for random edits (equal words show green's whitespace)", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const vocab = ['dose', 'mg', '200', 'take', 'with', 'food', 'daily', 'avoid', 'alcohol', '<b>'];
    for (let trial = 0; trial < 50; trial++) {
      const text = () =>
        Array.from({ length: Math.floor(rand() * 30) }, () => vocab[Math.floor(rand() * vocab.length)]).join(rand() < 0.5 ? ' ' : '\n');
      const blue = text();
      const green = text();
      const segs = diffSegments(blue, green, wordDiff(blue, green));
      const words = (t: string) => t.split(/\s+/).filter(Boolean);
      expect(
        words(
          segs
            .filter((s) => s.op !== '+')
            .map((s) => s.text)
            .join(' '),
        ),
      ).toEqual(words(blue));
      expect(
        segs
          .filter((s) => s.op !== '-')
          .map((s) => s.text)
          .join(''),
      ).toBe(green.trim());
    }
  });
});
