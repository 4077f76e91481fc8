// Word diff of green's answer against blue's over word tokens (jsdiff's diffArrays: Myers' O(ND)
// algorithm, a shortest edit script), as runs of token counts (`['=', 12], ['-', 3], ['+', 4]`)
// that the page applies to both texts, so the report carries each text once. The cost is capped:
// the common prefix and suffix are cut first, and above `maxCells` (tokens × tokens of the middle)
// the middle is shown as one deletion and one insertion (`exact: false`).
import { diffArrays } from 'diff';

/** `=` in both texts, `-` only in blue (deleted), `+` only in green (inserted); count of tokens. */
export type DiffRun = ['=' | '-' | '+', number];

export interface WordDiff {
  runs: DiffRun[];
  /** False when the texts were too long for a full LCS and the middle was replaced wholesale. */
  exact: boolean;
}

/** A token is a word with the whitespace after it; words compare without that whitespace. */
export function tokenize(text: string): string[] {
  return text.trim().match(/\S+\s*/g) ?? [];
}

/** Default LCS table size: 250,000 cells (two ~500-word answers) per case. */
export const MAX_DIFF_CELLS = 250_000;

/** LCS word diff from `blue` to `green`, as runs over tokenize() of each. */
export function wordDiff(blue: string, green: string, maxCells = MAX_DIFF_CELLS): WordDiff {
  const a = tokenize(blue).map(word);
  const b = tokenize(green).map(word);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const exact = midA.length * midB.length <= maxCells;
  const middle: DiffRun[] = exact
    ? lcsRuns(midA, midB)
    : [
        ['-', midA.length],
        ['+', midB.length],
      ];
  return { runs: compact([['=', pre], ...middle, ['=', suf]]), exact };
}

/** The diff as text segments, for tests and any server-side use: what the page shows. */
export function diffSegments(blue: string, green: string, diff: WordDiff): { op: DiffRun[0]; text: string }[] {
  const a = tokenize(blue);
  const b = tokenize(green);
  let i = 0;
  let j = 0;
  return diff.runs.map(([op, n]) => {
    const from = op === '-' ? a.slice(i, i + n) : b.slice(j, j + n);
    if (op !== '+') i += n;
    if (op !== '-') j += n;
    return { op, text: from.join('') };
  });
}

function word(token: string): string {
  return token.trimEnd();
}

// The edit script as runs; within a change, deletions come before insertions.
function lcsRuns(a: string[], b: string[]): DiffRun[] {
  const runs: DiffRun[] = [];
  let pending: DiffRun | null = null;
  for (const change of diffArrays(a, b)) {
    const run: DiffRun = [change.added ? '+' : change.removed ? '-' : '=', change.count];
    if (run[0] === '+' && pending === null) pending = run;
    else if (run[0] === '-' && pending !== null) runs.push(run);
    else {
      if (pending !== null) runs.push(pending);
      pending = null;
      runs.push(run);
    }
  }
  if (pending !== null) runs.push(pending);
  return runs;
}

// Merge adjacent runs of the same kind and drop empty ones; within a change, deletions come first.
function compact(runs: DiffRun[]): DiffRun[] {
  const out: DiffRun[] = [];
  for (const [op, n] of runs) {
    if (n === 0) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === op) last[1] += n;
    else out.push([op, n]);
  }
  return out;
}
