// Reading a streamed chat completion: text, time of the first token, citations and usage.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { extractUsage } from './extract.js';
import { type Usage } from '../model/outcome.js';
import { TargetCallError } from './types.js';

export interface StreamRead {
  text: string;
  /** performance.now() at the first chunk with non-empty `delta.content`. */
  firstTokenAt: number | undefined;
  usage: Usage | undefined;
  /**
   * A synthetic non-streamed response, `{...top-level fields, choices:[{message:{role, content, context}}]}`,
   * so the docs extractor reads streamed Azure citations (sent in the first delta's `context`) at the
   * same path as non-streamed ones.
   */
  json: unknown;
}

/** Consume the chunks of `stream` (choice 0 only). */
export async function readChatStream(stream: AsyncIterable<ChatCompletionChunk>): Promise<StreamRead> {
  let text = '';
  let firstTokenAt: number | undefined;
  let usage: Usage | undefined;
  let context: unknown;
  let chunks = 0;
  const topLevel: Record<string, unknown> = {};
  for await (const chunk of stream) {
    const now = performance.now();
    chunks++;
    const { choices, usage: chunkUsage, ...rest } = chunk as ChatCompletionChunk & Record<string, unknown>;
    Object.assign(topLevel, rest);
    // Azure sends a first chunk with `choices: []` (prompt filter results) and a last one with usage only.
    const choice = choices?.find((c) => c.index === 0) ?? choices?.[0];
    const delta = choice?.delta as (Record<string, unknown> & { content?: string | null }) | undefined;
    if (typeof delta?.content === 'string' && delta.content !== '') {
      firstTokenAt ??= now;
      text += delta.content;
    }
    if (context === undefined && delta?.['context'] !== undefined) context = delta['context'];
    usage = extractUsage({ usage: chunkUsage }) ?? usage;
  }
  if (chunks === 0) {
    throw new TargetCallError('extraction', 'the stream ended without any chunk');
  }
  const message = { role: 'assistant', content: text, ...(context === undefined ? {} : { context }) };
  return { text, firstTokenAt, usage, json: { ...topLevel, choices: [{ index: 0, message }] } };
}
