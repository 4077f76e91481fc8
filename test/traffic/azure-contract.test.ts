// The shared TrafficRouter contract, run against the Azure adapter + ACA emulator (paged lists, async PATCH).
import { routerContract } from './contract.js';
import { startAzureFixture } from './azure-helpers.js';

routerContract('azure-container-apps (emulator)', async () => {
  const fx = await startAzureFixture({ pageSize: 1, pollsUntilDone: 1 });
  return { router: fx.router, revisions: { blue: fx.name('blue'), green: fx.name('green') }, teardown: fx.close };
});
