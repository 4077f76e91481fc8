// ROUGE-L F1 over lower-cased word tokens, for checking pharmabot's answers in tests.

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

// ROUGE-L F1: longest common subsequence of words, harmonic mean of precision and recall.
export function rougeL(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (const xi of x) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      row[j] = xi === y[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, row[j - 1] ?? 0);
    }
    prev = row;
  }
  const lcs = prev[y.length] ?? 0;
  if (lcs === 0) return 0;
  const p = lcs / x.length;
  const r = lcs / y.length;
  return (2 * p * r) / (p + r);
}
