// The http-json target: POST a templated JSON body, read the answer and docs by path.
import { Pool } from 'undici';
import type { ResolvedTarget } from './options.js';
import type { GoldenCase } from '../model/golden.js';
import { asSignal, startDeadline } from './deadline.js';
import { extractAnswer, extractDocs, extractUsage } from './extract.js';
import { renderBody, TemplateError } from './template.js';
import {
  abortOutcome,
  excerpt,
  retryAfterMs,
  safeUrl,
  secretRedactor,
  statusClass,
  transportErrorClass,
  withResponseContext,
} from './transport-errors.js';
import { TargetCallError, type CallOptions, type Target, type TargetResponse } from './types.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readLimited, tooLarge } from './body-limit.js';

export interface TransportOptions {
  /** Maximum open connections to the target. @default 32 */
  connections?: number;
  /** Largest response body read, in wire bytes (src/targets/body-limit.ts). @default 4 MiB */
  maxResponseBytes?: number;
}

export const DEFAULT_CONNECTIONS = 32;

/** A Target that POSTs JSON to `t.url` over its own keep-alive connection pool. */
export function createHttpJsonTarget(t: ResolvedTarget, options: TransportOptions = {}): Target {
  const url = new URL(t.url);
  const pool = new Pool(url.origin, { connections: options.connections ?? DEFAULT_CONNECTIONS, keepAliveTimeout: 30_000 });
  const redact = secretRedactor(t);
  const where = `POST ${safeUrl(t.url)}`;
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...t.headers };

  async function call(testCase: GoldenCase, { signal, timeoutMs }: CallOptions): Promise<TargetResponse> {
    const body = JSON.stringify(render(t.body, testCase));
    const deadline = startDeadline(signal, timeoutMs);
    const start = performance.now();
    let ttfbMs: number | undefined;
    try {
      const response = await pool.request({ method: 'POST', path: url.pathname + url.search, headers, body, signal: asSignal(deadline) });
      ttfbMs = performance.now() - start;
      const text = (await readLimited(response.body, limit)).toString('utf8');
      const totalMs = performance.now() - start;
      const status = response.statusCode;
      if (status < 200 || status >= 300) {
        const header = (name: string): string | undefined => single(response.headers[name]);
        throw new TargetCallError(statusClass(status), redact(`${where}: HTTP ${status}${text ? ` ${excerpt(text)}` : ''}`), {
          status,
          retryAfterMs: status === 429 ? retryAfterMs(header) : undefined,
          elapsedMs: totalMs,
        });
      }
      const json = parseJson(text, where, status, totalMs);
      const [answer, docs] = withResponseContext(
        () => [extractAnswer(json, t.answer), extractDocs(json, t.docs)] as const,
        where,
        status,
        totalMs,
      );
      return { text: answer, docs, usage: extractUsage(json), status, ttfbMs, ttftMs: undefined, totalMs };
    } catch (error) {
      if (error instanceof TargetCallError) throw error.errorClass === 'response_too_large' ? tooLarge(limit, where) : error;
      const elapsedMs = performance.now() - start;
      const aborted = abortOutcome(deadline, signal, where, timeoutMs, elapsedMs);
      if (aborted !== undefined) throw aborted.error;
      const { errorClass, code } = transportErrorClass(error);
      const phase = ttfbMs === undefined ? 'before the response' : 'while reading the body';
      throw new TargetCallError(errorClass, redact(`${where}: ${code} ${phase}`), { elapsedMs, cause: error });
    } finally {
      deadline.clear();
    }
  }

  return {
    revision: t.revision,
    call,
    close: () => pool.close(),
  };
}

function render(template: unknown, testCase: GoldenCase): unknown {
  try {
    return renderBody(template, testCase);
  } catch (error) {
    // A case the template cannot fill is a bad request on both revisions alike: never retried.
    if (error instanceof TemplateError) throw new TargetCallError('4xx', `request template: ${error.message}`, { cause: error });
    throw error;
  }
}

function parseJson(text: string, where: string, status: number, elapsedMs: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new TargetCallError('extraction', `${where}: HTTP ${status} body is not JSON (${text.length} bytes)`, { status, elapsedMs });
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
