// zod schemas for suite files: the single source of the suite types.
// zod only emits `.describe()` / `.meta()` text into JSON Schema (not JSDoc), so every field a
// person writes carries a description: it becomes the editor help in schemas/suite.schema.json.
import { z } from 'zod';
import { Duration } from '../model/duration-schema.js';
import { RolloutSchema } from '../rollout/schema.js';

export { Duration } from '../model/duration-schema.js';

/** A duration field with a default (the default, in ms, is not emitted by the input-side JSON Schema). */
const duration = (fallback: number, description: string) => Duration.default(fallback).describe(description);

/** Where to read retrieved document ids in a response. */
export const DocsExtractSchema = z
  .object({
    preset: z.enum(['azure-on-your-data', 'sources', 'none']).optional()
      .describe('A known response shape. azure-on-your-data: choices[0].message.context.citations[] (ids from filepath|url|title|chunk_id); sources: {answer, sources: [{id}]}; none: read no documents'),
    path: z.string().optional()
      .describe('Path to the list of retrieved items in the response, e.g. "sources" or "choices[0].message.context.citations" (overrides the preset\'s path)'),
    id: z.union([z.string(), z.array(z.string()).min(1)]).optional()
      .describe('Field(s) of each item holding its id, tried in order, e.g. ["filepath", "url", "title", "chunk_id"]. Default: "id"'),
  })
  .strict()
  .describe('Where retrieved document ids are read from (for rag.* metrics against expected_docs)');

/** How one revision is called. Shared fields go in `target`, per-revision ones in `blue` / `green`. */
export const TargetSchema = z
  .object({
    kind: z.enum(['openai-chat', 'http-json']).optional()
      .describe('openai-chat: OpenAI-compatible chat completions (also Azure OpenAI); http-json: POST a templated JSON body. Default: openai-chat'),
    url: z.string().optional()
      .describe('Absolute URL; may use ${ENV_VAR}. openai-chat: the API base (e.g. http://host/v1 or an Azure deployment URL); http-json: the endpoint. Overridden by --blue / --green'),
    headers: z.record(z.string(), z.string()).optional()
      .describe('Extra request headers. Secret headers (authorization, api-key, …) only as ${ENV_VAR} references, e.g. api-key: "${MY_API_KEY}"'),
    model: z.string().optional().describe('openai-chat only: model (or Azure deployment) name'),
    apiKey: z.string().optional().describe('openai-chat only: API key as a ${ENV_VAR} reference (never a literal); sent as Authorization: Bearer'),
    apiVersion: z.string().optional().describe('openai-chat only: Azure OpenAI api-version (sends the key as api-key)'),
    stream: z.boolean().optional().describe('openai-chat only: stream the answer and measure time to first token. Default: false'),
    system: z.string().optional().describe('openai-chat only: system prompt prepended to cases that have no system message'),
    temperature: z.number().min(0).max(2).optional().describe('openai-chat only: sampling temperature, 0–2'),
    maxTokens: z.number().int().positive().optional().describe('openai-chat only: max_tokens of each completion'),
    extraBody: z.record(z.string(), z.unknown()).optional()
      .describe('openai-chat only: extra fields merged into the request body (e.g. Azure data_sources)'),
    body: z.unknown().optional()
      .describe('http-json only: the JSON request body. Strings may use {{question}}, {{vars.name}}, {{messages}} (a string that is exactly {{messages}} becomes the messages array) and {{case.id}}. Default: {question: "{{question}}", messages: "{{messages}}"}'),
    answer: z.string().optional()
      .describe('http-json only: path to the answer text in the response, e.g. "answer" or "choices[0].message.content". Default: answer'),
    docs: DocsExtractSchema.optional(),
    readyPath: z.string().optional()
      .describe('Readiness endpoint polled until it answers 200 before measuring: a path starting with "/" (resolved against url), an absolute URL, or "none" to skip. Default: /health/ready'),
  })
  .strict()
  .meta({ id: 'Target', description: 'How a revision is called' });
export type TargetInput = z.output<typeof TargetSchema>;

export const SamplingSchema = z
  .object({
    concurrency: z.number().int().min(1).max(1024).default(8)
      .describe('Requests in flight at once (blue and green together). Flag: --concurrency. Default: 8'),
    repeats: z.number().int().min(1).max(100).default(1)
      .describe('Attempts per case and revision (more repeats measure nondeterminism). Flag: --repeats. Default: 1'),
    timeout: duration(60_000, 'Per-request timeout, e.g. "20s". Flag: --timeout. Default: 60s'),
    retries: z.number().int().min(0).max(10).default(2)
      .describe('Retries of 429 / 5xx / timeouts / connection resets, with exponential backoff honouring Retry-After. Flag: --retries. Default: 2'),
    backoff: duration(250, 'First backoff delay; doubles each retry, with jitter. Default: 250ms'),
    warmup: z.number().int().min(0).max(100).default(2)
      .describe('Warm-up requests per revision, excluded from the statistics (cold starts). Flag: --warmup. Default: 2'),
    deadline: duration(30 * 60_000, 'Whole-run deadline; an unfinished run ends incomplete (inconclusive). Flag: --deadline. Default: 30m'),
    readyTimeout: duration(60_000, 'How long to wait for each target\'s readiness endpoint to answer 200; 0 skips the check. Flag: --ready-timeout. Default: 60s'),
    seed: z.number().int().optional().describe('Seed for the blue/green call order (reproducible runs). Flag: --seed'),
    maxResponseBytes: z.number().int().min(1024).default(4 * 1024 * 1024)
      .describe('Largest response body read from a target, counted on the wire before decoding (streams too); past it the attempt is a response_too_large error and the body is dropped. Default: 4194304 (4 MiB)'),
  })
  .strict()
  .describe('How traffic is replayed');

/** An OpenAI-compatible endpoint used for measuring (embeddings, judge) — never the system under test. */
const MeasureEndpoint = {
  url: z.string().min(1)
    .refine((v) => URL.canParse(v), { message: 'expected an absolute URL, e.g. https://api.openai.com/v1' })
    .describe('Base URL: an OpenAI-compatible API base (http://host/v1) or an Azure OpenAI deployment URL'),
  model: z.string().min(1).describe('Model (or Azure deployment) name; part of every cache key'),
  apiKey: z.string().optional().describe('API key as a ${ENV_VAR} reference'),
  apiVersion: z.string().optional().describe('Azure OpenAI api-version (switches to Azure auth: api-key header)'),
  timeout: Duration.default(30_000).describe('Per-request timeout. Default: "30s"'),
  retries: z.number().int().min(0).max(10).default(2).describe('Retries of 429 / 5xx / timeouts. Default: 2'),
  cache: z.union([z.string().min(1), z.literal(false)]).default('.revgate-cache')
    .describe('On-disk cache directory (relative to the working directory), or false. Default: ".revgate-cache"'),
};

export const EmbeddingsSchema = z
  .object({ ...MeasureEndpoint, batchSize: z.number().int().min(1).max(2048).default(64).describe('Texts per request. Default: 64') })
  .strict()
  .describe('Semantic drift by embeddings (cosine similarity): metrics semantic.ref.mean, semantic.drift.mean; test semantic.ref');

export const JudgeSchema = z
  .object({
    ...MeasureEndpoint,
    mode: z.enum(['rubric', 'pairwise', 'both']).default('both')
      .describe('rubric: grade each revision against the reference (judge.ref); pairwise: green vs blue with positions swapped (judge.win_rate). Default: both'),
    temperature: z.number().min(0).max(2).default(0).describe('Judge temperature, recorded in the report. Default: 0'),
    seed: z.number().int().default(7).describe('Judge seed, recorded in the report. Default: 7'),
    rubric: z.string().optional().describe('Custom grading rubric (1-5 scale text)'),
    concurrency: z.number().int().min(1).max(64).default(4).describe('Cases judged at once. Default: 4'),
  })
  .strict()
  .describe('LLM-as-judge: rubric grading against the reference and pairwise green-vs-blue comparison; a judge failure is a measurement error, never a green failure');

export const ScoringSchema = z
  .object({
    embeddings: EmbeddingsSchema.optional(),
    judge: JudgeSchema.optional(),
    k: z.number().int().min(1).max(100).default(5)
      .describe('Cut-off for rag.hit@k, rag.recall@k, rag.ndcg@k; thresholds must name the same k (rag.recall@5 when k is 5). Default: 5'),
    driftTolerance: z.number().min(0).max(1).default(0.3)
      .describe('A case "moved" when its green-vs-blue similarity is below 1 - driftTolerance (drift.moved_share). Default: 0.3'),
    assertPassRatio: z.number().min(0).max(1).default(1)
      .describe('A case passes its assertions when at least this share of its attempts pass (k-of-n). Default: 1'),
    minCases: z.number().int().min(1).default(5)
      .describe('Fewer scored cases than this make every check inconclusive. Default: 5'),
  })
  .strict()
  .describe('How answers are scored');

const GRAMMAR = 'Grammar: [scope.]metric op value. scope: green (default) | blue | delta (green - blue) | ratio (green / blue) | pair (pair metrics, e.g. drift.*); op: < <= > >= == !=; value: 0.4 | 1% | 800ms | 1.2s. `revgate metrics` lists the metrics.';

const TESTS = 'Tests: ref.rougeL, ref.f1, rag.recall, rag.mrr, rag.ndcg, numbers.consistency, semantic.ref, judge.ref (paired per-case scores); drift.noise (drift beyond blue-vs-blue noise); assert (pass/fail flips); error_rate, refusal_rate; latency, ttft (shift); latency.p95, latency.p99, ttft.p95 (green / blue ratio, need maxRatio).';

/** A threshold: a string in the threshold grammar, or an object with a `check` or a statistical `test`. */
export const ThresholdSchema = z.union([
  z.string().min(1).describe(`A check, e.g. "ratio.latency.p95 <= 1.2", "delta.rag.recall@5 >= -0.02", "error_rate <= 1%". ${GRAMMAR}`),
  z
    .object({
      check: z.string().min(1).optional().describe(`The check, e.g. "ratio.latency.p95 <= 1.2". ${GRAMMAR}`),
      test: z.string().min(1).optional()
        .describe(`A statistical comparison of green with blue that needs significance AND a minimum effect: regression (fail), no-change or improvement (pass), insufficient-data (inconclusive). ${TESTS}`),
      minEffect: z.union([z.number(), z.string()]).optional()
        .describe('test only: the smallest change that matters (the margin), e.g. 0.02, "2%", "50ms". Defaults: scores 0.02, drift.noise 0.05, assert 0.05, error_rate/refusal_rate 0.01 (1%), latency/ttft 50ms'),
      maxRatio: z.number().positive().optional()
        .describe('test only, ratio tests (latency.p95, latency.p99, ttft.p95): the largest allowed green / blue factor, e.g. 1.2'),
      tags: z.array(z.string()).optional().describe('Evaluate only over cases that have all of these tags'),
      advisory: z.boolean().optional().describe('Reported, but does not vote in the verdict. Default: false'),
      name: z.string().optional().describe('A human name for the check in reports'),
    })
    .strict()
    .superRefine((t, ctx) => {
      const issue = (path: string[], message: string, hint: string) => ctx.addIssue({ code: 'custom', path, message, params: { hint } });
      if (t.check === undefined && t.test === undefined) issue([], 'a threshold needs `check` or `test`', 'e.g. check: "error_rate <= 1%", or test: ref.rougeL');
      if (t.check !== undefined && t.test !== undefined) issue(['test'], 'a threshold has either `check` or `test`, not both', 'split it into two thresholds');
      if (t.check !== undefined && t.test === undefined) {
        for (const key of ['minEffect', 'maxRatio'] as const) {
          if (t[key] !== undefined) issue([key], `${key} applies only to \`test\` thresholds`, 'a `check` carries its limit in the expression, e.g. "delta.ref.rougeL.mean >= -0.02"');
        }
      }
    })
    .describe('A check with options (tag scope, advisory, name), or a statistical test with its margin'),
]);
export type ThresholdInput = z.output<typeof ThresholdSchema>;

export const StatisticsSchema = z
  .object({
    alpha: z.number().gt(0).lt(1).default(0.05)
      .describe('Significance level of the statistical tests, after the family-wise correction. Default: 0.05'),
    confidence: z.number().gt(0).lt(1).default(0.95)
      .describe('Confidence level of the intervals; no-change needs the worse-side bound within minEffect. Default: 0.95'),
    correction: z.enum(['holm', 'none']).default('holm')
      .describe('Family-wise correction over the p-values of the voting tests: holm (Holm 1979 step-down) or none. Default: holm'),
    power: z.number().gt(0).lt(1).default(0.8)
      .describe('Power used to estimate how many more cases an insufficient-data test needs. Default: 0.8'),
    resamples: z.number().int().min(100).max(100_000).default(2000)
      .describe('Bootstrap resamples per interval. Default: 2000'),
    seed: z.number().int().default(1)
      .describe('Seed of the bootstrap resampling (the same data and seed give the same intervals). Default: 1'),
  })
  .strict()
  .meta({ description: 'How statistical `test:` thresholds decide: significance level, interval confidence, multiplicity correction, power, bootstrap' });

export const ReportSchema = z
  .object({
    formats: z.array(z.enum(['json', 'md', 'junit', 'html'])).default(['json', 'md', 'junit'])
      .describe('Report formats written besides results.jsonl (html: the self-contained comparison page report.html). Flag: --format json,md,html. Default: [json, md, junit]'),
    dir: z.string().default('reports')
      .describe('Output directory, relative to the current directory; each run writes <dir>/<run-id>/. Flag: --out. Default: reports'),
    topCases: z.number().int().min(0).max(100).default(5)
      .describe('How many most-regressed cases the Markdown summary shows. Default: 5'),
  })
  .strict()
  .describe('Where and how reports are written');

export const SuiteSchema = z
  .object({
    $schema: z.string().optional().describe('JSON Schema of this file (for editors)'),
    name: z.string().min(1).describe('Suite name, used in reports and run ids'),
    description: z.string().optional().describe('What this suite gates'),
    golden: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .describe('Golden set file(s), YAML or JSONL, relative to this suite file'),
    target: TargetSchema.optional().describe('Target fields shared by blue and green (kind, model, headers, body, docs, …)'),
    blue: TargetSchema.optional().describe('The serving revision; its fields override `target`. URL also via --blue'),
    green: TargetSchema.optional().describe('The new revision; its fields override `target`. URL also via --green'),
    sampling: SamplingSchema.default(SamplingSchema.parse({})),
    scoring: ScoringSchema.default(ScoringSchema.parse({})),
    thresholds: z.array(ThresholdSchema).default([])
      .describe(`Checks that gate the release; the verdict is worst-of. ${GRAMMAR} Examples: "error_rate <= 1%", "ratio.latency.p95 <= 1.5", "delta.rag.recall@5 >= -0.02", "ref.rougeL.mean >= 0.25", "drift.moved_share <= 0.5". Statistical form: {test: ref.rougeL, minEffect: 0.02} or {test: latency.p95, maxRatio: 1.2}`),
    statistics: StatisticsSchema.default(StatisticsSchema.parse({})),
    report: ReportSchema.default(ReportSchema.parse({})),
    rollout: RolloutSchema.optional(),
    secrets: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. SEARCH_KEY')).default([])
      .describe('Names of environment variables whose values are secrets beyond the ones revgate already knows (API keys, secret headers): redacted from the console, every report and every error, wherever they appear. Default: []'),
  })
  .strict()
  .describe('A revgate suite: which golden sets to replay against the blue and green revisions, how to sample and score, and the thresholds that gate the release');
export type SuiteInput = z.input<typeof SuiteSchema>;
export type SuiteFile = z.output<typeof SuiteSchema>;
