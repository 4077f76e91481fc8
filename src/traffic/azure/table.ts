// Checks a traffic table before anything is sent (the platform would refuse it with a 400 anyway,
// but a local check names the problem precisely and costs no request).
import { TrafficError } from '../../model/errors.js';
import type { TrafficWeight } from '../types.js';

const LABEL = /^[a-z][a-z0-9-]{0,63}$/;

// Throws RG_TRAFFIC_PREFLIGHT listing every problem of the table.
export function checkTable(weights: readonly TrafficWeight[]): void {
  const problems: string[] = [];
  if (weights.length === 0) problems.push('the table is empty');
  const names = new Set<string>();
  const labels = new Set<string>();
  let sum = 0;
  for (const w of weights) {
    if (typeof w.revision !== 'string' || w.revision === '') problems.push('an entry has no revision name');
    else if (names.has(w.revision)) problems.push(`${w.revision} appears more than once`);
    names.add(w.revision);
    if (!Number.isInteger(w.weight) || w.weight < 0 || w.weight > 100)
      problems.push(`${w.revision}: weight ${w.weight} is not an integer in 0..100`);
    sum += Number.isFinite(w.weight) ? w.weight : 0;
    if (w.label !== undefined) {
      if (!LABEL.test(w.label))
        problems.push(`${w.revision}: label ${JSON.stringify(w.label)} must be lowercase letters, digits and '-', starting with a letter`);
      else if (labels.has(w.label)) problems.push(`label ${w.label} is used more than once`);
      labels.add(w.label);
    }
  }
  if (weights.length > 0 && sum !== 100) problems.push(`weights sum to ${sum}, not 100`);
  if (problems.length > 0) {
    throw new TrafficError('RG_TRAFFIC_PREFLIGHT', `invalid traffic table: ${problems.join('; ')}`, {
      hint: 'send the whole table: every revision that should keep traffic, integer weights summing to 100',
    });
  }
}
