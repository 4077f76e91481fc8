// Settings of a local app and its durable state (<stateDir>/traffic/<app>.json): revisions, active flags and the traffic table.
import { readFile } from 'node:fs/promises';
import { TrafficError } from '../../model/errors.js';
import type { TrafficWeight } from '../types.js';
import type { BalanceMode } from './balancer.js';
import { writeJsonAtomic } from './lock-file.js';

/** A local revision: a name and the base URL of a running service. */
export interface LocalRevision {
  name: string;
  url: string;
}

export interface LocalRouterSettings {
  app: string;
  statePath: string;
  lockPath: string;
  balance: BalanceMode;
  seed: number;
  readyPath: string;
  probeTimeoutMs: number;
  sampleLimit: number;
  retentionMs: number;
}

export interface StoredRevision {
  name: string;
  url: string;
  active: boolean;
  createdTime: string;
}

export interface LocalState {
  version: 1;
  app: string;
  revisions: StoredRevision[];
  traffic: TrafficWeight[];
}

// The state file's text, or null when there is none yet.
export async function readStateText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new TrafficError('RG_TRAFFIC_API', `cannot read ${path}: ${String(error)}`, { cause: error });
  }
}

export function parseState(text: string, path: string, app: string): LocalState {
  let state: Partial<LocalState>;
  try {
    state = JSON.parse(text) as Partial<LocalState>;
  } catch (error) {
    throw new TrafficError('RG_TRAFFIC_API', `${path} is not valid JSON`, {
      cause: error,
      hint: 'delete it to start the local app afresh',
    });
  }
  if (state.version !== 1 || state.app !== app || !Array.isArray(state.revisions) || !Array.isArray(state.traffic)) {
    throw new TrafficError('RG_TRAFFIC_API', `${path} is not the local traffic state of ${app}`, {
      hint: 'delete it to start the local app afresh',
    });
  }
  return state as LocalState;
}

// Loads the state, or null when there is none yet.
export async function loadState(path: string, app: string): Promise<LocalState | null> {
  const text = await readStateText(path);
  return text === null ? null : parseState(text, path, app);
}

/** Writes the state atomically; returns the text written. */
export function saveState(path: string, state: LocalState): Promise<string> {
  return writeJsonAtomic(path, state);
}
