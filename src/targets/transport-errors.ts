// Classifying transport failures and HTTP statuses, and keeping secrets out of error messages.
import { type ErrorClass } from '../model/outcome.js';
import { TargetCallError } from './types.js';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** 'timeout' or 'connection' for a network-level error (walks the `cause` chain for a code). */
export function transportErrorClass(error: unknown): { errorClass: 'timeout' | 'connection'; code: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return { errorClass: TIMEOUT_CODES.has(code) ? 'timeout' : 'connection', code };
    current = current.cause;
  }
  // Sockets closed without a code (e.g. fetch's "terminated") are still connection failures.
  return { errorClass: 'connection', code: error instanceof Error ? error.message : String(error) };
}

/** The error class of a non-2xx HTTP status. */
export function statusClass(status: number): ErrorClass {
  if (status === 429) return '429';
  return status >= 500 ? '5xx' : '4xx';
}

/** Delay requested by `retry-after-ms` (Azure/OpenAI) or `Retry-After` (seconds or an HTTP date), in ms. */
export function retryAfterMs(header: (name: string) => string | null | undefined, now = Date.now()): number | undefined {
  const ms = header('retry-after-ms');
  if (ms != null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Math.round(Number(ms)));
  const value = header('retry-after')?.trim();
  if (value == null || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A URL fit for messages: no credentials, no query string (Azure keys sometimes ride there). */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

const SENSITIVE_HEADER = /authorization|api-?key|token|secret|cookie|password|signature/i;

/**
 * A function that replaces every secret value in a text: the API key, values of headers that came
 * from env references, and of headers whose names look sensitive. Defence in depth: our own
 * messages never include header values, but servers sometimes echo a key back in an error body.
 */
export function secretRedactor(t: {
  apiKey?: string | undefined;
  headers: Record<string, string>;
  secretHeaders: string[];
}): (text: string) => string {
  const secretNames = new Set(t.secretHeaders.map((n) => n.toLowerCase()));
  const secrets = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value === undefined) return;
    secrets.add(value);
    const bare = value.replace(/^(Bearer|Basic)\s+/i, '');
    if (bare.length >= 4) secrets.add(bare);
  };
  add(t.apiKey);
  for (const [name, value] of Object.entries(t.headers)) {
    if (secretNames.has(name.toLowerCase()) || SENSITIVE_HEADER.test(name)) add(value);
  }
  const list = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => list.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** A short, single-line excerpt of an error body for a message. */
export function excerpt(body: string, max = 200): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** The error to throw when the call's deadline or the caller ended it; undefined otherwise. */
export function abortOutcome(
  deadline: { timedOut: boolean },
  caller: AbortSignal,
  what: string,
  timeoutMs: number,
  elapsedMs: number,
): { error: unknown } | undefined {
  if (deadline.timedOut)
    return { error: new TargetCallError('timeout', `${what}: no complete response within ${timeoutMs}ms`, { elapsedMs }) };
  if (caller.aborted) return { error: caller.reason };
  return undefined;
}

/** Run an extraction step, prefixing its error with the request and attaching status and latency. */
export function withResponseContext<T>(step: () => T, where: string, status: number, elapsedMs: number): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof TargetCallError)) throw error;
    throw new TargetCallError(error.errorClass, `${where}: ${error.message}`, { status, elapsedMs, cause: error.cause });
  }
}
