// Reading the answer text, retrieved document ids and token usage out of a response body.
import type { DocsExtract } from './options.js';
import { getPath } from './path.js';
import { type Usage } from '../model/outcome.js';
import { TargetCallError } from './types.js';

/** Where each docs preset reads ids from; config resolution fills `path` / `id` from here. */
export const DOCS_PRESETS = {
  'azure-on-your-data': { path: 'choices[0].message.context.citations', id: ['filepath', 'url', 'title', 'chunk_id'] },
  sources: { path: 'sources', id: ['id'] },
} as const satisfies Record<string, { path: string; id: readonly string[] }>;

/** The answer text at `path`; anything but a string is an extraction error. */
export function extractAnswer(json: unknown, path: string): string {
  const value = read(json, path);
  if (typeof value === 'string') return value;
  const found = value === undefined ? 'nothing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  throw new TargetCallError('extraction', `expected the answer text at ${path}, found ${found}; set target.answer`);
}

/**
 * Retrieved document ids in rank order, or undefined for preset `none`.
 *
 * A configured docs path that is missing from the response is an extraction error, not an
 * empty list: when a revision changes its citation schema, scoring it as "retrieved nothing"
 * would silently wreck the RAG metrics instead of pointing at the config. Only an explicit
 * empty array means zero documents.
 */
export function extractDocs(json: unknown, docs: DocsExtract): string[] | undefined {
  if (docs.preset === 'none') return undefined;
  const fallback = docs.preset === 'custom' ? undefined : DOCS_PRESETS[docs.preset];
  const path = docs.path || fallback?.path || '';
  const fields = docs.id.length > 0 ? docs.id : (fallback?.id ?? []);
  const items = read(json, path);
  if (items === undefined) {
    throw new TargetCallError('extraction', `no document list at ${path} in the response; set target.docs.path (or preset: none)`);
  }
  if (!Array.isArray(items)) {
    throw new TargetCallError(
      'extraction',
      `expected a list of documents at ${path}, found ${items === null ? 'null' : typeof items}; set target.docs.path`,
    );
  }
  return items.map((item, i) => itemId(item, fields, `${path}[${i}]`));
}

function itemId(item: unknown, fields: readonly string[], where: string): string {
  if (typeof item === 'string' && item !== '') return item;
  if (typeof item === 'number') return String(item);
  if (item !== null && typeof item === 'object') {
    for (const field of fields) {
      const value = (item as Record<string, unknown>)[field];
      if ((typeof value === 'string' && value !== '') || typeof value === 'number') return String(value);
    }
  }
  throw new TargetCallError('extraction', `no id field (${fields.join('|')}) in ${where}; set target.docs.id`);
}

/** OpenAI-style `usage` ({prompt_tokens, completion_tokens, total_tokens}) at the root, if present. */
export function extractUsage(json: unknown): Usage | undefined {
  const usage = read(json, 'usage');
  if (usage === null || typeof usage !== 'object') return undefined;
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = usage as Record<string, unknown>;
  if (typeof prompt !== 'number' || typeof completion !== 'number') return undefined;
  return { prompt, completion, total: typeof total === 'number' ? total : prompt + completion };
}

// A malformed path is a config problem; surface it as a non-retryable extraction error.
function read(json: unknown, path: string): unknown {
  try {
    return getPath(json, path);
  } catch (error) {
    throw new TargetCallError('extraction', (error as Error).message, { cause: error });
  }
}
