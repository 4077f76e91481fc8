// Small node:http helpers for the ARM emulator: read a JSON body, send JSON, ARM-style errors.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1 << 20;

/** The raw body text, and its JSON value (undefined when empty or not JSON). */
export async function readBody(req: IncomingMessage): Promise<{ text: string; json: unknown }> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) break;
    parts.push(part);
  }
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return { text, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return { text, json: undefined };
  }
}

// Sends a JSON response (or an empty one when body is undefined) unless the socket is already gone.
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text === '' ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    'content-length': String(Buffer.byteLength(text)),
    'x-ms-request-id': crypto.randomUUID(),
    ...headers,
  });
  res.end(text);
}

/** An error answer in the ARM shape `{ error: { code, message } }`. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

// Sends an ArmError as ARM does.
export function sendArmError(res: ServerResponse, error: ArmError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}

/** One header as a string (first value when repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
