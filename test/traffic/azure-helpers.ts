// Starts the ACA emulator and an Azure router (the real SDK client) pointed at it, with a static token
// and fast retries / polling. DefaultAzureCredential is never constructed here.
import { startAcaEmulator, type AcaEmulator, type AcaEmulatorOptions } from '../../reference/aca-emulator/server.js';
import { createAzureContainerAppsRouter, staticTokenCredential, type AzureRouterOptions } from '../../src/traffic/azure/index.js';
import type { TrafficRouter } from '../../src/traffic/types.js';

export const TEST_TOKEN = 'test-token-123';

export interface AzureFixture {
  emu: AcaEmulator;
  router: TrafficRouter;
  /** `<app>--<suffix>` */
  name(suffix: string): string;
  close(): Promise<void>;
}

// Fast SDK settings for tests: 3 retries 10-50 ms apart, LRO polls every 10 ms.
export function routerOptions(emu: AcaEmulator, extra: Partial<AzureRouterOptions> = {}): AzureRouterOptions {
  return {
    subscriptionId: emu.subscriptionId,
    resourceGroup: emu.resourceGroup,
    app: emu.app,
    credential: staticTokenCredential(TEST_TOKEN),
    endpoint: emu.url,
    allowInsecureLoopback: true,
    retry: { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    pollIntervalMs: 10,
    ...extra,
  };
}

// The adapter's contract and mapping tests call router methods back to back, as no rollout does
// (its serialized writer waits out 409s): their operations finish at once unless a test asks for
// Azure's real durations (test/rollout/azure-busy.test.ts does).
export async function startAzureFixture(options: AcaEmulatorOptions = {}, extra: Partial<AzureRouterOptions> = {}): Promise<AzureFixture> {
  const emu = await startAcaEmulator({ token: TEST_TOKEN, operationMs: 0, pollRetryAfterSeconds: undefined, ...options });
  const router = createAzureContainerAppsRouter(routerOptions(emu, extra));
  return {
    emu,
    router,
    name: (suffix) => `${emu.app}--${suffix}`,
    close: async () => {
      await router.close();
      await emu.close();
    },
  };
}
