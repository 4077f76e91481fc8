// The in-memory side of a local app: its revisions (health, counters), the traffic table and the balancer.
import { TrafficError } from '../../model/errors.js';
import type { TrafficWeight } from '../types.js';
import { mulberry32 } from '../../stats/random.js';
import { smoothRoundRobin, weightedRandom, type Balancer, type BalanceMode } from './balancer.js';
import { UNPROBED, type HealthReport } from './health.js';
import type { LocalState, StoredRevision } from './state-file.js';
import { RevisionCounters, type RequestRecord, type RevisionStats, type StatsWindow } from './stats.js';

export interface Revision extends StoredRevision {
  health: HealthReport;
  counters: RevisionCounters;
}

export interface RevisionSetOptions {
  balance: BalanceMode;
  seed: number;
  sampleLimit: number;
  retentionMs: number;
}

export class RevisionSet {
  private readonly byName = new Map<string, Revision>();
  private table: TrafficWeight[] = [];
  private balancer: Balancer = smoothRoundRobin([]);
  private readonly rng: () => number;

  constructor(
    private readonly options: RevisionSetOptions,
    state: LocalState,
  ) {
    this.rng = mulberry32(options.seed);
    this.apply(state);
  }

  /** Takes revisions (keeping health and counters of known ones) and the table from a stored state. */
  apply(state: LocalState): void {
    for (const r of state.revisions) {
      const known = this.byName.get(r.name);
      if (known) Object.assign(known, { url: r.url, active: r.active, createdTime: r.createdTime });
      else this.add(r);
    }
    this.setTable(state.traffic);
  }

  toState(app: string): LocalState {
    const revisions = this.list().map(({ name, url, active, createdTime }) => ({ name, url, active, createdTime }));
    return { version: 1, app, revisions, traffic: this.traffic() };
  }

  add(r: StoredRevision): Revision {
    const rev: Revision = { ...r, health: UNPROBED, counters: new RevisionCounters(this.options.sampleLimit, this.options.retentionMs) };
    this.byName.set(r.name, rev);
    return rev;
  }

  find(name: string): Revision | undefined {
    return this.byName.get(name);
  }

  get(name: string, target: string): Revision {
    const r = this.byName.get(name);
    if (!r) throw new TrafficError('RG_TRAFFIC_NOT_FOUND', `revision ${name} does not exist in ${target}`);
    return r;
  }

  list(): Revision[] {
    return [...this.byName.values()];
  }

  traffic(): TrafficWeight[] {
    return this.table.map((t) => ({ ...t }));
  }

  weightOf(name: string): number {
    return this.table.find((t) => t.revision === name)?.weight ?? 0;
  }

  /** Replaces the table (already validated) and restarts the balancer on it. */
  setTable(table: readonly TrafficWeight[]): void {
    this.table = table.map((t) => ({ ...t }));
    this.rebalance();
  }

  rebalance(): void {
    const entries = this.table.filter((t) => this.byName.get(t.revision)?.active).map((t) => ({ name: t.revision, weight: t.weight }));
    this.balancer = this.options.balance === 'random' ? weightedRandom(entries, this.rng) : smoothRoundRobin(entries);
  }

  pick(): { name: string; url: string } | null {
    const name = this.balancer.pick();
    const r = name === null ? undefined : this.byName.get(name);
    return r ? { name: r.name, url: r.url } : null;
  }

  record(revision: string, rec: RequestRecord): void {
    this.byName.get(revision)?.counters.record(rec);
  }

  stats(window: StatsWindow = {}): Record<string, RevisionStats> {
    const from = window.from ?? 0;
    const to = window.to ?? Date.now() + 1;
    const out: Record<string, RevisionStats> = {};
    for (const r of this.byName.values()) out[r.name] = r.counters.window(from, to);
    return out;
  }
}
