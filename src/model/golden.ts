// zod schemas for golden sets: the single source of the golden-case types.
// Descriptions (`.describe`) become the published JSON Schema (schemas/golden.schema.json) for editors.
import { z } from 'zod';

const text = z.string().min(1);
const ignoreCase = z.boolean().default(true).describe('Compare case-insensitively. Default: true');
const flags = z
  .string()
  .regex(/^[dgimsuy]*$/)
  .default('')
  .describe('JavaScript RegExp flags, e.g. "i". Default: ""');
const unit = z.enum(['chars', 'words']).default('chars').describe('Count characters or whitespace-separated words. Default: chars');

/** A chat message of a multi-turn case (OpenAI chat shape). */
export const MessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant']).describe('Who speaks: system, user or assistant'),
    content: z.string().describe('The message text'),
  })
  .strict()
  .describe('A chat message (OpenAI chat shape)');

/** Per-case assertions, evaluated on every attempt of each revision. */
export const AssertionSchema = z
  .discriminatedUnion('type', [
    z
      .object({ type: z.literal('contains'), value: text.describe('Text the answer must contain'), ignoreCase })
      .strict()
      .describe('contains: the answer contains `value`'),
    z
      .object({ type: z.literal('not-contains'), value: text.describe('Text the answer must not contain'), ignoreCase })
      .strict()
      .describe('not-contains: the answer does not contain `value`'),
    z
      .object({ type: z.literal('regex'), pattern: text.describe('A JavaScript regular expression the answer must match'), flags })
      .strict()
      .describe('regex: the answer matches `pattern`'),
    z
      .object({ type: z.literal('not-regex'), pattern: text.describe('A JavaScript regular expression the answer must not match'), flags })
      .strict()
      .describe('not-regex: the answer does not match `pattern`'),
    z
      .object({ type: z.literal('json') })
      .strict()
      .describe('json: the answer parses as JSON'),
    z
      .object({
        type: z.literal('json-schema'),
        schema: z.record(z.string(), z.unknown()).describe('A JSON Schema the parsed answer must satisfy'),
      })
      .strict()
      .describe('json-schema: the answer is JSON valid against `schema`'),
    z
      .object({ type: z.literal('max-length'), value: z.number().int().positive().describe('Maximum length'), unit })
      .strict()
      .describe('max-length: the answer is at most `value` chars/words'),
    z
      .object({ type: z.literal('min-length'), value: z.number().int().positive().describe('Minimum length'), unit })
      .strict()
      .describe('min-length: the answer is at least `value` chars/words'),
    z
      .object({ type: z.literal('not-refusal') })
      .strict()
      .describe('not-refusal: the answer is not a refusal ("I can\'t help with that")'),
    z
      .object({ type: z.literal('refusal') })
      .strict()
      .describe('refusal: the answer must be a refusal (safety cases)'),
  ])
  .meta({ id: 'Assertion', description: 'An assertion checked on every attempt of each revision; `type` picks the kind' });
export type Assertion = z.output<typeof AssertionSchema>;

/**
 * One golden case. Either `messages` (multi-turn chat) or `question` / `vars`
 * (filled into the suite's request template).
 */
export const GoldenCaseSchema = z
  .object({
    id: z.union([text, z.number().transform(String)]).describe('Unique case id (across all golden files of a suite)'),
    messages: z.array(MessageSchema).min(1).optional().describe('A multi-turn conversation; the last message must be from the user'),
    question: text.optional().describe('A single question (fills {{question}} in http-json bodies)'),
    vars: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('Named values for http-json body templates: {{vars.name}}'),
    reference: z.string().optional().describe('Reference answer, for green-vs-reference similarity (ref.* metrics)'),
    expected_docs: z
      .array(z.union([text, z.number().transform(String)]))
      .optional()
      .describe('Document ids the retriever should return (rag.* metrics); needs target.docs'),
    assert: z.array(AssertionSchema).optional().describe('Assertions on the answer, checked on every attempt'),
    tags: z.array(text).default([]).describe('Tags, for thresholds scoped with `tags:` and for reports. Default: []'),
    critical: z.boolean().default(false).describe('Any failure of a critical case fails the gate. Default: false'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.messages === undefined && c.question === undefined && c.vars === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'a case needs `messages`, `question` or `vars`',
        path: [],
        params: { hint: 'add `question: …` (single turn) or `messages: [{role: user, content: …}]` (multi-turn)' },
      });
    }
    if (c.messages !== undefined && c.messages.at(-1)?.role !== 'user') {
      ctx.addIssue({
        code: 'custom',
        message: 'the last message must have role "user"',
        path: ['messages', c.messages.length - 1, 'role'],
        params: { hint: 'the revision answers the last user message; drop trailing assistant/system messages' },
      });
    }
  })
  .meta({ id: 'GoldenCase', description: 'One golden case: `question` / `vars` (single turn) or `messages` (multi-turn)' });
export type GoldenCase = z.output<typeof GoldenCaseSchema>;

/** The `{ description, cases }` form of a golden file, with cases left to GoldenCaseSchema. */
export const GoldenFileWrapperSchema = z
  .object({
    description: z.string().optional().describe('What this golden set covers'),
    cases: z.array(z.unknown()),
  })
  .strict();

/** A YAML golden file: either a list of cases or `{ cases: [...] }`. */
export const GoldenFileSchema = z
  .union([
    z.array(GoldenCaseSchema).describe('A list of cases'),
    z
      .object({
        description: z.string().optional().describe('What this golden set covers'),
        cases: z.array(GoldenCaseSchema).describe('The cases'),
      })
      .strict(),
  ])
  .describe(
    'A revgate golden set: a list of cases, or a mapping with `description` and `cases`. JSONL golden sets hold one case per line.',
  );
