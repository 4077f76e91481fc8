// Configured `test:` thresholds → validated StatSpecs, reporting every problem at once (before traffic).
import type { ThresholdInput } from '../schema.js';
import type { ConfigIssue } from '../../model/errors.js';
import { editDistance } from '../metric-lookup.js';
import { STAT_TESTS, STAT_TEST_NAMES, findStatTest, type StatTestDef } from './tests.js';
import type { StatSpec } from '../../model/verdict.js';

export interface ParseStatSpecsOptions {
  /** The suite file, for issue locations. */
  file: string;
  /** YAML path of the thresholds list. @default "thresholds" */
  basePath?: string;
}

type TestInput = Extract<ThresholdInput, object> & { test: string };
type Margin = { ok: true; value: number } | { ok: false; message: string; hint: string };

// A margin as written: a plain number (base unit), "2%", "50ms" or "1.5s".
const MARGIN = /^\s*([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*(%|ms|s)?\s*$/;
const RATIO_TESTS = STAT_TESTS.filter((t) => t.family === 'ratio')
  .map((t) => t.name)
  .join(', ');

/** Parse every `test:` threshold of the list (string and `check:` entries are skipped); specs and issues. */
export function parseStatSpecs(
  inputs: readonly ThresholdInput[],
  options: ParseStatSpecsOptions,
): { specs: StatSpec[]; issues: ConfigIssue[] } {
  const basePath = options.basePath ?? 'thresholds';
  const specs: StatSpec[] = [];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, string>();
  inputs.forEach((input, index) => {
    if (typeof input === 'string' || input.test === undefined) return;
    const entry = `${basePath}[${index}]`;
    const issue = (field: string, message: string, hint: string): ConfigIssue => ({
      file: options.file,
      path: field === '' ? entry : `${entry}.${field}`,
      message,
      hint,
    });
    const found = parseOne(input as TestInput, issue);
    if ('issues' in found) {
      issues.push(...found.issues);
      return;
    }
    const first = seen.get(found.spec.id);
    if (first !== undefined) {
      issues.push(
        issue('', `duplicate threshold "${found.spec.id}" (same test as ${first})`, 'remove one of them, or give them different tags'),
      );
      return;
    }
    seen.set(found.spec.id, entry);
    specs.push(found.spec);
  });
  return { specs, issues };
}

type IssueAt = (field: string, message: string, hint: string) => ConfigIssue;

function parseOne(input: TestInput, issue: IssueAt): { spec: StatSpec } | { issues: ConfigIssue[] } {
  const def = findStatTest(input.test.trim());
  if (!def) return { issues: [issue('test', `unknown test "${input.test}"`, unknownHint(input.test))] };
  const problems: ConfigIssue[] = [];
  let minEffect = def.defaultMinEffect ?? 0;
  let maxRatio: number | null = null;
  if (def.family === 'ratio') {
    if (input.minEffect !== undefined)
      problems.push(
        issue(
          'minEffect',
          `minEffect does not apply to ratio test ${def.name}`,
          `a ratio test is gated by maxRatio, e.g. maxRatio: 1.2 (green ${def.name} at most 1.2 × blue)`,
        ),
      );
    if (input.maxRatio === undefined)
      problems.push(
        issue('', `test ${def.name} needs maxRatio`, `add maxRatio, e.g. maxRatio: 1.2 (green ${def.name} at most 1.2 × blue)`),
      );
    else if (!(input.maxRatio >= 1))
      problems.push(
        issue(
          'maxRatio',
          `maxRatio must be at least 1, got ${input.maxRatio}`,
          'maxRatio is the largest allowed green / blue factor, e.g. 1.2',
        ),
      );
    else maxRatio = minEffect = input.maxRatio;
  } else {
    if (input.maxRatio !== undefined)
      problems.push(
        issue(
          'maxRatio',
          `maxRatio applies only to ratio tests (${RATIO_TESTS}), not to ${def.name}`,
          `use minEffect for test ${def.name}, e.g. minEffect: ${example(def)}`,
        ),
      );
    if (input.minEffect !== undefined) {
      const margin = parseMargin(input.minEffect, def);
      if (margin.ok) minEffect = margin.value;
      else problems.push(issue('minEffect', margin.message, margin.hint));
    }
  }
  if (problems.length > 0) return { issues: problems };
  const tags = [...new Set(input.tags ?? [])];
  const id = tags.length > 0 ? `test ${def.name} [${[...tags].sort().join(', ')}]` : `test ${def.name}`;
  return {
    spec: {
      id,
      name: input.name ?? def.name,
      test: def.name,
      family: def.family,
      minEffect,
      maxRatio,
      tags,
      advisory: input.advisory === true,
    },
  };
}

/** A margin in the test's base unit, or why the written value does not fit the test's unit. */
export function parseMargin(written: number | string, def: StatTestDef): Margin {
  const text = String(written);
  const m = MARGIN.exec(text);
  if (!m) return { ok: false, message: `invalid minEffect "${text}" for test ${def.name}`, hint: `write ${example(def)}` };
  const raw = Number(m[1]);
  const suffix = m[2] ?? null;
  if (raw < 0)
    return {
      ok: false,
      message: `minEffect must not be negative, got "${text}"`,
      hint: `the margin is a size, applied in the harmful direction: write ${example(def)}`,
    };
  if (def.unit === 'ms') {
    if (suffix === '%')
      return {
        ok: false,
        message: `test ${def.name} is a shift in ms; minEffect "${text}" is a percentage`,
        hint: `write a duration such as "50ms" (a bare number means ms); for a relative limit use test ${def.name}.p95 with maxRatio`,
      };
    return { ok: true, value: suffix === 's' ? raw * 1000 : raw };
  }
  const what = def.unit === 'score' ? 'a score difference in 0..1' : 'a rate difference in 0..1';
  if (suffix === 'ms' || suffix === 's')
    return { ok: false, message: `test ${def.name} is ${what}; minEffect "${text}" is a duration`, hint: `write ${example(def)}` };
  const value = suffix === '%' ? raw / 100 : raw;
  if (value > 1)
    return {
      ok: false,
      message: `minEffect "${text}" is outside 0..1 for test ${def.name}`,
      hint: `${suffix === null && raw <= 100 ? `did you mean "${raw}%"? ` : ''}write ${example(def)}`,
    };
  return { ok: true, value };
}

function example(def: StatTestDef): string {
  if (def.unit === 'ms') return '"50ms"';
  const m = def.defaultMinEffect ?? 0.02;
  return `${m} or "${+(m * 100).toPrecision(6)}%"`;
}

function unknownHint(name: string): string {
  const scored = STAT_TEST_NAMES.map((t) => ({ t, d: editDistance(name.toLowerCase(), t.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.d));
  const close = best <= Math.max(2, Math.ceil(name.length * 0.4)) ? scored.filter((s) => s.d === best).map((s) => `"${s.t}"`) : [];
  const list = `tests: ${STAT_TEST_NAMES.join(', ')}`;
  return close.length > 0 ? `did you mean ${close.join(' or ')}? ${list}` : list;
}
