// The `thresholds` and `statistics` sections of a suite: what gates the release and how tests decide.
import { z } from 'zod';

export const GRAMMAR =
  'Grammar: [scope.]metric op value. scope: green (default) | blue | delta (green - blue) | ratio (green / blue) | pair (pair metrics, e.g. drift.*); op: < <= > >= == !=; value: 0.4 | 1% | 800ms | 1.2s. `revgate metrics` lists the metrics.';

const TESTS =
  'Tests: ref.rougeL, ref.f1, rag.recall, rag.mrr, rag.ndcg, numbers.consistency, semantic.ref, judge.ref (paired per-case scores); drift.noise (drift beyond blue-vs-blue noise); assert (pass/fail flips); error_rate, refusal_rate; latency, ttft (shift); latency.p95, latency.p99, ttft.p95 (green / blue ratio, need maxRatio).';

/** A threshold: a string in the threshold grammar, or an object with a `check` or a statistical `test`. */
export const ThresholdSchema = z.union([
  z.string().min(1).describe(`A check, e.g. "ratio.latency.p95 <= 1.2", "delta.rag.recall@5 >= -0.02", "error_rate <= 1%". ${GRAMMAR}`),
  z
    .object({
      check: z.string().min(1).optional().describe(`The check, e.g. "ratio.latency.p95 <= 1.2". ${GRAMMAR}`),
      test: z
        .string()
        .min(1)
        .optional()
        .describe(
          `A statistical comparison of green with blue that needs significance AND a minimum effect: regression (fail), no-change or improvement (pass), insufficient-data (inconclusive). ${TESTS}`,
        ),
      minEffect: z
        .union([z.number(), z.string()])
        .optional()
        .describe(
          'test only: the smallest change that matters (the margin), e.g. 0.02, "2%", "50ms". Defaults: scores 0.02, drift.noise 0.05, assert 0.05, error_rate/refusal_rate 0.01 (1%), latency/ttft 50ms',
        ),
      maxRatio: z
        .number()
        .positive()
        .optional()
        .describe('test only, ratio tests (latency.p95, latency.p99, ttft.p95): the largest allowed green / blue factor, e.g. 1.2'),
      tags: z.array(z.string()).optional().describe('Evaluate only over cases that have all of these tags'),
      advisory: z.boolean().optional().describe('Reported, but does not vote in the verdict. Default: false'),
      name: z.string().optional().describe('A human name for the check in reports'),
    })
    .strict()
    .superRefine((t, ctx) => {
      const issue = (path: string[], message: string, hint: string) => ctx.addIssue({ code: 'custom', path, message, params: { hint } });
      if (t.check === undefined && t.test === undefined)
        issue([], 'a threshold needs `check` or `test`', 'e.g. check: "error_rate <= 1%", or test: ref.rougeL');
      if (t.check !== undefined && t.test !== undefined)
        issue(['test'], 'a threshold has either `check` or `test`, not both', 'split it into two thresholds');
      if (t.check !== undefined && t.test === undefined) {
        for (const key of ['minEffect', 'maxRatio'] as const) {
          if (t[key] !== undefined)
            issue(
              [key],
              `${key} applies only to \`test\` thresholds`,
              'a `check` carries its limit in the expression, e.g. "delta.ref.rougeL.mean >= -0.02"',
            );
        }
      }
    })
    .describe('A check with options (tag scope, advisory, name), or a statistical test with its margin'),
]);
export type ThresholdInput = z.output<typeof ThresholdSchema>;

export const StatisticsSchema = z
  .object({
    alpha: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.05)
      .describe('Significance level of the statistical tests, after the family-wise correction. Default: 0.05'),
    confidence: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.95)
      .describe('Confidence level of the intervals; no-change needs the worse-side bound within minEffect. Default: 0.95'),
    correction: z
      .enum(['holm', 'none'])
      .default('holm')
      .describe('Family-wise correction over the p-values of the voting tests: holm (Holm 1979 step-down) or none. Default: holm'),
    power: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.8)
      .describe('Power used to estimate how many more cases an insufficient-data test needs. Default: 0.8'),
    resamples: z.number().int().min(100).max(100_000).default(2000).describe('Bootstrap resamples per interval. Default: 2000'),
    seed: z
      .number()
      .int()
      .default(1)
      .describe('Seed of the bootstrap resampling (the same data and seed give the same intervals). Default: 1'),
  })
  .strict()
  .meta({
    description:
      'How statistical `test:` thresholds decide: significance level, interval confidence, multiplicity correction, power, bootstrap',
  });

export type StatisticsOptions = z.output<typeof StatisticsSchema>;
