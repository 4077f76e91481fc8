// Small node:http helpers: read a request body, send JSON, parse chat messages from untrusted input.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatMessage } from './answer.js';

const MAX_BODY_BYTES = 1 << 20;

// Reads the whole request body as UTF-8 (at most 1 MiB).
export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('request body too large');
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

// Sends a JSON response unless the socket is already gone.
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

// Reads `messages` of a chat request: content may be a string or a list of `{type:'text', text}` parts.
export function parseMessages(input: unknown): ChatMessage[] | null {
  if (!Array.isArray(input)) return null;
  const messages: ChatMessage[] = [];
  for (const item of input as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { role, content } = item as { role?: unknown; content?: unknown };
    if (typeof role !== 'string') return null;
    messages.push({ role, content: contentText(content) });
  }
  return messages;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as unknown[])
    .map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : ''))
    .join('\n');
}
