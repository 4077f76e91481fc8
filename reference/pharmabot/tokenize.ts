// Tokenising for BM25: lower-case words, stop words dropped, light suffix stemming.

const STOP = new Set(
  (
    'a an the and or of to in on for with by at from as is are was were be been being it its this that ' +
    'these those what who whom which how why when where can could do does did i you your my me we our ' +
    'they them their he she his her there than then so if not no but about into over also may might will ' +
    'would should some any such other more most very all each'
  ).split(' '),
);

const SUFFIXES = ['ations', 'ation', 'ments', 'ment', 'ing', 'ion', 'tic', 'ed', 'is', 'ic', 'e'];

// Strips common English suffixes so "treatments", "treated" and "treating" share a stem.
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of SUFFIXES) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}

// Splits text into stemmed, stop-word-free tokens.
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z0-9]+/g)) {
    const word = m[0];
    if (STOP.has(word) || word.length < 2) continue;
    out.push(stem(word));
  }
  return out;
}
