// zod schemas for suite files: the single source of the suite types.
// zod only emits `.describe()` / `.meta()` text into JSON Schema (not JSDoc), so every field a
// person writes carries a description: it becomes the editor help in schemas/suite.schema.json.
import { z } from 'zod';
import { GRAMMAR, StatisticsSchema, ThresholdSchema } from '../gate/schema.js';
import { ReportSchema } from '../report/schema.js';
import { SamplingSchema } from '../replay/schema.js';
import { RolloutSchema } from '../rollout/schema.js';
import { EmbeddingsSchema, JudgeSchema } from '../semantic/schema.js';
import { TargetSchema } from '../targets/schema.js';
import { scoringFields } from '../scoring/schema.js';

export { Duration } from '../model/duration-schema.js';

export const ScoringSchema = z
  .object({
    embeddings: EmbeddingsSchema.optional(),
    judge: JudgeSchema.optional(),
    ...scoringFields,
  })
  .strict()
  .describe('How answers are scored');

export const SuiteSchema = z
  .object({
    $schema: z.string().optional().describe('JSON Schema of this file (for editors)'),
    name: z.string().min(1).describe('Suite name, used in reports and run ids'),
    description: z.string().optional().describe('What this suite gates'),
    golden: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .describe('Golden set file(s), YAML or JSONL, relative to this suite file'),
    target: TargetSchema.optional().describe('Target fields shared by blue and green (kind, model, headers, body, docs, …)'),
    blue: TargetSchema.optional().describe('The serving revision; its fields override `target`. URL also via --blue'),
    green: TargetSchema.optional().describe('The new revision; its fields override `target`. URL also via --green'),
    sampling: SamplingSchema.default(SamplingSchema.parse({})),
    scoring: ScoringSchema.default(ScoringSchema.parse({})),
    thresholds: z
      .array(ThresholdSchema)
      .default([])
      .describe(
        `Checks that gate the release; the verdict is worst-of. ${GRAMMAR} Examples: "error_rate <= 1%", "ratio.latency.p95 <= 1.5", "delta.rag.recall@5 >= -0.02", "ref.rougeL.mean >= 0.25", "drift.moved_share <= 0.5". Statistical form: {test: ref.rougeL, minEffect: 0.02} or {test: latency.p95, maxRatio: 1.2}`,
      ),
    statistics: StatisticsSchema.default(StatisticsSchema.parse({})),
    report: ReportSchema.default(ReportSchema.parse({})),
    rollout: RolloutSchema.optional(),
    secrets: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. SEARCH_KEY'))
      .default([])
      .describe(
        'Names of environment variables whose values are secrets beyond the ones revgate already knows (API keys, secret headers): redacted from the console, every report and every error, wherever they appear. Default: []',
      ),
  })
  .strict()
  .describe(
    'A revgate suite: which golden sets to replay against the blue and green revisions, how to sample and score, and the thresholds that gate the release',
  );
export type SuiteInput = z.input<typeof SuiteSchema>;
export type SuiteFile = z.output<typeof SuiteSchema>;
