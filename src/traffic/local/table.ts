// Validation of a traffic table against the local revisions (the checks Azure's ingress would make).
import { TrafficError } from '../../model/errors.js';
import type { TrafficWeight } from '../types.js';

export interface KnownRevision {
  name: string;
  active: boolean;
}

// Throws a TrafficError when the table cannot be stored; returns a clean copy otherwise.
export function validateTable(table: readonly TrafficWeight[], revisions: readonly KnownRevision[]): TrafficWeight[] {
  if (table.length === 0) throw new TrafficError('RG_TRAFFIC_CONFLICT', 'the traffic table is empty: weights must sum to 100');
  const seen = new Set<string>();
  const labels = new Set<string>();
  let sum = 0;
  for (const entry of table) {
    const { revision, weight, label } = entry;
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw new TrafficError('RG_TRAFFIC_CONFLICT', `weight of ${revision} must be an integer from 0 to 100, got ${weight}`);
    }
    if (seen.has(revision)) throw new TrafficError('RG_TRAFFIC_CONFLICT', `${revision} appears twice in the traffic table`);
    seen.add(revision);
    if (label !== undefined) {
      if (labels.has(label)) throw new TrafficError('RG_TRAFFIC_CONFLICT', `label ${label} appears twice in the traffic table`);
      labels.add(label);
    }
    const known = revisions.find((r) => r.name === revision);
    if (!known) {
      throw new TrafficError('RG_TRAFFIC_NOT_FOUND', `revision ${revision} does not exist`, {
        hint: `known revisions: ${revisions.map((r) => r.name).join(', ') || 'none'}`,
      });
    }
    if (!known.active) {
      throw new TrafficError('RG_TRAFFIC_CONFLICT', `revision ${revision} is inactive and cannot be in the traffic table`, {
        hint: 'activate it first',
      });
    }
    sum += weight;
  }
  if (sum !== 100) throw new TrafficError('RG_TRAFFIC_CONFLICT', `traffic weights sum to ${sum}, not 100`);
  return table.map((e) =>
    e.label === undefined ? { revision: e.revision, weight: e.weight } : { revision: e.revision, weight: e.weight, label: e.label },
  );
}
