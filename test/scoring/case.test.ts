import { describe, expect, it } from 'vitest';
import { scoreCase } from '../../src/scoring/case.js';
import { ragScores } from '../../src/scoring/rag.js';
import { similarity } from '../../src/scoring/text.js';
import { failed, golden, ok } from './fixtures.js';

const OPTIONS = { k: 3, driftTolerance: 0.3, assertPassRatio: 1 };
const REFERENCE = 'Adults can take 200 to 400 mg of ibuprofen every 4 to 6 hours.';
const GOOD = 'Adults can take 200 to 400 mg of ibuprofen every 4 to 6 hours, with food.';
const REFUSAL = "I'm sorry, but I can't help with dosing questions.";

const testCase = golden({
  reference: REFERENCE,
  expected_docs: ['d1', 'd2'],
  assert: [{ type: 'contains', value: 'ibuprofen', ignoreCase: true }, { type: 'not-refusal' }],
  tags: ['dosing'],
  critical: true,
});

describe('scoreCase', () => {
  const blue = [
    ok('blue', 0, GOOD, { docs: ['d1', 'd2', 'x'], latencyMs: 120, ttftMs: 30, usage: { prompt: 100, completion: 20, total: 120 } }),
    ok('blue', 1, GOOD, {
      docs: ['d1', 'x', 'd2'],
      latencyMs: 140,
      ttftMs: 50,
      usage: { prompt: 100, completion: 40, total: 140 },
      retries: 1,
      retriedOn: ['429'],
    }),
  ];
  // Given out of repeat order on purpose.
  const green = [
    ok('green', 2, REFUSAL, { docs: ['x', 'y', 'd2'], latencyMs: 300 }),
    failed('green', 1, '5xx', { retries: 2, retriedOn: ['5xx', '5xx'] }),
    ok('green', 0, GOOD, { docs: ['d2', 'y', 'x'], latencyMs: 200 }),
  ];
  const record = scoreCase(testCase, { blue, green }, OPTIONS);

  it('summarises each revision', () => {
    expect(record.blue).toMatchObject({
      attempts: 2,
      errors: 0,
      errorClasses: {},
      retries: 1,
      outputs: [GOOD, GOOD],
      docs: ['d1', 'd2', 'x'],
      refusals: 0,
    });
    expect(record.blue.latencyMs).toEqual([120, 140]);
    expect(record.blue.ttftMs).toEqual([30, 50]);
    expect(record.blue.usage).toEqual({ prompt: 100, completion: 30, total: 130 });
    expect(record.green).toMatchObject({
      attempts: 3,
      errors: 1,
      errorClasses: { '5xx': 1 },
      retries: 2,
      outputs: [GOOD, REFUSAL],
      docs: ['d2', 'y', 'x'],
      refusals: 1,
      usage: null,
    });
    expect(record.green.latencyMs).toEqual([200, 300]);
    expect(record.green.ttftMs).toEqual([]);
  });

  it('averages RAG scores over successful attempts with docs', () => {
    const a = ragScores(['d1', 'd2'], ['d2', 'y', 'x'], 3);
    const b = ragScores(['d1', 'd2'], ['x', 'y', 'd2'], 3);
    expect(record.green.rag?.recall).toBeCloseTo(0.5, 12);
    expect(record.green.rag?.mrr).toBeCloseTo((1 + 1 / 3) / 2, 12);
    expect(record.green.rag?.ndcg).toBeCloseTo((a.ndcg + b.ndcg) / 2, 12);
    expect(record.blue.rag).toMatchObject({ hit: 1, recall: 1, mrr: 1 });
  });

  it('scores similarity to the reference', () => {
    const good = similarity(GOOD, REFERENCE);
    const bad = similarity(REFUSAL, REFERENCE);
    expect(record.blue.ref?.f1).toBeCloseTo(good.f1, 12);
    expect(record.green.ref?.rougeL).toBeCloseTo((good.rougeL + bad.rougeL) / 2, 12);
  });

  it('applies assertions k-of-n on successful attempts', () => {
    expect(record.blue.assertions).toEqual({ passes: 2, n: 2, passed: true, failures: [] });
    expect(record.green.assertions).toMatchObject({ passes: 1, n: 2, passed: false });
    expect(record.green.assertions.failures).toEqual([
      { label: 'contains "ibuprofen"', pass: false, message: 'not found in the answer' },
      { label: 'not-refusal', pass: false, message: 'the answer is a refusal' },
    ]);
    const lenient = scoreCase(testCase, { blue, green }, { ...OPTIONS, assertPassRatio: 0.5 });
    expect(lenient.green.assertions.passed).toBe(true);
    expect(lenient.status).toBe('pass');
  });

  it('compares green with blue', () => {
    const pairs = [similarity(GOOD, GOOD), similarity(GOOD, GOOD), similarity(REFUSAL, GOOD), similarity(REFUSAL, GOOD)];
    expect(record.pair.drift?.rougeL).toBeCloseTo(pairs.reduce((s, p) => s + p.rougeL, 0) / 4, 12);
    expect(record.pair.moved).toBe(record.pair.drift!.rougeL < 0.7);
    expect(record.pair.docsJaccard).toBeCloseTo(2 / 4, 12); // {d1,d2,x} vs {d2,y,x}: {d2,x} of {d1,d2,x,y}
    expect(record.pair.lostDocs).toEqual(['d1']);
  });

  it('sets status, reasons and regression', () => {
    expect(record.status).toBe('fail');
    expect(record.reasons[0]).toBe('green: assertions passed on 1 of 2 answers (needs ≥ 100%)');
    expect(record.reasons).toHaveLength(3);
    expect(record).toMatchObject({
      id: 'c1',
      tags: ['dosing'],
      critical: true,
      prompt: testCase.question,
      turns: 1,
      reference: REFERENCE,
      expectedDocs: ['d1', 'd2'],
    });
    // fail (1) + critical (1) + several positive deltas
    expect(record.regression).toBeGreaterThan(2);
  });

  it('is an error when green has no successful attempt', () => {
    const r = scoreCase(testCase, { blue, green: [failed('green', 0, 'timeout'), failed('green', 1, '429', { retries: 3 })] }, OPTIONS);
    expect(r.status).toBe('error');
    expect(r.reasons).toEqual(['green: all 2 attempts failed (429: 1, timeout: 1)']);
    expect(r.green).toMatchObject({
      outputs: [],
      docs: null,
      rag: null,
      ref: null,
      assertions: { passes: 0, n: 0, passed: null, failures: [] },
    });
    // blue's two identical answers still give a noise band; nothing to place in it
    expect(r.pair).toEqual({
      drift: null,
      moved: null,
      docsJaccard: null,
      lostDocs: [],
      noise: { rougeL: 1, f1: 1, min: 1, max: 1, pairs: 1 },
      position: null,
      numbers: null,
    });
    expect(r.regression).toBeGreaterThanOrEqual(3);
  });

  it('a case green mostly refuses while blue answers is never listed as passing, even without an assertion', () => {
    const plain = golden({ reference: REFERENCE });
    const refusing = [ok('green', 0, REFUSAL), ok('green', 1, REFUSAL), ok('green', 2, GOOD)];
    const r = scoreCase(plain, { blue, green: refusing }, OPTIONS);
    expect(r.status).toBe('fail');
    expect(r.reasons).toEqual(['green: refused 2 of 3 answers (blue refused 0 of 2)']);
    // When blue refuses too (a question both should decline), green's refusal is no regression.
    const both = scoreCase(plain, { blue: [ok('blue', 0, REFUSAL), ok('blue', 1, REFUSAL)], green: refusing }, OPTIONS);
    expect(both.status).toBe('pass');
    // One refusal in three is not "mostly": the refusal rate test weighs it, the case passes.
    expect(scoreCase(plain, { blue, green: [ok('green', 0, REFUSAL), ok('green', 1, GOOD), ok('green', 2, GOOD)] }, OPTIONS).status).toBe(
      'pass',
    );
  });

  it('identical revisions pass with zero drift regression', () => {
    const simple = golden({ reference: REFERENCE });
    const r = scoreCase(simple, { blue: [ok('blue', 0, GOOD)], green: [ok('green', 0, GOOD)] }, OPTIONS);
    expect(r).toMatchObject({ status: 'pass', reasons: [], regression: 0, expectedDocs: null });
    expect(r.green.assertions.passed).toBeNull();
    expect(r.green.rag).toBeNull();
    expect(r.pair).toEqual({
      drift: { f1: 1, rougeL: 1 },
      moved: false,
      docsJaccard: null,
      lostDocs: [],
      noise: null, // one blue answer: no A/A band
      position: null,
      numbers: { changed: [], greenChangedVsBlue: false, blueQuantities: 2 },
    });
    expect(r.semantic).toBeNull();
  });

  it('takes the prompt and turns from a multi-turn case', () => {
    const chat = golden({
      question: undefined,
      messages: [
        { role: 'system', content: 'You are a pharmacist.' },
        { role: 'user', content: 'I have a headache.' },
        { role: 'assistant', content: 'How old are you?' },
        { role: 'user', content: 'I am 34.' },
      ],
    });
    const r = scoreCase(chat, { blue: [], green: [] }, OPTIONS);
    expect(r).toMatchObject({ prompt: 'I am 34.', turns: 2, status: 'error' });
    expect(scoreCase(golden({ question: undefined, vars: { drug: 'ibuprofen' } }), { blue: [], green: [] }, OPTIONS).prompt).toBe(
      '{"drug":"ibuprofen"}',
    );
  });

  it('caps drift pairs at 25 and keeps at most 5 distinct failures', () => {
    const many = (rev: 'blue' | 'green', n: number, text: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ok(rev, i, text(i)));
    const c = golden({
      assert: [
        { type: 'regex', pattern: '^never$', flags: '' },
        { type: 'max-length', value: 1, unit: 'chars' },
      ],
    });
    const r = scoreCase(c, { blue: many('blue', 10, () => 'a b'), green: many('green', 10, (i) => `a ${'b '.repeat(i)}`) }, OPTIONS);
    expect(r.green.assertions.failures.length).toBeLessThanOrEqual(5);
    expect(r.green.assertions).toMatchObject({ passes: 0, n: 10, passed: false });
    // only green outputs 0..4 are paired (5 x 5 = 25 pairs): 'a ' vs 'a b' … 'a b b b b' vs 'a b'
    const expected = [0, 1, 2, 3, 4].reduce((s, i) => s + similarity(`a ${'b '.repeat(i)}`, 'a b').rougeL, 0) / 5;
    expect(r.pair.drift?.rougeL).toBeCloseTo(expected, 12);
  });
});
