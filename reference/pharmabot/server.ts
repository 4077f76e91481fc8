// The pharmabot HTTP server: OpenAI / Azure chat completions and /ask over the MedQuAD corpus, with switchable flaws.
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBot, type ChatMessage } from './answer.js';
import { isNth, NO_FLAWS, validateFlaws, type Flaws } from './flaws.js';
import { parseMessages, readBody, sendJson } from './http.js';
import { mulberry32, randomInt } from './random.js';
import { askBody, completionBody, errorBody, streamChunks, type ReplyMeta } from './wire.js';

export interface PharmabotOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Seeds the sampling and the flaw dice. @default 1 */
  seed?: number;
  flaws?: Partial<Flaws>;
  /** Revision label, e.g. 'blue'; shows in /version and completion ids. @default 'pharmabot' */
  name?: string;
  /** @default 'pharmabot-1' */
  model?: string;
  /** Latency range of every API answer, in ms. @default [5, 25] */
  baseLatencyMs?: [number, number];
  corpusPath?: string;
  /** Reject Azure-style requests without an `api-key` header. @default false */
  requireApiKey?: boolean;
  /** @default 'v1' */
  promptVersion?: string;
  /** @default 'medquad-2024' */
  indexVersion?: string;
}

export interface PharmabotStats {
  /** Every request received, health checks included. */
  requests: number;
  /** Responses by HTTP status; sockets destroyed by `resetEvery` count as 'reset'. */
  byStatus: Record<string, number>;
}

export interface Pharmabot {
  /** http://HOST:PORT, without a trailing slash. */
  url: string;
  port: number;
  /** Stops listening and drops open connections; calling it again is harmless. */
  close(): Promise<void>;
  /** Changes some flaws; a `coldStartMs` here restarts the cold-start window. */
  setFlaws(flaws: Partial<Flaws>): void;
  flaws(): Flaws;
  stats(): PharmabotStats;
}

const AZURE_PATH = /^\/openai\/deployments\/[^/]+\/chat\/completions$/;
type ApiKind = 'chat' | 'azure' | 'ask';

// Starts a pharmabot on `options.port` (default: a free port) and resolves once it listens.
export async function startPharmabot(options: PharmabotOptions = {}): Promise<Pharmabot> {
  const bot = createBot(options.corpusPath);
  const seed = options.seed ?? 1;
  const rng = mulberry32(seed);
  const faultRng = mulberry32(seed ^ 0x5bd1e995);
  const name = options.name ?? 'pharmabot';
  const model = options.model ?? 'pharmabot-1';
  const [minLatency, maxLatency] = options.baseLatencyMs ?? [5, 25];
  const closing = new AbortController();
  // Every waiting request listens for shutdown: many listeners by design, not a leak.
  setMaxListeners(0, closing.signal);
  let flaws: Flaws = { ...NO_FLAWS, ...validateFlaws(options.flaws ?? {}) };
  let coldUntil = Date.now() + flaws.coldStartMs;
  let apiCount = 0;
  const stats: PharmabotStats = { requests: 0, byStatus: {} };
  const count = (status: string): void => {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  };
  const setFlaws = (partial: Partial<Flaws>): void => {
    flaws = { ...flaws, ...validateFlaws(partial) };
    if (partial.coldStartMs !== undefined) coldUntil = Date.now() + partial.coldStartMs;
  };
  const wait = (ms: number) => (ms > 0 ? sleep(ms, undefined, { signal: closing.signal }) : Promise.resolve());

  async function api(kind: ApiKind, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (kind === 'azure' && options.requireApiKey && !req.headers['api-key']) {
      return sendJson(res, 401, errorBody('Access denied due to missing api-key header.', 'invalid_request_error', '401'));
    }
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, errorBody('We could not parse the JSON body of your request.', 'invalid_request_error', 'invalid_json'));
    }
    const messages = requestMessages(kind, body);
    if (!messages) {
      const what = kind === 'ask' ? '`question` must be a string' : '`messages` must be an array with a user message';
      return sendJson(res, 400, errorBody(what, 'invalid_request_error', 'invalid_request'));
    }

    const n = ++apiCount;
    await wait(flaws.hangMs);
    if (Date.now() < coldUntil) await wait(randomInt(faultRng, 1000, 2000));
    if (isNth(n, flaws.resetEvery)) {
      count('reset');
      req.socket.destroy();
      return;
    }
    if (isNth(n, flaws.rateLimitEvery)) {
      const message = 'Rate limit reached for requests. Please try again in 1s.';
      return sendJson(res, 429, errorBody(message, 'requests', 'rate_limit_exceeded'), { 'retry-after': '1' });
    }
    if (isNth(n, flaws.malformedEvery)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(`{"id":"chatcmpl-${name}-${n}","object":"chat.completion","choices":[{"index":0,"mess`);
    }
    if (faultRng() < flaws.errorRate) {
      return sendJson(res, 500, errorBody('The server had an error while processing your request.', 'server_error', 'internal_error'));
    }
    await wait(randomInt(rng, minLatency, maxLatency) + flaws.extraLatencyMs);

    const answer = bot.answer(messages, flaws, rng);
    if (kind === 'ask') return sendJson(res, 200, askBody(answer, model, flaws.citationSchema));
    const meta: ReplyMeta = { id: `chatcmpl-${name}-${n}`, model, created: Math.floor(Date.now() / 1000) };
    if (body.stream !== true) return sendJson(res, 200, completionBody(meta, messages, answer, flaws.citationSchema));

    const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
    const chunks = streamChunks(meta, messages, answer, flaws.citationSchema, streamOptions?.include_usage === true, rng);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0) await wait(randomInt(rng, 2, 10));
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (method === 'GET' && path === '/health/ready') {
      return Date.now() < coldUntil ? sendJson(res, 503, { status: 'starting' }) : sendJson(res, 200, { status: 'ready' });
    }
    if (method === 'GET' && path === '/version') {
      return sendJson(res, 200, { name, model, prompt: options.promptVersion ?? 'v1', index: options.indexVersion ?? 'medquad-2024' });
    }
    if (path === '/admin/flaws' && method === 'GET') return sendJson(res, 200, flaws);
    if (path === '/admin/flaws' && method === 'POST') return adminFlaws(req, res);
    if (method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions')) return api('chat', req, res);
    if (method === 'POST' && AZURE_PATH.test(path)) return api('azure', req, res);
    if (method === 'POST' && path === '/ask') return api('ask', req, res);
    sendJson(res, 404, errorBody(`No route for ${method} ${path}`, 'invalid_request_error', 'not_found'));
  }

  async function adminFlaws(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      setFlaws(JSON.parse(await readBody(req)) as Partial<Flaws>);
      sendJson(res, 200, flaws);
    } catch (error) {
      sendJson(res, 400, errorBody(error instanceof Error ? error.message : String(error), 'invalid_request_error', 'invalid_flaws'));
    }
  }

  const server = createServer((req, res) => {
    stats.requests++;
    res.on('finish', () => count(String(res.statusCode)));
    route(req, res).catch((error: unknown) => {
      if (closing.signal.aborted) return;
      if (!res.headersSent) sendJson(res, 500, errorBody(String(error), 'server_error', 'internal_error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  let closed = Promise.resolve();
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    port,
    setFlaws,
    flaws: () => ({ ...flaws }),
    stats: () => ({ requests: stats.requests, byStatus: { ...stats.byStatus } }),
    close: () => {
      if (closing.signal.aborted) return closed;
      closing.abort();
      closed = new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function requestMessages(kind: ApiKind, body: Record<string, unknown>): ChatMessage[] | null {
  if (kind === 'ask') {
    if (typeof body.question !== 'string') return null;
    const history = body.messages === undefined ? [] : parseMessages(body.messages);
    return history ? [...history, { role: 'user', content: body.question }] : null;
  }
  const messages = parseMessages(body.messages);
  return messages?.some((m) => m.role === 'user') ? messages : null;
}
