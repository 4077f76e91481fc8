// Comparing a measured value with a limit, tolerant of binary rounding.
import type { Op } from '../../model/verdict.js';

// Deltas and ratios are computed in floating point: 0.843 - 0.823 = 0.020000000000000018, which a
// strict `<= 0.02` would fail. Values within a relative 1e-9 of the limit count as equal.
const RELATIVE_TOLERANCE = 1e-9;

const NEGATION: Record<Op, Op> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' };

/** True when `value op limit` holds, treating values within a relative 1e-9 of the limit as equal. */
export function compare(value: number, op: Op, limit: number): boolean {
  const equal = Math.abs(value - limit) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(value), Math.abs(limit));
  switch (op) {
    case '<':
      return !equal && value < limit;
    case '<=':
      return equal || value < limit;
    case '>':
      return !equal && value > limit;
    case '>=':
      return equal || value > limit;
    case '==':
      return equal;
    case '!=':
      return !equal;
  }
}

/** The operator that holds when `op` does not (`<=` → `>`), to state a failure as a true sentence. */
export function negate(op: Op): Op {
  return NEGATION[op];
}
