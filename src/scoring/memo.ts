// Per-text results kept for the texts scored last: while one case is scored, its reference and
// each answer are tokenised and searched for quantities by several measures (each revision against
// the reference, green against blue, blue against itself, the numbers). Bounded: memory stays flat.

/** Entries kept; enough for a case's reference and its answers at the repeats drift pairs use. */
const SIZE = 32;

const caches: Map<string, unknown>[] = [];

/**
 * Drop every remembered result (scoreCase does once a case is scored): kept past their case they
 * would only survive into the old generation as garbage.
 */
export function forgetTexts(): void {
  for (const cache of caches) cache.clear();
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
