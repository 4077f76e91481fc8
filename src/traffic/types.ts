// The narrow contract between the rollout engine and the systems that move traffic
// (Argo Rollouts' TrafficRoutingReconciler in spirit): read and set the whole weight table,
// list revisions with their health, activate / deactivate, and a lock against concurrent rollouts.
// Implementations: Azure Container Apps (src/traffic/azure/) and an embedded local proxy (src/traffic/local/).
// Verification (read back after set) is the engine's job, not the router's.

/** One entry of the traffic table. Pinned by revision name; `latestRevision` entries are converted, never written. */
export interface TrafficWeight {
  revision: string;
  /** 0-100; a table's weights sum to 100. */
  weight: number;
  /** Optional label giving the revision a stable URL (Azure: https://<app>---<label>.<env>…). */
  label?: string;
}

/** A revision and its health, as the platform reports it (enums are open strings). */
export interface RevisionInfo {
  name: string;
  active: boolean;
  /** Current traffic weight, 0-100. */
  weight: number;
  createdTime: string | null;
  /** Healthy | Unhealthy | None */
  healthState: string;
  /** Running | Processing | Stopped | Degraded | Failed | Unknown */
  runningState: string;
  /** Provisioning | Provisioned | Failed | Deprovisioning | Deprovisioned */
  provisioningState: string;
  /** The revision's own URL (https://<fqdn> on Azure), when it has one. */
  url: string | null;
  /** Container image(s), for the fingerprint. */
  images: string[];
  replicas: number | null;
  /** Platform error text when provisioning failed. */
  error: string | null;
}

export interface AppInfo {
  name: string;
  /** Multiple is required for blue/green. */
  activeRevisionsMode: string;
  latestRevisionName: string | null;
  /** The app's ingress FQDN (label URLs are built from it). */
  ingressFqdn: string | null;
  /** The traffic table as stored, including any `latestRevision: true` entry (revision '' + latest: true). */
  traffic: (TrafficWeight & { latestRevision?: boolean })[];
}

/** The lock that stops two rollouts of the same app at once. */
export interface LockInfo {
  owner: string;
  /** ISO time after which the lock is stale (broken only explicitly). */
  expiresAt: string;
  runId: string;
}

export interface RouterCallOptions {
  signal?: AbortSignal;
}

export interface TrafficRouter {
  /** `azure-container-apps` or `local`. */
  readonly kind: string;
  /** A human name of the app, e.g. `rg/app` or `local:pharmabot`. */
  readonly target: string;
  describe(options?: RouterCallOptions): Promise<AppInfo>;
  listRevisions(options?: RouterCallOptions): Promise<RevisionInfo[]>;
  /** The traffic table as the platform stores it now. */
  readWeights(options?: RouterCallOptions): Promise<TrafficWeight[]>;
  /** Replace the whole table (merge patch semantics), waiting for the platform to finish. */
  setWeights(weights: readonly TrafficWeight[], options?: RouterCallOptions): Promise<void>;
  activate(revision: string, options?: RouterCallOptions): Promise<void>;
  deactivate(revision: string, options?: RouterCallOptions): Promise<void>;
  readLock(options?: RouterCallOptions): Promise<LockInfo | null>;
  /** Take the lock; throws TrafficError RG_TRAFFIC_LOCKED when another live owner holds it. */
  acquireLock(lock: LockInfo, options?: RouterCallOptions & { breakStale?: boolean }): Promise<void>;
  /**
   * Remove `owner`'s lock (a no-op when another owner holds it). `settle`: after a failed acquisition,
   * also write when no lock is visible yet — a write still being applied is then waited out (409) and
   * the lock it leaves is removed.
   */
  releaseLock(owner: string, options?: RouterCallOptions & { settle?: boolean }): Promise<void>;
  close(): Promise<void>;
}
