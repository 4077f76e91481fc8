// The local traffic backend: an embedded weighted reverse proxy in front of local revisions.
// Balancing: smooth weighted round-robin (nginx) by default — exact shares, deterministic; `balance: 'random'`
// draws from a seeded PRNG instead. Health does not steer traffic (as on Azure): weights alone decide.
// Live metrics: `router.stats({ from, to })` → per revision { requests, ok2xx, errors4xx, errors5xx, latencyMs, … }.
export { startLocalRouter, type LocalRouterHandle, type LocalRouterOptions } from './start.js';
export { LocalRouter, type LocalRevision } from './router.js';
export { REVISION_HEADER } from './proxy.js';
export type { BalanceMode } from './balancer.js';
export type { RequestRecord, RevisionStats, StatsWindow } from './stats.js';
