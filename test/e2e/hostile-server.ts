// One hostile target on loopback (port 0), one route per misbehaviour; every route also answers
// GET …/health/ready with 200, so readiness passes and the misbehaviour meets the replay.
//   /huge/…     a 50 MB JSON body (64 KiB chunks, until the client hangs up)
//   /stream/…   an event stream that never ends (4 KB chunks)
//   /echo/…     every header and the URL echoed into the answer; every 4th call a 500 echoing the same
//   /control/…  an answer full of NUL, BEL, ANSI sequences, a bidi override and workflow commands
//   /reset/…    the connection destroyed on every request
//   /drip/…     headers, then one byte every 50 ms, forever
// `sent()` counts the bytes written, to show a client stopped reading.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CONTROL_ANSWER = 'ok\u0000\u0007 \u001b[2J\u001b[31mred\u001b[0m \u202eevil\u202c\n::error::pwned\n  ::set-output name=x::y';

export interface HostileServer {
  url: string;
  sent(): number;
  close(): Promise<void>;
}

const completion = (content: string) =>
  JSON.stringify({
    id: 'x',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
    answer: content,
    sources: [],
  });

export async function startHostileServer(): Promise<HostileServer> {
  let sent = 0;
  let echoes = 0;
  const pump = (res: ServerResponse, piece: () => Buffer, total: number, end = '') => {
    let written = 0;
    const go = () => {
      while (written < total && !res.destroyed) {
        const p = piece();
        written += p.length;
        sent += p.length;
        if (!res.write(p)) return void res.once('drain', go);
      }
      if (!res.destroyed) res.end(end);
    };
    go();
  };
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const sse = Buffer.from(
    `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'b'.repeat(4000) } }] })}\n\n`,
  );
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
    huge: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"answer":"');
      pump(res, () => chunk, 50 * 1024 * 1024, '"}');
    },
    stream: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      pump(res, () => sse, Number.MAX_SAFE_INTEGER);
    },
    echo: (req, res, body) => {
      const echo = `url=${req.url} headers=${JSON.stringify(req.headers)} body=${body.slice(0, 200)}`;
      if (++echoes % 4 === 0) return void res.writeHead(500, { 'content-type': 'text/plain' }).end(echo);
      res.writeHead(200, { 'content-type': 'application/json' }).end(completion(echo));
    },
    control: (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(completion(CONTROL_ANSWER)),
    reset: (req) => void req.socket.destroy(),
    drip: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"answer":"');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a')), 50);
      res.on('close', () => clearInterval(timer));
    },
  };
  const server = createServer((req, res) => {
    const route = routes[(req.url ?? '').split('/')[1] ?? ''];
    if (req.url?.includes('/health/')) return void res.writeHead(200).end('ok');
    if (!route) return void res.writeHead(404).end();
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => route(req, res, body));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent: () => sent,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
