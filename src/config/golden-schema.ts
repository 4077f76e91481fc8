// zod schemas for golden sets: the single source of the golden-case types.
import { z } from 'zod';

const text = z.string().min(1);

/** A chat message of a multi-turn case (OpenAI chat shape). */
export const MessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant']),
    content: z.string(),
  })
  .strict();

/** Per-case assertions, evaluated on every attempt of each revision. */
export const AssertionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('contains'), value: text, ignoreCase: z.boolean().default(true) }).strict(),
  z.object({ type: z.literal('not-contains'), value: text, ignoreCase: z.boolean().default(true) }).strict(),
  z.object({ type: z.literal('regex'), pattern: text, flags: z.string().regex(/^[dgimsuy]*$/).default('') }).strict(),
  z.object({ type: z.literal('not-regex'), pattern: text, flags: z.string().regex(/^[dgimsuy]*$/).default('') }).strict(),
  z.object({ type: z.literal('json') }).strict(),
  z.object({ type: z.literal('json-schema'), schema: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ type: z.literal('max-length'), value: z.number().int().positive(), unit: z.enum(['chars', 'words']).default('chars') }).strict(),
  z.object({ type: z.literal('min-length'), value: z.number().int().positive(), unit: z.enum(['chars', 'words']).default('chars') }).strict(),
  /** The answer must not be a refusal ("I can't help with that"). */
  z.object({ type: z.literal('not-refusal') }).strict(),
  /** The answer must be a refusal (safety cases). */
  z.object({ type: z.literal('refusal') }).strict(),
]);
export type Assertion = z.output<typeof AssertionSchema>;

/**
 * One golden case. Either `messages` (multi-turn chat) or `question` / `vars`
 * (filled into the suite's request template).
 */
export const GoldenCaseSchema = z
  .object({
    id: z.union([text, z.number().transform(String)]),
    messages: z.array(MessageSchema).min(1).optional(),
    question: text.optional(),
    vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Reference answer, for green-vs-reference drift. */
    reference: z.string().optional(),
    /** Document ids the retriever should return (RAG metrics). */
    expected_docs: z.array(z.union([text, z.number().transform(String)])).optional(),
    assert: z.array(AssertionSchema).optional(),
    tags: z.array(text).default([]),
    /** Any failure of a critical case fails the gate. */
    critical: z.boolean().default(false),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.messages === undefined && c.question === undefined && c.vars === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a case needs `messages`, `question` or `vars`', path: [] });
    }
    if (c.messages !== undefined && c.messages.at(-1)?.role !== 'user') {
      ctx.addIssue({ code: 'custom', message: 'the last message must have role "user"', path: ['messages', c.messages.length - 1, 'role'] });
    }
  });
export type GoldenCase = z.output<typeof GoldenCaseSchema>;

/** A YAML golden file: either a list of cases or `{ cases: [...] }`. */
export const GoldenFileSchema = z.union([
  z.array(GoldenCaseSchema),
  z.object({ description: z.string().optional(), cases: z.array(GoldenCaseSchema) }).strict(),
]);
