// Wire formats: OpenAI / Azure chat completions (whole and streamed) and the plain /ask answer.
import type { BotAnswer, ChatMessage } from './answer.js';
import type { Flaws } from './flaws.js';
import { randomInt, type Rng } from './random.js';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ReplyMeta {
  id: string;
  model: string;
  created: number;
}

type Schema = Flaws['citationSchema'];

// Approximate token count: words * 1.3, rounded (deterministic).
export function countTokens(text: string): number {
  return Math.round((text.match(/\S+/g)?.length ?? 0) * 1.3);
}

// Usage block for a conversation and its answer.
export function usageOf(messages: readonly ChatMessage[], answer: string): Usage {
  const prompt = messages.reduce((sum, m) => sum + countTokens(m.content), 0);
  const completion = countTokens(answer);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

// Azure "On Your Data" style citations; schema v2 renames `filepath` to `source_ref`.
export function citationsOf(answer: BotAnswer, schema: Schema): Record<string, string>[] {
  return answer.sources.map(({ doc, passage }) => {
    const idField = schema === 'v2' ? 'source_ref' : 'filepath';
    return {
      title: doc.title,
      [idField]: doc.id,
      url: `https://pharmabot.local/docs/${doc.id}`,
      chunk_id: String(passage),
      content: (doc.passages[passage] ?? '').slice(0, 400),
    };
  });
}

// A whole (non-streamed) chat.completion object.
export function completionBody(meta: ReplyMeta, messages: readonly ChatMessage[], answer: BotAnswer, schema: Schema): object {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        logprobs: null,
        message: {
          role: 'assistant',
          content: answer.text,
          refusal: null,
          context: { citations: citationsOf(answer, schema) },
        },
      },
    ],
    usage: usageOf(messages, answer.text),
  };
}

function chunk(meta: ReplyMeta, choices: object[], extra: object = {}): object {
  return { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model, choices, ...extra };
}

// Splits an answer into 3-8 streamed pieces that concatenate back to it exactly.
export function splitDeltas(text: string, rng: Rng): string[] {
  const words = text.match(/\S+\s*/g) ?? [];
  if (words.length === 0) return [text];
  const pieces = Math.min(words.length, randomInt(rng, 3, 8));
  const size = Math.ceil(words.length / pieces);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  out[0] = lead + (out[0] ?? '');
  return out;
}

// The chat.completion.chunk objects of a streamed answer, in order (without the [DONE] marker).
export function streamChunks(
  meta: ReplyMeta,
  messages: readonly ChatMessage[],
  answer: BotAnswer,
  schema: Schema,
  includeUsage: boolean,
  rng: Rng,
): object[] {
  const chunks: object[] = [];
  splitDeltas(answer.text, rng).forEach((content, i) => {
    const delta = i === 0 ? { role: 'assistant', content, context: { citations: citationsOf(answer, schema) } } : { content };
    chunks.push(chunk(meta, [{ index: 0, delta, finish_reason: null, logprobs: null }]));
  });
  chunks.push(chunk(meta, [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }]));
  if (includeUsage) chunks.push(chunk(meta, [], { usage: usageOf(messages, answer.text) }));
  return chunks;
}

// The /ask answer; schema v2 renames `sources[].id` to `sources[].doc`.
export function askBody(answer: BotAnswer, model: string, schema: Schema): object {
  const sources = answer.sources.map(({ doc }) => (schema === 'v2' ? { doc: doc.id, title: doc.title } : { id: doc.id, title: doc.title }));
  return { answer: answer.text, sources, model };
}

// An OpenAI-style error body.
export function errorBody(message: string, type: string, code: string | null): object {
  return { error: { message, type, param: null, code } };
}
