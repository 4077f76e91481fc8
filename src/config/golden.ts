// Load golden sets from YAML (a list, or `{cases: [...]}`) or JSONL (one case per line).
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ConfigIssue } from '../model/errors.js';
import { GoldenCaseSchema, GoldenFileWrapperSchema, type GoldenCase } from '../model/golden.js';
import { formatPath, parseYaml, type PathSegment } from './yaml-source.js';
import { PARSE_OPTIONS, zodIssues } from './zod-issues.js';

/** Where a case was written: its YAML path (or JSONL line) and line, for issues about the case. */
export interface CaseLocation {
  path: string;
  line?: number;
}

export interface GoldenFileResult {
  cases: GoldenCase[];
  /** Location of each case's `id`, parallel to `cases`. */
  locations: CaseLocation[];
  issues: ConfigIssue[];
  /** The file could not be read. */
  notFound?: true;
}

/** Checks zod cannot express: regexes compile. */
function semanticIssues(c: GoldenCase, file: string, at: (path: PathSegment[]) => { path: string; line?: number }): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  c.assert?.forEach((a, i) => {
    if (a.type === 'regex' || a.type === 'not-regex') {
      try {
        new RegExp(a.pattern, a.flags);
      } catch (e) {
        issues.push({
          file,
          ...at(['assert', i, 'pattern']),
          message: `invalid regular expression: ${(e as Error).message}`,
          hint: 'patterns are JavaScript regular expressions; escape backslashes in YAML double quotes or use single quotes',
        });
      }
    }
  });
  return issues;
}

/**
 * Largest YAML golden set read: a YAML document is parsed whole (and V8 ran out of memory on a
 * 200 MB one), JSONL line by line. Larger sets belong in JSONL.
 */
export const MAX_YAML_GOLDEN_BYTES = 32 * 1024 * 1024;

/** Load one golden file; every problem is returned, none thrown. */
export async function loadGoldenFile(file: string, displayName: string): Promise<GoldenFileResult> {
  let text: string;
  try {
    const yaml = extname(file).toLowerCase() !== '.jsonl';
    const size = (await stat(file)).size;
    if (yaml && size > MAX_YAML_GOLDEN_BYTES) {
      return {
        cases: [],
        locations: [],
        issues: [
          {
            file: displayName,
            path: '',
            message: `YAML golden set of ${(size / 1024 / 1024).toFixed(0)} MiB is over the ${MAX_YAML_GOLDEN_BYTES / 1024 / 1024} MiB YAML limit`,
            hint: 'write large golden sets as JSONL (one case per line: .jsonl), which is read line by line',
          },
        ],
      };
    }
    // JSONL is parsed as it streams in: a 100k-case set never sits in memory as one string.
    if (!yaml) return await parseJsonl(file, displayName);
    text = await readFile(file, 'utf8');
  } catch {
    return {
      cases: [],
      locations: [],
      notFound: true,
      issues: [{ file: displayName, path: '', message: 'golden file not found', hint: 'golden paths are relative to the suite file' }],
    };
  }
  return parseYamlGolden(text, displayName);
}

function parseYamlGolden(text: string, file: string): GoldenFileResult {
  const { source, issues } = parseYaml(file, text);
  if (!source) return { cases: [], locations: [], issues };
  const data = source.data;
  const raw = Array.isArray(data) ? data : data !== null && typeof data === 'object' ? (data as { cases?: unknown }).cases : undefined;
  if (!Array.isArray(raw)) {
    return {
      cases: [],
      locations: [],
      issues: [
        {
          file,
          path: '',
          line: 1,
          message: 'expected a list of cases or a mapping with `cases:`',
          hint: 'see golden/pharmabot.yaml for an example',
        },
      ],
    };
  }
  const prefix: PathSegment[] = Array.isArray(data) ? [] : ['cases'];
  const all: ConfigIssue[] = [];
  if (!Array.isArray(data)) {
    // The `{description, cases}` wrapper itself (unknown keys, a non-string description).
    const wrapper = GoldenFileWrapperSchema.safeParse(data, PARSE_OPTIONS);
    if (!wrapper.success) all.push(...zodIssues(wrapper.error, file, source.lineOf, [], GoldenFileWrapperSchema));
  }
  // Case by case, so each problem points at its own case and the valid cases still load
  // (their ids and templates are checked too).
  const cases: GoldenCase[] = [];
  const locations: CaseLocation[] = [];
  raw.forEach((item, i) => {
    const r = GoldenCaseSchema.safeParse(item, PARSE_OPTIONS);
    if (!r.success) {
      all.push(...zodIssues(r.error, file, source.lineOf, [...prefix, i], GoldenCaseSchema));
      return;
    }
    const at = (p: PathSegment[]) => {
      const full = [...prefix, i, ...p];
      const line = source.lineOf(full);
      return { path: formatPath(full), ...(line === undefined ? {} : { line }) };
    };
    all.push(...semanticIssues(r.data, file, at));
    cases.push(r.data);
    locations.push(at(['id']));
  });
  return { cases, locations, issues: all };
}

/** Read `file` in chunks and parse each line (split on \n, as `text.split('\n')` would) as it arrives. */
async function parseJsonl(path: string, file: string): Promise<GoldenFileResult> {
  const cases: GoldenCase[] = [];
  const locations: CaseLocation[] = [];
  const issues: ConfigIssue[] = [];
  let lineNo = 0;
  let rest = '';
  const parseLine = (line: string): void => {
    lineNo++;
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      const detail = (e as Error).message.replace(/\s*\(line \d+ column \d+\)$/, ''); // the line is in `line`
      issues.push({ file, path: '', line: lineNo, message: `invalid JSON: ${detail}`, hint: 'JSONL holds one JSON object per line' });
      return;
    }
    const r = GoldenCaseSchema.safeParse(data, PARSE_OPTIONS);
    if (!r.success) {
      issues.push(...zodIssues(r.error, file, () => lineNo, [], GoldenCaseSchema));
      return;
    }
    issues.push(...semanticIssues(r.data, file, (p) => ({ path: formatPath(p), line: lineNo })));
    cases.push(r.data);
    locations.push({ path: 'id', line: lineNo });
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop()!;
    for (const line of lines) parseLine(line);
  }
  parseLine(rest);
  return { cases, locations, issues };
}
