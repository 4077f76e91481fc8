import { describe, expect, it } from 'vitest';
import { costPer1k } from '../../src/diff/usage.js';
import { diff, m, report } from './fixtures.js';

const tokens = (prompt: number, completion: number) => ({
  'tokens.prompt.mean': m(prompt, 8),
  'tokens.completion.mean': m(completion, 8),
  'tokens.total.mean': m(prompt + completion, 8),
});

describe('tokens and cost per 1,000 requests', () => {
  it('scales the mean tokens per request to 1,000 requests, without a cost when no price is given', () => {
    const d = diff(report({ green: tokens(400, 100) }), report({ green: tokens(400, 250) }));
    expect(d.usage).toMatchObject({
      a: { promptPer1k: 400_000, completionPer1k: 100_000, totalPer1k: 500_000, n: 8, price: null, costPer1k: null },
      b: { totalPer1k: 650_000 },
      tokensDelta: 150_000,
      tokensRelative: 0.3,
      costDelta: null,
    });
  });

  it('prices input and output tokens per million, separately for A and B', () => {
    // A: 400k in at $2.5/M + 100k out at $10/M = $1 + $1 = $2; B: 400k in at $0.15/M + 250k out at $0.6/M = $0.06 + $0.15 = $0.21.
    const d = diff(report({ green: tokens(400, 100) }), report({ green: tokens(400, 250) }), {
      a: { price: { inputPerMillion: 2.5, outputPerMillion: 10 } },
      b: { price: { inputPerMillion: 0.15, outputPerMillion: 0.6 } },
    });
    expect(d.usage!.a.costPer1k).toBeCloseTo(2);
    expect(d.usage!.b.costPer1k).toBeCloseTo(0.21);
    expect(d.usage!.costDelta).toBeCloseTo(-1.79);
    expect(d.usage!.costRelative).toBeCloseTo(-0.895);
  });

  it('is null when neither run reported usage, and a cost needs both token counts', () => {
    expect(diff(report(), report()).usage).toBeNull();
    expect(costPer1k(1000, null, { inputPerMillion: 1, outputPerMillion: 1 })).toBeNull();
    expect(costPer1k(1_000_000, 1_000_000, { inputPerMillion: 3, outputPerMillion: 15 })).toBe(18);
  });
});
