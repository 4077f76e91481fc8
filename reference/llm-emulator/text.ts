// Tokens and hashing shared by the emulator's embeddings and judge.

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with what which how do does can'.split(
    ' ',
  ),
);

// Lowercase word tokens (letters and digits), stop words dropped.
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

// 32-bit FNV-1a of a string's UTF-16 code units.
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Token-set F1 of `candidate` against `target` (0 when either is empty).
export function overlapF1(candidate: string, target: string): number {
  const c = new Set(words(candidate));
  const t = new Set(words(target));
  if (c.size === 0 || t.size === 0) return 0;
  let shared = 0;
  for (const w of c) if (t.has(w)) shared++;
  if (shared === 0) return 0;
  const precision = shared / c.size;
  const recall = shared / t.size;
  return (2 * precision * recall) / (precision + recall);
}
