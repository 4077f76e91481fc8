// LocalRouter: the TrafficRouter of the embedded proxy; the state file is the platform's store, shared by processes.
import { TrafficError } from '../../model/errors.js';
import type { AppInfo, RevisionInfo, RouterCallOptions, TrafficRouter, TrafficWeight } from '../types.js';
import { probe, revisionInfo } from './health.js';
import { FileLocked } from './lock-file.js';
import { RevisionSet } from './revision-set.js';
import { parseState, readStateText, saveState, type LocalRevision, type LocalRouterSettings, type LocalState } from './state-file.js';
import type { RequestRecord, RevisionStats, StatsWindow } from './stats.js';
import { validateTable } from './table.js';

export type { LocalRevision } from './state-file.js';

export class LocalRouter extends FileLocked implements TrafficRouter {
  readonly kind = 'local';
  readonly target: string;
  /** The proxy's base URL (http://host:port); set once it listens. */
  url = '';
  private readonly set: RevisionSet;
  private queue: Promise<unknown> = Promise.resolve();
  private closer: () => Promise<void> = () => Promise.resolve();
  /** The state file's text as last read or written here. */
  private lastText: string | null = null;

  constructor(
    private readonly settings: LocalRouterSettings,
    state: LocalState,
  ) {
    super(settings.lockPath);
    this.target = `local:${settings.app}`;
    this.set = new RevisionSet(settings, state);
  }

  // Runs state changes one at a time, each on the latest stored state.
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await this.reload();
      return fn();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async persist(): Promise<void> {
    this.lastText = await saveState(this.settings.statePath, this.set.toState(this.settings.app));
  }

  // Applies what another process (e.g. `revgate rollback`) wrote to the state file since.
  private async reload(): Promise<void> {
    const text = await readStateText(this.settings.statePath);
    if (text === null || text === this.lastText) return;
    this.set.apply(parseState(text, this.settings.statePath, this.settings.app));
    this.lastText = text;
  }

  /** Picks up changes other processes made to the state file (the poller calls it every healthIntervalMs). */
  sync(): Promise<void> {
    return this.serial(() => Promise.resolve());
  }

  /** Writes the state file now. */
  save(): Promise<void> {
    return this.queue.then(() => this.persist());
  }

  /** For the proxy: the next revision by weight. */
  pick(): { name: string; url: string } | null {
    return this.set.pick();
  }

  /** For the proxy: one finished request. */
  record(revision: string, rec: RequestRecord): void {
    this.set.record(revision, rec);
  }

  /**
   * Per-revision counts and latencies of proxied requests that finished in [from, to) (epoch ms, default:
   * everything kept). Every known revision is listed, with zeros when it got nothing.
   */
  stats(window: StatsWindow = {}): Record<string, RevisionStats> {
    return this.set.stats(window);
  }

  /** Probes the given (default: every active) revisions' readiness now. */
  async checkHealth(names?: readonly string[]): Promise<void> {
    const targets = this.set.list().filter((r) => (names ? names.includes(r.name) : r.active));
    await Promise.all(
      targets.map(async (r) => {
        r.health = await probe(r.url, this.settings.readyPath, this.settings.probeTimeoutMs);
      }),
    );
  }

  /** Adds a revision (active, 0%; 100% when the table is empty) or changes its URL; persists and probes it. */
  async addRevision(rev: LocalRevision): Promise<void> {
    await this.serial(async () => {
      const known = this.set.find(rev.name);
      if (known) known.url = rev.url;
      else this.set.add({ name: rev.name, url: rev.url, active: true, createdTime: new Date().toISOString() });
      if (this.set.traffic().length === 0) this.set.setTable([{ revision: rev.name, weight: 100 }]);
      await this.persist();
    });
    await this.checkHealth([rev.name]);
  }

  async describe(options?: RouterCallOptions): Promise<AppInfo> {
    options?.signal?.throwIfAborted();
    await this.sync();
    const names = this.set
      .list()
      .sort((a, b) => a.createdTime.localeCompare(b.createdTime))
      .map((r) => r.name);
    return {
      name: this.settings.app,
      activeRevisionsMode: 'Multiple',
      latestRevisionName: names[names.length - 1] ?? null,
      ingressFqdn: this.url ? new URL(this.url).host : null,
      traffic: this.set.traffic(),
    };
  }

  async listRevisions(options?: RouterCallOptions): Promise<RevisionInfo[]> {
    options?.signal?.throwIfAborted();
    await this.sync();
    return this.set.list().map((r) => revisionInfo(r, r.active ? r.health : null, this.set.weightOf(r.name)));
  }

  async readWeights(options?: RouterCallOptions): Promise<TrafficWeight[]> {
    options?.signal?.throwIfAborted();
    await this.sync();
    return this.set.traffic();
  }

  setWeights(weights: readonly TrafficWeight[], options?: RouterCallOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    return this.serial(async () => {
      const previous = this.set.traffic();
      this.set.setTable(validateTable(weights, this.set.list()));
      await this.persist().catch((error: unknown) => {
        this.set.setTable(previous);
        throw error;
      });
    });
  }

  async activate(revision: string, options?: RouterCallOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    await this.serial(async () => {
      this.set.get(revision, this.target).active = true;
      this.set.rebalance();
      await this.persist();
    });
    await this.checkHealth([revision]);
  }

  /** Refused while the revision has weight; its 0% entries leave the table. */
  deactivate(revision: string, options?: RouterCallOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    return this.serial(async () => {
      const r = this.set.get(revision, this.target);
      const weight = this.set.weightOf(revision);
      if (weight > 0) {
        throw new TrafficError('RG_TRAFFIC_CONFLICT', `revision ${revision} still has ${weight}% of the traffic`, {
          hint: 'shift its traffic away first',
        });
      }
      r.active = false;
      this.set.setTable(this.set.traffic().filter((t) => t.revision !== revision));
      await this.persist();
    });
  }

  /** Stops the proxy and the health poller (the router is the platform here: nothing serves afterwards). */
  close(): Promise<void> {
    return this.closer();
  }

  /** Called by startLocalRouter once the proxy listens. */
  bind(url: string, closer: () => Promise<void>): void {
    this.url = url;
    this.closer = closer;
  }
}
