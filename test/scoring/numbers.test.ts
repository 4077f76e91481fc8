import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareQuantities, numericSummary } from '../../src/scoring/numbers-compare.js';
import { extractQuantities, type Quantity, type QuantityDimension } from '../../src/scoring/numbers.js';

/** [raw, value, unit, dimension, max?] — value and max in the canonical unit. */
type Expected = [string, number, string | null, QuantityDimension | null, number?];

function expectQuantities(text: string, expected: readonly Expected[]): void {
  const got = extractQuantities(text);
  expect(got.map((q) => q.raw)).toEqual(expected.map((e) => e[0]));
  got.forEach((q, i) => {
    const [raw, value, unit, dimension, max] = expected[i]!;
    expect(q.raw, raw).toBe(text.slice(q.index, q.index + q.raw.length));
    expect(q.value, raw).toBeCloseTo(value, 6);
    expect(q.unit, raw).toBe(unit);
    expect(q.dimension, raw).toBe(dimension);
    if (max === undefined) expect(q.max, raw).toBeUndefined();
    else expect(q.max, raw).toBeCloseTo(max, 6);
  });
}

const F = (f: number): number => ((f - 32) * 5) / 9;
const YEAR = 365.25;
const MONTH = YEAR / 12;

describe('extractQuantities: forms (MedQuAD reference sentences)', () => {
  it.each<[string, Expected[]]>([
    ['The sensitivity test takes 48 hours to complete and is', [['48 hours', 2, 'day', 'time']]],
    ['Sit for 5 minutes before the test.', [['5 minutes', 5 / 1440, 'day', 'time']]],
    ['Kidney dysplasia affects about one in 4,000 babies.', [['4,000', 4000, null, null]]],
    ['A lice-killing lotion containing 1% permethrin', [['1%', 1, '%', 'percent']]],
    ['About 4.6 percent of the U.S. population', [['4.6 percent', 4.6, '%', 'percent']]],
    ['Infections are generally treated for 1-3 days.', [['1-3 days', 1, 'day', 'time', 3]]],
    ['can survive in the indoor environment for 2 to 3 weeks.', [['2 to 3 weeks', 14, 'day', 'time', 21]]],
    ['usually do not survive more than 5 – 6 weeks in the human host', [['5 – 6 weeks', 35, 'day', 'time', 42]]],
    ['most common in children between 2 and 6 years of age', [['between 2 and 6 years', 2 * YEAR, 'day', 'time', 6 * YEAR]]],
    [
      'Another 15.2 live in areas where 20–40% of people report',
      [
        ['15.2', 15.2, null, null],
        ['20–40%', 20, '%', 'percent', 40],
      ],
    ],
    ['Symptoms occur 30 minutes to 2 hours after consuming', [['30 minutes to 2 hours', 30 / 1440, 'day', 'time', 2 / 24]]],
    [
      'diethylcarbamazine (DEC)—300mg taken once a week—can reduce',
      [
        ['300mg', 300, 'mg', 'mass'],
        ['once a week', 1 / 7, '/day', 'frequency'],
      ],
    ],
    [
      'the choice between 1 or 12-day treatment of DEC (6 mg/kg/day).',
      [
        ['1', 1, 'day', 'time'],
        ['12-day', 12, 'day', 'time'],
        ['6 mg/kg/day', 6, 'mg/kg/day', 'concentration'],
      ],
    ],
    ['Have an A1C test at least twice a year.', [['twice a year', 2 / YEAR, '/day', 'frequency']]],
    ['one person dies every 4 years from toxic seafood', [['every 4 years', 1 / (4 * YEAR), '/day', 'frequency']]],
    [
      'RotaTeq is given to infants in three doses at 2, 4, and 6 months of age.',
      [
        ['three doses', 3, 'dose', 'count'],
        ['2', 2 * MONTH, 'day', 'time'],
        ['4', 4 * MONTH, 'day', 'time'],
        ['6 months', 6 * MONTH, 'day', 'time'],
      ],
    ],
    [
      'is given by mouth, usually in one or two doses.',
      [
        ['one', 1, 'dose', 'count'],
        ['two doses', 2, 'dose', 'count'],
      ],
    ],
    [
      'another single dose 2 weeks later',
      [
        ['single dose', 1, 'dose', 'count'],
        ['2 weeks', 14, 'day', 'time'],
      ],
    ],
    [
      'a mixture of 2 cups of household bleach and 1 gallon of water',
      [
        ['2 cups', 480, 'mL', 'volume'],
        ['1 gallon', 3785.411784, 'mL', 'volume'],
      ],
    ],
    ['a small amount of fluid, about 4 teaspoons full.', [['4 teaspoons', 20, 'mL', 'volume']]],
    ['Cook to at least 160° F (71° C); ground meats', [['160° F', F(160), '°C', 'temperature']]],
    ['a sustained fever as high as 103° to 104° F (39° to 40° C).', [['103° to 104° F', F(103), '°C', 'temperature', 40]]],
    ['high fevers (up to 104-105°F)', [['104-105°F', 40, '°C', 'temperature', F(105)]]],
    [
      'for 20 days at 5°F (-15°C) to kill any worms',
      [
        ['20 days', 20, 'day', 'time'],
        ['5°F', -15, '°C', 'temperature'],
      ],
    ],
    ['freezers should be set at 0 degrees.', [['0 degrees', 0, '°', 'temperature']]],
    ['More than 22 million people are known to have asthma.', [['22 million', 22e6, null, null]]],
    ['In 2002, the estimated number of', [['2002', 2002, null, 'year']]],
    ['urination eight or more times a day', [['eight or more times a day', 8, '/day', 'frequency']]],
  ])('%j', (text, expected) => expectQuantities(text, expected));
});

describe('extractQuantities: hand-made dose forms', () => {
  it.each<[string, Expected[]]>([
    ['Take 0.5 mg at night.', [['0.5 mg', 0.5, 'mg', 'mass']]],
    [
      'Do not exceed 4,000 mg or 1,000 mcg.',
      [
        ['4,000 mg', 4000, 'mg', 'mass'],
        ['1,000 mcg', 1, 'mg', 'mass'],
      ],
    ],
    [
      '500 µg, 500 μg, 500 ug, 2 kg, 1.5 g',
      [
        ['500 µg', 0.5, 'mg', 'mass'],
        ['500 μg', 0.5, 'mg', 'mass'],
        ['500 ug', 0.5, 'mg', 'mass'],
        ['2 kg', 2e6, 'mg', 'mass'],
        ['1.5 g', 1500, 'mg', 'mass'],
      ],
    ],
    [
      '5 mL, 10 ml, 2 tsp, 1 tablespoon, 3 cc, 1 L',
      [
        ['5 mL', 5, 'mL', 'volume'],
        ['10 ml', 10, 'mL', 'volume'],
        ['2 tsp', 10, 'mL', 'volume'],
        ['1 tablespoon', 15, 'mL', 'volume'],
        ['3 cc', 3, 'mL', 'volume'],
        ['1 L', 1000, 'mL', 'volume'],
      ],
    ],
    [
      '30 seconds, 15 min, 8 hrs, 12 h, 3 months, 2 years',
      [
        ['30 seconds', 30 / 86400, 'day', 'time'],
        ['15 min', 15 / 1440, 'day', 'time'],
        ['8 hrs', 8 / 24, 'day', 'time'],
        ['12 h', 0.5, 'day', 'time'],
        ['3 months', 3 * MONTH, 'day', 'time'],
        ['2 years', 2 * YEAR, 'day', 'time'],
      ],
    ],
    [
      'Take it twice a day, 3 times daily, once daily, every 6 hours or every other day.',
      [
        ['twice a day', 2, '/day', 'frequency'],
        ['3 times daily', 3, '/day', 'frequency'],
        ['once daily', 1, '/day', 'frequency'],
        ['every 6 hours', 4, '/day', 'frequency'],
        ['every other day', 0.5, '/day', 'frequency'],
      ],
    ],
    [
      'Take 2 tablets every 4 to 6 hours; no more than 12 tablets a day.',
      [
        ['2 tablets', 2, 'tablet', 'count'],
        ['every 4 to 6 hours', 4, '/day', 'frequency', 6],
        ['12 tablets a day', 12, 'tablet/day', 'frequency'],
      ],
    ],
    [
      'amoxicillin 250 mg/5 mL; 10 mg/kg; 126 mg/dL; 1,000 IU daily',
      [
        ['250 mg/5 mL', 50, 'mg/mL', 'concentration'],
        ['10 mg/kg', 10, 'mg/kg', 'concentration'],
        ['126 mg/dL', 1.26, 'mg/mL', 'concentration'],
        ['1,000 IU daily', 1000, 'IU/day', 'frequency'],
      ],
    ],
    [
      'a single dose, two capsules, 3 drops, half a teaspoon',
      [
        ['a single dose', 1, 'dose', 'count'],
        ['two capsules', 2, 'capsule', 'count'],
        ['3 drops', 3, 'drop', 'count'],
        ['half a teaspoon', 2.5, 'mL', 'volume'],
      ],
    ],
    [
      'A fever is 100.4 °F or 38 °C or higher.',
      [
        ['100.4 °F', 38, '°C', 'temperature'],
        ['38 °C', 38, '°C', 'temperature'],
      ],
    ],
    ['Take 1/2 tablet.', [['1/2 tablet', 0.5, 'tablet', 'count']]],
    [
      'Take 1 tablet an hour before meals, 200 mg a day.',
      [
        ['1 tablet', 1, 'tablet', 'count'],
        ['200 mg a day', 200, 'mg/day', 'concentration'],
      ],
    ],
  ])('%j', (text, expected) => expectQuantities(text, expected));
});

describe('extractQuantities: ranges', () => {
  it.each([
    '200 to 400 mg',
    '200-400 mg',
    '200–400 mg',
    '200 — 400 mg',
    'between 200 and 400 mg',
    '200 mg to 400 mg',
    '0.2 to 0.4 g',
    '200 mg to 0.4 g',
  ])('%j is 200–400 mg', (text) => {
    const [q, ...rest] = extractQuantities(`Take ${text}.`);
    expect(rest).toEqual([]);
    expect(q).toMatchObject({ raw: text, value: 200, max: 400, unit: 'mg', dimension: 'mass' });
  });

  it('a descending pair is no range', () => {
    expect(extractQuantities('fallen from about 50% to 3-5%').map((q) => [q.raw, q.value, q.max])).toEqual([
      ['50%', 50, undefined],
      ['3-5%', 3, 5],
    ]);
  });
});

describe('extractQuantities: non-quantities', () => {
  it.each([
    ['list numbering', '1. Wash your hands.\n2. Rest.\n  3) Drink fluids.'],
    ['citation markers', 'Ibuprofen reduces fever [1] and pain [2, 3] [4-6].'],
    ['phone numbers', 'call 1-800-CDC-INFO (1-800-232-4636) or (301) 555-0199'],
    ['names with digits', 'vitamin B12, T3 and T4, A1C, G6PD, MEN1, IR3535, COVID-19, iodine-131'],
    ['ordinals and decades', 'the 3rd dose, in the 1900s'],
    ['number words without a unit', 'one of the most common, two types of diabetes'],
    ['multipliers without a period', 'once you are home, think twice'],
    ['URLs and clock times', 'see https://www.cdc.gov/x/2019/index.html at 10:30'],
  ])('%s', (_, text) => {
    expect(extractQuantities(text)).toEqual([]);
  });

  it('a list item keeps its own quantities', () => {
    expect(extractQuantities('1. Take 2 tablets.\n2. Wait 4 hours.').map((q) => q.raw)).toEqual(['2 tablets', '4 hours']);
  });

  it('is repeatable (no regex state leaks between calls)', () => {
    const text = 'Take 200-400 mg every 6 hours for 2 weeks.';
    expect(extractQuantities(text)).toEqual(extractQuantities(text));
  });
});

describe('canonical units', () => {
  it.each([
    ['1 g', '1000 mg'],
    ['2 weeks', '14 days'],
    ['500 mcg', '0.5 mg'],
    ['1 teaspoon', '5 mL'],
    ['48 hours', '2 days'],
    ['twice daily', 'every 12 hours'],
    ['three times a day', '3 times per day'],
    ['12 months', '1 year'],
    ['98.6 °F', '37 °C'],
    ['1 mg/mL', '1000 mg/L'],
    ['5 percent', '5%'],
  ])('%j == %j', (a, b) => {
    const r = compareQuantities(`Use ${a}.`, `Use ${b}.`);
    expect(r.matched).toHaveLength(1);
    expect(r.consistency).toBe(1);
  });
});

describe('compareQuantities', () => {
  const ref =
    'Infections are generally treated for 1-3 days. The recommended dose is 200-400 mg every 6 hours. ' +
    'The patient is kept under observation for 45 days.';

  it('identical text → consistency 1', () => {
    const r = compareQuantities(ref, ref);
    expect(r).toMatchObject({ changed: [], missing: [], added: [], consistency: 1 });
    expect(r.matched).toHaveLength(4);
  });

  it('a changed dose → changed, with both values', () => {
    const r = compareQuantities(ref, ref.replace('200-400 mg', '400-800 mg'));
    expect(r.changed).toHaveLength(1);
    expect(r.changed[0]!.ref).toMatchObject({ raw: '200-400 mg', value: 200, max: 400, unit: 'mg' });
    expect(r.changed[0]!.got).toMatchObject({ raw: '400-800 mg', value: 400, max: 800, unit: 'mg' });
    expect(r).toMatchObject({ missing: [], added: [], consistency: 0.75 });
  });

  it('a dropped duration → missing', () => {
    const r = compareQuantities(ref, ref.replace(' for 45 days', ''));
    expect(r.missing.map((q) => q.raw)).toEqual(['45 days']);
    expect(r).toMatchObject({ changed: [], added: [], consistency: 0.75 });
  });

  it('an added number → added (consistency unaffected)', () => {
    const r = compareQuantities(ref, `${ref} Do not exceed 3,200 mg a day.`);
    expect(r.added.map((q) => q.raw)).toEqual(['3,200 mg a day']);
    expect(r).toMatchObject({ changed: [], missing: [], consistency: 1 });
  });

  it('reordered sentences still match', () => {
    const reordered = ref
      .split(/(?<=\.) /)
      .reverse()
      .join(' ');
    expect(compareQuantities(ref, reordered)).toMatchObject({ changed: [], missing: [], added: [], consistency: 1 });
  });

  it('several changes pair by context ("for 1-3 days" ↔ "for 5-7 days")', () => {
    const got =
      'The patient is kept under observation for 30 days. Infections are generally treated for 5-7 days. ' +
      'The recommended dose is 200-400 mg every 8 hours.';
    const r = compareQuantities(ref, got);
    expect(r.changed.map((p) => [p.ref.raw, p.got.raw])).toEqual([
      ['1-3 days', '5-7 days'],
      ['every 6 hours', 'every 8 hours'],
      ['45 days', '30 days'],
    ]);
    expect(r.consistency).toBe(0.25);
  });

  it('the last unmatched quantity of a dimension on each side pairs even without shared context', () => {
    const r = compareQuantities('Take 400 mg.', 'Dosage: 800 mg');
    expect(r.changed.map((p) => [p.ref.raw, p.got.raw])).toEqual([['400 mg', '800 mg']]);
  });

  it('unrelated quantities of one dimension with no shared context stay missing and added', () => {
    const r = compareQuantities('Rest for 3 days. Fever lasts 2 weeks.', 'Symptoms appear within 12 hours. Immunity fades after 10 years.');
    expect(r.changed).toEqual([]);
    expect(r.missing).toHaveLength(2);
    expect(r.added).toHaveLength(2);
  });

  it('no quantities in the reference → consistency null', () => {
    expect(compareQuantities('Drink plenty of fluids.', 'Drink 2 L of water.')).toMatchObject({
      matched: [],
      changed: [],
      missing: [],
      consistency: null,
    });
  });

  it('list numbering is no quantity on either side', () => {
    const r = compareQuantities('1. Rest\n2. Drink fluids', '1. Drink fluids\n2. Rest\n3. See a doctor');
    expect(r).toMatchObject({ matched: [], changed: [], missing: [], added: [], consistency: null });
  });

  it.each([
    ['400 mg', '403 mg', undefined, 'matched'],
    ['400 mg', '410 mg', undefined, 'changed'],
    ['400 mg', '410 mg', 0.05, 'matched'],
    ['1-3 days', '3 days', undefined, 'changed'],
  ] as const)('%j vs %j (tolerance %s) → %s', (a, b, relTolerance, outcome) => {
    const r = compareQuantities(`Take ${a}.`, `Take ${b}.`, relTolerance === undefined ? {} : { relTolerance });
    expect(r[outcome]).toHaveLength(1);
  });

  it('bare numbers match only bare numbers; different dimensions never pair', () => {
    expect(compareQuantities('Take 5.', 'Take 5 mg.')).toMatchObject({ matched: [], changed: [], consistency: 0 });
    expect(compareQuantities('Take 5 mL.', 'Take 5 mg.')).toMatchObject({ matched: [], changed: [], consistency: 0 });
  });

  it('a changed entity number is a changed bare number', () => {
    const r = compareQuantities('People who have type 1 or type 2 diabetes', 'People who have type 1 or type 3 diabetes');
    expect(r.changed.map((p) => [p.ref.raw, p.got.raw])).toEqual([['2', '3']]);
  });
});

describe('numericSummary', () => {
  it('lists changed, missing and added quantities', () => {
    const ref = 'Treat for 1-3 days with 200-400 mg. Review after 2 weeks.';
    const got = 'Treat for 1-3 days with 400-800 mg.';
    expect(numericSummary(compareQuantities(ref, got))).toBe('changed: 200-400 mg → 400-800 mg; missing: 2 weeks');
    expect(numericSummary(compareQuantities(got, `${got} Give 2 tablets.`))).toBe('added: 2 tablets');
  });

  it('is empty when the numbers agree', () => {
    expect(numericSummary(compareQuantities('Take 1 g.', 'Take 1000 mg.'))).toBe('');
  });

  it('shows at most five items', () => {
    const r = compareQuantities('', 'Take 1 mg, 2 mL, 3 days, 4%, 5 tablets, 6 drops and 7 doses.');
    expect(numericSummary(r)).toBe('added: 1 mg, 2 mL, 3 days, 4%, 5 tablets; +2 more');
    expect(numericSummary(r, 2)).toBe('added: 1 mg, 2 mL; +5 more');
  });

  it('spells out a unit borrowed from a list', () => {
    expect(numericSummary(compareQuantities('at 2 and 6 months', 'at 6 months'))).toBe('missing: 2 (60.88 day)');
  });
});

describe('golden references (MedQuAD)', () => {
  const refs = readFileSync(new URL('../../datasets/medquad-rag/golden.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { reference: string }).reference);
  const quantities = refs.map(extractQuantities);

  it('has 471 references, about a fifth with at least one quantity', () => {
    expect(refs).toHaveLength(471);
    const share = quantities.filter((qs) => qs.length > 0).length / refs.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
  });

  it('every raw is the text at its index, in text order', () => {
    refs.forEach((text, i) => {
      const qs: Quantity[] = quantities[i]!;
      for (const q of qs) expect(text.slice(q.index, q.index + q.raw.length)).toBe(q.raw);
      expect(qs.map((q) => q.index)).toEqual([...qs.map((q) => q.index)].sort((a, b) => a - b));
    });
  });

  it('compareQuantities(x, x) has nothing changed, missing or added', () => {
    refs.forEach((text, i) => {
      const r = compareQuantities(text, text);
      expect({ changed: r.changed, missing: r.missing, added: r.added }, text).toEqual({ changed: [], missing: [], added: [] });
      expect(r.consistency).toBe(quantities[i]!.length === 0 ? null : 1);
    });
  });
});
