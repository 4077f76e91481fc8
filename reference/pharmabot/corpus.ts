// Loads the MedQuAD RAG corpus once per process and splits each document into passages.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusDoc {
  id: string;
  title: string;
  text: string;
  /** The document's answer passages, in document order (split on blank lines). */
  passages: string[];
}

export interface Corpus {
  docs: CorpusDoc[];
  byId: Map<string, CorpusDoc>;
}

const RELATIVE = join('datasets', 'medquad-rag', 'corpus.jsonl');
const cache = new Map<string, Corpus>();

// Finds datasets/medquad-rag/corpus.jsonl by walking up from this module (works from src and dist).
export function defaultCorpusPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`pharmabot: cannot find ${RELATIVE} above ${fileURLToPath(import.meta.url)}`);
}

// Splits a document text into passages on blank lines, dropping empty ones.
export function splitPassages(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

// Loads (and caches per resolved path) the corpus; each line is `{id, title, text}`.
export function loadCorpus(path?: string): Corpus {
  const file = resolve(path ?? defaultCorpusPath());
  const cached = cache.get(file);
  if (cached) return cached;
  const docs: CorpusDoc[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as { id: string; title: string; text: string };
    docs.push({ id: raw.id, title: raw.title, text: raw.text, passages: splitPassages(raw.text) });
  }
  const corpus: Corpus = { docs, byId: new Map(docs.map((d) => [d.id, d])) };
  cache.set(file, corpus);
  return corpus;
}
