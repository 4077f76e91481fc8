// Issue helpers for loadSuite: ordering, duplicate case ids, lines for dotted paths.
import type { ConfigIssue } from '../model/errors.js';
import type { CaseLocation } from './golden.js';
import type { LoadedGoldenSet } from './resolved.js';
import type { PathSegment } from './yaml-source.js';

/**
 * Issues grouped by file (in the order files were first named) and by line within a file (issues
 * without a line, e.g. from flags, first); the same problem in the shared `target` block is found
 * once per revision, so duplicates are dropped.
 */
export function ordered(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  const files: string[] = [];
  const unique = issues.filter((i) => {
    if (!files.includes(i.file)) files.push(i.file);
    const key = `${i.file}\0${i.path}\0${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((x, y) => files.indexOf(x.file) - files.indexOf(y.file) || (x.line ?? 0) - (y.line ?? 0));
}

/** The line of a dotted path such as `thresholds[2].check`. */
export function lineFromPath(path: string, lineOf: (p: PathSegment[]) => number | undefined): { line?: number } {
  const segs: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segs.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  const line = lineOf(segs);
  return line === undefined ? {} : { line };
}

/** Case ids must be unique across all golden files; each duplicate names where the first one is. */
export function duplicateIds(golden: readonly LoadedGoldenSet[], locations: ReadonlyMap<LoadedGoldenSet, CaseLocation[]>): ConfigIssue[] {
  const seen = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const g of golden) {
    g.cases.forEach((c, i) => {
      const first = seen.get(c.id);
      const loc = locations.get(g)?.[i] ?? { path: 'id' };
      if (first !== undefined)
        issues.push({
          file: g.file,
          ...loc,
          message: `duplicate case id "${c.id}" (first in ${first})`,
          hint: 'case ids must be unique across all golden files of a suite',
        });
      else seen.set(c.id, `${g.file}${loc.line === undefined ? '' : `:${loc.line}`}`);
    });
  }
  return issues;
}
