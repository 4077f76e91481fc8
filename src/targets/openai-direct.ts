// Plain (non-streamed) chat completions sent straight over undici, around the `openai` SDK's
// per-request machinery. The SDK still decides what goes on the wire: the URL and every header
// (auth, api-key, api-version, defaultHeaders, User-Agent, X-Stainless-*) come from the SDK's own
// `buildRequest()`, run once per target and timeout, and failures are turned into the same SDK
// error objects the SDK would have thrown, so `fromSdkError` classifies them as before.
// Why: in `npm run bench` the SDK's request path (options, header building, logging, its own
// AbortController and timer, Response objects, promise wrappers) cost as much CPU per call as
// everything else revgate does per call. README "Benchmarks" has the figures.
import type OpenAI from 'openai';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { Dispatcher } from 'undici';
import { readLimited } from './body-limit.js';
import type { AbortLike } from './deadline.js';
import type { FetchProbe } from './openai-client.js';
import { TargetCallError } from './types.js';

/** Where and with which headers one target's chat completions go (from the SDK, once). */
interface Prepared {
  origin: string;
  path: string;
  /** Flat name/value list, lower-case names in the order `Headers` iterates (as the SDK's fetch got them). */
  headers: string[];
}

export interface DirectChat {
  /**
   * POST `body` (the JSON text) to the chat completions endpoint; resolve with the parsed answer
   * as the SDK's `create()` would have returned it (an object, a string for a non-JSON body, null
   * for 204). Throws what the SDK would have thrown (APIError, APIConnectionError, …), the
   * signal's reason on abort, or a TargetCallError for a body past the limit.
   */
  send(body: string, signal: AbortLike, sdkTimeoutMs: number, probe: FetchProbe): Promise<unknown>;
}

// Statuses whose response has no body (fetch spec "null body status"), as leanFetch treats them.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function createDirectChat(client: OpenAI, agent: Dispatcher, limit: number): DirectChat {
  // X-Stainless-Timeout carries the SDK timeout, so the prepared request is per timeout value.
  const prepared = new Map<number, Promise<Prepared>>();
  const prepare = (timeout: number): Promise<Prepared> => {
    let p = prepared.get(timeout);
    if (p === undefined) {
      p = client.buildRequest({ method: 'post', path: '/chat/completions', body: {}, timeout }).then(({ req, url }) => {
        const u = new URL(url);
        const headers: string[] = [];
        (req.headers as Headers).forEach((value, name) => headers.push(name, value));
        return { origin: u.origin, path: u.pathname + u.search, headers };
      });
      prepared.set(timeout, p);
    }
    return p;
  };

  return {
    async send(body, signal, sdkTimeoutMs, probe) {
      const { origin, path, headers } = await prepare(sdkTimeoutMs);
      probe.startedAt = performance.now();
      let res: Dispatcher.ResponseData;
      try {
        // undici's request() takes any signal with this shape (src/targets/deadline.ts).
        res = await agent.request({ origin, path, method: 'POST', headers, body, signal });
      } catch (error) {
        throw connectionError(error, signal);
      }
      probe.headersAt = performance.now();
      const status = (probe.status = res.statusCode);
      let bytes: Buffer;
      if (NULL_BODY.has(status)) {
        res.body.resume();
        bytes = EMPTY;
      } else {
        try {
          bytes = await readLimited(res.body, limit);
        } catch (error) {
          if (error instanceof TargetCallError) throw error;
          throw connectionError(error, signal);
        }
      }
      if (status < 200 || status > 299) {
        // As the SDK: the body as JSON when it parses, else as text, in the message.
        const text = utf8(bytes);
        const json = safeJson(text);
        throw APIError.generate(status, json as object | undefined, json ? undefined : text, responseHeaders(res.headers));
      }
      if (status === 204) return null;
      const mediaType = single(res.headers['content-type'])?.split(';')[0]?.trim();
      if (mediaType !== undefined && (mediaType.includes('application/json') || mediaType.endsWith('+json'))) {
        if (single(res.headers['content-length']) === '0') return undefined;
        return JSON.parse(utf8(bytes)) as unknown;
      }
      return utf8(bytes);
    },
  };
}

const EMPTY = Buffer.alloc(0);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** UTF-8 decode as fetch's text() does (a leading BOM dropped). */
function utf8(bytes: Buffer): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', bom ? 3 : 0);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function responseHeaders(raw: Dispatcher.ResponseData['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

/**
 * What the SDK throws when its fetch fails: the abort reason once the signal fired, otherwise
 * fetch's `TypeError('fetch failed')` wrapped as APIConnectionTimeoutError (when it names a
 * timeout, as the SDK tests it) or APIConnectionError.
 */
function connectionError(error: unknown, signal: AbortLike): unknown {
  if (signal.aborted) return signal.reason;
  const failed = new TypeError('fetch failed', { cause: error });
  if (/timed? ?out/i.test(`${String(failed)}${String(error)}`)) return new APIConnectionTimeoutError();
  return new APIConnectionError({ cause: failed });
}
