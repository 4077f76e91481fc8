// SDK models (properties flattened, dates as Date) → revgate's router types.
import type { ContainerApp, Revision, TrafficWeight as AzureTrafficWeight } from '@azure/arm-appcontainers';
import type { AppInfo, RevisionInfo, TrafficWeight } from '../types.js';

function entry(revision: string, weight: number, label: string | undefined): TrafficWeight {
  return label === undefined ? { revision, weight } : { revision, weight, label };
}

// describe(): the table as stored; a `latestRevision: true` entry becomes revision '' + latestRevision: true.
export function toAppInfo(app: ContainerApp): AppInfo {
  const ingress = app.configuration?.ingress;
  return {
    name: app.name ?? '',
    activeRevisionsMode: app.configuration?.activeRevisionsMode ?? 'Single',
    latestRevisionName: app.latestRevisionName ?? null,
    ingressFqdn: ingress?.fqdn ?? null,
    traffic: (ingress?.traffic ?? []).map((t) =>
      t.latestRevision === true
        ? { ...entry('', t.weight ?? 0, t.label ?? undefined), latestRevision: true }
        : entry(t.revisionName ?? '', t.weight ?? 0, t.label ?? undefined),
    ),
  };
}

// readWeights(): the table pinned by name. A `latestRevision` entry counts for the latest revision
// (merged into that revision's pinned entry when there is one); an unresolvable one is returned with revision ''.
export function toWeights(app: ContainerApp): TrafficWeight[] {
  const out: TrafficWeight[] = [];
  let floating: number | undefined;
  for (const t of app.configuration?.ingress?.traffic ?? []) {
    if (t.latestRevision === true) floating = (floating ?? 0) + (t.weight ?? 0);
    else out.push(entry(t.revisionName ?? '', t.weight ?? 0, t.label ?? undefined));
  }
  if (floating === undefined) return out;
  const latest = app.latestRevisionName ?? '';
  const pinned = latest === '' ? undefined : out.find((w) => w.revision === latest);
  if (pinned !== undefined) pinned.weight += floating;
  else out.push({ revision: latest, weight: floating });
  return out;
}

// The traffic array written by setWeights(): pinned by revision name, never `latestRevision`.
export function toAzureTraffic(weights: readonly TrafficWeight[]): AzureTrafficWeight[] {
  return weights.map((w) =>
    w.label === undefined ? { revisionName: w.revision, weight: w.weight } : { revisionName: w.revision, weight: w.weight, label: w.label },
  );
}

export function toRevisionInfo(r: Revision): RevisionInfo {
  return {
    name: r.name ?? '',
    active: r.active ?? false,
    weight: r.trafficWeight ?? 0,
    createdTime: r.createdTime === undefined ? null : r.createdTime.toISOString(),
    healthState: r.healthState ?? 'None',
    runningState: r.runningState ?? 'Unknown',
    provisioningState: r.provisioningState ?? 'Unknown',
    url: r.fqdn ? `https://${r.fqdn}` : null,
    images: (r.template?.containers ?? [])
      .map((c) => c.image)
      .filter((image): image is string => typeof image === 'string' && image !== ''),
    replicas: r.replicas ?? null,
    error: r.provisioningError ? r.provisioningError : null,
  };
}
