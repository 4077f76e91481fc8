// The weighted reverse proxy: streams each request to the revision the balancer picks and counts the outcome.
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { Agent as TlsAgent, request as requestTls } from 'node:https';
import { outcomeOf, type Outcome, type RequestRecord } from './stats.js';

export const REVISION_HEADER = 'x-revgate-revision';

// RFC 9110 §7.6.1 connection-specific headers, never forwarded (plus any named in `Connection`).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface ProxyDeps {
  /** The revision for the next request, or null when none receives traffic. */
  pick(): { name: string; url: string } | null;
  record(revision: string, rec: RequestRecord): void;
}

export interface Proxy {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

// Copies headers without the hop-by-hop ones.
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const out: OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(key) && !named.includes(key)) out[key] = value;
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function createProxy(deps: ProxyDeps): Proxy {
  const agent = new Agent({ keepAlive: true });
  const tlsAgent = new TlsAgent({ keepAlive: true });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const chosen = deps.pick();
    if (!chosen) {
      sendJson(res, 503, { error: { message: 'no revision receives traffic', type: 'no_revision', code: 'no_revision' } });
      return;
    }
    const { name } = chosen;
    const started = performance.now();
    let ttfbMs: number | null = null;
    let settled = false;
    const settle = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      deps.record(name, { at: Date.now(), outcome, ms: performance.now() - started, ttfbMs });
    };

    const target = new URL(chosen.url.replace(/\/+$/, '') + (req.url ?? '/'));
    const headers = endToEnd(req.headers);
    headers.host = target.host;
    const client = req.socket.remoteAddress ?? '';
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
    headers['x-forwarded-host'] ??= req.headers.host ?? '';
    headers['x-forwarded-proto'] ??= 'http';

    const tls = target.protocol === 'https:';
    const upReq = (tls ? requestTls : request)(target, { method: req.method, headers, agent: tls ? tlsAgent : agent });

    upReq.on('response', (upRes) => {
      ttfbMs = performance.now() - started;
      const status = upRes.statusCode ?? 502;
      res.writeHead(status, upRes.statusMessage, { ...endToEnd(upRes.headers), [REVISION_HEADER]: name });
      res.flushHeaders();
      upRes.pipe(res); // chunk by chunk, no buffering: SSE passes through as it is written
      upRes.on('close', () => {
        if (!upRes.complete && !settled) {
          settle('failed'); // cut mid-response by the upstream
          res.destroy();
        }
      });
      res.on('finish', () => settle(outcomeOf(status)));
    });
    upReq.on('error', (error) => {
      if (settled) return;
      settle('failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(
        res,
        502,
        {
          error: {
            message: `revision ${name} failed: ${error.message}`,
            type: 'bad_gateway',
            code: 'upstream_unavailable',
            revision: name,
          },
        },
        { [REVISION_HEADER]: name },
      );
    });
    // The client went away before the answer was complete.
    res.on('close', () => {
      if (!res.writableFinished) {
        settle('canceled');
        upReq.destroy();
      }
    });
    req.pipe(upReq);
  }

  return {
    handle,
    close() {
      agent.destroy();
      tlsAgent.destroy();
    },
  };
}
