// Case selection (`--filter`, `--tag`, `--limit`): the regex on ids, tags ANDed, the stratified
// seeded sample (counts per tag, determinism, seeds), the order of the steps, the description the
// report records, and the usage errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedSuite } from '../../src/config/resolved.js';
import { allocate, hasCriteria, selectCases, selectItems } from '../../src/config/select.js';
import { UsageError } from '../../src/model/errors.js';
import { selectionText } from '../../src/report/selection.js';
import { ROOT } from '../e2e/helpers.js';

interface Case {
  id: string;
  tags: string[];
}

const medquad: Case[] = readFileSync(join(ROOT, 'datasets/medquad-rag/golden.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Case);

/** A suite holding only what selectCases reads. */
function suiteOf(cases: Case[], seed?: number): ResolvedSuite {
  return { cases, sampling: seed === undefined ? {} : { seed } } as unknown as ResolvedSuite;
}

/** `n` cases tagged `tag` (plus a second tag that must not matter for the strata). */
function group(tag: string | null, n: number): Case[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${tag ?? 'none'}-${i}`, tags: tag === null ? [] : [tag, `extra-${i % 3}`] }));
}

const ids = (cases: readonly { id: string }[]) => cases.map((c) => c.id);
const firstTagCounts = (cases: readonly Case[]) => {
  const out: Record<string, number> = {};
  for (const c of cases) out[c.tags[0] ?? 'untagged'] = (out[c.tags[0] ?? 'untagged'] ?? 0) + 1;
  return out;
};

function usageError(f: () => unknown): UsageError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).code).toBe('RG_USAGE');
    return e as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('--filter', () => {
  it('keeps the cases whose id matches the regular expression, in file order', () => {
    const cases = [
      { id: 'dosage-child', tags: [] },
      { id: 'interaction-1', tags: [] },
      { id: 'dosage-adult', tags: [] },
      { id: 'adult-dosage-', tags: [] },
    ];
    const s = selectCases(suiteOf(cases), { filter: '^dosage-' });
    expect(ids(s.cases)).toEqual(['dosage-child', 'dosage-adult']);
    expect(s.selection).toEqual({ filter: '^dosage-', selected: 2, of: 4 });
    // An unanchored pattern matches anywhere in the id; alternation and classes work as in JavaScript.
    expect(ids(selectCases(suiteOf(cases), { filter: 'dosage|inter' }).cases)).toHaveLength(4);
    expect(ids(selectCases(suiteOf(cases), { filter: '-\\d$' }).cases)).toEqual(['interaction-1']);
  });

  it('an invalid regular expression is a usage error with a hint', () => {
    const e = usageError(() => selectCases(suiteOf(group('a', 3)), { filter: '(dosage' }));
    expect(e.message).toMatch(/^invalid --filter "\(dosage": Invalid regular expression/);
    expect(e.hint).toMatch(/regular expression tested against each case id/);
  });
});

describe('--tag', () => {
  it('keeps the cases carrying every tag given (AND), whatever their position', () => {
    const cases = [
      { id: 'a', tags: ['pediatric', 'dosage'] },
      { id: 'b', tags: ['dosage'] },
      { id: 'c', tags: ['dosage', 'pediatric', 'renal'] },
      { id: 'd', tags: [] },
    ];
    expect(ids(selectCases(suiteOf(cases), { tags: ['dosage'] }).cases)).toEqual(['a', 'b', 'c']);
    const both = selectCases(suiteOf(cases), { tags: ['pediatric', 'dosage'] });
    expect(ids(both.cases)).toEqual(['a', 'c']);
    expect(both.selection).toEqual({ tags: ['pediatric', 'dosage'], selected: 2, of: 4 });
  });

  it('filter, then tags, then limit', () => {
    const cases = [...group('x', 10), ...group('y', 10)].map((c) => ({ ...c, id: `${c.tags[0]}-${c.id}` }));
    const s = selectCases(suiteOf(cases), { filter: '-1$|-2$|-3$|-4$', tags: ['extra-1'], limit: 2, seed: 5 });
    // filter: x-x-1..4, y-y-1..4; tag extra-1 (i % 3 == 1): ids ending 1 and 4; limit 2 of those 4.
    expect(s.cases).toHaveLength(2);
    for (const c of s.cases) {
      expect(c.id).toMatch(/-(1|4)$/);
      expect(c.tags).toContain('extra-1');
    }
    expect(s.selection).toEqual({ filter: '-1$|-2$|-3$|-4$', tags: ['extra-1'], limit: 2, seed: 5, selected: 2, of: 20 });
  });
});

describe('--limit: a stratified, seeded sample', () => {
  const cases = [...group('a', 60), ...group('b', 30), ...group('c', 10)];

  it('allocates the limit to each first tag in proportion to its size', () => {
    expect(firstTagCounts(selectCases(suiteOf(cases), { limit: 10 }).cases)).toEqual({ a: 6, b: 3, c: 1 });
    expect(firstTagCounts(selectCases(suiteOf(cases), { limit: 20 }).cases)).toEqual({ a: 12, b: 6, c: 2 });
    // 3, 1.5, 0.5: largest remainder gives the tie to the larger group, then c gets its one case from b.
    expect(firstTagCounts(selectCases(suiteOf(cases), { limit: 5 }).cases)).toEqual({ a: 3, b: 1, c: 1 });
    // Fewer slots than groups: the largest groups get one each.
    expect(firstTagCounts(selectCases(suiteOf(cases), { limit: 2 }).cases)).toEqual({ a: 1, b: 1 });
  });

  it('cases without tags form one group', () => {
    const mixed = [...group('a', 9), ...group(null, 9)];
    expect(firstTagCounts(selectCases(suiteOf(mixed), { limit: 4 }).cases)).toEqual({ a: 2, untagged: 2 });
  });

  it('on the MedQuAD golden set (NIDDK 185, NHLBI 180, CDC 106 by first tag)', () => {
    expect(firstTagCounts(medquad)).toEqual({ NIDDK: 185, NHLBI: 180, CDC: 106 });
    // 7.85, 7.64, 4.50 → 7, 7, 4 and the two largest remainders.
    expect(firstTagCounts(selectCases(suiteOf(medquad), { limit: 20 }).cases)).toEqual({ NIDDK: 8, NHLBI: 8, CDC: 4 });
    expect(firstTagCounts(selectCases(suiteOf(medquad), { limit: 3 }).cases)).toEqual({ NIDDK: 1, NHLBI: 1, CDC: 1 });
  });

  it('is deterministic for a seed and keeps file order; other seeds pick other cases', () => {
    const pick = (seed: number) => ids(selectCases(suiteOf(medquad), { limit: 30, seed }).cases);
    const first = pick(1);
    expect(pick(1)).toEqual(first);
    expect(first).toHaveLength(30);
    const order = new Map(medquad.map((c, i) => [c.id, i]));
    expect([...first].sort((x, y) => order.get(x)! - order.get(y)!)).toEqual(first);
    const others = [2, 3, 4].map(pick);
    for (const other of others) {
      expect(other).toHaveLength(30);
      expect(other).not.toEqual(first);
      expect(firstTagCounts(medquad.filter((c) => other.includes(c.id)))).toEqual(
        firstTagCounts(medquad.filter((c) => first.includes(c.id))),
      );
    }
  });

  it("the seed defaults to the suite's sampling.seed, else 1, and is recorded", () => {
    const withSeed = selectCases(suiteOf(medquad, 7), { limit: 10 });
    expect(withSeed.selection).toEqual({ limit: 10, seed: 7, selected: 10, of: 471 });
    expect(ids(withSeed.cases)).toEqual(ids(selectCases(suiteOf(medquad), { limit: 10, seed: 7 }).cases));
    expect(selectCases(suiteOf(medquad), { limit: 10 }).selection.seed).toBe(1);
    // An explicit seed wins over the suite's.
    expect(selectCases(suiteOf(medquad, 7), { limit: 10, seed: 2 }).selection.seed).toBe(2);
  });

  it('a limit at or above the number of cases keeps them all', () => {
    expect(ids(selectCases(suiteOf(cases), { limit: 100 }).cases)).toEqual(ids(cases));
    expect(selectCases(suiteOf(cases), { limit: 500 }).selection).toEqual({ limit: 500, seed: 1, selected: 100, of: 100 });
  });

  it('a limit below 1 or not whole is a usage error', () => {
    expect(usageError(() => selectCases(suiteOf(cases), { limit: 0 })).message).toMatch(/invalid --limit 0/);
    expect(usageError(() => selectCases(suiteOf(cases), { limit: 2.5 })).message).toMatch(/invalid --limit 2\.5/);
  });
});

describe('allocate (largest remainder, at least one per group while the limit allows)', () => {
  it.each([
    [[90, 10], 10, [9, 1]],
    [[98, 1, 1], 10, [8, 1, 1]],
    [[1, 1, 98], 10, [1, 1, 8]],
    [[5, 5, 5], 2, [1, 1, 0]],
    [[5, 5, 5], 4, [2, 1, 1]],
    [[3], 2, [2]],
  ])('sizes %j, limit %i → %j', (sizes, n, expected) => {
    expect(allocate(sizes, n)).toEqual(expected);
  });

  it('always hands out exactly n, never more than a group holds, one per group when n allows', () => {
    let state = 12345;
    const rand = (k: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) % k) + 1;
    for (let trial = 0; trial < 300; trial++) {
      const sizes = Array.from({ length: rand(8) }, () => rand(40));
      const total = sizes.reduce((a, b) => a + b, 0);
      const n = rand(total);
      const alloc = allocate(sizes, n);
      expect(alloc.reduce((a, b) => a + b, 0)).toBe(n);
      alloc.forEach((k, i) => expect(k).toBeLessThanOrEqual(sizes[i]!));
      if (n >= sizes.length) expect(Math.min(...alloc)).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('errors and descriptions', () => {
  it('a selection that matches no case is a usage error naming the flags', () => {
    const e = usageError(() => selectCases(suiteOf(medquad), { filter: '^nope-', tags: ['CDC'] }));
    expect(e.message).toBe('no case matches --filter "^nope-" --tag CDC (of 471 cases)');
    expect(e.hint).toMatch(/case ids/);
    expect(usageError(() => selectCases(suiteOf(medquad), { tags: ['CDC', 'NHLBI'] })).message).toMatch(/--tag CDC --tag NHLBI/);
  });

  it('hasCriteria: only a given flag selects', () => {
    expect(hasCriteria({})).toBe(false);
    expect(hasCriteria({ tags: [] })).toBe(false);
    expect(hasCriteria({ seed: 3 })).toBe(false);
    expect(hasCriteria({ filter: '' })).toBe(true);
    expect(hasCriteria({ tags: ['a'] })).toBe(true);
    expect(hasCriteria({ limit: 1 })).toBe(true);
  });

  it('selectItems works on anything with an id and tags (report case records for diff)', () => {
    const { items, selection } = selectItems([{ id: 'x', tags: ['t'] }, { id: 'y' }], { tags: ['t'] });
    expect(items).toEqual([{ id: 'x', tags: ['t'] }]);
    expect(selection).toEqual({ tags: ['t'], selected: 1, of: 2 });
  });

  it('selectionText: the one line the reports print', () => {
    expect(selectionText({ filter: '^dosage-', tags: ['pediatric'], limit: 12, seed: 1, selected: 12, of: 120 })).toBe(
      'selected 12 of 120 cases (filter ^dosage-, tags: pediatric, limit 12, seed 1)',
    );
    expect(selectionText({ tags: ['a', 'b'], selected: 3, of: 40 })).toBe('selected 3 of 40 cases (tags: a, b)');
  });
});
