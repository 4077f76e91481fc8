// A zero-latency OpenAI-compatible server for benchmarks: blue and green are two listeners in
// one process, each answering POST /v1/chat/completions at once with the same small, fixed chat
// completion (Azure "on your data" citations + usage) and GET /health/ready with 200.
// Keep-alive is on. Run directly (`node dist/bench/zero-server.js`) it prints one JSON line
// `{"blue": url, "green": url}` and serves until stdin closes or SIGTERM, so the measured client
// process does not share its CPU time with the server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

const COMPLETION = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_764_000_000,
    model: 'bench-model',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        logprobs: null,
        message: {
          role: 'assistant',
          content:
            'Treatment usually starts with rest, fluids and an over-the-counter pain reliever; see a doctor if symptoms last more than a week.',
          refusal: null,
          context: {
            citations: [
              {
                title: 'Treatment overview',
                filepath: 'doc-0001',
                url: 'https://example.org/doc-0001',
                chunk_id: '0',
                content: 'Rest, fluids and pain relievers.',
              },
              {
                title: 'When to see a doctor',
                filepath: 'doc-0002',
                url: 'https://example.org/doc-0002',
                chunk_id: '1',
                content: 'Symptoms lasting over a week.',
              },
            ],
          },
        },
      },
    ],
    usage: { prompt_tokens: 24, completion_tokens: 27, total_tokens: 51 },
  }),
);
const READY = Buffer.from('{"status":"ready"}');

function handle(req: IncomingMessage, res: ServerResponse): void {
  const reply = (status: number, body: Buffer) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  };
  if (req.method === 'GET' && req.url === '/health/ready') return reply(200, READY);
  if (req.method === 'POST' && req.url?.startsWith('/v1/chat/completions')) {
    // Drain the request body, then answer: no parsing, no delay.
    req.resume();
    req.on('end', () => reply(200, COMPLETION));
    return;
  }
  reply(404, Buffer.from('{"error":"not found"}'));
}

async function listen(): Promise<{ server: Server; url: string }> {
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, handle);
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Start blue and green listeners; `close()` stops both. */
export async function startZeroServer(): Promise<{ blue: string; green: string; close(): Promise<void> }> {
  const [blue, green] = await Promise.all([listen(), listen()]);
  const close = async () => {
    for (const s of [blue.server, green.server]) s.closeAllConnections();
    await Promise.all([blue.server, green.server].map((s) => new Promise((res) => s.close(res))));
  };
  return { blue: blue.url, green: green.url, close };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const s = await startZeroServer();
  process.stdout.write(`${JSON.stringify({ blue: s.blue, green: s.green })}\n`);
  const stop = () => void s.close().then(() => process.exit(0));
  process.stdin.on('end', stop).resume();
  process.on('SIGTERM', stop);
}
