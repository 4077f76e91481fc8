// A zero-latency OpenAI-compatible server for benchmarks: blue and green are two listeners in
// one process, each answering POST /v1/chat/completions at once with the same small, fixed chat
// completion (Azure "on your data" citations + usage) and GET /health/ready with 200.
// Keep-alive is on. Run directly (`node dist/bench/zero-server.js`) it prints one JSON line
// `{"blue": url, "green": url}` and serves until stdin closes or SIGTERM, so the measured client
// process does not share its CPU time with the server.
// Options (both off by default, so existing callers get the same server):
//   --latency-ms N  (latencyMs)  answer each chat call N ms after its body arrived (a fixed delay)
//   --vary          (vary)       answer each case of bench/golden.ts deterministically from its
//                                "(case i)" number and the side: a shortened reference answer and
//                                citations that differ between blue and green and from case to
//                                case (some refusals too), the same on every run — so scores and
//                                statistical tests are not degenerate and two runs (or a sharded
//                                and an unsharded run) must give the same scores. The refusals are
//                                picked by the low bits of an FNV-1a hash, as `--shard k/n` picks
//                                shards, so they cluster: with 8 shards, green's refusals all fall
//                                in shards 3 and 7 and blue's in the even ones. The shards then
//                                disagree (3 and 7 fail on their own) and only a merge that pools
//                                the cases gives the unsharded run's verdict — kept on purpose.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCase } from './golden.js';

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

export interface ZeroServerOptions {
  /** Fixed delay before each chat completion is sent, in ms. @default 0 (answer at once) */
  latencyMs?: number;
  /** Deterministic per-case, per-side answers for bench/golden.ts cases (see the file header). @default false */
  vary?: boolean;
}

/** FNV-1a 32 over a string's UTF-16 code units: a cheap deterministic hash for the varied answers. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const doc = (id: string) => ({ title: id, filepath: id, url: `https://example.org/${id}`, chunk_id: '0', content: 'Passage.' });

/** The varied completion for the case named in a request body (bench/golden.ts questions end in "(case i)"). */
export function variedCompletion(body: string, side: 'blue' | 'green'): Buffer {
  const m = /\(case (\d+)\)/.exec(body);
  if (!m) return COMPLETION;
  const i = Number(m[1]);
  const c = benchCase(i);
  const h = hash(`${side}:${i}`);
  const words = c.reference.split(' ');
  // 40–100% of the reference's words, a refusal for 1 case in 64 (blue) or 1 in 40 (green).
  const refuses = h % (side === 'blue' ? 64 : 40) === 0;
  const keep = Math.max(3, Math.round(words.length * (0.4 + ((h >>> 8) % 61) / 100)));
  const content = refuses ? "I'm sorry, but I can't help with that." : words.slice(0, keep).join(' ');
  // Citations: the case's own document first, second, or missing; doc-0001 usually there.
  const [own, shared] = c.expected_docs as [string, string];
  const order = (h >>> 16) % 8;
  const cited = order < 5 ? [own, shared] : order < 7 ? [shared, 'doc-9999', own] : ['doc-9998', shared];
  const usage = { prompt_tokens: 24, completion_tokens: keep, total_tokens: 24 + keep };
  return Buffer.from(
    JSON.stringify({
      id: `chatcmpl-bench-${side}-${i}`,
      object: 'chat.completion',
      created: 1_764_000_000,
      model: 'bench-model',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          logprobs: null,
          message: { role: 'assistant', content, refusal: null, context: { citations: refuses ? [] : cited.map(doc) } },
        },
      ],
      usage,
    }),
  );
}

function handler(side: 'blue' | 'green', options: ZeroServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const latencyMs = options.latencyMs ?? 0;
  return (req, res) => {
    const reply = (status: number, body: Buffer) => {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    };
    const later = (body: Buffer) => (latencyMs > 0 ? setTimeout(() => reply(200, body), latencyMs) : reply(200, body));
    if (req.method === 'GET' && req.url === '/health/ready') return reply(200, READY);
    if (req.method === 'POST' && req.url?.startsWith('/v1/chat/completions')) {
      if (!options.vary) {
        // Drain the request body, then answer: no parsing.
        req.resume();
        req.on('end', () => later(COMPLETION));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => later(variedCompletion(Buffer.concat(chunks).toString('utf8'), side)));
      return;
    }
    reply(404, Buffer.from('{"error":"not found"}'));
  };
}

async function listen(side: 'blue' | 'green', options: ZeroServerOptions): Promise<{ server: Server; url: string }> {
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, handler(side, options));
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Start blue and green listeners; `close()` stops both. */
export async function startZeroServer(options: ZeroServerOptions = {}): Promise<{ blue: string; green: string; close(): Promise<void> }> {
  const [blue, green] = await Promise.all([listen('blue', options), listen('green', options)]);
  const close = async () => {
    for (const s of [blue.server, green.server]) s.closeAllConnections();
    await Promise.all([blue.server, green.server].map((s) => new Promise((res) => s.close(res))));
  };
  return { blue: blue.url, green: green.url, close };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { 'latency-ms': { type: 'string', default: '0' }, vary: { type: 'boolean', default: false } } });
  const s = await startZeroServer({ latencyMs: Number(values['latency-ms']), vary: values.vary });
  process.stdout.write(`${JSON.stringify({ blue: s.blue, green: s.green })}\n`);
  const stop = () => void s.close().then(() => process.exit(0));
  process.stdin.on('end', stop).resume();
  process.on('SIGTERM', stop);
}
