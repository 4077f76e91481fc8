import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from '../../src/cli/heap.js';

describe('boundHeapGrowth', () => {
  it('leaves a growing factor given to node alone (command line or NODE_OPTIONS)', () => {
    expect(boundHeapGrowth({}, ['--heap-growing-percent=80'])).toBe(false);
    expect(boundHeapGrowth({ NODE_OPTIONS: '--max-old-space-size=512 --heap_growing_percent=80' }, [])).toBe(false);
  });

  it('sets it otherwise, without touching the heap limit', () => {
    const before = getHeapStatistics().heap_size_limit;
    expect(boundHeapGrowth({}, [])).toBe(true);
    expect(getHeapStatistics().heap_size_limit).toBe(before);
  });
});
