// One redaction layer for every string that leaves the process (console, report files, errors,
// CI annotations): the secret values revgate knows (API keys, secret headers, tokens, variables a
// suite marks secret) are replaced wherever they appear — a green that echoes its request back
// cannot smuggle them into a report — and so are the shapes secrets take even when their value is
// unknown: `api-key=…`-style query parameters (Azure OpenAI, Azure Functions `code`, SAS `sig`),
// `Bearer …` tokens, and `api-key: …`-style header echoes. Pure: no I/O.

export const MASK = '***';

/** Query parameters whose values are secrets (compared case-insensitively). */
const SECRET_PARAMS = [
  'api-key',
  'api_key',
  'apikey',
  'key',
  'code',
  'sig',
  'signature',
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'client_secret',
  'password',
  'secret',
  'subscription-key',
  'x-api-key',
];
const PARAM = new RegExp(`([?&;](?:${SECRET_PARAMS.map(escape).join('|')})=)[^&#\\s"'<>\\\\]+`, 'gi');
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g;
const HEADER =
  /(\b(?:api-key|x-api-key|authorization|proxy-authorization|ocp-apim-subscription-key|x-functions-key|cookie)\b["']?\s*[:=]\s*["']?)(?!\*\*\*)(?:Bearer\s+)?[^\s"',;}\\]+/gi;

/** Values shorter than this are not redacted by value (they would mask ordinary words); their shapes still are. */
const MIN_VALUE = 6;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Redactor {
  (text: string): string;
  /** Learn more secret values (undefined and short ones are ignored). */
  add(values: Iterable<string | undefined>): void;
}

/** A redactor knowing `values`; more can be added as they become known (a suite loaded, a token given). */
export function createRedactor(values: Iterable<string | undefined> = []): Redactor {
  const known = new Set<string>();
  let byValue: RegExp | null = null;
  const redact = ((text: string): string => {
    if (typeof text !== 'string' || text === '') return text;
    let out = byValue ? text.replace(byValue, MASK) : text;
    // The shapes need an '=' or ':' (parameters, headers) or the word Bearer: most texts (every
    // answer and document id of a run) skip those scans.
    const keyValue = out.includes('=') || out.includes(':');
    if (keyValue) out = out.replace(PARAM, `$1${MASK}`);
    if (out.includes('Bearer')) out = out.replace(BEARER, `$1${MASK}`);
    if (keyValue) out = out.replace(HEADER, `$1${MASK}`);
    return out;
  }) as Redactor;
  redact.add = (more) => {
    let changed = false;
    for (const v of more) {
      if (v === undefined || v.length < MIN_VALUE || known.has(v)) continue;
      known.add(v);
      // The URL-encoded form too: a key echoed inside a URL is percent-encoded.
      const encoded = encodeURIComponent(v);
      if (encoded !== v) known.add(encoded);
      changed = true;
    }
    // Longest first, so a secret that contains another is masked whole.
    if (changed)
      byValue = new RegExp(
        [...known]
          .sort((a, b) => b.length - a.length)
          .map(escape)
          .join('|'),
        'g',
      );
  };
  redact.add(values);
  return redact;
}

/** Redact every string inside a JSON-like value (a copy; the input is not changed). */
export function redactDeep<T>(value: T, redact: (s: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => redactDeep(v, redact)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  return value;
}
