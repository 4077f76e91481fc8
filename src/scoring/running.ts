// Running totals shared by the streaming accumulators: a sum with its count, a pooled sample.
import { mean, median } from './quantiles.js';
import type { MetricValue } from '../model/metrics.js';

/** Running sum and count (weights let a case count several observations). */
export class Sum {
  total = 0;
  n = 0;
  add(x: number, weight = 1): void {
    this.total += x;
    this.n += weight;
  }
  rate(): MetricValue {
    return { value: this.n > 0 ? this.total / this.n : null, n: this.n };
  }
}

// The mean or median of a pooled sample, with its size.
export function stats(values: readonly number[], key: 'mean' | 'median'): MetricValue {
  return { value: key === 'mean' ? mean(values) : median(values), n: values.length };
}
