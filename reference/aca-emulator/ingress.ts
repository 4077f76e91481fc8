// Azure Container Apps ingress for tests and benchmarks. A revision's own front door, as Azure has one: a reverse proxy in front of one
// revision that counts every request the revision serves — through the app's ingress or at the
// revision's own URL, revgate's probes and golden replays included — the way Azure Monitor's
// per-revision `Requests` metric does. The ACA emulator's traffic source reads these counters.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  at: number;
  status: number;
  latencyMs: number;
}

export interface RevisionFront {
  url: string;
  served: Served[];
  /** Counts over [from, to) in the emulator's traffic-source shape. */
  stats(from: number, to: number): { requests: number; ok2xx: number; errors4xx: number; errors5xx: number; latencyMs: number[] };
  close(): Promise<void>;
}

/** Pipe `req` to `to` and the answer back; `done` gets the status once the answer ended (502 when the upstream failed). */
function forward(req: IncomingMessage, res: ServerResponse, to: URL, done?: (status: number) => void): void {
  const upstream = request(
    { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on('end', () => done?.(up.statusCode ?? 502));
    },
  );
  upstream.on('error', () => {
    done?.(502);
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}

/** Start a counting proxy in front of `target` on 127.0.0.1:0. */
export async function startRevisionFront(target: string): Promise<RevisionFront> {
  const to = new URL(target);
  const served: Served[] = [];
  const server = createServer((req, res) => {
    const started = Date.now();
    forward(req, res, to, (status) => served.push({ at: Date.now(), status, latencyMs: Date.now() - started }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    stats(from, to) {
      const inWindow = served.filter((s) => s.at >= from && s.at < to);
      return {
        requests: inWindow.length,
        ok2xx: inWindow.filter((s) => s.status < 300).length,
        errors4xx: inWindow.filter((s) => s.status >= 400 && s.status < 500).length,
        errors5xx: inWindow.filter((s) => s.status >= 500).length,
        latencyMs: inWindow.map((s) => s.latencyMs),
      };
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** An app ingress for tests: each request goes to a revision's front, weighted by the table `weights()` returns now. */
export async function startIngress(
  weights: () => { revision: string; weight: number }[],
  fronts: Record<string, RevisionFront>,
): Promise<{ url: string; close(): Promise<void> }> {
  let n = 0;
  const server = createServer((req, res) => {
    // Deterministic weighted choice: request n goes to the revision whose cumulative weight covers n mod 100.
    const slot = (n++ * 37) % 100;
    let acc = 0;
    const table = weights().filter((e) => e.weight > 0);
    const pick = table.find((e) => (acc += e.weight) > slot) ?? table[0];
    const front = pick ? fronts[pick.revision] : undefined;
    if (!front) {
      res.writeHead(503).end();
      return;
    }
    forward(req, res, new URL(front.url));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
