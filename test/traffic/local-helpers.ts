// Shared fixtures of the local router tests: pharmabot revisions, temp state dirs, a header-echo upstream, requests.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/server.js';

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-local-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function pharmabots(): Promise<{ blue: Pharmabot; green: Pharmabot; close(): Promise<void> }> {
  const [blue, green] = await Promise.all([
    startPharmabot({ seed: 1, name: 'blue', baseLatencyMs: [0, 2] }),
    startPharmabot({ seed: 2, name: 'green', baseLatencyMs: [0, 2] }),
  ]);
  return { blue, green, close: async () => void (await Promise.all([blue.close(), green.close()])) };
}

/** A plain upstream for header and failure tests; `handler` decides the answer. */
export async function upstream(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** A URL nobody listens on. */
export async function deadUrl(): Promise<string> {
  const up = await upstream((_req, res) => res.end());
  await up.close();
  return up.url;
}

/** Runs `fn` for 0..n-1 with at most `limit` in flight. */
export async function mapLimit<T>(n: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

/** GET through the proxy: the status, the revision header and the body text. */
export async function get(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; revision: string | null; text: string; headers: Headers }> {
  const res = await fetch(url, init);
  return { status: res.status, revision: res.headers.get('x-revgate-revision'), text: await res.text(), headers: res.headers };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
