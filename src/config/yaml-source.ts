// Parse YAML keeping source positions, so every problem can name its file, YAML path and line.
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import type { ConfigIssue } from '../model/errors.js';

export type PathSegment = string | number;

/** Format a zod/YAML path as `thresholds[2].check`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export interface YamlSource {
  file: string;
  data: unknown;
  /** 1-based line of the deepest existing node on `path` (for a mapping entry: the line of its key). */
  lineOf: (path: readonly PathSegment[]) => number | undefined;
}

/** Alias expansions allowed in one YAML file (the yaml library's guard against alias bombs). */
export const MAX_ALIASES = 100;

/** Parse YAML text; syntax errors come back as issues (all of them), with lines. */
export function parseYaml(file: string, text: string): { source?: YamlSource; issues: ConfigIssue[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // An unclosed bracket is detected at the end of the file: point at the last line that has text.
    const lastLine = text.trimEnd().split('\n').length;
    return {
      issues: doc.errors.map((e) => ({
        file,
        path: '',
        line: Math.min(e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line, lastLine),
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
        hint: 'check indentation, quoting and brackets around that line',
      })),
    };
  }
  const lineOf = (path: readonly PathSegment[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const key = path[n - 1];
      if (n > 0 && typeof key === 'string') {
        // The key's line: `sampling:` rather than the first line of its nested mapping.
        const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
          if (pair && isNode(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
        }
      }
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // An alias bomb ("billion laughs"): refused as a config problem, never expanded.
    return {
      issues: [
        {
          file,
          path: '',
          line: 1,
          message: `YAML: ${e instanceof Error ? e.message : String(e)} (more than ${MAX_ALIASES} alias expansions)`,
          hint: 'write the values out instead of nesting aliases (&anchor / *alias)',
        },
      ],
    };
  }
  return { source: { file, data, lineOf }, issues: [] };
}
