// Per-attempt assertions on an answer (the `assert` list of a golden case).
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import type { Assertion } from '../model/golden.js';
import { isRefusal } from './refusal.js';
import type { AssertionOutcome } from '../model/metrics.js';

// One validator per schema object, compiled once (Ajv compilation is the expensive step). Ajv (76
// files) is loaded on the first json_schema assertion only: most suites have none, and every
// `compare` process paid for it at start-up.
let ajvInstance: AjvClass | undefined;
function ajvOf(): AjvClass {
  if (ajvInstance === undefined) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof AjvModule;
    ajvInstance = new Ajv({ allErrors: true, strict: false });
  }
  return ajvInstance;
}
const validators = new WeakMap<object, ValidateFunction | Error>();
// Regexes compiled once per (pattern, flags); a failed compilation is cached as its Error.
const regexes = new Map<string, RegExp | Error>();

// Length in Unicode code points, so "é" or an emoji counts as one character.
export function charLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // low surrogates belong to the preceding high one
  }
  return n;
}

// Whitespace-separated words.
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

function compileRegex(pattern: string, flags: string): RegExp | Error {
  const key = `${flags}/${pattern}`;
  let re = regexes.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, flags);
    } catch (error) {
      re = error instanceof Error ? error : new Error(String(error));
    }
    regexes.set(key, re);
  }
  return re;
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction | Error {
  let v = validators.get(schema);
  if (v === undefined) {
    try {
      v = ajvOf().compile(schema);
    } catch (error) {
      v = error instanceof Error ? error : new Error(String(error));
    }
    validators.set(schema, v);
  }
  return v;
}

/**
 * The answer as JSON: the whole trimmed text, or the content of a single fenced block
 * (```json … ```) that makes up the whole answer, as chat models often wrap JSON that way.
 */
export function parseJsonAnswer(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const trimmed = text.trim();
  const fenced = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(trimmed);
  try {
    return { ok: true, value: JSON.parse(fenced?.[1] ?? trimmed) as unknown };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// Human-readable label of an assertion, e.g. `contains "ibuprofen"`, `max-length 600 chars`.
export function assertionLabel(a: Assertion): string {
  switch (a.type) {
    case 'contains':
    case 'not-contains':
      return `${a.type} ${JSON.stringify(a.value)}${a.ignoreCase ? '' : ' (case-sensitive)'}`;
    case 'regex':
    case 'not-regex':
      return `${a.type} /${a.pattern}/${a.flags}`;
    case 'json-schema': {
      const title = a.schema['title'];
      return typeof title === 'string' ? `json-schema ${JSON.stringify(title)}` : 'json-schema';
    }
    case 'max-length':
    case 'min-length':
      return `${a.type} ${a.value} ${a.unit}`;
    default:
      return a.type;
  }
}

// The failure message of one assertion on a text, or undefined when it passes.
function check(a: Assertion, text: string): string | undefined {
  switch (a.type) {
    case 'contains':
    case 'not-contains': {
      const found = a.ignoreCase ? text.toLowerCase().includes(a.value.toLowerCase()) : text.includes(a.value);
      if (a.type === 'contains') return found ? undefined : 'not found in the answer';
      return found ? 'found in the answer' : undefined;
    }
    case 'regex':
    case 'not-regex': {
      const re = compileRegex(a.pattern, a.flags);
      if (re instanceof Error) return `invalid regex: ${re.message}`;
      re.lastIndex = 0; // the g and y flags make test() stateful
      const found = re.test(text);
      if (a.type === 'regex') return found ? undefined : 'no match in the answer';
      return found ? 'matched the answer' : undefined;
    }
    case 'json': {
      const parsed = parseJsonAnswer(text);
      return parsed.ok ? undefined : parsed.message;
    }
    case 'json-schema': {
      const parsed = parseJsonAnswer(text);
      if (!parsed.ok) return parsed.message;
      const validate = validatorFor(a.schema);
      if (validate instanceof Error) return `invalid JSON Schema: ${validate.message}`;
      if (validate(parsed.value)) return undefined;
      return ajvOf().errorsText(validate.errors, { dataVar: 'answer' });
    }
    case 'max-length':
    case 'min-length': {
      const length = a.unit === 'words' ? wordCount(text) : charLength(text);
      if (a.type === 'max-length') return length <= a.value ? undefined : `${length} ${a.unit} > ${a.value}`;
      return length >= a.value ? undefined : `${length} ${a.unit} < ${a.value}`;
    }
    case 'not-refusal':
      return isRefusal(text) ? 'the answer is a refusal' : undefined;
    case 'refusal':
      return isRefusal(text) ? undefined : 'the answer is not a refusal';
  }
}

// Outcome of every assertion on one answer, in order.
export function evaluateAssertions(assertions: readonly Assertion[], text: string): AssertionOutcome[] {
  return assertions.map((a) => {
    const message = check(a, text);
    const label = assertionLabel(a);
    return message === undefined ? { label, pass: true } : { label, pass: false, message };
  });
}
