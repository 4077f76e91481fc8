// LLM-as-judge through an OpenAI-compatible chat endpoint: a rubric grade against the reference,
// and a pairwise blue-vs-green preference asked in both orders. Outputs are cached.
import { cacheKey, openCache, type CacheKind, type SemanticCache } from './cache.js';
import { createSemanticClient } from './client.js';
import { SemanticError } from './errors.js';
import type { CallOptions, JudgeOptions } from './options.js';
import { combineVotes, type PairwiseResult, type Vote } from './pairwise.js';
import { JUDGE_PROMPT_VERSION, pairwiseMessages, rubricMessages, type ChatMessage } from './prompts.js';
import { parsePairwiseReply, parseRubricReply, ReplyError } from './reply.js';

export const DEFAULT_JUDGE_TEMPERATURE = 0;
export const DEFAULT_JUDGE_SEED = 7;

export interface RubricInput {
  question: string;
  reference: string;
  answer: string;
  /** Replaces the default 1-5 scale description. */
  rubric?: string | undefined;
}

export interface RubricResult {
  /** The 1-5 grade mapped to 0..1 ((grade - 1) / 4). */
  score: number;
  reason: string;
  /** The judge's reply text, as received. */
  raw: string;
}

export interface PairwiseInput {
  question: string;
  reference?: string | undefined;
  /** Blue's answer. */
  a: string;
  /** Green's answer. */
  b: string;
}

/** What to record next to judge scores so a run can be reproduced. */
export interface JudgeInfo {
  model: string;
  temperature: number;
  seed: number;
  promptVersion: string;
}

export interface Judge {
  /** Grade one answer against the reference. Throws SemanticError. */
  rubric(input: RubricInput, options?: CallOptions): Promise<RubricResult>;
  /** Blue vs green, asked twice with positions swapped (blue as A, then green as A). Throws SemanticError. */
  pairwise(input: PairwiseInput, options?: CallOptions): Promise<PairwiseResult>;
  info(): JudgeInfo;
  readonly cache: SemanticCache;
  close(): Promise<void>;
}

/** A judge for one model and endpoint. */
export function createJudge(o: JudgeOptions): Judge {
  const info: JudgeInfo = {
    model: o.model,
    temperature: o.temperature ?? DEFAULT_JUDGE_TEMPERATURE,
    seed: o.seed ?? DEFAULT_JUDGE_SEED,
    promptVersion: JUDGE_PROMPT_VERSION,
  };
  const client = createSemanticClient(o, 'RG_JUDGE_FAILED');
  const cache = openCache(o.cacheDir);
  const params = { temperature: info.temperature, seed: info.seed, prompt: JUDGE_PROMPT_VERSION };

  // One chat completion, parsed by `parse`; only replies that parse are cached.
  async function ask<T>(
    kind: CacheKind,
    inputs: string[],
    messages: ChatMessage[],
    parse: (raw: string) => T,
    options: CallOptions,
  ): Promise<T> {
    const key = cacheKey(kind, o.model, inputs, params);
    const cached = await cache.get(key);
    if (cached !== undefined) {
      try {
        return parse((cached as { raw?: unknown }).raw as string);
      } catch {
        // A stale or corrupt entry: ask again.
      }
    }
    const result = await client.call(
      '/chat/completions',
      async (sdk, requestOptions) => {
        const completion = await sdk.chat.completions.create(
          { model: o.model, messages, temperature: info.temperature, seed: info.seed, response_format: { type: 'json_object' } },
          requestOptions,
        );
        const raw = completion.choices[0]?.message.content;
        if (typeof raw !== 'string') throw judgeError(`no reply text (finish_reason: ${completion.choices[0]?.finish_reason ?? 'none'})`);
        try {
          return parse(raw);
        } catch (error) {
          if (error instanceof ReplyError) throw judgeError(`${error.message}; reply: ${excerpt(raw)}`);
          throw error;
        }
      },
      options,
    );
    await cache.set(key, result, { kind, model: o.model });
    return result;
  }

  function rubric(input: RubricInput, options: CallOptions = {}): Promise<RubricResult> {
    const inputs = [input.question, input.reference, input.answer, input.rubric ?? ''];
    return ask('judge.rubric', inputs, rubricMessages(input), (raw) => ({ ...parseRubricReply(raw), raw }), options);
  }

  async function pairwise(input: PairwiseInput, options: CallOptions = {}): Promise<PairwiseResult> {
    const one = (a: string, b: string): Promise<Vote> => {
      const messages = pairwiseMessages({ question: input.question, reference: input.reference, a, b });
      const inputs = [input.question, input.reference ?? '', a, b];
      return ask('judge.pairwise', inputs, messages, (raw) => ({ ...parsePairwiseReply(raw), raw }), options);
    };
    const [blueFirst, greenFirst] = await Promise.all([one(input.a, input.b), one(input.b, input.a)]);
    return combineVotes(blueFirst, greenFirst);
  }

  return { rubric, pairwise, info: () => ({ ...info }), cache, close: () => client.close() };
}

function judgeError(message: string): SemanticError {
  return new SemanticError('RG_JUDGE_FAILED', 'extraction', message);
}

function excerpt(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
}
