// A deterministic OpenAI-compatible server for the semantic measures: embeddings and a judge,
// on the OpenAI (/v1/...) and Azure (/openai/deployments/{d}/...?api-version=) paths, with faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_DIMS, embedText, tokenCount } from './embed.js';
import { gradeReply } from './grade.js';
import { readJson, sendError, sendJson } from './http.js';

export interface LlmEmulatorOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Embedding dimensions. @default 256 */
  dims?: number;
  /** The judge always prefers answer A. @default false */
  positionBias?: boolean;
  /** Every Nth API request (1-based, counted over all endpoints) answers 500. @default 0 (never) */
  failEvery?: number;
  /** The judge replies with prose instead of JSON. @default false */
  malformedJson?: boolean;
  /** Require this key (Bearer on /v1, `api-key` on Azure paths); 401 otherwise. @default undefined (no auth) */
  apiKey?: string;
  /** Injected 500s quote the credential received, like a careless gateway (to test redaction). @default false */
  echoKeyOnError?: boolean;
  /** Delay before every API answer, in ms. @default 0 */
  delayMs?: number;
}

export interface RequestLog {
  kind: 'embeddings' | 'chat';
  path: string;
  /** Azure deployment, when the Azure path was used. */
  deployment: string | undefined;
  apiVersion: string | undefined;
  auth: 'bearer' | 'api-key' | 'none';
  model: string | undefined;
  /** Texts in an embeddings request. */
  inputs: number;
  /** The texts themselves (embeddings), so a test can tell which were sent again. */
  texts: string[];
  status: number;
}

export interface LlmEmulatorStats {
  /** API requests (embeddings and chat), failed ones included. */
  requests: number;
  embeddings: number;
  chat: number;
  failures: number;
  log: RequestLog[];
}

export interface LlmEmulator {
  url: string;
  stats(): LlmEmulatorStats;
  close(): Promise<void>;
}

const ROUTE = /^\/(?:v1|openai\/deployments\/([^/]+))\/(embeddings|chat\/completions)$/;

// Starts the emulator; `url` has no trailing slash (the OpenAI base URL is `${url}/v1`).
export async function startLlmEmulator(options: LlmEmulatorOptions = {}): Promise<LlmEmulator> {
  const log: RequestLog[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const route = ROUTE.exec(url.pathname);
    if (req.method !== 'POST' || route === null) return sendError(res, 404, `no route for ${req.method} ${url.pathname}`);
    const deployment = route[1] === undefined ? undefined : decodeURIComponent(route[1]);
    const kind = route[2] === 'embeddings' ? 'embeddings' : 'chat';
    const presented = deployment === undefined ? bearer(req) : header(req, 'api-key');
    const body = await readJson(req);
    const model = deployment ?? field(body, 'model');
    const entry: RequestLog = {
      kind,
      path: url.pathname,
      deployment,
      apiVersion: url.searchParams.get('api-version') ?? undefined,
      auth: deployment === undefined ? (bearer(req) ? 'bearer' : 'none') : presented ? 'api-key' : 'none',
      model,
      inputs: kind === 'embeddings' ? (inputsOf(body)?.length ?? 0) : 0,
      texts: kind === 'embeddings' ? (inputsOf(body) ?? []) : [],
      status: 200,
    };
    log.push(entry);
    const fail = (status: number, message: string, type?: string): void => {
      entry.status = status;
      sendError(res, status, message, type);
    };
    if (options.delayMs) await sleep(options.delayMs);
    if (options.failEvery && log.length % options.failEvery === 0) {
      return fail(
        500,
        `emulator: injected failure${options.echoKeyOnError ? ` (credential: ${presented ?? 'none'})` : ''}`,
        'server_error',
      );
    }
    if (options.apiKey !== undefined && presented !== options.apiKey)
      return fail(401, 'emulator: missing or wrong API key', 'authentication_error');
    if (deployment !== undefined && entry.apiVersion === undefined) return fail(404, 'emulator: Azure paths need ?api-version=');
    if (body === undefined) return fail(400, 'emulator: the body is not JSON');
    if (kind === 'embeddings') return embeddings(body, model, res, fail);
    return chat(body, model, res, fail);
  }

  function embeddings(body: unknown, model: string | undefined, res: ServerResponse, fail: (s: number, m: string) => void): void {
    const inputs = inputsOf(body);
    if (inputs === undefined || inputs.length === 0) return fail(400, 'emulator: input must be a string or a non-empty array of strings');
    if (inputs.some((t) => t === '')) return fail(400, "emulator: '$.input' is invalid (empty string)");
    const base64 = field(body, 'encoding_format') === 'base64';
    const data = inputs.map((text, index) => {
      const v = embedText(text, options.dims ?? DEFAULT_DIMS);
      return { object: 'embedding', index, embedding: base64 ? Buffer.from(v.buffer).toString('base64') : Array.from(v) };
    });
    const tokens = inputs.reduce((sum, t) => sum + tokenCount(t), 0);
    sendJson(res, 200, { object: 'list', data, model: model ?? 'emulator-embed', usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }

  function chat(body: unknown, model: string | undefined, res: ServerResponse, fail: (s: number, m: string) => void): void {
    const messages = (body as { messages?: unknown }).messages;
    if (!Array.isArray(messages)) return fail(400, 'emulator: messages must be an array');
    if ((body as { stream?: unknown }).stream === true) return fail(400, 'emulator: streaming is not supported');
    const prompt = messages
      .map((m) => {
        const content = (m as { content?: unknown } | null)?.content;
        return typeof content === 'string' ? content : '';
      })
      .join('\n');
    const reply = gradeReply(prompt, { positionBias: options.positionBias ?? false });
    if (reply === undefined) return fail(400, 'emulator: not a revgate grading prompt');
    const content = options.malformedJson ? 'Sure! I would give this answer a four out of five.' : reply;
    const prompt_tokens = tokenCount(prompt);
    const completion_tokens = tokenCount(content);
    sendJson(res, 200, {
      id: `chatcmpl-emu-${log.length}`,
      object: 'chat.completion',
      created: 0,
      model: model ?? 'emulator-judge',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, 500, `emulator: ${String(error)}`, 'server_error'));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  const stats = (): LlmEmulatorStats => ({
    requests: log.length,
    embeddings: log.filter((e) => e.kind === 'embeddings').length,
    chat: log.filter((e) => e.kind === 'chat').length,
    failures: log.filter((e) => e.status >= 400).length,
    log: log.map((e) => ({ ...e })),
  });
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://${address}:${port}`, stats, close };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
}

function field(body: unknown, name: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function inputsOf(body: unknown): string[] | undefined {
  const input = typeof body === 'object' && body !== null ? (body as { input?: unknown }).input : undefined;
  if (typeof input === 'string') return [input];
  return Array.isArray(input) && input.every((t) => typeof t === 'string') ? input : undefined;
}
