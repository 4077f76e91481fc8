// The scoring compares interned token ids (one dictionary per case); the scores must be exactly
// those of the string-token functions.
import { describe, expect, it } from 'vitest';
import { textScope } from '../../src/scoring/memo.js';
import { similarityIds, similarityTokens, tokenIdsOf, tokenize } from '../../src/scoring/text.js';

const WORDS = ['take', '400', 'mg', 'every', '6', 'hours', 'Ibuprofen', 'é', 'über', 'DOSE', '1,5', 'a'];

function text(seed: number): string {
  let x = seed;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648);
  const n = next() % 30;
  return Array.from({ length: n }, () => WORDS[next() % WORDS.length]).join(next() % 3 === 0 ? ', ' : ' ');
}

describe('similarityIds', () => {
  const pairs: Array<[string, string]> = [
    ['', ''],
    ['', 'a b'],
    ['Take 400 mg.', ''],
    ['Take 400 mg every 6 hours.', 'take 400 MG every six hours'],
    ['a a a b', 'a b b'],
    ...Array.from({ length: 200 }, (_, i): [string, string] => [text(i * 2 + 1), text(i * 2 + 2)]),
  ];

  it('gives the scores of similarityTokens, pair after pair within one case', () => {
    textScope(() => {
      for (const [a, b] of pairs) expect(similarityIds(tokenIdsOf(a), tokenIdsOf(b))).toEqual(similarityTokens(tokenize(a), tokenize(b)));
    });
  });

  it('and across cases (the dictionary starts afresh)', () => {
    for (const [a, b] of pairs.slice(0, 50)) {
      textScope(() => expect(similarityIds(tokenIdsOf(b), tokenIdsOf(a))).toEqual(similarityTokens(tokenize(b), tokenize(a))));
    }
  });
});
