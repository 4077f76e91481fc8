// Builders for attempt records and golden cases used by the scoring tests.
import type { GoldenCase } from '../../src/config/golden-schema.js';
import type { AttemptRecord } from '../../src/replay/types.js';
import type { ErrorClass, Revision } from '../../src/targets/types.js';

// A successful attempt.
export function ok(revision: Revision, repeat: number, text: string, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return { caseId: 'c1', revision, repeat, ok: true, text, retries: 0, latencyMs: 100, at: '2025-01-01T00:00:00.000Z', ...extra };
}

// A failed attempt (after retries).
export function failed(revision: Revision, repeat: number, cls: ErrorClass, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return { caseId: 'c1', revision, repeat, ok: false, retries: 0, error: { class: cls, message: `${cls} error` }, at: '2025-01-01T00:00:00.000Z', ...extra };
}

// A golden case with schema defaults applied (tags [], critical false).
export function golden(fields: Partial<GoldenCase> = {}): GoldenCase {
  return { id: 'c1', tags: [], critical: false, question: 'How much ibuprofen can I take?', ...fields };
}
