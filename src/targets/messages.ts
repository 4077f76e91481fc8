// How a golden case becomes a question and a chat conversation.
import type { GoldenCase } from '../model/golden.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * The single question of a case: `question`, else `vars.question`, else the vars as JSON,
 * else the last user message of a multi-turn case.
 */
export function caseQuestion(testCase: GoldenCase): string {
  if (testCase.question !== undefined) return testCase.question;
  if (testCase.vars !== undefined) {
    const fromVars = testCase.vars['question'];
    return typeof fromVars === 'string' ? fromVars : JSON.stringify(testCase.vars);
  }
  const lastUser = testCase.messages?.findLast((m) => m.role === 'user');
  return lastUser?.content ?? '';
}

/** The conversation of a case: its `messages`, or one user turn; `system` is prepended when the case has none. */
export function caseMessages(testCase: GoldenCase, system?: string): ChatMessage[] {
  const messages: ChatMessage[] = testCase.messages ?? [{ role: 'user', content: caseQuestion(testCase) }];
  if (system === undefined || messages.some((m) => m.role === 'system')) return messages;
  return [{ role: 'system', content: system }, ...messages];
}
