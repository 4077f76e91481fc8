// Choosing the Target implementation for a resolved target.
import type { ResolvedTarget } from './options.js';
import { createHttpJsonTarget, type TransportOptions } from './http-json.js';
import { createOpenAIChatTarget } from './openai-chat.js';
import type { Target } from './types.js';

/** The Target for `t.kind`, with its own connection pool sized by `options.connections`. */
export function createTarget(t: ResolvedTarget, options: TransportOptions = {}): Target {
  switch (t.kind) {
    case 'openai-chat':
      return createOpenAIChatTarget(t, options);
    case 'http-json':
      return createHttpJsonTarget(t, options);
  }
}
