// sanitizeText and the redactor skip their scans for texts without the characters they act on:
// the skipped cases must come out as before.
import { describe, expect, it } from 'vitest';
import { sanitizeText } from '../../src/report/sanitize.js';
import { createRedactor } from '../../src/secrets/redact.js';

describe('sanitizeText', () => {
  it.each([
    ['plain text', 'Take 400 mg every 6 hours.\tThen rest.\n', 'Take 400 mg every 6 hours.\tThen rest.\n'],
    ['ANSI colour', 'a\u001b[31mred\u001b[0m b', 'ared b'],
    ['CRLF and CR', 'a\r\nb\rc', 'a\nb\nc'],
    ['NUL and C1', 'a\u0000b\u0085c', 'a\ufffdb\ufffdc'],
    ['bidi override', 'abc\u202edef', 'abc<U+202E>def'],
    ['a workflow command', 'x\n::error::boom', 'x\n: :error::boom'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });
});

describe('redactor', () => {
  const redact = createRedactor(['sk-live-123456']);
  it.each([
    ['plain text', 'Ibuprofen is usually safe for short periods.', 'Ibuprofen is usually safe for short periods.'],
    ['a known value', 'key sk-live-123456 here', 'key *** here'],
    ['a query parameter', 'https://x/y?code=abc123&z=1', 'https://x/y?code=***&z=1'],
    ['a bearer token', 'sent Bearer abc.def-123', 'sent Bearer ***'],
    ['a header echo', 'api-key: abcdef123', 'api-key: ***'],
    ['an authorization header with a bearer', 'Authorization: Bearer abc123', 'Authorization: ***'],
  ])('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});
