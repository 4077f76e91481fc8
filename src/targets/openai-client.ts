// Building the `openai` SDK client for one target: auth, Azure style, and the fetch it sends with.
import { pipeline, Readable } from 'node:stream';
import OpenAI from 'openai';
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import type { ResolvedTarget } from './options.js';
import { DEFAULT_MAX_RESPONSE_BYTES, limitStream, readLimited } from './body-limit.js';
import { TargetCallError } from './types.js';

type Fetch = NonNullable<ConstructorParameters<typeof OpenAI>[0]>['fetch'];
type FetchInit = Parameters<NonNullable<Fetch>>[1];
/** The SDK's per-request `fetchOptions` type. */
export type SdkFetchOptions = NonNullable<NonNullable<Parameters<OpenAI['chat']['completions']['create']>[1]>['fetchOptions']>;

/** When the single request of one call was sent and when its response headers arrived (performance.now()). */
export interface FetchProbe {
  startedAt: number | undefined;
  headersAt: number | undefined;
  status: number | undefined;
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
/** What the client needs of a target: where, and how to authenticate. */
export type OpenAIEndpoint = Pick<ResolvedTarget, 'url' | 'headers' | 'apiKey' | 'apiVersion'>;

export function createOpenAIClient(t: OpenAIEndpoint, agent: Dispatcher, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES): OpenAI {
  const headers: Record<string, string | null> = { ...t.headers };
  const has = (name: string): boolean => Object.keys(t.headers).some((k) => k.toLowerCase() === name);
  const azure = t.apiVersion !== undefined;
  if (azure && t.apiKey !== undefined && !has('api-key')) headers['api-key'] = t.apiKey;
  const bearer = azure ? undefined : t.apiKey;
  if (bearer === undefined && !has('authorization')) headers['Authorization'] = null;
  // A base URL may carry a query (Azure OpenAI users write `…?api-version=…`): the SDK appends paths
  // to baseURL, so the query moves to defaultQuery and is sent with every request.
  const { base, query } = splitQuery(t.url);
  if (azure) query['api-version'] = t.apiVersion!;
  return new OpenAI({
    baseURL: base,
    // The SDK refuses to start without a key; the placeholder is never sent (Authorization is nulled above).
    apiKey: bearer ?? 'revgate-no-key',
    adminAPIKey: null,
    organization: null,
    project: null,
    defaultHeaders: headers,
    ...(Object.keys(query).length > 0 ? { defaultQuery: query } : {}),
    maxRetries: 0,
    logLevel: 'off',
    fetch: leanFetch(agent, maxResponseBytes),
  });
}

/** `https://h/p?a=1` → base `https://h/p` and query {a: '1'}. */
export function splitQuery(url: string): { base: string; query: Record<string, string> } {
  const u = new URL(url);
  const query = Object.fromEntries(u.searchParams);
  u.search = '';
  u.hash = '';
  return { base: u.toString().replace(/\/+$/, ''), query };
}

// The probe of one request rides in the SDK's per-request `fetchOptions` (spread into the fetch
// init as is), so one client serves every call: no per-call `withOptions()` client view.
const PROBE = Symbol('revgate.fetchProbe');

/** Per-request SDK `fetchOptions` that make `leanFetch` stamp `probe`. */
export function probeFetchOptions(probe: FetchProbe): SdkFetchOptions {
  return { [PROBE]: probe } as SdkFetchOptions;
}

// Statuses whose Response must not have a body (fetch spec "null body status").
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch for the SDK over `agent.request()` (undici's Dispatcher API) returning a standard
 * `Response`. It skips fetch's per-request machinery (Request object, request body as a web
 * stream, response body as a web stream): measured with bench/fetch-variants.ts, about half the
 * CPU and allocation of `undici.fetch` per call. What the SDK reads of a Response — status, ok,
 * headers, json()/text(), body — is all there: the body is read to the end before the Response
 * is built (so json()/text() parse a buffer), except for `text/event-stream` answers, whose body
 * stays a live stream for the SDK's SSE reader. Requests it does not handle (a Request object, a
 * streaming or form body) go through `undici.fetch` with the same agent. Errors look like
 * fetch's: the abort reason on abort, `TypeError('fetch failed', {cause})` otherwise.
 * When `init` carries a probe (`probeFetchOptions`), it is stamped when the request is sent and
 * when the response headers arrive.
 */
export function leanFetch(agent: Dispatcher, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES): Fetch {
  return async (input, init) => {
    const probe = (init as Record<symbol, FetchProbe | undefined> | undefined)?.[PROBE];
    if (probe !== undefined) probe.startedAt = performance.now();
    const body = init?.body;
    if (
      (typeof input !== 'string' && !(input instanceof URL)) ||
      (body != null && typeof body !== 'string' && !(body instanceof Uint8Array))
    ) {
      const response = await undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher: agent });
      if (probe !== undefined) stamp(probe, response.status);
      return response;
    }
    const response = await send(agent, input, init, body, maxResponseBytes);
    if (probe !== undefined) stamp(probe, response.status);
    return response;
  };
}

function stamp(probe: FetchProbe, status: number): void {
  probe.headersAt = performance.now();
  probe.status = status;
}

async function send(
  agent: Dispatcher,
  input: string | URL,
  init: FetchInit,
  body: string | Uint8Array | null | undefined,
  limit: number,
): Promise<Response> {
  const signal = init?.signal ?? undefined;
  let res: Dispatcher.ResponseData;
  try {
    const url = typeof input === 'string' ? new URL(input) : input;
    res = await agent.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: (init?.method ?? 'GET').toUpperCase(),
      headers: requestHeaders(init?.headers),
      body: body ?? null,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw fetchError(error, signal);
  }
  const status = res.statusCode;
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.append(name, value);
  }
  const init2 = { status, statusText: res.statusText ?? '', headers };
  if (NULL_BODY.has(status)) {
    res.body.resume();
    return new Response(null, init2);
  }
  if (headers.get('content-type')?.includes('text/event-stream')) {
    // Streams are bounded too: past the limit the stream errors with response_too_large.
    // pipeline, not pipe: a reset or an abort of the body must reach the stream the SDK reads.
    const limited = limitStream(limit);
    pipeline(res.body, limited, () => undefined);
    return new Response(Readable.toWeb(limited) as ReadableStream<Uint8Array>, init2);
  }
  let bytes: Buffer;
  try {
    bytes = await readLimited(res.body, limit);
  } catch (error) {
    if (error instanceof TargetCallError) throw error;
    throw fetchError(error, signal);
  }
  return new BufferedResponse(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), init2) as unknown as Response;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** UTF-8 decode as fetch's text() does (a leading BOM is dropped, bad sequences become U+FFFD). */
function utf8(bytes: Uint8Array): string {
  const bom = bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
  return Buffer.from(bytes.buffer, bytes.byteOffset + (bom ? 3 : 0), bytes.byteLength - (bom ? 3 : 0)).toString('utf8');
}

/**
 * A standard Response whose body was read in full before it was built. text(), json() and
 * arrayBuffer() work on those bytes directly; `body`, blob(), formData() and bytes() go through an
 * ordinary Response over the same bytes, made on first use. Building a plain `new Response(bytes)`
 * costs a web ReadableStream per response and json() then reads it chunk by chunk: about a fifth
 * of the SDK path's CPU in bench/fetch-variants.ts.
 */
// Typed as a bare constructor: the DOM typings declare Response's methods as properties, which a
// subclass may not override with methods (at run time they are ordinary prototype members).
const ResponseBase = Response as unknown as new (body: null, init: ResponseInit) => object;

class BufferedResponse extends ResponseBase {
  readonly #bytes: Uint8Array;
  readonly #init: ResponseInit;
  #inner: Response | undefined;
  #used = false;

  constructor(bytes: Uint8Array, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
    this.#init = init;
  }

  /** The ordinary Response, for everything but the three fast paths (and for them too once it exists). */
  #delegate(): Response {
    return (this.#inner ??= new Response(this.#used ? null : this.#bytes, this.#init));
  }

  #read<T>(parse: (bytes: Uint8Array) => T): Promise<T> {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    try {
      return Promise.resolve(parse(this.#bytes));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#delegate().body as ReadableStream<Uint8Array> | null;
  }
  get bodyUsed(): boolean {
    return this.#used || (this.#inner?.bodyUsed ?? false);
  }
  text(): Promise<string> {
    return this.#inner ? this.#inner.text() : this.#read(utf8);
  }
  json(): Promise<unknown> {
    return this.#inner ? this.#inner.json() : this.#read((b) => JSON.parse(utf8(b)) as unknown);
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#inner ? this.#inner.arrayBuffer() : this.#read((b) => b.slice().buffer);
  }
  blob(): Promise<Blob> {
    return this.#delegate().blob();
  }
  formData(): Promise<FormData> {
    return this.#delegate().formData();
  }
  bytes(): Promise<Uint8Array> {
    const inner = this.#delegate() as Response & { bytes?: () => Promise<Uint8Array> };
    return inner.bytes ? inner.bytes() : inner.arrayBuffer().then((b) => new Uint8Array(b));
  }
  clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    return this.#inner ? this.#inner.clone() : (new BufferedResponse(this.#bytes, this.#init) as unknown as Response);
  }
}

/** The SDK sends a Headers; a plain record or pair list also works. */
function requestHeaders(headers: NonNullable<FetchInit>['headers']): Dispatcher.DispatchOptions['headers'] {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) {
    const out: string[] = [];
    headers.forEach((value, name) => out.push(name, value));
    return out;
  }
  return headers as Dispatcher.DispatchOptions['headers'];
}

function fetchError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  return new TypeError('fetch failed', { cause: error });
}
