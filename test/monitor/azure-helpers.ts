// Fixture of the Azure Monitor tests: pharmabot blue and green behind the real local weighted proxy, the ACA
// emulator reading its Azure Monitor numbers from that proxy's counters, and the Azure live-metrics source on the
// real SDK clients (static token; DefaultAzureCredential is never constructed here).
import { startAcaEmulator, type AcaEmulator, type AcaEmulatorOptions } from '../../reference/aca-emulator/server.js';
import type { Flaws } from '../../reference/pharmabot/flaws.js';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/server.js';
import { createAzureMonitorMetrics, type AzureMonitorOptions } from '../../src/monitor/azure/index.js';
import type { LiveMetrics } from '../../src/model/live.js';
import { staticTokenCredential } from '../../src/traffic/azure/index.js';
import { startLocalRouter, type LocalRouterHandle } from '../../src/traffic/local/index.js';
import { mapLimit, tempDir } from '../traffic/local-helpers.js';

export const TEST_TOKEN = 'monitor-test-token';
export const BLUE = 'pharmabot--blue';
export const GREEN = 'pharmabot--green';

export interface MonitorFixture {
  emu: AcaEmulator;
  proxy: LocalRouterHandle;
  blue: Pharmabot;
  green: Pharmabot;
  /** The Azure source with logs, delayMs 0, fast retries; `warnings` collects onWarning. */
  monitor: LiveMetrics;
  warnings: string[];
  /** Another source on the same emulator. */
  source(extra?: Partial<AzureMonitorOptions>): LiveMetrics;
  /** Sends `n` POST /ask through the proxy; returns the window [from, to) that holds them, closed a few ms later. */
  send(n: number): Promise<{ from: Date; to: Date }>;
  close(): Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startMonitorFixture(o: { green?: Partial<Flaws>; emulator?: AcaEmulatorOptions } = {}): Promise<MonitorFixture> {
  const [blue, green] = await Promise.all([
    startPharmabot({ seed: 1, name: 'blue', baseLatencyMs: [0, 2] }),
    startPharmabot({ seed: 2, name: 'green', baseLatencyMs: [0, 2], flaws: o.green ?? {} }),
  ]);
  const state = await tempDir();
  const proxy = await startLocalRouter({
    app: 'pharmabot',
    revisions: [
      { name: BLUE, url: blue.url },
      { name: GREEN, url: green.url },
    ],
    stateDir: state.dir,
    healthIntervalMs: 60_000,
  });
  await proxy.router.setWeights([
    { revision: BLUE, weight: 90 },
    { revision: GREEN, weight: 10 },
  ]);
  const emu = await startAcaEmulator({ token: TEST_TOKEN, ...o.emulator });
  emu.setTrafficSource((from, to) => proxy.router.stats({ from, to }));
  const warnings: string[] = [];
  const source = (extra: Partial<AzureMonitorOptions> = {}): LiveMetrics =>
    createAzureMonitorMetrics({
      resourceId: emu.resourceId,
      metricsEndpoint: emu.url,
      logs: { workspaceId: emu.settings.workspaceId, endpoint: `${emu.url}/v1` },
      credential: staticTokenCredential(TEST_TOKEN),
      delayMs: 0,
      allowInsecureLoopback: true,
      retry: { maxRetries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
      onWarning: (message) => warnings.push(message),
      ...extra,
    });
  return {
    emu,
    proxy,
    blue,
    green,
    monitor: source(),
    warnings,
    source,
    async send(n) {
      const from = new Date();
      await mapLimit(n, 8, async (i) => {
        const res = await fetch(`${proxy.url}/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question: i % 2 === 0 ? 'What are the symptoms of diabetes?' : 'How is asthma treated?' }),
        });
        await res.text();
      });
      await sleep(5);
      return { from, to: new Date() };
    },
    async close() {
      await proxy.close();
      await emu.close();
      await Promise.all([blue.close(), green.close()]);
      await state.remove();
    },
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
