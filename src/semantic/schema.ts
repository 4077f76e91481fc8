// The `scoring.embeddings` and `scoring.judge` sections: measuring endpoints (never the system under test).
import { z } from 'zod';
import { Duration } from '../model/duration-schema.js';

/** An OpenAI-compatible endpoint used for measuring (embeddings, judge) — never the system under test. */
const MeasureEndpoint = {
  url: z
    .string()
    .min(1)
    .refine((v) => URL.canParse(v), { message: 'expected an absolute URL, e.g. https://api.openai.com/v1' })
    .describe('Base URL: an OpenAI-compatible API base (http://host/v1) or an Azure OpenAI deployment URL'),
  model: z.string().min(1).describe('Model (or Azure deployment) name; part of every cache key'),
  apiKey: z.string().optional().describe('API key as a ${ENV_VAR} reference'),
  apiVersion: z.string().optional().describe('Azure OpenAI api-version (switches to Azure auth: api-key header)'),
  timeout: Duration.default(30_000).describe('Per-request timeout. Default: "30s"'),
  retries: z.number().int().min(0).max(10).default(2).describe('Retries of 429 / 5xx / timeouts. Default: 2'),
  cache: z
    .union([z.string().min(1), z.literal(false)])
    .default('.revgate-cache')
    .describe('On-disk cache directory (relative to the working directory), or false. Default: ".revgate-cache"'),
};

export const EmbeddingsSchema = z
  .object({ ...MeasureEndpoint, batchSize: z.number().int().min(1).max(2048).default(64).describe('Texts per request. Default: 64') })
  .strict()
  .describe('Semantic drift by embeddings (cosine similarity): metrics semantic.ref.mean, semantic.drift.mean; test semantic.ref');

export const JudgeSchema = z
  .object({
    ...MeasureEndpoint,
    mode: z
      .enum(['rubric', 'pairwise', 'both'])
      .default('both')
      .describe(
        'rubric: grade each revision against the reference (judge.ref); pairwise: green vs blue with positions swapped (judge.win_rate). Default: both',
      ),
    temperature: z.number().min(0).max(2).default(0).describe('Judge temperature, recorded in the report. Default: 0'),
    seed: z.number().int().default(7).describe('Judge seed, recorded in the report. Default: 7'),
    rubric: z.string().optional().describe('Custom grading rubric (1-5 scale text)'),
    concurrency: z.number().int().min(1).max(64).default(4).describe('Cases judged at once. Default: 4'),
  })
  .strict()
  .describe(
    'LLM-as-judge: rubric grading against the reference and pairwise green-vs-blue comparison; a judge failure is a measurement error, never a green failure',
  );
