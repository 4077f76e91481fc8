// Real node:http servers on 127.0.0.1:0 for the target tests, and a ResolvedTarget builder.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DocsExtract, ResolvedTarget } from '../../src/targets/options.js';
import type { GoldenCase } from '../../src/model/golden.js';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: unknown;
  /** Client port: equal across requests when a connection was reused. */
  remotePort: number | undefined;
}

export interface TestServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export type Handler = (req: Received, res: ServerResponse, nth: number) => void | Promise<void>;

/** Start a server; the handler gets the fully read request and the 0-based request number. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        json,
        remotePort: req.socket.remotePort,
      };
      received.push(r);
      void handler(r, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was just free and has nothing listening. */
export async function closedPort(): Promise<string> {
  const s = await startServer(() => undefined);
  await s.close();
  return s.url;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** An OpenAI chat completion with Azure on-your-data citations. */
export function chatCompletion(content: string, citations?: unknown[]): unknown {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content, ...(citations ? { context: { citations, intent: '[]' } } : {}) },
      },
    ],
    usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
  };
}

export const CITATIONS = [
  { content: '…', title: 'Dosing', url: null, filepath: 'dosing.md', chunk_id: '0' },
  { content: '…', title: 'Interactions', url: 'https://kb/interactions', filepath: null, chunk_id: '3' },
];

/** Stream `pieces` as Azure does: a prompt-filter chunk, citations in the first delta, usage last. */
export async function streamChat(res: ServerResponse, pieces: string[], citations: unknown[], delayMs = 15): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (chunk: unknown): void => void res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  const base = { id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
  send({ ...base, choices: [], prompt_filter_results: [] });
  send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '', context: { citations } }, finish_reason: null }] });
  for (const piece of pieces) {
    await sleep(delayMs);
    send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  send({ ...base, choices: [], usage: { prompt_tokens: 20, completion_tokens: pieces.length, total_tokens: 20 + pieces.length } });
  res.end('data: [DONE]\n\n');
}

/** A ResolvedTarget with test defaults. */
export function target(overrides: Partial<ResolvedTarget>): ResolvedTarget {
  return {
    revision: 'green',
    kind: 'openai-chat',
    url: 'http://127.0.0.1:1',
    headers: {},
    secretHeaders: [],
    model: undefined,
    apiKey: undefined,
    apiVersion: undefined,
    stream: false,
    system: undefined,
    temperature: undefined,
    maxTokens: undefined,
    extraBody: undefined,
    body: undefined,
    answer: 'answer',
    docs: { preset: 'none' },
    readyUrl: undefined,
    ...overrides,
  };
}

export function golden(fields: Partial<GoldenCase> & { id: string }): GoldenCase {
  return { tags: [], critical: false, ...fields };
}

export const AZURE_DOCS: DocsExtract = {
  preset: 'azure-on-your-data',
  path: 'choices[0].message.context.citations',
  id: ['filepath', 'url', 'title', 'chunk_id'],
};

/** Call options with a fresh signal. */
export const opts = (timeoutMs = 5_000): { signal: AbortSignal; timeoutMs: number } => ({
  signal: new AbortController().signal,
  timeoutMs,
});
