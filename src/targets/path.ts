// Dotted paths into parsed JSON: `answer`, `choices[0].message.content`, `data.items[2].id`.

export type PathSegment = string | number;

const VALID = /^(?:[^.[\]]+|\[\d+\])(?:\.[^.[\]]+|\[\d+\])*$/;
const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/** Split a path like `a.b[0].c` into segments; throws on malformed paths (for config validation). */
export function parsePath(path: string): PathSegment[] {
  if (!VALID.test(path)) {
    throw new Error(`invalid path "${path}": expected names separated by dots and [n] indexes, e.g. choices[0].message.content`);
  }
  return [...path.matchAll(SEGMENT)].map(([, key, index]) => (index === undefined ? (key as string) : Number(index)));
}

// Paths come from the config (a handful per run) but are read on every response: parse each once.
const parsed = new Map<string, readonly PathSegment[]>();
const MAX_CACHED = 256;

function cachedPath(path: string): readonly PathSegment[] {
  let segments = parsed.get(path);
  if (segments === undefined) {
    segments = parsePath(path);
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(path, segments);
  }
  return segments;
}

/** Read the value at `path` in `obj`; undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let current: unknown = obj;
  for (const segment of cachedPath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
