// Which request shape an endpoint speaks, learnt from one request per shape (`revgate init --url`):
// openai-chat first (POST <base>/chat/completions), then http-json (POST the URL with a question).
// The probe carries no credentials, follows no redirect (a redirect to another host could take the
// question elsewhere) and bounds both time and body size: it runs against URLs typed by hand.
import { Agent, request } from 'undici';
import { DEFAULT_MAX_RESPONSE_BYTES, readLimited } from './body-limit.js';
import { getPath } from './path.js';
import { safeUrl, transportErrorClass } from './transport-errors.js';

export type ProbeKind = 'openai-chat' | 'http-json';
export type ProbeDocsPreset = 'azure-on-your-data' | 'sources';

export interface ProbeResult {
  kind: ProbeKind;
  /** What the suite's blue/green url should be: the API base (openai-chat) or the endpoint (http-json). */
  url: string;
  /** http-json: where the answer text was found. */
  answer?: string;
  /** Retrieved documents found in the answer, as a docs preset. */
  docs?: ProbeDocsPreset;
  /** openai-chat: the `model` the endpoint answered with. */
  model?: string;
  /** The shape was forced (--kind) but the answer did not confirm it; why, for the user. */
  unconfirmed?: string;
}

/** The endpoint could not be reached at all (connection refused, DNS, timeout): no shape was tried. */
export class ProbeUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`${url}: ${detail}`);
  }
}

/** The endpoint answered, but in no shape revgate knows; `tried` says what each probe got. */
export class ProbeUnrecognizedError extends Error {
  constructor(readonly tried: string[]) {
    super(tried.join('; '));
  }
}

export interface ProbeOptions {
  /** Probe this shape only (--kind). */
  kind?: ProbeKind;
  /** Per request. @default 5000 */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const PROBE_QUESTION = 'Hello! This is a connectivity check from revgate init: please answer briefly.';
/** Answer paths tried on an http-json reply, in order (the last one: an OpenAI body behind a custom path). */
export const ANSWER_PATHS = ['answer', 'output', 'text', 'choices[0].message.content'] as const;
const CITATIONS = 'choices[0].message.context.citations';
// A probe answer is a sentence; a bigger body is no reason to hold megabytes in memory.
const MAX_BODY = Math.min(DEFAULT_MAX_RESPONSE_BYTES, 1024 * 1024);

/** Probe `url`; throws ProbeUnreachableError or ProbeUnrecognizedError. */
export async function probeEndpoint(url: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const parsed = new URL(url);
  const timeoutMs = options.timeoutMs ?? 5000;
  const agent = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const post = (target: URL, body: unknown) => postJson(agent, target, body, timeoutMs, options.signal);
  const tried: string[] = [];
  try {
    if (options.kind !== 'http-json') {
      const base = apiBase(parsed);
      const reply = await post(withPath(base, '/chat/completions'), {
        model: 'revgate-probe',
        messages: [{ role: 'user', content: PROBE_QUESTION }],
        max_tokens: 16,
      });
      const baseUrl = base.toString().replace(/\/$/, '');
      const found = asOpenAI(reply, baseUrl);
      if (found) return found;
      if (options.kind === 'openai-chat') return { kind: 'openai-chat', url: baseUrl, unconfirmed: describe(reply) };
      tried.push(`openai-chat: ${describe(reply)}`);
    }
    const reply = await post(parsed, { question: PROBE_QUESTION });
    const found = asHttpJson(reply, url);
    if (found) return found;
    if (options.kind === 'http-json') return { kind: 'http-json', url, answer: 'answer', unconfirmed: describe(reply) };
    tried.push(`http-json: ${describe(reply)}`);
    throw new ProbeUnrecognizedError(tried);
  } finally {
    await agent.close();
  }
}

interface Reply {
  status: number;
  json: unknown;
  location?: string;
}

async function postJson(agent: Agent, target: URL, body: unknown, timeoutMs: number, signal?: AbortSignal): Promise<Reply> {
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  try {
    const response = await request(target, {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
    // A body past the limit is no answer revgate can use, but the endpoint was reached.
    const text = await readLimited(response.body, MAX_BODY).then(
      (b) => b.toString('utf8'),
      () => '',
    );
    const location = response.headers.location;
    return { status: response.statusCode, json: parseJson(text), location: typeof location === 'string' ? location : undefined };
  } catch (error) {
    const detail =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        ? `no answer within ${timeoutMs} ms`
        : transportErrorClass(error).code;
    throw new ProbeUnreachableError(safeUrl(target.toString()), detail);
  }
}

/** The OpenAI API base of a URL: the URL itself, or what precedes /chat/completions. */
function apiBase(url: URL): URL {
  const base = new URL(url);
  base.pathname = base.pathname.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
  return base;
}

function withPath(base: URL, suffix: string): URL {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}${suffix}`;
  return u;
}

function asOpenAI(reply: Reply, base: string): ProbeResult | undefined {
  const { status, json } = reply;
  if (status >= 200 && status < 300 && typeof read(json, 'choices[0].message.content') === 'string') {
    const model = read(json, 'model');
    return {
      kind: 'openai-chat',
      url: base,
      ...(Array.isArray(read(json, CITATIONS)) ? { docs: 'azure-on-your-data' as const } : {}),
      ...(typeof model === 'string' && model !== '' ? { model } : {}),
    };
  }
  // An OpenAI error body where the route exists but the call was refused (a key is needed, the
  // probe's model is unknown): the endpoint speaks openai-chat. A 404/405 is a missing route.
  const error = read(json, 'error');
  const isOpenAIError = error !== null && typeof error === 'object' && typeof read(json, 'error.message') === 'string';
  const unknownModel = status === 404 && read(json, 'error.code') === 'model_not_found';
  if (isOpenAIError && ((status >= 400 && status < 500 && status !== 404 && status !== 405) || unknownModel)) {
    return { kind: 'openai-chat', url: base, unconfirmed: `the endpoint answered HTTP ${status} (an OpenAI error)` };
  }
  return undefined;
}

function asHttpJson(reply: Reply, url: string): ProbeResult | undefined {
  if (reply.status < 200 || reply.status >= 300) return undefined;
  const answer = ANSWER_PATHS.find((p) => typeof read(reply.json, p) === 'string');
  if (answer === undefined) return undefined;
  const docs = Array.isArray(read(reply.json, CITATIONS))
    ? ('azure-on-your-data' as const)
    : Array.isArray(read(reply.json, 'sources'))
      ? ('sources' as const)
      : undefined;
  return { kind: 'http-json', url, answer, ...(docs ? { docs } : {}) };
}

/** What a probe got, for messages: a status and the shape, never the body (it may echo input). */
function describe(reply: Reply): string {
  if (reply.status >= 300 && reply.status < 400) {
    // Only where it points, without its query (a signed URL's token would ride there).
    const to =
      reply.location === undefined ? '' : ` to ${URL.canParse(reply.location) ? safeUrl(reply.location) : reply.location.split('?')[0]}`;
    return `HTTP ${reply.status}, a redirect${to} (not followed: pass the final URL)`;
  }
  if (reply.status < 200 || reply.status >= 300) return `HTTP ${reply.status}`;
  if (reply.json === undefined) return `HTTP ${reply.status} with a body that is not JSON`;
  return `HTTP ${reply.status} with no answer text at ${ANSWER_PATHS.join(', ')}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function read(json: unknown, path: string): unknown {
  return json === undefined ? undefined : getPath(json, path);
}
