// The zod schema of a duration field, shared by the suite and rollout schemas.
import { z } from 'zod';
import { parseDuration } from './duration.js';

// A number without unit is ambiguous (`timeout: 5` was meant as 5 s and made every call time out
// after 5 ms, issue 12), so only 0 may be written without a unit.
const UNITLESS = /^\s*\d+(?:\.\d+)?\s*$/;

/** A duration such as "800ms", "30s", "10m" (0 may be bare); parsed to ms. */
export const Duration = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    if ((typeof v === 'number' || UNITLESS.test(v)) && Number(v) !== 0) {
      ctx.addIssue({
        code: 'custom',
        message: `a duration needs a unit, got ${JSON.stringify(v)}`,
        params: { hint: `write "${String(v).trim()}s" or "${String(v).trim()}ms"? (units: ms, s, m, h)` },
      });
      return z.NEVER;
    }
    const ms = parseDuration(v);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration like "800ms", "30s" or "10m", got ${JSON.stringify(v)}`,
        params: { hint: 'units: ms, s, m, h (e.g. 1.5s); only 0 may be written without a unit' },
      });
      return z.NEVER;
    }
    return ms;
  })
  .meta({
    description: 'A duration with a unit: "800ms", "30s", "10m", "1h" (only 0 may be written without one)',
    // For editors: strings must look like a duration (numbers are milliseconds).
    pattern: '^\\s*(0|\\d+(\\.\\d+)?\\s*(ms|s|m|h))\\s*$',
    examples: ['800ms', '30s', '10m'],
  });
