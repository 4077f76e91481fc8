// One OpenAI client per measure, built with the targets' helpers, and a call wrapper that retries
// transient failures and turns every failure into a redacted SemanticError.
import type OpenAI from 'openai';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { createOpenAIClient, probeFetchOptions, type FetchProbe, type SdkFetchOptions } from '../targets/openai-client.js';
import { fromSdkError } from '../targets/openai-errors.js';
import { safeUrl, secretRedactor } from '../targets/transport-errors.js';
import { SemanticError, type SemanticErrorCode } from './errors.js';
import type { CallOptions, EndpointOptions } from './options.js';

const DEFAULT_RETRIES = 2;
const DEFAULT_CONNECTIONS = 4;
const BACKOFF_MS = 250;
const MAX_RETRY_AFTER_MS = 5_000;

/** One SDK request; `options` go to the SDK call as request options. */
export type SdkRequest<T> = (
  client: OpenAI,
  options: { timeout: number; fetchOptions: SdkFetchOptions; signal?: AbortSignal },
) => Promise<T>;

export interface SemanticClient {
  /** Run `request` (POST `path`) on the endpoint's one client; retries transient failures, throws SemanticError. */
  call<T>(path: string, request: SdkRequest<T>, options?: CallOptions): Promise<T>;
  /** Replace secrets in a text (for messages built outside `call`). */
  redact(text: string): string;
  close(): Promise<void>;
}

/** A client for one endpoint; `code` names the measure in its errors. */
export function createSemanticClient(o: EndpointOptions, code: SemanticErrorCode): SemanticClient {
  const agent = new Agent({ connections: o.connections ?? DEFAULT_CONNECTIONS, keepAliveTimeout: 30_000 });
  const client = createOpenAIClient({ url: o.baseURL, headers: {}, apiKey: o.apiKey, apiVersion: o.apiVersion }, agent);
  const redact = secretRedactor({ apiKey: o.apiKey, headers: {}, secretHeaders: [] });
  const retries = o.retries ?? DEFAULT_RETRIES;

  async function once<T>(path: string, request: SdkRequest<T>, signal: AbortSignal | undefined): Promise<T> {
    const probe: FetchProbe = { startedAt: undefined, headersAt: undefined, status: undefined };
    const where = `POST ${safeUrl(`${o.baseURL.replace(/\/+$/, '')}${path}`)}`;
    const start = performance.now();
    try {
      return await request(client, { timeout: o.timeoutMs, fetchOptions: probeFetchOptions(probe), ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof SemanticError)
        throw new SemanticError(error.code, error.errorClass, redact(`${where}: ${error.message}`), { status: probe.status });
      const e = fromSdkError(error, { where, redact, elapsedMs: performance.now() - start, status: probe.status });
      throw new SemanticError(code, e.errorClass, e.message, { status: e.status, retryAfterMs: e.retryAfterMs });
    }
  }

  async function call<T>(path: string, request: SdkRequest<T>, options: CallOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once<T>(path, request, options.signal);
      } catch (error) {
        if (!(error instanceof SemanticError) || !error.retryable || attempt >= retries) throw error;
        const delay = Math.min(error.retryAfterMs ?? BACKOFF_MS * 2 ** attempt, MAX_RETRY_AFTER_MS);
        await sleep(delay, undefined, options.signal ? { signal: options.signal } : {});
      }
    }
  }

  return { call, redact, close: () => agent.close() };
}
