// Building the `openai` SDK client for one target: auth, Azure style, and a timed undici fetch.
import OpenAI from 'openai';
import { fetch as undiciFetch, type Agent } from 'undici';
import type { ResolvedTarget } from '../config/resolved.js';

type Fetch = NonNullable<ConstructorParameters<typeof OpenAI>[0]>['fetch'];

/** When the single request of one call was sent and when its response headers arrived (performance.now()). */
export interface FetchProbe {
  startedAt: number | undefined;
  headersAt: number | undefined;
  status: number | undefined;
}

/** undici's fetch bound to the target's own Agent, stamping `probe` when the request starts and when headers arrive. */
export function timedFetch(agent: Agent, probe: FetchProbe): Fetch {
  return async (input, init) => {
    probe.startedAt = performance.now();
    // The SDK's Request/Response types are the DOM ones; undici's are structurally the same at runtime.
    const response = await undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher: agent });
    probe.headersAt = performance.now();
    probe.status = response.status;
    return response as unknown as Response;
  };
}

/**
 * A client that sends exactly one request per call (`maxRetries: 0`: the replay engine retries and
 * counts) and reads nothing from the environment (OPENAI_API_KEY, OPENAI_ORG_ID, … would otherwise
 * leak into requests to the system under test).
 *
 * Auth: with `apiVersion` (Azure), the key goes in `api-key` and `?api-version=` is added to every
 * request; otherwise the key is a Bearer token. Without a key no Authorization header is sent,
 * unless the target's own headers set one.
 */
export function createOpenAIClient(t: ResolvedTarget, agent: Agent): OpenAI {
  const headers: Record<string, string | null> = { ...t.headers };
  const has = (name: string): boolean => Object.keys(t.headers).some((k) => k.toLowerCase() === name);
  const azure = t.apiVersion !== undefined;
  if (azure && t.apiKey !== undefined && !has('api-key')) headers['api-key'] = t.apiKey;
  const bearer = azure ? undefined : t.apiKey;
  if (bearer === undefined && !has('authorization')) headers['Authorization'] = null;
  return new OpenAI({
    baseURL: t.url,
    // The SDK refuses to start without a key; the placeholder is never sent (Authorization is nulled above).
    apiKey: bearer ?? 'revgate-no-key',
    adminAPIKey: null,
    organization: null,
    project: null,
    defaultHeaders: headers,
    ...(azure ? { defaultQuery: { 'api-version': t.apiVersion } } : {}),
    maxRetries: 0,
    logLevel: 'off',
    fetch: timedFetch(agent, { startedAt: undefined, headersAt: undefined, status: undefined }),
  });
}
