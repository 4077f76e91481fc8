// Options of the semantic measures. Defined here; the suite schema (scoring.embeddings,
// scoring.judge) maps onto them.

/** Where and how to reach an OpenAI-compatible (or Azure OpenAI) endpoint. */
export interface EndpointOptions {
  /** Base URL, e.g. `https://api.openai.com/v1`; Azure: `https://<res>.openai.azure.com/openai/deployments/<deployment>`. */
  baseURL: string;
  /** Sent as Bearer token, or in `api-key` with `apiVersion`. Never read from the environment here. */
  apiKey?: string | undefined;
  /** Model name (Azure: any label; the deployment in `baseURL` decides). Part of every cache key. */
  model: string;
  /** Azure OpenAI `api-version`; its presence selects Azure auth (`api-key` header). */
  apiVersion?: string | undefined;
  /** Cache directory, or `false` for no cache. @default '.revgate-cache' */
  cacheDir?: string | false | undefined;
  /** Per-request timeout (to response headers), in ms. */
  timeoutMs: number;
  /** Extra tries after a 429, 5xx, timeout or connection failure (backoff 250 ms × 2ⁿ, or Retry-After up to 5 s). @default 2 */
  retries?: number | undefined;
  /** Parallel connections to the endpoint. @default 4 */
  connections?: number | undefined;
}

export interface EmbedderOptions extends EndpointOptions {
  /** Texts per request; only uncached texts are sent. @default 64 */
  batchSize?: number | undefined;
}

export interface JudgeOptions extends EndpointOptions {
  /** @default 0 */
  temperature?: number | undefined;
  /** Sent as `seed`, for providers that honour it. @default 7 */
  seed?: number | undefined;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}
