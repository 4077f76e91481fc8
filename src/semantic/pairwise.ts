// Combining the two position-swapped pairwise votes into one verdict — pure.
import type { PositionVote } from './reply.js';

export type Winner = 'blue' | 'green' | 'tie';

/** One judge reply, in positions: A and B. */
export interface Vote {
  winner: PositionVote;
  confidence: number;
  reason: string;
  raw: string;
}

export interface PairwiseResult {
  winner: Winner;
  /** Mean confidence of the two votes when they agree; 0 when they conflict. */
  confidence: number;
  /** The two votes in revision terms: [blue shown as A, green shown as A]. */
  votes: [Winner, Winner];
  reason: string;
}

/**
 * Position-swap debiasing (as in MT-Bench's "swap positions" judge): the pair is judged once with
 * blue as A and once with green as A. A revision wins only when both orders prefer it; any
 * disagreement (including one tie) is a tie, so a judge that always picks the first slot yields
 * tie rather than a winner.
 */
export function combineVotes(blueFirst: Vote, greenFirst: Vote): PairwiseResult {
  const first: Winner = blueFirst.winner === 'A' ? 'blue' : blueFirst.winner === 'B' ? 'green' : 'tie';
  const second: Winner = greenFirst.winner === 'A' ? 'green' : greenFirst.winner === 'B' ? 'blue' : 'tie';
  const agree = first === second;
  return {
    winner: agree ? first : 'tie',
    confidence: agree ? (blueFirst.confidence + greenFirst.confidence) / 2 : 0,
    votes: [first, second],
    reason: `blue as A → ${first}: ${blueFirst.reason} | green as A → ${second}: ${greenFirst.reason}`,
  };
}
