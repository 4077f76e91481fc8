// Load golden sets from YAML (a list, or `{cases: [...]}`) or JSONL (one case per line).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';
import { GoldenCaseSchema, GoldenFileSchema, type GoldenCase } from './golden-schema.js';
import { formatPath, parseYaml, type PathSegment } from './yaml-source.js';

/** zod issues → ConfigIssues located in `file`; `lineOf` maps a path to its source line. */
export function zodIssues(
  error: z.ZodError,
  file: string,
  lineOf: (path: readonly PathSegment[]) => number | undefined,
  prefix: readonly PathSegment[] = [],
): ConfigIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    const line = lineOf(path);
    return { file, path: formatPath(path), ...(line === undefined ? {} : { line }), ...describeZodIssue(issue) };
  });
}

/** A message and a hint a person can act on, from one zod issue. */
function describeZodIssue(issue: z.core.$ZodIssue): { message: string; hint?: string } {
  switch (issue.code) {
    case 'unrecognized_keys':
      return { message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`, hint: 'check the spelling; `revgate validate --help` points to the JSON Schema with every field' };
    case 'invalid_type':
      return issue.input === undefined
        ? { message: `missing required field (expected ${issue.expected})` }
        : { message: `expected ${issue.expected}, got ${describeInput(issue.input)}` };
    case 'invalid_value':
      return { message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'invalid_union':
      return { message: 'does not match any allowed form', hint: 'see the JSON Schema (schemas/) for the accepted shapes' };
    default:
      return { message: issue.message };
  }
}

function describeInput(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Checks zod cannot express: regexes compile. */
function semanticIssues(c: GoldenCase, file: string, at: (path: PathSegment[]) => { path: string; line?: number }): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  c.assert?.forEach((a, i) => {
    if (a.type === 'regex' || a.type === 'not-regex') {
      try {
        new RegExp(a.pattern, a.flags);
      } catch (e) {
        issues.push({ file, ...at(['assert', i, 'pattern']), message: `invalid regular expression: ${(e as Error).message}`, hint: 'patterns are JavaScript regular expressions; escape backslashes in YAML double quotes or use single quotes' });
      }
    }
  });
  return issues;
}

/** Load one golden file; every problem is returned, none thrown. */
export async function loadGoldenFile(file: string, displayName: string): Promise<{ cases: GoldenCase[]; issues: ConfigIssue[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { cases: [], issues: [{ file: displayName, path: '', message: 'golden file not found', hint: 'golden paths are relative to the suite file' }] };
  }
  return extname(file).toLowerCase() === '.jsonl' ? parseJsonl(text, displayName) : parseYamlGolden(text, displayName);
}

function parseYamlGolden(text: string, file: string): { cases: GoldenCase[]; issues: ConfigIssue[] } {
  const { source, issues } = parseYaml(file, text);
  if (!source) return { cases: [], issues };
  const parsed = GoldenFileSchema.safeParse(source.data);
  if (!parsed.success) {
    // Validate case by case so each problem points at its own case.
    const raw = Array.isArray(source.data) ? source.data : (source.data as { cases?: unknown })?.cases;
    if (!Array.isArray(raw)) return { cases: [], issues: [{ file, path: '', line: 1, message: 'expected a list of cases or a mapping with `cases:`', hint: 'see golden/pharmabot.yaml for an example' }] };
    const prefix: PathSegment[] = Array.isArray(source.data) ? [] : ['cases'];
    const all: ConfigIssue[] = [];
    raw.forEach((item, i) => {
      const r = GoldenCaseSchema.safeParse(item);
      if (!r.success) all.push(...zodIssues(r.error, file, source.lineOf, [...prefix, i]));
    });
    if (all.length === 0) all.push(...zodIssues(parsed.error, file, source.lineOf));
    return { cases: [], issues: all };
  }
  const cases = Array.isArray(parsed.data) ? parsed.data : parsed.data.cases;
  const prefix: PathSegment[] = Array.isArray(parsed.data) ? [] : ['cases'];
  const semantic = cases.flatMap((c, i) =>
    semanticIssues(c, file, (p) => {
      const full = [...prefix, i, ...p];
      const line = source.lineOf(full);
      return { path: formatPath(full), ...(line === undefined ? {} : { line }) };
    }),
  );
  return { cases, issues: semantic };
}

function parseJsonl(text: string, file: string): { cases: GoldenCase[]; issues: ConfigIssue[] } {
  const cases: GoldenCase[] = [];
  const issues: ConfigIssue[] = [];
  text.split('\n').forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      issues.push({ file, path: '', line: lineNo, message: `invalid JSON: ${(e as Error).message}`, hint: 'JSONL holds one JSON object per line' });
      return;
    }
    const r = GoldenCaseSchema.safeParse(data);
    if (!r.success) {
      issues.push(...zodIssues(r.error, file, () => lineNo));
      return;
    }
    issues.push(...semanticIssues(r.data, file, (p) => ({ path: formatPath(p), line: lineNo })));
    cases.push(r.data);
  });
  return { cases, issues };
}
