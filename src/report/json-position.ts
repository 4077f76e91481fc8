// Where a JSON text stops being valid. Node 20's JSON.parse messages carry no position
// ("Unexpected token '}', ... is not valid JSON"), so on the failure path we re-scan the text with a
// small recursive-descent recogniser of RFC 8259 and report the offset of the first bad character.

/** Offset, line and column (1-based) of the first syntax error in `text`; null when `text` is valid JSON. */
export function jsonErrorPosition(text: string): { offset: number; line: number; column: number } | null {
  const offset = firstError(text);
  if (offset === null) return null;
  const before = text.slice(0, offset).split('\n');
  return { offset, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

class Stop extends Error {
  constructor(readonly at: number) {
    super(`JSON syntax error at ${at}`);
  }
}

function firstError(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] === ch) i++;
      else fail();
    }
  };
  const digits = (): void => {
    if (!/[0-9]/.test(text[i] ?? '')) fail();
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      const ch = text[i];
      if (ch === undefined || ch < ' ') fail();
      if (ch === '"') return void i++;
      if (ch !== '\\') {
        i++;
        continue;
      }
      i++;
      if (text[i] === 'u') {
        i++;
        for (let h = 0; h < 4; h++) {
          if (/[0-9a-fA-F]/.test(text[i] ?? '')) i++;
          else fail();
        }
      } else if ('"\\/bfnrt'.includes(text[i] ?? '!')) i++;
      else fail();
    }
  };
  const sequence = (close: string, item: () => void): void => {
    i++; // opening bracket
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') sequence('}', member);
    else if (ch === '[') sequence(']', value);
    else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || /[0-9]/.test(ch ?? '')) number();
    else fail();
  };
  const member = (): void => {
    ws();
    if (text[i] !== '"') fail();
    string();
    ws();
    if (text[i] !== ':') fail();
    i++;
    value();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (e) {
    if (e instanceof Stop) return e.at;
    throw e;
  }
}
