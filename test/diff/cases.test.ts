import { describe, expect, it } from 'vitest';
import { sideStatus } from '../../src/diff/cases.js';
import { caseRecord, revisionResult } from '../scoring/fixtures.js';
import { diff, report, scored } from './fixtures.js';

describe('changed cases', () => {
  const a = report({
    cases: [scored('c1', 'pass'), scored('c2', 'fail'), scored('c3', 'pass'), scored('gone', 'pass'), scored('c5', 'fail')],
  });
  const b = report({
    cases: [scored('c1', 'fail'), scored('c2', 'pass'), scored('c3', 'pass'), scored('c5', 'error'), scored('added', 'pass')],
  });
  const d = diff(a, b);

  it('matches cases by id: pass→fail and fail→error regress, fail→pass improves, unchanged ones are left out', () => {
    expect(d.cases.changed.map((c) => [c.id, c.change, c.a, c.b])).toEqual([
      ['c1', 'regressed', 'pass', 'fail'],
      ['c5', 'regressed', 'fail', 'error'],
      ['c2', 'improved', 'fail', 'pass'],
      ['added', 'new', null, 'pass'],
      ['gone', 'removed', 'pass', null],
    ]);
    expect(d.cases.counts).toEqual({ regressed: 2, improved: 1, new: 1, removed: 1 });
    expect(d.cases.matched).toBe(4);
  });

  it("gives B's reasons for a regression and A's for an improvement", () => {
    expect(d.cases.changed[0]!.reasons).toEqual(['green: c1 failed']);
    expect(d.cases.changed[2]!.reasons).toEqual(['green: c2 failed']);
  });

  it("derives blue's status the way green's is scored", () => {
    const noAnswer = caseRecord({ blue: revisionResult({ outputs: [], attempts: 2, errors: 2 }) });
    const failing = caseRecord({ blue: revisionResult({ assertions: { passes: 0, n: 1, passed: false, failures: [] } }) });
    expect(sideStatus(noAnswer, 'blue')).toBe('error');
    expect(sideStatus(failing, 'blue')).toBe('fail');
    expect(sideStatus(caseRecord(), 'blue')).toBe('pass');
    expect(sideStatus(caseRecord({ status: 'fail' }), 'green')).toBe('fail');
  });
});

describe('biggest per-case score changes', () => {
  const a = report({
    cases: [
      scored('x', 'pass', { rougeL: 0.8, recall: 1, numbers: 1, answer: 'old x' }),
      scored('y', 'pass', { rougeL: 0.5, recall: 0.5 }),
      scored('z', 'pass', { rougeL: 0.3 }),
    ],
  });
  const b = report({
    cases: [
      scored('x', 'pass', { rougeL: 0.2, recall: 1, numbers: 0.5, answer: 'new x' }),
      scored('y', 'pass', { rougeL: 0.6, recall: 0 }),
      scored('z', 'pass', { rougeL: 0.3 }),
    ],
  });

  it('ranks by |B − A| per score, with both answers, leaving unchanged and one-sided scores out', () => {
    const d = diff(a, b);
    expect(d.scoreChanges.map((c) => [c.score, c.id, c.direction])).toEqual([
      ['ref.rougeL', 'x', 'worse'],
      ['ref.rougeL', 'y', 'better'],
      ['rag.recall', 'y', 'worse'],
      ['numbers.consistency', 'x', 'worse'],
    ]);
    expect(d.scoreChanges[0]).toMatchObject({
      a: 0.8,
      b: 0.2,
      answerA: 'old x',
      answerB: 'new x',
      prompt: 'question x',
      reference: 'the reference',
    });
    expect(d.scoreChanges[0]!.delta).toBeCloseTo(-0.6);
  });

  it('keeps the top n per score', () => {
    expect(diff(a, b, { top: 1 }).scoreChanges.map((c) => `${c.score}:${c.id}`)).toEqual([
      'ref.rougeL:x',
      'rag.recall:y',
      'numbers.consistency:x',
    ]);
  });
});
