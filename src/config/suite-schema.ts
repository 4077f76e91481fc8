// zod schemas for suite files: the single source of the suite types.
// Field docs here become the published JSON Schema (schemas/suite.schema.json) for editors.
import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A duration such as "800ms", "30s", "10m" or a number of milliseconds; parsed to ms. */
export const Duration = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const ms = parseDuration(v);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a duration like "800ms", "30s" or "10m", got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return ms;
  })
  .meta({ description: 'A duration: "800ms", "30s", "10m", "1h", or milliseconds' });

/** Where to read retrieved document ids in a response. */
export const DocsExtractSchema = z
  .object({
    /** A preset for a known response shape. */
    preset: z.enum(['azure-on-your-data', 'sources', 'none']).optional()
      .meta({ description: 'azure-on-your-data: choices[0].message.context.citations[]; sources: {answer, sources:[{id}]}' }),
    /** Path to the list of retrieved items, e.g. `sources` or `choices[0].message.context.citations`. */
    path: z.string().optional(),
    /** Field(s) of each item that hold its id, tried in order, e.g. ["filepath", "url", "title", "chunk_id"]. */
    id: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  })
  .strict();

/** How one revision is called. Shared fields go in `target`, per-revision ones in `blue` / `green`. */
export const TargetSchema = z
  .object({
    /** openai-chat: OpenAI-compatible chat completions via the `openai` SDK; http-json: a POST with a templated JSON body. */
    kind: z.enum(['openai-chat', 'http-json']).optional(),
    /** Base URL. openai-chat: the API base (e.g. http://host/v1 or an Azure deployment URL); http-json: the endpoint. */
    url: z.string().url().optional(),
    /** Extra headers. Secrets only as `${ENV_VAR}` references. */
    headers: z.record(z.string(), z.string()).optional(),
    /** openai-chat: model (or Azure deployment) name. */
    model: z.string().optional(),
    /** openai-chat: API key as `${ENV_VAR}`; sent as Authorization Bearer. */
    apiKey: z.string().optional(),
    /** openai-chat: Azure OpenAI api-version query parameter (sets `api-version`, sends `api-key`). */
    apiVersion: z.string().optional(),
    /** openai-chat: stream the answer and measure time to first token. @default false */
    stream: z.boolean().optional(),
    /** openai-chat: a system prompt prepended to cases that have no system message. */
    system: z.string().optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    /** Extra fields merged into the chat completion request body (e.g. Azure `data_sources`). */
    extraBody: z.record(z.string(), z.unknown()).optional(),
    /** http-json: the JSON body; strings may use {{question}}, {{vars.name}}, {{messages}} (JSON), {{case.id}}. */
    body: z.unknown().optional(),
    /** http-json: path to the answer text in the response, e.g. `answer` or `choices[0].message.content`. @default "answer" */
    answer: z.string().optional(),
    /** Where retrieved document ids are read from. */
    docs: DocsExtractSchema.optional(),
    /** Readiness endpoint (a path or an absolute URL) polled until 200 before measuring. @default "/health/ready" */
    readyPath: z.string().optional(),
  })
  .strict();
export type TargetInput = z.output<typeof TargetSchema>;

export const SamplingSchema = z
  .object({
    /** Requests in flight at once (blue and green together). @default 8 */
    concurrency: z.number().int().min(1).max(1024).default(8),
    /** Attempts per case and revision (more repeats measure nondeterminism). @default 1 */
    repeats: z.number().int().min(1).max(100).default(1),
    /** Per-request timeout. @default "60s" */
    timeout: Duration.default(60_000),
    /** Retries of 429 / 5xx / timeouts / connection resets, with exponential backoff honouring Retry-After. @default 2 */
    retries: z.number().int().min(0).max(10).default(2),
    /** First backoff delay; doubles each retry, with jitter. @default "250ms" */
    backoff: Duration.default(250),
    /** Warm-up requests per revision, excluded from the statistics (cold starts). @default 2 */
    warmup: z.number().int().min(0).max(100).default(2),
    /** Whole-run deadline; an unfinished run ends incomplete. @default "30m" */
    deadline: Duration.default(30 * 60_000),
    /** How long to wait for each target's readiness endpoint to answer 200. @default "60s"; 0 skips the check */
    readyTimeout: Duration.default(60_000),
    /** Seed for the blue/green call order (reproducible runs). */
    seed: z.number().int().optional(),
  })
  .strict();

export const ScoringSchema = z
  .object({
    /** k for hit@k, recall@k, nDCG@k. @default 5 */
    k: z.number().int().min(1).max(100).default(5),
    /** A case "moved" when its green-vs-blue similarity is below 1 - tolerance. @default 0.3 */
    driftTolerance: z.number().min(0).max(1).default(0.3),
    /** A case passes its assertions when at least this share of its attempts pass (k-of-n). @default 1 */
    assertPassRatio: z.number().min(0).max(1).default(1),
    /** Fewer scored cases than this make every check inconclusive. @default 5 */
    minCases: z.number().int().min(1).default(5),
  })
  .strict();

/** A threshold: a string in the threshold grammar, or an object with scope and options. */
export const ThresholdSchema = z.union([
  z.string().min(1),
  z
    .object({
      /** The check, in the threshold grammar, e.g. "ratio.latency.p95 <= 1.2". */
      check: z.string().min(1),
      /** Evaluate only over cases with all of these tags. */
      tags: z.array(z.string()).optional(),
      /** Reported but does not vote in the verdict. @default false */
      advisory: z.boolean().optional(),
      /** A human name for the check in reports. */
      name: z.string().optional(),
    })
    .strict(),
]);
export type ThresholdInput = z.output<typeof ThresholdSchema>;

export const ReportSchema = z
  .object({
    /** Formats written besides results.jsonl. @default ["json","md","junit"] */
    formats: z.array(z.enum(['json', 'md', 'junit'])).default(['json', 'md', 'junit']),
    /** Output directory; each run writes to <dir>/<run-id>/. Relative to the current directory. @default "reports" */
    dir: z.string().default('reports'),
    /** How many most-regressed cases the Markdown summary shows. @default 5 */
    topCases: z.number().int().min(0).max(100).default(5),
  })
  .strict();

export const SuiteSchema = z
  .object({
    $schema: z.string().optional(),
    /** Suite name, used in reports. */
    name: z.string().min(1),
    description: z.string().optional(),
    /** Golden set files (YAML or JSONL), relative to this suite file. */
    golden: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
    /** Fields shared by blue and green. */
    target: TargetSchema.optional(),
    /** The serving revision. */
    blue: TargetSchema.optional(),
    /** The new revision. */
    green: TargetSchema.optional(),
    sampling: SamplingSchema.default(SamplingSchema.parse({})),
    scoring: ScoringSchema.default(ScoringSchema.parse({})),
    thresholds: z.array(ThresholdSchema).default([]),
    report: ReportSchema.default(ReportSchema.parse({})),
  })
  .strict();
export type SuiteInput = z.input<typeof SuiteSchema>;
export type SuiteFile = z.output<typeof SuiteSchema>;
