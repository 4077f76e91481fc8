// Per-text results kept for the texts scored last: while one case is scored, its reference and
// each answer are tokenised and searched for quantities by several measures (each revision against
// the reference, green against blue, blue against itself, the numbers). Bounded: memory stays flat.

/** Entries kept; enough for a case's reference and its answers at the repeats drift pairs use. */
const SIZE = 32;

const caches: Map<string, unknown>[] = [];
const resets: (() => void)[] = [];

/** Run `reset` whenever the remembered results are dropped (state that must go with them). */
export function onForget(reset: () => void): void {
  resets.push(reset);
}

let depth = 0;

/**
 * Run `fn` with the remembered results, and drop them when the outermost such call ends: scoreCase
 * scores a case in one scope, and so does a direct call of scoreRevision, drift or noiseBand.
 */
export function textScope<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    if (--depth === 0) forgetTexts();
  }
}

/**
 * Drop every remembered result (scoreCase does once a case is scored): kept past their case they
 * would only survive into the old generation as garbage.
 */
export function forgetTexts(): void {
  for (const cache of caches) cache.clear();
  for (const reset of resets) reset();
}

/**
 * `fn` remembered for the last SIZE distinct texts. The results are shared between callers: they
 * must be treated as read-only.
 */
export function memoLast<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  caches.push(cache);
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      if (cache.size >= SIZE) cache.delete(cache.keys().next().value!);
      cache.set(text, value);
    }
    return value;
  };
}
