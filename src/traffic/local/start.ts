// startLocalRouter: loads (or creates) the local app's state, starts the proxy and the health poller.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { BalanceMode } from './balancer.js';
import { createProxy } from './proxy.js';
import { LocalRouter, type LocalRevision } from './router.js';
import { loadState, type LocalState } from './state-file.js';

export interface LocalRouterOptions {
  /** The app name: names the state and lock files, and the target `local:<app>`. */
  app: string;
  /** Revisions to serve; merged into the stored ones by name (the URL given here wins). */
  revisions?: readonly LocalRevision[];
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** Holds traffic/<app>.json (revisions, table) and locks/<app>.json. @default '.revgate' */
  stateDir?: string;
  /** @default 'round-robin' (smooth weighted round-robin, deterministic) */
  balance?: BalanceMode;
  /** Seed of the PRNG when balance is 'random'. @default 1 */
  seed?: number;
  /** @default '/health/ready' */
  readyPath?: string;
  /** @default 2000 */
  healthIntervalMs?: number;
  /** @default 2000 */
  probeTimeoutMs?: number;
  /** Requests kept per revision for exact windows and latencies. @default 10000 */
  sampleLimit?: number;
  /** How long per-second counts are kept. @default 6 h */
  retentionMs?: number;
}

export interface LocalRouterHandle {
  router: LocalRouter;
  /** The proxy's base URL, http://host:port. */
  url: string;
  /** Stops the proxy (dropping open connections) and the health poller; calling it again is harmless. */
  close(): Promise<void>;
}

// The file name of an app's state or lock.
const fileOf = (app: string): string => `${encodeURIComponent(app)}.json`;

// Stored revisions plus the given ones; a fresh app sends 100% to its first revision.
function merge(app: string, stored: LocalState | null, given: readonly LocalRevision[]): LocalState {
  const state: LocalState = stored ?? { version: 1, app, revisions: [], traffic: [] };
  for (const rev of given) {
    const known = state.revisions.find((r) => r.name === rev.name);
    if (known) known.url = rev.url;
    else state.revisions.push({ name: rev.name, url: rev.url, active: true, createdTime: new Date().toISOString() });
  }
  const first = state.revisions.find((r) => r.active);
  if (state.traffic.length === 0 && first) state.traffic = [{ revision: first.name, weight: 100 }];
  return state;
}

export async function startLocalRouter(options: LocalRouterOptions): Promise<LocalRouterHandle> {
  const stateDir = resolve(options.stateDir ?? '.revgate');
  const statePath = join(stateDir, 'traffic', fileOf(options.app));
  const state = merge(options.app, await loadState(statePath, options.app), options.revisions ?? []);
  const router = new LocalRouter(
    {
      app: options.app,
      statePath,
      lockPath: join(stateDir, 'locks', fileOf(options.app)),
      balance: options.balance ?? 'round-robin',
      seed: options.seed ?? 1,
      readyPath: options.readyPath ?? '/health/ready',
      probeTimeoutMs: options.probeTimeoutMs ?? 2000,
      sampleLimit: options.sampleLimit ?? 10_000,
      retentionMs: options.retentionMs ?? 6 * 3_600_000,
    },
    state,
  );
  await router.save();

  const proxy = createProxy(router);
  const server = createServer((req, res) => proxy.handle(req, res));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  await router.checkHealth();
  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    void router
      .sync()
      .catch(() => undefined) // a broken state file shows on the next call that reads it
      .then(() => router.checkHealth())
      .finally(() => (probing = false));
  }, options.healthIntervalMs ?? 2000);
  timer.unref();

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((done, fail) => {
      clearInterval(timer);
      server.close((error) => (error ? fail(error) : done()));
      server.closeAllConnections();
      proxy.close();
    }));
  router.bind(url, close);
  return { router, url, close };
}
