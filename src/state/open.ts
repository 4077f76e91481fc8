// Open the state store a suite names; the Azure one is loaded lazily (only it imports @azure/*).
import { localStateStore } from './local.js';
import type { StateConfig } from './schema.js';
import type { StateStore } from './types.js';

/** `rollout.state` with ${ENV} references expanded. */
export type ResolvedState = StateConfig;

export async function openStateStore(config: ResolvedState, o: { stateDir: string }): Promise<StateStore> {
  if (config.backend === 'local') return localStateStore(o.stateDir);
  const { openAzureBlobStateStore } = await import('./azure/index.js');
  return openAzureBlobStateStore({
    container: config.container,
    prefix: config.prefix,
    ...(config.url !== undefined ? { url: config.url } : {}),
    ...(config.connectionString !== undefined ? { connectionString: config.connectionString } : {}),
  });
}
