// Shared helpers for the pharmabot tests: golden cases and small HTTP calls.
import { readFileSync } from 'node:fs';
import { defaultCorpusPath } from '../../reference/pharmabot/corpus.js';

export interface GoldenCase {
  id: string;
  question: string;
  reference: string;
  expected_docs: string[];
  tags: string[];
}

// Reads datasets/medquad-rag/golden.jsonl next to the corpus.
export function loadGolden(): GoldenCase[] {
  const file = defaultCorpusPath().replace(/corpus\.jsonl$/, 'golden.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GoldenCase);
}

// POSTs a JSON body (or a raw string) and returns the response.
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface AskReply {
  answer: string;
  sources: Record<string, string>[];
  model: string;
}

// Asks pharmabot's /ask endpoint and returns the parsed reply.
export async function ask(url: string, question: string): Promise<AskReply> {
  const res = await post(`${url}/ask`, { question });
  if (res.status !== 200) throw new Error(`/ask answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as AskReply;
}

// Runs `fn` over `items` with at most `limit` in flight, keeping the input order.
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}
