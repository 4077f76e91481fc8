// Switchable release flaws: the regressions and transport faults a green revision may ship with.
import { randomInt, type Rng } from './random.js';

export interface Flaws {
  /** Share of answers replaced by a refusal (0..1). @default 0 */
  refusalRate: number;
  /** Share of requests answered from unrelated documents (0..1). @default 0 */
  brokenRetrieval: number;
  /** Answer with the first sentence only. @default false */
  shortAnswers: boolean;
  /** Milliseconds added to every API response. @default 0 */
  extraLatencyMs: number;
  /** Share of API requests answered with HTTP 500 (0..1). @default 0 */
  errorRate: number;
  /** 'v2' renames citation `filepath` → `source_ref` and `/ask` `sources[].id` → `sources[].doc`. @default 'v1' */
  citationSchema: 'v1' | 'v2';
  /** For this long after start (or after being set), /health/ready is 503 and requests take +1-2 s. @default 0 */
  coldStartMs: number;
  /** Every Nth API request answers 429 with `Retry-After: 1`; 0 = never. @default 0 */
  rateLimitEvery: number;
  /** Every Nth API request has its socket destroyed without an answer; 0 = never. @default 0 */
  resetEvery: number;
  /** Every Nth API request answers 200 with invalid JSON; 0 = never. @default 0 */
  malformedEvery: number;
  /** Every API request waits this long before anything else happens. @default 0 */
  hangMs: number;
  /** Alter the numbers in answers (doses, percentages). @default false */
  numbersChanged: boolean;
}

export const NO_FLAWS: Readonly<Flaws> = Object.freeze({
  refusalRate: 0,
  brokenRetrieval: 0,
  shortAnswers: false,
  extraLatencyMs: 0,
  errorRate: 0,
  citationSchema: 'v1',
  coldStartMs: 0,
  rateLimitEvery: 0,
  resetEvery: 0,
  malformedEvery: 0,
  hangMs: 0,
  numbersChanged: false,
});

export const REFUSAL_TEXT = "I'm sorry, but I can't help with medical questions. Please consult a healthcare professional.";

type Kind = 'share' | 'count' | 'boolean' | 'schema';
const KINDS: Record<keyof Flaws, Kind> = {
  refusalRate: 'share',
  brokenRetrieval: 'share',
  shortAnswers: 'boolean',
  extraLatencyMs: 'count',
  errorRate: 'share',
  citationSchema: 'schema',
  coldStartMs: 'count',
  rateLimitEvery: 'count',
  resetEvery: 'count',
  malformedEvery: 'count',
  hangMs: 'count',
  numbersChanged: 'boolean',
};

export const FLAW_NAMES = Object.keys(KINDS) as (keyof Flaws)[];

function checkValue(name: string, kind: Kind, value: unknown): string | null {
  switch (kind) {
    case 'share':
      return typeof value === 'number' && value >= 0 && value <= 1 ? null : `${name}: expected a number in 0..1`;
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? null : `${name}: expected a number >= 0`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${name}: expected true or false`;
    case 'schema':
      return value === 'v1' || value === 'v2' ? null : `${name}: expected "v1" or "v2"`;
  }
}

// Validates a partial flaw set from untrusted input (JSON, CLI); throws listing every problem.
export function validateFlaws(input: unknown): Partial<Flaws> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('flaws: expected an object');
  }
  const problems: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    const kind = KINDS[name as keyof Flaws];
    if (!kind) problems.push(`${name}: unknown flaw (known: ${FLAW_NAMES.join(', ')})`);
    else {
      const problem = checkValue(name, kind, value);
      if (problem) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new TypeError(`invalid flaws: ${problems.join('; ')}`);
  return input;
}

// Parses CLI flaw arguments: "refusalRate=0.3", "shortAnswers" (= true), "citationSchema=v2".
export function parseFlawArgs(args: readonly string[]): Partial<Flaws> {
  const out: Record<string, unknown> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const raw = eq < 0 ? 'true' : arg.slice(eq + 1);
    const kind = KINDS[name as keyof Flaws];
    if (kind === 'boolean') out[name] = raw === 'true' || raw === '1';
    else if (kind === 'schema' || kind === undefined) out[name] = raw;
    else out[name] = raw.trim() === '' ? Number.NaN : Number(raw);
  }
  return validateFlaws(out);
}

// Changes every number in a text to a different one ("500 mg" → "750 mg"), as a careless model would.
export function changeNumbers(text: string, rng: Rng): string {
  return text.replace(/\d+/g, (digits) => {
    const n = Number(digits);
    const changed = n < 10 ? (n + randomInt(rng, 1, 8)) % 10 : Math.round(n * (1.2 + rng()));
    return String(changed === n ? n + 1 : changed);
  });
}

// True on every Nth request (counting from 1); never when every is 0.
export function isNth(count: number, every: number): boolean {
  const n = Math.floor(every);
  return n >= 1 && count % n === 0;
}
