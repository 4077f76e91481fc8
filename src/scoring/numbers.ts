// Quantities in answers: doses, durations, percentages, frequencies, extracted and normalised.
// Comparison of an answer's quantities with its reference's is in numbers-compare.ts.
import { DAYS, FRACTIONS, MULTIPLIERS, NUMBER_WORDS, PERIOD_ADVERBS, SCALES, denominatorAt, unitAt, type UnitDef } from './units.js';

/**
 * What a quantity measures. `frequency` is per day ("twice a day" = 2, "every 6 hours" = 4);
 * `concentration` is any ratio unit other than count per time ("mg/mL", "mg/kg/day", "mg/day");
 * `year` is a calendar year (a bare integer 1900–2099). Bare numbers have dimension null.
 */
export type QuantityDimension = 'mass' | 'volume' | 'time' | 'percent' | 'frequency' | 'concentration' | 'count' | 'temperature' | 'year';

export interface Quantity {
  /** The text as written: "200 to 400 mg", "every 6 hours", "1 g". */
  raw: string;
  /** In the canonical unit (mg, mL, day, %, /day, °C…); the low end of a range. */
  value: number;
  /** High end of a range, canonical unit. */
  max?: number;
  /** Canonical unit: 'mg', 'mL', 'day', '%', '/day', '°C', 'mg/kg', 'tablet'…; null for bare numbers and years. */
  unit: string | null;
  dimension: QuantityDimension | null;
  /** Offset of `raw` in the text. */
  index: number;
}

export interface QuantityPair {
  ref: Quantity;
  got: Quantity;
}

export interface QuantityComparison {
  matched: QuantityPair[];
  /** Same dimension, similar context, different value or unit. */
  changed: QuantityPair[];
  /** In the reference, absent from the candidate. */
  missing: Quantity[];
  /** In the candidate, absent from the reference. */
  added: Quantity[];
  /** matched / (matched + changed + missing); null when the reference has no quantities. */
  consistency: number | null;
}

export interface CompareOptions {
  /** Relative tolerance on values (and range ends); default 0.01. */
  relTolerance?: number;
}

interface Found {
  start: number;
  end: number;
  value: number;
  max?: number;
  unit: string | null;
  dimension: QuantityDimension | null;
  /** The unit, for a bare number before it to inherit ("2, 4, and 6 months"). */
  def?: UnitDef;
  /** The number as written, for inheritance; set only on plain bare numbers. */
  bare?: { lo: number; hi?: number };
  inherited?: boolean;
  /** A number word with no unit of its own: dropped unless it inherits one. */
  word?: boolean;
}

interface Num {
  value: number;
  end: number;
  /** Written in digits: may stand alone as a bare number (words need a unit). */
  digits: boolean;
  /** A plain integer literal, no separators or decimals (a year candidate). */
  integer: boolean;
}

interface UnitHit {
  def: UnitDef;
  end: number;
  dimension: QuantityDimension;
}

const DIGITS = String.raw`(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?`;
const alternation = (words: Iterable<string>): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(' ', '[ \\t]+'))
    .join('|');
const WORDS = alternation(NUMBER_WORDS.keys());
const FRACS = [...FRACTIONS.keys()].join('');
// Digits not glued to a letter or another number ("B12", "T4", "A1C" are names), number words, "once"/"twice".
const MULTS = alternation(MULTIPLIERS.keys());
const NUMBER_SCAN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.,])${DIGITS}|(?<![\p{L}\p{N}_-])(?:${WORDS}|${MULTS})(?![\p{L}\p{N}])|[${FRACS}]`,
  'giu',
);
const NUMBER_AT = new RegExp(String.raw`(${DIGITS})|(${WORDS})(?![\p{L}\p{N}])|([${FRACS}])`, 'iuy');
const FRACTION_TAIL = /\/([2348])(?!\d)/y;
const UNIT_GAP = /-(?=\p{L})|[ \t\u00a0]*/uy;
const RANGE_SEP = /[ \t\u00a0]*[-–—][ \t\u00a0]*|[ \t\u00a0]+(?:to|through|thru)[ \t\u00a0]+/iy;
const RANGE_AND = /[ \t\u00a0]+and[ \t\u00a0]+/iy;
const PER = /[ \t\u00a0]*(?:\/|per[ \t\u00a0]+)[ \t\u00a0]*/iy;
const EACH = /[ \t\u00a0]+(?:a|an|each|every|per)[ \t\u00a0]+/iy;
const OFFSET_WORD = /[ \t\u00a0]+(?:before|after|later|earlier|ago|prior|apart|from)\b/iy;
const ADVERB = new RegExp(String.raw`[ \t\u00a0]+(${Object.keys(PERIOD_ADVERBS).join('|')})(?![\p{L}])`, 'iuy');
const TIMES = /[ \t\u00a0]*(?:or[ \t]+(?:more|fewer|less)[ \t]+)?(?:times|x)(?![\p{L}])/iuy;
const SCALE = new RegExp(String.raw`[ \t\u00a0]+(${Object.keys(SCALES).join('|')})(?![\p{L}])`, 'iuy');
const EVERY_OTHER = /\bevery[ \t]+other[ \t]+(hour|day|night|week|month|year)\b/gi;
const CHAIN_LAST = /^[ \t]*,?[ \t]*(?:and|or)[ \t]+$/i;
const CHAIN_MID = /^[ \t]*,[ \t]*$/;
const PARENTHESIS = /^[ \t]*\([ \t]*(?:about|approximately|approx\.|around|~|or|=)?[ \t]*$/i;

// Spans that hold digits but no quantity; blanked (same length, so offsets hold) before scanning.
const MASKS: readonly RegExp[] = [
  /\b(?:https?:\/\/|www\.)\S+/gi, // URLs
  /\b1[-. ]8\d\d[-. ][\w-]+/g, // toll-free numbers, 1-800-CDC-INFO
  /(?:\(\d{3}\)[ \t]*|\b\d{3}[-.])\d{3}[-.]\d{4}\b/g, // phone numbers
  /\[[ \t]*\d+(?:[ \t]*[-–,][ \t]*\d+)*[ \t]*\]/g, // citation markers [1], [2, 3], [4-6]
  /^[ \t]*(?:[-*•][ \t]*)?\d{1,2}[.)](?=[ \t])/gm, // list numbering "1." / "2)" at line start
  /\(\d{1,2}\)(?=[ \t]+\p{L})/gu, // inline enumerators "(1) fever"
  /\b\d{1,2}:\d{2}\b/g, // clock times
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, // dates
];

const round = (x: number): number => Number(x.toPrecision(10));
const convert = (def: UnitDef, v: number): number => round(v * def.factor + def.offset);
// Sticky regex exec at pos.
function at(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

// A number in digits, words or a vulgar fraction starting exactly at pos ("1,000", "0.5", "two", "1/2").
function numberAt(s: string, pos: number): Num | null {
  const m = at(NUMBER_AT, s, pos);
  if (!m) return null;
  const end = pos + m[0].length;
  if (m[1] !== undefined) {
    const v = Number(m[1].replace(/,/g, ''));
    const f = at(FRACTION_TAIL, s, end);
    if (f && /^\d+$/.test(m[1]) && v > 0 && v < Number(f[1])) {
      return { value: v / Number(f[1]), end: end + f[0].length, digits: true, integer: false };
    }
    return { value: v, end, digits: true, integer: /^\d+$/.test(m[1]) };
  }
  const value = m[2] !== undefined ? NUMBER_WORDS.get(m[2].toLowerCase().replace(/[ \t]+/g, ' ')) : FRACTIONS.get(m[3]!);
  return value === undefined ? null : { value, end, digits: false, integer: false };
}

// A period after a count or multiplier: "a day", "per week", "/day", "each month", "daily".
function periodAt(s: string, pos: number): { days: number; end: number } | null {
  const adverb = at(ADVERB, s, pos);
  if (adverb) return { days: PERIOD_ADVERBS[adverb[1]!.toLowerCase()]!, end: pos + adverb[0].length };
  const intro = at(PER, s, pos) ?? at(EACH, s, pos);
  const d = intro && denominatorAt(s, pos + intro[0].length);
  return d && d.def.dimension === 'time' ? { days: d.def.factor, end: d.end } : null;
}

// "times a day", "x daily", "times per week" after a number: the period in days.
function timesAt(s: string, pos: number): { days: number; end: number } | null {
  const t = at(TIMES, s, pos);
  return t ? periodAt(s, pos + t[0].length) : null;
}

// One denominator after a unit: "/kg", "per mL", "a day", "daily".
function denominatorAfter(s: string, pos: number): { def: UnitDef; end: number } | null {
  const adverb = at(ADVERB, s, pos);
  if (adverb) {
    const factor = PERIOD_ADVERBS[adverb[1]!.toLowerCase()]!;
    return { def: { unit: 'day', dimension: 'time', factor, offset: 0 }, end: pos + adverb[0].length };
  }
  const per = at(PER, s, pos);
  if (per) {
    // "250 mg/5 mL": a counted denominator divides by its number too.
    const n = numberAt(s, pos + per[0].length);
    const counted = n?.digits && n.value > 0 ? n : null;
    const gap = counted ? (at(UNIT_GAP, s, counted.end)?.[0].length ?? 0) : 0;
    const d = denominatorAt(s, counted ? counted.end + gap : pos + per[0].length);
    if (!d || !counted) return d;
    return { def: { ...d.def, factor: d.def.factor * counted.value }, end: d.end };
  }
  const each = at(EACH, s, pos);
  const d = each && denominatorAt(s, pos + each[0].length);
  // "1 tablet an hour before meals" is a time offset, not a rate.
  return d && d.def.dimension === 'time' && !at(OFFSET_WORD, s, d.end) ? d : null;
}

// A unit after a number ("mg", "-day", " weeks"), with up to two denominators ("mg/kg/day").
// Mass, volume and count units take denominators; count per time is a frequency, the rest concentration.
function unitAfter(s: string, pos: number): UnitHit | null {
  const gap = at(UNIT_GAP, s, pos);
  const u = unitAt(s, pos + (gap?.[0].length ?? 0));
  if (!u) return null;
  const base = u.def.dimension;
  if (base !== 'mass' && base !== 'volume' && base !== 'count') return { ...u, dimension: base };
  let { def, end } = u;
  const seen = new Set<string>();
  for (let d = denominatorAfter(s, end); d && !seen.has(d.def.unit) && seen.size < 2; d = denominatorAfter(s, end)) {
    seen.add(d.def.unit);
    def = { unit: `${def.unit}/${d.def.unit}`, dimension: base, factor: def.factor / d.def.factor, offset: 0 };
    end = d.end;
  }
  if (seen.size === 0) return { def, end, dimension: base };
  const perTime = seen.size === 1 && seen.has('day');
  return { def, end, dimension: base === 'count' && perTime ? 'frequency' : 'concentration' };
}

function withUnit(start: number, end: number, hit: UnitHit, lo: number, hi?: number): Found {
  const f: Found = { start, end, value: lo, unit: hit.def.unit, dimension: hit.dimension, def: hit.def };
  if (hi !== undefined) f.max = hi;
  return f;
}

// Per day, to 8 significant digits: "every 4 to 6 hours" inverts rounded days and should read 6, not 5.999999999.
function frequency(start: number, end: number, lo: number, hi?: number): Found {
  const r = (x: number): number => Number(x.toPrecision(8));
  const f: Found = { start, end, value: r(lo), unit: '/day', dimension: 'frequency' };
  if (hi !== undefined) f.max = r(hi);
  return f;
}

// A bare number or range; integers 1900–2099 are calendar years.
function bare(start: number, end: number, n: Num, lo: number, hi?: number, n2?: Num): Found {
  const isYear = (x: number, m: Num): boolean => m.integer && x >= 1900 && x <= 2099;
  const year = isYear(lo, n) && (hi === undefined || (n2 !== undefined && isYear(hi, n2)));
  const f: Found = { start, end, value: lo, unit: null, dimension: year ? 'year' : null };
  if (hi !== undefined) f.max = hi;
  if (!year) f.bare = hi === undefined ? { lo } : { lo, hi };
  return f;
}

// "200-400 mg", "2 to 3 weeks", "between 1 and 3 days", "103° to 104° F", "500 mg to 1 g", "2-3 times a day".
function rangeAt(s: string, start: number, n: Num, allowAnd: boolean): Found | null {
  const u1 = unitAfter(s, n.end);
  const pos = u1?.end ?? n.end;
  const sep = at(RANGE_SEP, s, pos) ?? (allowAnd ? at(RANGE_AND, s, pos) : null);
  const n2 = sep && numberAt(s, pos + sep[0].length);
  if (!n2) return null;
  const u2 = unitAfter(s, n2.end);
  if (u1) {
    if (!u2) return null;
    const def1 = u1.def.scaleUnknown && u2.dimension === 'temperature' ? u2.def : u1.def;
    if (def1.unit !== u2.def.unit || u1.dimension !== u2.dimension) return null;
    const lo = convert(def1, n.value);
    const hi = convert(u2.def, n2.value);
    return hi > lo ? withUnit(start, u2.end, u2, lo, hi) : null;
  }
  if (n2.value <= n.value) return null;
  const times = timesAt(s, n2.end);
  if (times) return frequency(start, times.end, n.value / times.days, n2.value / times.days);
  if (u2) return withUnit(start, u2.end, u2, convert(u2.def, n.value), convert(u2.def, n2.value));
  if (!n.digits || !n2.digits || /\p{L}/u.test(s[n2.end] ?? '')) return null;
  const scale = at(SCALE, s, n2.end);
  if (scale) {
    const k = SCALES[scale[1]!.toLowerCase()]!;
    return bare(start, n2.end + scale[0].length, n, round(n.value * k), round(n2.value * k));
  }
  return bare(start, n2.end, n, n.value, n2.value, n2);
}

// A single number with its unit, frequency, scale word, or nothing (bare; digits only).
function singleAt(s: string, start: number, n: Num, negative: boolean): Found | null {
  const u = unitAfter(s, n.end);
  if (u) {
    if (negative && u.dimension === 'temperature') return withUnit(start - 1, u.end, u, convert(u.def, -n.value));
    return withUnit(start, u.end, u, convert(u.def, n.value));
  }
  const times = timesAt(s, n.end);
  if (times) return frequency(start, times.end, n.value / times.days);
  const scale = at(SCALE, s, n.end);
  if (scale) {
    const f = bare(start, n.end + scale[0].length, { ...n, integer: false }, round(n.value * SCALES[scale[1]!.toLowerCase()]!));
    delete f.bare;
    return f;
  }
  // Digits glued to letters that are no unit are names or ordinals ("5th", "1900s").
  if (/\p{L}/u.test(s[n.end] ?? '')) return null;
  const f = bare(start, n.end, n, n.value);
  // Words need a unit; kept for now in case a list lends them one ("one or two doses").
  if (!n.digits) f.word = true;
  return f;
}

// The quantity whose number starts at `start` (token `token`), or null when it is none.
function parseAt(s: string, start: number, token: string): Found | null {
  const multiplier = MULTIPLIERS.get(token.toLowerCase());
  if (multiplier !== undefined) {
    const p = periodAt(s, start + token.length);
    return p ? frequency(start, p.end, multiplier / p.days) : null;
  }
  // A number hyphenated to a word is part of a name: "COVID-19", "iodine-131".
  if (/\p{L}[-–]$/u.test(s.slice(Math.max(0, start - 2), start))) return null;
  const n = numberAt(s, start);
  if (!n) return null;
  const before = s.slice(Math.max(0, start - 24), start);
  const negative = /(?:^|[\s(])[-−]$/.test(before);
  const between = /\bbetween[ \t]+$/i.exec(before);
  const range = rangeAt(s, start, n, between !== null);
  // "between 1 and 3 days" keeps its "between": "1 and 3 days" alone reads as two numbers.
  if (range && between && /[ \t]and[ \t]/i.test(s.slice(range.start, range.end))) range.start -= between[0].length;
  const found = range ?? singleAt(s, start, n, negative);
  const every = /\bevery[ \t]+$/i.exec(before);
  // "every 6 hours" is 4 a day; "every 4-6 hours" 4 to 6.
  if (found && every && found.dimension === 'time') {
    const lo = found.max ?? found.value;
    return frequency(start - every[0].length, found.end, 1 / lo, found.max === undefined ? undefined : 1 / found.value);
  }
  return found;
}

// Give bare numbers in "2, 4, and 6 months" or "1 or 12-day" the unit of the number that ends the list.
function inheritUnits(found: Found[], s: string): void {
  for (let i = found.length - 2; i >= 0; i--) {
    const a = found[i]!;
    const b = found[i + 1]!;
    if (!a.bare || !b.def) continue;
    const gap = s.slice(a.end, b.start);
    if (!CHAIN_LAST.test(gap) && !(b.inherited && CHAIN_MID.test(gap))) continue;
    a.value = convert(b.def, a.bare.lo);
    if (a.bare.hi !== undefined) a.max = convert(b.def, a.bare.hi);
    Object.assign(a, { unit: b.unit, dimension: b.dimension, def: b.def, inherited: true });
    delete a.bare;
    delete a.word;
  }
}

const close = (a: number, b: number, tol: number): boolean => a === b || Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));

// Same dimension and unit, values (and range ends) within tolerance.
export function agree(a: Quantity | Found, b: Quantity | Found, tol: number): boolean {
  if (a.dimension !== b.dimension || a.unit !== b.unit || !close(a.value, b.value, tol)) return false;
  if (a.max === undefined || b.max === undefined) return a.max === b.max;
  return close(a.max, b.max, tol);
}

// Drop a restatement in parentheses: "160° F (71° C)", "5 mL (1 teaspoon)".
function dropRestatements(found: Found[], s: string): Found[] {
  return found.filter((b, i) => {
    const a = found[i - 1];
    return !(a && PARENTHESIS.test(s.slice(a.end, b.start)) && agree(a, b, 0.03));
  });
}

// Numbers, ranges and units in English text, values converted to their dimension's canonical unit.
export function extractQuantities(text: string): Quantity[] {
  const s = MASKS.reduce((t, re) => t.replace(re, (m) => ' '.repeat(m.length)), text);
  const found: Found[] = [];
  const scan = new RegExp(NUMBER_SCAN);
  for (let m = scan.exec(s); m; m = scan.exec(s)) {
    const f = parseAt(s, m.index, m[0]);
    if (!f) continue;
    found.push(f);
    scan.lastIndex = Math.max(f.end, m.index + m[0].length);
  }
  for (const m of s.matchAll(EVERY_OTHER)) {
    const unit = m[1]!.toLowerCase();
    const days = unit === 'night' ? 1 : DAYS[unit as keyof typeof DAYS];
    found.push(frequency(m.index, m.index + m[0].length, 1 / (2 * days)));
  }
  found.sort((a, b) => a.start - b.start);
  inheritUnits(found, s);
  return dropRestatements(
    found.filter((f) => !f.word),
    s,
  ).map((f) => {
    const q: Quantity = { raw: text.slice(f.start, f.end), value: f.value, unit: f.unit, dimension: f.dimension, index: f.start };
    if (f.max !== undefined) q.max = f.max;
    return q;
  });
}
