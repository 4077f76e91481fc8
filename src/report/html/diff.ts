// Word diff of green's answer against blue's: longest common subsequence over word tokens, as
// runs of token counts (`['=', 12], ['-', 3], ['+', 4]`) that the page applies to both texts, so
// the report carries each text once. Myers' O(ND) would be faster on similar texts; the plain LCS
// table is simpler and the cost is capped: above `maxCells` the common prefix and suffix are kept
// and the middle is shown as one deletion and one insertion (`exact: false`).

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

// Classic LCS table (suffix lengths), walked forward; deletions before insertions in a change.
function lcsRuns(a: string[], b: string[]): DiffRun[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const runs: DiffRun[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      runs.push(['=', 1]);
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) {
      runs.push(['-', 1]);
      i++;
    } else {
      runs.push(['+', 1]);
      j++;
    }
  }
  if (i < n) runs.push(['-', n - i]);
  if (j < m) runs.push(['+', m - j]);
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
