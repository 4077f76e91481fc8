// A rollout on emulated Azure as unkind as the real one: the ACA emulator with wall-clock operations
// (409 on any write while one runs), blue and green pharmabots behind their own front doors (which
// count every request a revision serves, revgate's own included, like Azure Monitor's per-revision
// Requests), an ingress splitting user traffic by the emulator's current table, and a suite whose
// rollout uses the azure-container-apps backend (and, optionally, azure-monitor live analysis).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startAcaEmulator, type AcaEmulator, type AcaEmulatorOptions } from '../../reference/aca-emulator/server.js';
import { startPharmabot, type Pharmabot, type PharmabotOptions } from '../../reference/pharmabot/index.js';
import { createAzureContainerAppsRouter, staticTokenCredential } from '../../src/traffic/azure/index.js';
import type { TrafficRouter } from '../../src/traffic/types.js';
import { medquadCases } from '../e2e/helpers.js';
import { startIngress, startRevisionFront, type RevisionFront } from '../../reference/aca-emulator/ingress.js';

export const TOKEN = 'azure-busy-token';
export const BLUE = 'pharmabot--blue';
export const GREEN = 'pharmabot--green';

export interface AzureBench {
  dir: string;
  suiteFile: string;
  emu: AcaEmulator;
  blue: Pharmabot;
  green: Pharmabot;
  fronts: Record<string, RevisionFront>;
  /** The app's ingress: user traffic goes here and is split by the emulator's table. */
  ingress: string;
  /** A router on the real SDK, as the CLI builds it (fast polling). */
  router(): TrafficRouter;
  close(): Promise<void>;
}

export interface AzureBenchOptions {
  emulator?: AcaEmulatorOptions;
  green?: PharmabotOptions;
  rollout?: Record<string, unknown>;
  /** Live analysis from the emulator's Azure Monitor endpoints (fields merged over fast defaults). */
  live?: Record<string, unknown>;
  cases?: number;
}

/** Start everything; the suite file is written with `rollout` merged over fast defaults. */
export async function azureBench(o: AzureBenchOptions = {}): Promise<AzureBench> {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-azure-busy-'));
  const blue = await startPharmabot({ seed: 1, name: 'blue' });
  const green = await startPharmabot({ seed: 2, name: 'green', ...o.green });
  const fronts = { [BLUE]: await startRevisionFront(blue.url), [GREEN]: await startRevisionFront(green.url) };
  const emu = await startAcaEmulator({ token: TOKEN, operationMs: 1000, pollRetryAfterSeconds: undefined, ...o.emulator });
  emu.setTrafficSource((from, to) => Object.fromEntries(Object.entries(fronts).map(([name, f]) => [name, f.stats(from, to)])));
  const ingress = await startIngress(
    () => emu.state.traffic.map((t) => ({ revision: t.revisionName ?? '', weight: t.weight ?? 0 })),
    fronts,
  );
  await writeFile(join(dir, 'golden.yaml'), stringify({ cases: medquadCases(o.cases ?? 10) }));
  const suiteFile = join(dir, 'suite.yaml');
  await writeFile(
    suiteFile,
    stringify({
      name: 'azure-busy',
      golden: 'golden.yaml',
      target: { kind: 'openai-chat', model: 'pharmabot-1', docs: { preset: 'azure-on-your-data' } },
      sampling: { concurrency: 4, warmup: 0, retries: 1, backoff: '20ms', timeout: '5s', readyTimeout: '2s', seed: 1 },
      scoring: { minCases: 5 },
      thresholds: ['error_rate <= 1%', 'refusal_rate <= 5%', 'delta.ref.rougeL.mean >= -0.4'],
      report: { formats: ['json'], dir: join(dir, 'reports') },
      rollout: {
        backend: {
          kind: 'azure-container-apps',
          subscriptionId: emu.subscriptionId,
          resourceGroup: emu.resourceGroup,
          app: emu.app,
          endpoint: emu.url,
        },
        urls: { [BLUE]: fronts[BLUE].url, [GREEN]: fronts[GREEN].url },
        green: GREEN,
        urlPath: '/v1',
        steps: [{ weight: 0, analysis: 'full' }, { weight: 10, hold: '1s', analysis: 'sample', sample: 6 }, { weight: 100 }],
        keepPrevious: '200ms',
        lockTtl: '30s',
        pollInterval: '200ms',
        writeTimeout: '20s',
        rollbackTimeout: '30s',
        stateDir: join(dir, '.revgate'),
        ...(o.live
          ? {
              live: {
                source: 'azure-monitor',
                delay: '0ms',
                interval: '300ms',
                window: '1s',
                minRequests: 20,
                maxLatencyShift: '30ms',
                queryRetries: 1,
                azure: { resourceId: emu.resourceId, metricsEndpoint: emu.url },
                ...o.live,
              },
            }
          : {}),
        ...o.rollout,
      },
    }),
  );
  return {
    dir,
    suiteFile,
    emu,
    blue,
    green,
    fronts,
    ingress: ingress.url,
    router: () =>
      createAzureContainerAppsRouter({
        subscriptionId: emu.subscriptionId,
        resourceGroup: emu.resourceGroup,
        app: emu.app,
        credential: staticTokenCredential(TOKEN),
        endpoint: emu.url,
        allowInsecureLoopback: true,
        retry: { maxRetries: 2, retryDelayInMs: 20, maxRetryDelayInMs: 100 },
        pollIntervalMs: 50,
      }),
    async close() {
      await ingress.close();
      await Promise.all(Object.values(fronts).map((f) => f.close()));
      await emu.close();
      await Promise.all([blue.close(), green.close()]);
    },
  };
}

/** The emulator's table with weights, labels kept (revision names, 0% entries dropped unless labelled). */
export function armTable(emu: AcaEmulator): { revision: string; weight: number; label?: string }[] {
  return emu.state.traffic
    .filter((t) => (t.weight ?? 0) > 0 || t.label !== undefined)
    .map((t) => ({ revision: t.revisionName ?? '', weight: t.weight ?? 0, ...(t.label !== undefined ? { label: t.label } : {}) }));
}
