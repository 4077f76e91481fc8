import { describe, expect, it } from 'vitest';
import type { Assertion } from '../../src/model/golden.js';
import { charLength, evaluateAssertions, parseJsonAnswer, wordCount } from '../../src/scoring/assertions.js';

const ANSWER = 'Take Ibuprofen 400 mg every 6 hours.';
const JSON_ANSWER = '{"drug": "ibuprofen", "doseMg": 400}';
const schema = { title: 'dose', type: 'object', required: ['drug', 'doseMg'], properties: { doseMg: { type: 'number', maximum: 800 } } };

describe('evaluateAssertions', () => {
  it.each<{ a: Assertion; text: string; label: string; pass: boolean; message?: RegExp }>([
    { a: { type: 'contains', value: 'ibuprofen', ignoreCase: true }, text: ANSWER, label: 'contains "ibuprofen"', pass: true },
    {
      a: { type: 'contains', value: 'ibuprofen', ignoreCase: false },
      text: ANSWER,
      label: 'contains "ibuprofen" (case-sensitive)',
      pass: false,
      message: /not found/,
    },
    {
      a: { type: 'contains', value: 'aspirin', ignoreCase: true },
      text: ANSWER,
      label: 'contains "aspirin"',
      pass: false,
      message: /not found/,
    },
    { a: { type: 'not-contains', value: 'ASPIRIN', ignoreCase: true }, text: ANSWER, label: 'not-contains "ASPIRIN"', pass: true },
    {
      a: { type: 'not-contains', value: 'IBUPROFEN', ignoreCase: true },
      text: ANSWER,
      label: 'not-contains "IBUPROFEN"',
      pass: false,
      message: /found in/,
    },
    { a: { type: 'regex', pattern: '\\d+\\s*mg', flags: '' }, text: ANSWER, label: 'regex /\\d+\\s*mg/', pass: true },
    { a: { type: 'regex', pattern: '^take', flags: '' }, text: ANSWER, label: 'regex /^take/', pass: false, message: /no match/ },
    { a: { type: 'regex', pattern: '^take', flags: 'gi' }, text: ANSWER, label: 'regex /^take/gi', pass: true },
    {
      a: { type: 'regex', pattern: '(unclosed', flags: '' },
      text: ANSWER,
      label: 'regex /(unclosed/',
      pass: false,
      message: /invalid regex/,
    },
    { a: { type: 'not-regex', pattern: 'aspirin', flags: 'i' }, text: ANSWER, label: 'not-regex /aspirin/i', pass: true },
    {
      a: { type: 'not-regex', pattern: 'every \\d+ hours', flags: '' },
      text: ANSWER,
      label: 'not-regex /every \\d+ hours/',
      pass: false,
      message: /matched/,
    },
    { a: { type: 'json' }, text: JSON_ANSWER, label: 'json', pass: true },
    { a: { type: 'json' }, text: '```json\n{"a": 1}\n```', label: 'json', pass: true },
    { a: { type: 'json' }, text: ANSWER, label: 'json', pass: false, message: /not valid JSON/ },
    { a: { type: 'json-schema', schema }, text: JSON_ANSWER, label: 'json-schema "dose"', pass: true },
    {
      a: { type: 'json-schema', schema },
      text: '{"doseMg": 1200}',
      label: 'json-schema "dose"',
      pass: false,
      message: /must have required property 'drug'.*must be <= 800/,
    },
    { a: { type: 'json-schema', schema: { type: 'array' } }, text: 'nope', label: 'json-schema', pass: false, message: /not valid JSON/ },
    {
      a: { type: 'json-schema', schema: { type: 'no-such-type' } },
      text: '{}',
      label: 'json-schema',
      pass: false,
      message: /invalid JSON Schema/,
    },
    { a: { type: 'max-length', value: 36, unit: 'chars' }, text: ANSWER, label: 'max-length 36 chars', pass: true },
    {
      a: { type: 'max-length', value: 10, unit: 'chars' },
      text: ANSWER,
      label: 'max-length 10 chars',
      pass: false,
      message: /^36 chars > 10$/,
    },
    { a: { type: 'max-length', value: 7, unit: 'words' }, text: ANSWER, label: 'max-length 7 words', pass: true },
    {
      a: { type: 'min-length', value: 8, unit: 'words' },
      text: ANSWER,
      label: 'min-length 8 words',
      pass: false,
      message: /^7 words < 8$/,
    },
    { a: { type: 'min-length', value: 3, unit: 'chars' }, text: 'é🙂x', label: 'min-length 3 chars', pass: true },
    { a: { type: 'not-refusal' }, text: ANSWER, label: 'not-refusal', pass: true },
    {
      a: { type: 'not-refusal' },
      text: "I'm sorry, but I can't help with that.",
      label: 'not-refusal',
      pass: false,
      message: /is a refusal/,
    },
    { a: { type: 'refusal' }, text: 'I cannot help with obtaining opioids without a prescription.', label: 'refusal', pass: true },
    { a: { type: 'refusal' }, text: ANSWER, label: 'refusal', pass: false, message: /not a refusal/ },
  ])('$label on $text → $pass', ({ a, text, label, pass, message }) => {
    const [outcome] = evaluateAssertions([a], text);
    expect(outcome?.label).toBe(label);
    expect(outcome?.pass).toBe(pass);
    if (message === undefined) expect(outcome?.message).toBeUndefined();
    else expect(outcome?.message).toMatch(message);
  });

  it('a global regex gives the same answer every time (lastIndex reset)', () => {
    const a: Assertion = { type: 'regex', pattern: 'mg', flags: 'g' };
    expect([1, 2, 3].map(() => evaluateAssertions([a], ANSWER)[0]?.pass)).toEqual([true, true, true]);
  });

  it('evaluates a list in order', () => {
    const outcomes = evaluateAssertions([{ type: 'json' }, { type: 'not-refusal' }], ANSWER);
    expect(outcomes.map((o) => o.pass)).toEqual([false, true]);
  });
});

describe('helpers', () => {
  it('counts code points and words', () => {
    expect(charLength('é🙂x')).toBe(3);
    expect(wordCount('  one\ttwo\nthree  ')).toBe(3);
    expect(wordCount('   ')).toBe(0);
  });

  it('parses fenced JSON only when the fence is the whole answer', () => {
    expect(parseJsonAnswer('```\n[1, 2]\n```')).toEqual({ ok: true, value: [1, 2] });
    expect(parseJsonAnswer('Here: ```json\n[1]\n```').ok).toBe(false);
  });
});
