// Small node:http helpers for the emulator: read a JSON body, send JSON, OpenAI-style errors.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 4 << 20;

// The request body parsed as JSON; undefined when it is not JSON (or larger than 4 MiB).
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) return undefined;
    parts.push(part);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    return undefined;
  }
}

// Sends a JSON response unless the socket is already gone.
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// Sends an error in the OpenAI shape `{ error: { message, type, code } }`.
export function sendError(res: ServerResponse, status: number, message: string, type = 'invalid_request_error'): void {
  sendJson(res, status, { error: { message, type, param: null, code: null } });
}
