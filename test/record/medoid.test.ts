import { describe, expect, it } from 'vitest';
import { medoidIndex } from '../../src/record/medoid.js';
import { recordedPath } from '../../src/record/paths.js';

describe('medoidIndex', () => {
  it('picks the answer closest (ROUGE-L) to all the others', () => {
    const answers = [
      'take ibuprofen every six hours with food',
      'the weather is nice today',
      'take ibuprofen every six hours',
      'ibuprofen every six hours with food and water',
    ];
    expect(medoidIndex(answers)).toBe(0);
  });

  it('handles none, one and two answers (ties go to the first)', () => {
    expect(medoidIndex([])).toBe(-1);
    expect(medoidIndex(['only'])).toBe(0);
    expect(medoidIndex(['a b', 'c d'])).toBe(0);
    expect(medoidIndex(['x y', 'z w', 'x y', 'z w'])).toBe(0);
  });
});

describe('recordedPath', () => {
  it('writes next to the source as <name>.recorded.yaml, JSONL sources included', () => {
    expect(recordedPath('/g/pharmabot.yaml')).toBe('/g/pharmabot.recorded.yaml');
    expect(recordedPath('/d/golden.jsonl')).toBe('/d/golden.recorded.yaml');
  });
});
