// The openai-chat target: chat completions, plain ones straight over undici with the SDK's URL and
// headers (src/targets/openai-direct.ts), streamed ones through the `openai` SDK.
import type OpenAI from 'openai';
import { Agent } from 'undici';
import type { GoldenCase } from '../model/golden.js';
import type { ResolvedTarget } from './options.js';
import { startDeadline, type AbortLike } from './deadline.js';
import { extractDocs, extractUsage } from './extract.js';
import { DEFAULT_CONNECTIONS, type TransportOptions } from './http-json.js';
import { caseMessages } from './messages.js';
import { createDirectChat, type DirectChat } from './openai-direct.js';
import { createOpenAIClient, probeFetchOptions, splitQuery, type FetchProbe, type SdkFetchOptions } from './openai-client.js';
import { fromSdkError } from './openai-errors.js';
import { getPath } from './path.js';
import { readChatStream } from './openai-stream.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './body-limit.js';
import { abortOutcome, safeUrl, secretRedactor } from './transport-errors.js';
import { TargetCallError, type CallOptions, type Target, type TargetResponse } from './types.js';

// Our own deadline ends the call; the SDK's header timeout is only a backstop behind it.
const SDK_TIMEOUT_GRACE_MS = 1_000;

/** A Target calling an OpenAI-compatible (or Azure OpenAI) chat completions endpoint. */
export function createOpenAIChatTarget(t: ResolvedTarget, options: TransportOptions = {}): Target {
  const agent = new Agent({ connections: options.connections ?? DEFAULT_CONNECTIONS, keepAliveTimeout: 30_000 });
  // One client for every call; each call's timing comes back through its own probe (fetchOptions).
  const client = createOpenAIClient(t, agent, options.maxResponseBytes);
  // Plain calls go around the SDK's request path (src/targets/openai-direct.ts); streams through it.
  const direct = t.stream ? undefined : createDirectChat(client, agent, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  // The JSON of the last case's body: a case's repeats (and retries) are sent back to back.
  let last: { testCase: GoldenCase; json: string } | undefined;
  const redact = secretRedactor(t);
  const where = `POST ${safeUrl(`${splitQuery(t.url).base}/chat/completions`)}`;

  async function call(testCase: GoldenCase, { signal, timeoutMs }: CallOptions): Promise<TargetResponse> {
    const probe: FetchProbe = { startedAt: undefined, headersAt: undefined, status: undefined };
    const deadline = startDeadline(signal, timeoutMs);
    const callStart = performance.now();
    const elapsed = (): number => performance.now() - (probe.startedAt ?? callStart);
    const sdkTimeout = Math.ceil(timeoutMs) + SDK_TIMEOUT_GRACE_MS;
    try {
      let result: Outcome;
      if (direct !== undefined) {
        if (last?.testCase !== testCase) last = { testCase, json: JSON.stringify(requestBody(t, testCase)) };
        result = await plain(direct, last.json, deadline, sdkTimeout, probe);
      } else {
        const requestOptions = { signal: deadline.signal, timeout: sdkTimeout, fetchOptions: probeFetchOptions(probe) };
        result = await streamed(client, requestBody(t, testCase), requestOptions, probe);
      }
      // The SDK ends a stream quietly when its signal aborts: check before trusting the text.
      const aborted = abortOutcome(deadline, signal, where, timeoutMs, elapsed());
      if (aborted !== undefined) throw aborted.error;
      return { ...result.response, docs: extractDocs(result.json, t.docs) };
    } catch (error) {
      const aborted = abortOutcome(deadline, signal, where, timeoutMs, elapsed());
      if (aborted !== undefined) throw aborted.error;
      throw fromSdkError(error, { where, redact, elapsedMs: elapsed(), status: probe.status });
    } finally {
      deadline.clear();
    }
  }

  return { revision: t.revision, call, close: () => agent.close() };
}

type Body = Record<string, unknown>;
type RequestOptions = { signal: AbortSignal; timeout: number; fetchOptions: SdkFetchOptions };
interface Outcome {
  response: Omit<TargetResponse, 'docs'>;
  /** The response as JSON (streams: a synthetic `{choices:[{message:{content, context}}]}`) for docs extraction. */
  json: unknown;
}

/** The request body, `stream` last (after extraBody, as the SDK params always had it). */
function requestBody(t: ResolvedTarget, testCase: GoldenCase): Body {
  let body: Body = { model: t.model ?? 'default', messages: caseMessages(testCase, t.system) };
  if (t.temperature !== undefined) body['temperature'] = t.temperature;
  if (t.maxTokens !== undefined) body['max_tokens'] = t.maxTokens;
  if (t.stream) body['stream_options'] = { include_usage: true };
  if (t.extraBody !== undefined) body = { ...body, ...t.extraBody };
  // A `stream` key from extraBody keeps its place and gets our value, as `{...body, stream}` did.
  body['stream'] = t.stream === true;
  return body;
}

async function plain(direct: DirectChat, body: string, signal: AbortLike, sdkTimeout: number, probe: FetchProbe): Promise<Outcome> {
  const data = await direct.send(body, signal, sdkTimeout, probe);
  const end = performance.now();
  const start = probe.startedAt ?? end;
  const json: unknown = data;
  const text = getPath(json, 'choices[0].message.content');
  if (typeof text !== 'string') {
    const finish = getPath(json, 'choices[0].finish_reason');
    const detail = typeof json === 'string' ? 'the body is not JSON' : `finish_reason: ${typeof finish === 'string' ? finish : 'none'}`;
    throw new TargetCallError('extraction', `no answer text at choices[0].message.content (${detail})`, { elapsedMs: end - start });
  }
  const totalMs = end - start;
  const ttfbMs = (probe.headersAt ?? end) - start;
  return {
    response: { text, usage: extractUsage(json), status: probe.status ?? 200, ttfbMs, ttftMs: undefined, totalMs },
    json,
  };
}

async function streamed(client: OpenAI, body: Body, options: RequestOptions, probe: FetchProbe): Promise<Outcome> {
  const params = body as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming;
  const { data: stream, response } = await client.chat.completions.create(params, options).withResponse();
  const type = response.headers.get('content-type') ?? 'none';
  if (!type.includes('text/event-stream')) {
    stream.controller.abort();
    throw new TargetCallError('extraction', `expected an event stream, got content-type ${type} (does the server support stream: true?)`);
  }
  const read = await readChatStream(stream);
  const end = performance.now();
  const start = probe.startedAt ?? end;
  return {
    response: {
      text: read.text,
      usage: read.usage,
      status: response.status,
      ttfbMs: (probe.headersAt ?? end) - start,
      ttftMs: read.firstTokenAt === undefined ? undefined : read.firstTokenAt - start,
      totalMs: end - start,
    },
    json: read.json,
  };
}
