// The zod schema of a duration field, shared by the suite and rollout schemas.
import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A duration such as "800ms", "30s", "10m" or a number of milliseconds; parsed to ms. */
export const Duration = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const ms = parseDuration(v);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration like "800ms", "30s" or "10m", got ${JSON.stringify(v)}`,
        params: { hint: 'units: ms, s, m, h (e.g. 1.5s); a bare number is milliseconds' },
      });
      return z.NEVER;
    }
    return ms;
  })
  .meta({
    description: 'A duration: "800ms", "30s", "10m", "1h", or milliseconds',
    // For editors: strings must look like a duration (numbers are milliseconds).
    pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)?\\s*$',
    examples: ['800ms', '30s', '10m'],
  });
