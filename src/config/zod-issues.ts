// zod issues → ConfigIssues a person can act on: file, YAML path, line, message and hint.
// zod 4 quirks handled here: unknown keys are reported once at the *parent* path (we emit one
// issue per key, at the key's own path, with a "did you mean"); issue.input is only present when
// parsing with `reportInput: true`; unions report every branch (we pick the branch whose type matched).
import type { z } from 'zod';
import type { ConfigIssue } from '../model/errors.js';
import { formatPath, type PathSegment } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

/** Parse options every config parse must use, so messages can show the offending value. */
export const PARSE_OPTIONS = { reportInput: true } as const;

/** zod issues → ConfigIssues located in `file`; `lineOf` maps a path to its source line. */
export function zodIssues(
  error: z.ZodError,
  file: string,
  lineOf: (path: readonly PathSegment[]) => number | undefined,
  prefix: readonly PathSegment[] = [],
  schema?: AnySchema,
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const push = (path: PathSegment[], d: { message: string; hint?: string }) => {
    const full = [...prefix, ...path];
    const line = lineOf(full);
    out.push({
      file,
      path: formatPath(full),
      ...(line === undefined ? {} : { line }),
      message: d.message,
      ...(d.hint === undefined ? {} : { hint: d.hint }),
    });
  };
  for (const issue of flatten(error.issues, [])) {
    const path = issue.path as PathSegment[];
    if (issue.code === 'unrecognized_keys') {
      const known = schema ? objectKeysAt(schema, path) : [];
      for (const key of issue.keys) push([...path, key], unknownKey(key, [...prefix, ...path], known));
    } else push(path, describeZodIssue(issue));
  }
  // zod reports unknown keys after the fields' own problems: list them in file order instead.
  return out.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}

/** Replace union issues by the issues of the branch whose type matched, when there is exactly one. */
function flatten(issues: readonly Issue[], base: PathSegment[]): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...(issue.path as PathSegment[])];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const matched = issue.errors.filter((branch) => !branch.every((b) => b.code === 'invalid_type' && b.path.length === 0));
      if (matched.length === 1) return flatten(matched[0]!, path);
    }
    return [{ ...issue, path }];
  });
}

function unknownKey(key: string, parent: PathSegment[], known: string[]): { message: string; hint: string } {
  const where = parent.length === 0 ? 'at the top level' : `in ${formatPath(parent)}`;
  const guess = closest(key, known);
  const list = known.length > 0 ? `known fields ${where}: ${known.join(', ')}` : 'see the JSON Schema in schemas/ for every field';
  return { message: `unknown field "${key}" ${where}`, hint: guess ? `did you mean "${guess}"? ${list}` : list };
}

/** A message and a hint from one zod issue. */
function describeZodIssue(issue: Issue): { message: string; hint?: string } {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? { message: `missing required field (expected ${issue.expected})` }
        : { message: `expected ${article(issue.expected)}, got ${describeInput(input)}` };
    case 'invalid_value':
      return {
        message: `expected ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => JSON.stringify(v)).join(', ')}${input === undefined ? '' : `, got ${describeInput(input)}`}`,
      };
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator !== undefined && options !== undefined) {
        const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[discriminator] : undefined;
        return {
          message: value === undefined ? `missing "${discriminator}"` : `unknown ${discriminator} ${JSON.stringify(value)}`,
          hint: `${discriminator} is one of: ${options.map(String).join(', ')}`,
        };
      }
      const expected = issue.errors.flatMap((b) =>
        b.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => article((i as { expected: string }).expected)),
      );
      if (expected.length === issue.errors.length && expected.length > 0) {
        return { message: `expected ${[...new Set(expected)].join(' or ')}${input === undefined ? '' : `, got ${describeInput(input)}`}` };
      }
      return { message: 'does not match any allowed form', hint: 'see the JSON Schema (schemas/) for the accepted shapes' };
    }
    case 'invalid_format':
      return issue.format === 'url'
        ? {
            message: `not a valid URL${input === undefined ? '' : `: ${describeInput(input)}`}`,
            hint: 'use an absolute http(s) URL, e.g. http://127.0.0.1:8081/v1',
          }
        : issue.format === 'regex'
          ? {
              message: `must match ${(issue as { pattern?: string }).pattern ?? 'the expected pattern'}${input === undefined ? '' : `, got ${describeInput(input)}`}`,
            }
          : { message: `not a valid ${issue.format}` };
    case 'too_small':
    case 'too_big':
      return { message: sizeMessage(issue) };
    case 'custom': {
      const hint = (issue.params as { hint?: unknown } | undefined)?.hint;
      return { message: issue.message, ...(typeof hint === 'string' ? { hint } : {}) };
    }
    default:
      return { message: issue.message };
  }
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const strict = issue.inclusive === false;
  if (issue.origin === 'string')
    return small && limit === 1
      ? 'must not be empty'
      : `must have ${small ? 'at least' : 'at most'} ${strict ? (small ? limit + 1 : limit - 1) : limit} characters`;
  if (issue.origin === 'array')
    return small && limit === 1 ? 'must list at least one item' : `must list ${small ? 'at least' : 'at most'} ${limit} items`;
  const input = (issue as { input?: unknown }).input;
  const got = input === undefined ? '' : `, got ${typeof input === 'string' ? input : JSON.stringify(input)}`;
  return `must be ${small ? (strict ? 'greater than' : 'at least') : strict ? 'less than' : 'at most'} ${limit}${got}`;
}

function article(expected: string): string {
  return { object: 'a mapping', array: 'a list', record: 'a mapping' }[expected] ?? `a ${expected}`;
}

function describeInput(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const text = JSON.stringify(v) ?? typeof v;
  return `${typeof v} ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
}

// ---- schema walking, for "known fields" and "did you mean" ----

function defOf(s: unknown): Def {
  return (s as { _zod: { def: Def } })._zod.def;
}

function unwrap(s: AnySchema): AnySchema[] {
  const def = defOf(s);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unwrap(def.innerType as AnySchema);
    case 'pipe':
      return unwrap(def.in as AnySchema);
    case 'union':
      return (def.options as AnySchema[]).flatMap(unwrap);
    default:
      return [s];
  }
}

function child(s: AnySchema, seg: PathSegment): AnySchema[] {
  const def = defOf(s);
  if (def.type === 'object' && typeof seg === 'string') {
    const c = (def.shape as Record<string, AnySchema>)[seg];
    return c ? [c] : [];
  }
  if (def.type === 'array' && typeof seg === 'number') return [def.element as AnySchema];
  if (def.type === 'record') return [def.valueType as AnySchema];
  return [];
}

/** The field names an object at `path` of `schema` accepts (all union branches together). */
export function objectKeysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let nodes = unwrap(schema);
  for (const seg of path) nodes = nodes.flatMap((n) => child(n, seg)).flatMap(unwrap);
  const keys = nodes.flatMap((n) => (defOf(n).type === 'object' ? Object.keys(defOf(n).shape as object) : []));
  return [...new Set(keys)].filter((k) => k !== '$schema');
}

/** The closest candidate by edit distance, if close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
