// Unit and number-word tables for quantity extraction: aliases → canonical unit and conversion.

/** Dimensions a single unit word can carry; frequency and concentration are built from these. */
export type BaseDimension = 'mass' | 'volume' | 'time' | 'percent' | 'count' | 'temperature';

/** A unit resolved to its canonical unit: canonical value = value · factor + offset. */
export interface UnitDef {
  /** Canonical unit: mg, mL, day, %, °C, a count noun ("tablet", "IU"), or a ratio ("mg/kg/day"). */
  unit: string;
  dimension: BaseDimension;
  factor: number;
  offset: number;
  /** "°" or "degrees" with no scale: canonical unit '°', compared only with itself. */
  scaleUnknown?: boolean;
}

interface UnitRow {
  unit: string;
  dimension: BaseDimension;
  factor: number;
  offset?: number;
  aliases: string[];
  /** Aliases matched case-sensitively ("L", "g", "h"); all others ignore case. */
  exact?: string[];
  scaleUnknown?: boolean;
}

const plural = (...words: string[]): string[] => words.flatMap((w) => [w, `${w}s`]);

// Days per time unit; a month is a twelfth of a Julian year, so 12 months == 1 year.
export const DAYS = { second: 1 / 86_400, minute: 1 / 1_440, hour: 1 / 24, day: 1, week: 7, month: 30.4375, year: 365.25 };

const MASS: UnitRow[] = [
  { unit: 'mg', dimension: 'mass', factor: 1e-6, aliases: ['ng', ...plural('nanogram')] },
  { unit: 'mg', dimension: 'mass', factor: 1e-3, aliases: ['mcg', 'µg', 'μg', 'ug', ...plural('microgram', 'microgramme')] },
  { unit: 'mg', dimension: 'mass', factor: 1, aliases: ['mg', 'mgs', ...plural('milligram', 'milligramme')] },
  { unit: 'mg', dimension: 'mass', factor: 1e3, aliases: ['gm', 'gms', ...plural('gram', 'gramme')], exact: ['g'] },
  { unit: 'mg', dimension: 'mass', factor: 1e6, aliases: ['kgs', ...plural('kg', 'kilogram', 'kilo')] },
  { unit: 'mg', dimension: 'mass', factor: 453_592.37, aliases: ['lb', 'lbs', ...plural('pound')] },
  { unit: 'mg', dimension: 'mass', factor: 28_349.523125, aliases: ['oz', ...plural('ounce')] },
];

// Teaspoon and tablespoon are the 5 mL / 15 mL dosing conventions; cup is the 240 mL labelling cup.
const VOLUME: UnitRow[] = [
  { unit: 'mL', dimension: 'volume', factor: 1, aliases: ['ml', 'mls', 'cc', 'ccs', ...plural('milliliter', 'millilitre')] },
  { unit: 'mL', dimension: 'volume', factor: 100, aliases: ['dl', ...plural('deciliter', 'decilitre')] },
  { unit: 'mL', dimension: 'volume', factor: 1e3, aliases: plural('liter', 'litre'), exact: ['L'] },
  { unit: 'mL', dimension: 'volume', factor: 5, aliases: plural('tsp', 'teaspoon', 'teaspoonful') },
  { unit: 'mL', dimension: 'volume', factor: 15, aliases: plural('tbsp', 'tablespoon', 'tablespoonful') },
  { unit: 'mL', dimension: 'volume', factor: 29.5735295625, aliases: ['fl oz', 'fl. oz.', 'fl. oz', ...plural('fluid ounce')] },
  { unit: 'mL', dimension: 'volume', factor: 240, aliases: plural('cup') },
  { unit: 'mL', dimension: 'volume', factor: 473.176473, aliases: plural('pint') },
  { unit: 'mL', dimension: 'volume', factor: 946.352946, aliases: plural('quart') },
  { unit: 'mL', dimension: 'volume', factor: 3785.411784, aliases: plural('gallon') },
];

const TIME: UnitRow[] = [
  { unit: 'day', dimension: 'time', factor: DAYS.second, aliases: plural('sec', 'second') },
  { unit: 'day', dimension: 'time', factor: DAYS.minute, aliases: plural('min', 'minute') },
  { unit: 'day', dimension: 'time', factor: DAYS.hour, aliases: plural('hr', 'hour'), exact: ['h'] },
  { unit: 'day', dimension: 'time', factor: 1, aliases: plural('day') },
  { unit: 'day', dimension: 'time', factor: 7, aliases: plural('wk', 'week') },
  { unit: 'day', dimension: 'time', factor: DAYS.month, aliases: plural('mo', 'month') },
  { unit: 'day', dimension: 'time', factor: DAYS.year, aliases: plural('yr', 'year') },
];

const COUNT_NOUNS = [
  'dose',
  'tablet',
  'tab',
  'capsule',
  'pill',
  'drop',
  'puff',
  'spray',
  'injection',
  'shot',
  'lozenge',
  'sachet',
  'packet',
  'vial',
  'ampoule',
  'ampule',
  'application',
  'inhalation',
  'unit',
];
const COUNT: UnitRow[] = [
  ...COUNT_NOUNS.map((n): UnitRow => ({ unit: n === 'tab' ? 'tablet' : n, dimension: 'count', factor: 1, aliases: plural(n) })),
  { unit: 'patch', dimension: 'count', factor: 1, aliases: ['patch', 'patches'] },
  { unit: 'suppository', dimension: 'count', factor: 1, aliases: ['suppository', 'suppositories'] },
  { unit: 'IU', dimension: 'count', factor: 1, aliases: ['iu', ...plural('international unit')] },
  { unit: 'mmol', dimension: 'count', factor: 1, aliases: ['mmol'] },
  { unit: 'mEq', dimension: 'count', factor: 1, aliases: ['meq'] },
];

const DEGREE = ['°', 'º', '˚'];
const DEGREE_PREFIXES = [...DEGREE, ...DEGREE.map((d) => `${d} `), 'degrees ', 'degree ', 'deg '];
const scale = (names: string[]): string[] => DEGREE_PREFIXES.flatMap((p) => names.map((n) => p + n));
const TEMPERATURE: UnitRow[] = [
  { unit: '°C', dimension: 'temperature', factor: 5 / 9, offset: -160 / 9, aliases: ['℉', ...scale(['F', 'Fahrenheit'])] },
  { unit: '°C', dimension: 'temperature', factor: 1, aliases: ['℃', ...scale(['C', 'Celsius', 'centigrade'])] },
  { unit: '°', dimension: 'temperature', factor: 1, aliases: [...DEGREE, 'degrees', 'degree'], scaleUnknown: true },
];

const PERCENT: UnitRow[] = [{ unit: '%', dimension: 'percent', factor: 1, aliases: ['%', 'percent', 'per cent', 'pct'] }];

// Units a denominator can carry ("mg/kg", "mg per day", "mg/m²"): mass per kg, volume per mL, time per day.
const DENOMINATORS: UnitRow[] = [
  ...MASS.map((r) => ({ ...r, unit: 'kg', factor: r.factor / 1e6 })),
  ...VOLUME,
  ...TIME,
  { unit: 'day', dimension: 'time', factor: 1, aliases: ['d'] },
  { unit: 'm2', dimension: 'count', factor: 1, aliases: ['m2', 'm²', 'square meter', 'square metre'] },
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface UnitTable {
  re: RegExp;
  exact: Map<string, UnitDef>;
  folded: Map<string, UnitDef>;
}

// One sticky alternation per table, longest alias first, ending where no letter or digit follows.
function table(rows: readonly UnitRow[]): UnitTable {
  const exact = new Map<string, UnitDef>();
  const folded = new Map<string, UnitDef>();
  for (const r of rows) {
    const def: UnitDef = { unit: r.unit, dimension: r.dimension, factor: r.factor, offset: r.offset ?? 0 };
    if (r.scaleUnknown) def.scaleUnknown = true;
    for (const a of r.aliases) if (!folded.has(a.toLowerCase())) folded.set(a.toLowerCase(), def);
    for (const a of r.exact ?? []) exact.set(a, def);
  }
  const all = [...folded.keys(), ...exact.keys()].sort((a, b) => b.length - a.length);
  return { re: new RegExp(`(?:${all.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'iuy'), exact, folded };
}

const UNITS = table([...MASS, ...VOLUME, ...TIME, ...COUNT, ...TEMPERATURE, ...PERCENT]);
const DENOMS = table(DENOMINATORS);

// The unit whose alias starts exactly at pos, with the position after it; null when none does.
function lookup(t: UnitTable, text: string, pos: number): { def: UnitDef; end: number } | null {
  t.re.lastIndex = pos;
  const m = t.re.exec(text);
  if (!m) return null;
  // An exact-case alias matched in another case ("l", "H") finds neither map: no unit.
  const def = t.exact.get(m[0]) ?? t.folded.get(m[0].toLowerCase());
  return def ? { def, end: pos + m[0].length } : null;
}

// A unit word or symbol starting exactly at pos ("mg", "weeks", "°F", "%").
export function unitAt(text: string, pos: number): { def: UnitDef; end: number } | null {
  return lookup(UNITS, text, pos);
}

// A denominator unit starting exactly at pos ("kg", "mL", "day", "d", "m²").
export function denominatorAt(text: string, pos: number): { def: UnitDef; end: number } | null {
  return lookup(DENOMS, text, pos);
}

/** Adverbs that stand for "per <period>" ("daily" = per day). */
export const PERIOD_ADVERBS: Readonly<Record<string, number>> = {
  hourly: DAYS.hour,
  daily: 1,
  nightly: 1,
  weekly: 7,
  monthly: DAYS.month,
  yearly: DAYS.year,
  annually: DAYS.year,
};

const UNITS_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Number words and their values; "a single" is 1 and "half a"/"half an" 0.5. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map<string, number>([
  ['a single', 1],
  ['single', 1],
  ['half an', 0.5],
  ['half a', 0.5],
  ['half', 0.5],
  ...UNITS_WORDS.map((w, i): [string, number] => [w, i + 1]),
  ...TEENS.map((w, i): [string, number] => [w, i + 10]),
  ...TENS.flatMap((t, i): [string, number][] => [
    [t, (i + 2) * 10],
    ...UNITS_WORDS.map((u, j): [string, number] => [`${t}-${u}`, (i + 2) * 10 + j + 1]),
  ]),
]);

/** Multiplier words, numbers only before a period ("twice a day"). */
export const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['once', 1],
  ['twice', 2],
  ['thrice', 3],
]);

/** Unicode vulgar fractions read as numbers. */
export const FRACTIONS: ReadonlyMap<string, number> = new Map([
  ['½', 1 / 2],
  ['¼', 1 / 4],
  ['¾', 3 / 4],
  ['⅓', 1 / 3],
  ['⅔', 2 / 3],
]);

/** Scale words after a number ("22 million"). */
export const SCALES: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
