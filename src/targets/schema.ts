// The `target` / `blue` / `green` sections of a suite: how one revision is called.
import { z } from 'zod';

/** Where to read retrieved document ids in a response. */
export const DocsExtractSchema = z
  .object({
    preset: z
      .enum(['azure-on-your-data', 'sources', 'none'])
      .optional()
      .describe(
        'A known response shape. azure-on-your-data: choices[0].message.context.citations[] (ids from filepath|url|title|chunk_id); sources: {answer, sources: [{id}]}; none: read no documents',
      ),
    path: z
      .string()
      .optional()
      .describe(
        'Path to the list of retrieved items in the response, e.g. "sources" or "choices[0].message.context.citations" (overrides the preset\'s path)',
      ),
    id: z
      .union([z.string(), z.array(z.string()).min(1)])
      .optional()
      .describe('Field(s) of each item holding its id, tried in order, e.g. ["filepath", "url", "title", "chunk_id"]. Default: "id"'),
  })
  .strict()
  .describe('Where retrieved document ids are read from (for rag.* metrics against expected_docs)');

/** How one revision is called. Shared fields go in `target`, per-revision ones in `blue` / `green`. */
export const TargetSchema = z
  .object({
    kind: z
      .enum(['openai-chat', 'http-json'])
      .optional()
      .describe(
        'openai-chat: OpenAI-compatible chat completions (also Azure OpenAI); http-json: POST a templated JSON body. Default: openai-chat',
      ),
    url: z
      .string()
      .optional()
      .describe(
        'Absolute URL; may use ${ENV_VAR}. openai-chat: the API base (e.g. http://host/v1 or an Azure deployment URL); http-json: the endpoint. Overridden by --blue / --green',
      ),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'Extra request headers. Secret headers (authorization, api-key, …) only as ${ENV_VAR} references, e.g. api-key: "${MY_API_KEY}"',
      ),
    model: z.string().optional().describe('openai-chat only: model (or Azure deployment) name'),
    apiKey: z
      .string()
      .optional()
      .describe('openai-chat only: API key as a ${ENV_VAR} reference (never a literal); sent as Authorization: Bearer'),
    apiVersion: z.string().optional().describe('openai-chat only: Azure OpenAI api-version (sends the key as api-key)'),
    stream: z.boolean().optional().describe('openai-chat only: stream the answer and measure time to first token. Default: false'),
    system: z.string().optional().describe('openai-chat only: system prompt prepended to cases that have no system message'),
    temperature: z.number().min(0).max(2).optional().describe('openai-chat only: sampling temperature, 0–2'),
    maxTokens: z.number().int().positive().optional().describe('openai-chat only: max_tokens of each completion'),
    extraBody: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('openai-chat only: extra fields merged into the request body (e.g. Azure data_sources)'),
    body: z
      .unknown()
      .optional()
      .describe(
        'http-json only: the JSON request body. Strings may use {{question}}, {{vars.name}}, {{messages}} (a string that is exactly {{messages}} becomes the messages array) and {{case.id}}. Default: {question: "{{question}}", messages: "{{messages}}"}',
      ),
    answer: z
      .string()
      .optional()
      .describe('http-json only: path to the answer text in the response, e.g. "answer" or "choices[0].message.content". Default: answer'),
    docs: DocsExtractSchema.optional(),
    readyPath: z
      .string()
      .optional()
      .describe(
        'Readiness endpoint polled until it answers 200 before measuring: a path starting with "/" (resolved against url), an absolute URL, or "none" to skip. Default: /health/ready',
      ),
  })
  .strict()
  .meta({ id: 'Target', description: 'How a revision is called' });
export type TargetInput = z.output<typeof TargetSchema>;
