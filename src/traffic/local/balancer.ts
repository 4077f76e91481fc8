// Picks the revision for each request: smooth weighted round-robin (nginx) by default, or seeded weighted random.

export interface Weighted {
  name: string;
  weight: number;
}

export type BalanceMode = 'round-robin' | 'random';

export interface Balancer {
  /** The revision for the next request, or null when no revision has weight. */
  pick(): string | null;
}

// nginx's smooth weighted round-robin: exact shares over every sum(weights) picks, evenly interleaved.
export function smoothRoundRobin(entries: readonly Weighted[]): Balancer {
  const live = entries.filter((e) => e.weight > 0).map((e) => ({ ...e, current: 0 }));
  const total = live.reduce((s, e) => s + e.weight, 0);
  return {
    pick() {
      let best: (typeof live)[number] | undefined;
      for (const e of live) {
        e.current += e.weight;
        if (!best || e.current > best.current) best = e;
      }
      if (!best) return null;
      best.current -= total;
      return best.name;
    },
  };
}

// Independent weighted draws from a seeded PRNG (shares hold only on average).
export function weightedRandom(entries: readonly Weighted[], rng: () => number): Balancer {
  const live = entries.filter((e) => e.weight > 0);
  const total = live.reduce((s, e) => s + e.weight, 0);
  return {
    pick() {
      if (total === 0) return null;
      let x = rng() * total;
      for (const e of live) {
        x -= e.weight;
        if (x < 0) return e.name;
      }
      return live[live.length - 1]!.name;
    },
  };
}
