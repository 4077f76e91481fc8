// The emulated container app and its revisions, and their ARM JSON views (the shape of api-version 2025-07-01).
// Revision weights are derived from the app's traffic table, as on Azure.

/** A revision to create; its name is `<app>--<suffix>`. */
export interface RevisionSeed {
  suffix: string;
  /** @default `revgate.azurecr.io/<app>:<suffix>` */
  image?: string;
  /** @default true */
  active?: boolean;
  /** @default 'Healthy' */
  healthState?: string;
  /** @default 'Running' */
  runningState?: string;
  /** @default 'Provisioned' */
  provisioningState?: string;
  /** @default 1 */
  replicas?: number;
  /** @default now (+1 ms per revision, so creation order is stable) */
  createdTime?: string;
  /** Where a test can actually reach this revision (its ARM fqdn stays a realistic Azure name). */
  localUrl?: string;
  provisioningError?: string;
}

export interface RevisionState {
  name: string;
  suffix: string;
  active: boolean;
  healthState: string;
  runningState: string;
  provisioningState: string;
  replicas: number;
  createdTime: string;
  images: string[];
  localUrl: string | undefined;
  provisioningError: string | undefined;
}

/** One entry of `properties.configuration.ingress.traffic`, as ARM stores it. */
export interface TrafficEntry {
  revisionName?: string;
  weight?: number;
  latestRevision?: boolean;
  label?: string;
}

export interface AppState {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** Display form, e.g. `East US`. */
  location: string;
  /** Short form used in host names, e.g. `eastus`. */
  region: string;
  /** The environment's default domain, e.g. `happy-river-1a2b3c4d.eastus.azurecontainerapps.io`. */
  envDomain: string;
  activeRevisionsMode: string;
  provisioningState: string;
  tags: Record<string, string>;
  traffic: TrafficEntry[];
  revisions: RevisionState[];
}

let clock = 0;

// A revision's state from its seed.
export function makeRevision(app: string, seed: RevisionSeed): RevisionState {
  const created = seed.createdTime ?? new Date(Date.now() + clock++).toISOString();
  return {
    name: `${app}--${seed.suffix}`,
    suffix: seed.suffix,
    active: seed.active ?? true,
    healthState: seed.healthState ?? 'Healthy',
    runningState: seed.runningState ?? 'Running',
    provisioningState: seed.provisioningState ?? 'Provisioned',
    replicas: seed.replicas ?? 1,
    createdTime: created,
    images: [seed.image ?? `revgate.azurecr.io/${app}:${seed.suffix}`],
    localUrl: seed.localUrl,
    provisioningError: seed.provisioningError,
  };
}

/** `eastus` from `East US` (ARM compares locations this way). */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

export function latestRevision(state: AppState): RevisionState | undefined {
  return [...state.revisions].sort((a, b) => a.createdTime.localeCompare(b.createdTime)).at(-1);
}

export function fqdnOf(state: AppState, revision: RevisionState): string {
  return `${state.name}--${revision.suffix}.${state.envDomain}`;
}

// The weight the traffic table gives a revision (a `latestRevision` entry counts for the latest one).
export function weightOf(state: AppState, revision: RevisionState): number {
  const latest = latestRevision(state)?.name;
  return state.traffic
    .filter((t) => t.revisionName === revision.name || (t.latestRevision === true && latest === revision.name))
    .reduce((sum, t) => sum + (t.weight ?? 0), 0);
}

export function appId(state: AppState): string {
  return `/subscriptions/${state.subscriptionId}/resourceGroups/${state.resourceGroup}/providers/Microsoft.App/containerApps/${state.name}`;
}

// The app as `GET containerApps/{app}` returns it.
export function appJson(state: AppState): Record<string, unknown> {
  const latest = latestRevision(state);
  const ready = [...state.revisions].reverse().find((r) => r.provisioningState === 'Provisioned');
  const envId = `/subscriptions/${state.subscriptionId}/resourceGroups/${state.resourceGroup}/providers/Microsoft.App/managedEnvironments/${state.name}-env`;
  return {
    id: appId(state),
    name: state.name,
    type: 'Microsoft.App/containerApps',
    location: state.location,
    tags: { ...state.tags },
    properties: {
      provisioningState: state.provisioningState,
      runningStatus: 'Running',
      managedEnvironmentId: envId,
      environmentId: envId,
      latestRevisionName: latest?.name,
      latestReadyRevisionName: ready?.name,
      latestRevisionFqdn: latest === undefined ? undefined : fqdnOf(state, latest),
      configuration: {
        activeRevisionsMode: state.activeRevisionsMode,
        ingress: {
          fqdn: `${state.name}.${state.envDomain}`,
          external: true,
          targetPort: 8080,
          transport: 'Auto',
          allowInsecure: false,
          traffic: state.traffic.map((t) => ({ ...t })),
        },
      },
      template: { containers: [{ name: state.name, image: latest?.images[0] }], scale: { minReplicas: 1, maxReplicas: 3 } },
    },
  };
}

// A revision as `GET revisions/{r}` returns it.
export function revisionJson(state: AppState, revision: RevisionState): Record<string, unknown> {
  return {
    id: `${appId(state)}/revisions/${revision.name}`,
    name: revision.name,
    type: 'Microsoft.App/containerApps/revisions',
    properties: {
      createdTime: revision.createdTime,
      lastActiveTime: revision.createdTime,
      fqdn: fqdnOf(state, revision),
      template: { containers: revision.images.map((image, i) => ({ name: i === 0 ? state.name : `${state.name}-${i}`, image })) },
      active: revision.active,
      replicas: revision.active ? revision.replicas : 0,
      trafficWeight: weightOf(state, revision),
      provisioningError: revision.provisioningError,
      healthState: revision.healthState,
      provisioningState: revision.provisioningState,
      runningState: revision.runningState,
    },
  };
}
