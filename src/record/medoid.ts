// The most central of several answers: the medoid by ROUGE-L, for recording a reference from repeats.
import { rougeLTokens, tokenize } from '../scoring/text.js';

/**
 * Index of the medoid of `texts`: the text with the highest summed ROUGE-L F to all the others
 * (equivalently, the least total distance 1 − ROUGE-L). Ties go to the earliest; -1 for none.
 */
export function medoidIndex(texts: readonly string[]): number {
  if (texts.length === 0) return -1;
  if (texts.length <= 2) return 0; // one answer, or two equally central ones
  const tokens = texts.map(tokenize);
  const sums = new Array<number>(texts.length).fill(0);
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const s = rougeLTokens(tokens[i]!, tokens[j]!);
      sums[i]! += s;
      sums[j]! += s;
    }
  }
  let best = 0;
  for (let i = 1; i < sums.length; i++) if (sums[i]! > sums[best]!) best = i;
  return best;
}
