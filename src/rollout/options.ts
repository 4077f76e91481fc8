// The rollout plan as the engine reads it: durations in ms, ${ENV} references expanded by config/.
import type { LiveLimits } from '../gate/live/decide.js';
import type { LiveSourceConfig } from '../monitor/open.js';
import type { BackendConfig, RolloutStep } from './schema.js';
import type { ResolvedState } from '../state/open.js';

/** `rollout.live` resolved: durations in ms, rates as shares, defaults from the rollout filled in. */
export interface ResolvedLive extends LiveLimits, LiveSourceConfig {
  intervalMs: number;
  windowMs: number;
  queryRetries: number;
  onInconclusive: 'rollback' | 'pause';
  /** Longest extension of an undecided hold, ms; undefined: the step's hold. */
  maxExtensionMs?: number;
}

/** The rollout plan as the engine reads it: durations in ms, env references expanded. */
export interface ResolvedRollout {
  backend: BackendConfig;
  /** 'auto' or a revision name. */
  blue: string;
  /** 'latest' or a revision name. */
  green: string;
  /** Replay URL per revision name (overrides the revision's own URL). */
  urls: Record<string, string>;
  urlPath: string;
  steps: RolloutStep[];
  keepPrevious: number;
  onInconclusive: 'rollback' | 'pause';
  analysisInterval: number;
  approvalTimeout: number;
  /** Poll interval during waits (health, fingerprint, approvals), ms. */
  pollInterval: number;
  /** Retry budget of a traffic write, ms. */
  writeTimeout: number;
  /** Retry budget of a rollback, ms. */
  rollbackTimeout: number;
  lockTtl: number;
  stateDir: string;
  /** Where the pointer, journals and approvals live (local files or an Azure Storage container). */
  state: ResolvedState;
  /** Live analysis during holds, when configured. */
  live?: ResolvedLive;
}
