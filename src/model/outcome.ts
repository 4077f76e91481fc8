// The vocabulary of a call's outcome, shared by targets, replay, scoring and reports.

export type Revision = 'blue' | 'green';

/** Error classes counted apart: 429 is the environment's quota, not a green failure. */
export type ErrorClass = '5xx' | '4xx' | '429' | 'timeout' | 'connection' | 'extraction' | 'response_too_large';
export const ERROR_CLASSES: readonly ErrorClass[] = ['5xx', '4xx', '429', 'timeout', 'connection', 'extraction', 'response_too_large'];

export interface Usage {
  prompt: number;
  completion: number;
  total: number;
}
