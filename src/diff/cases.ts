// Per-case comparison, matched by case id: status changes (pass→fail, fail→pass, new, removed)
// and the biggest score changes with both answers.
import type { CaseRecord, CaseStatus, RevisionCaseResult } from '../model/metrics.js';
import type { Revision } from '../model/outcome.js';
import { directionOf } from './metrics.js';
import { CASE_SCORES, type CaseChange, type CaseScore, type Diff, type ScoreChange } from './model.js';

const RANK: Record<CaseStatus, number> = { pass: 0, fail: 1, error: 2 };
const CHANGE_ORDER: CaseChange['change'][] = ['regressed', 'improved', 'new', 'removed'];

/** A revision's status on a case, the way scoring decides green's: error without answers, fail on assertions. */
export function sideStatus(record: CaseRecord, side: Revision): CaseStatus {
  if (side === 'green') return record.status;
  const r = record.blue;
  if (r.outputs.length === 0) return 'error';
  return r.assertions.passed === false ? 'fail' : 'pass';
}

/** Why a revision does not pass a case, one line each. */
export function sideReasons(record: CaseRecord, side: Revision): string[] {
  if (side === 'green') return record.reasons;
  const r = record.blue;
  if (r.outputs.length === 0) return [`blue: all ${r.attempts} attempts failed`];
  const a = r.assertions;
  if (a.passed !== false) return [];
  return [
    `blue: assertions passed on ${a.passes} of ${a.n} answers`,
    ...a.failures.map((f) => `blue: ${f.label}: ${f.message ?? 'failed'}`),
  ];
}

export interface SideCases {
  cases: readonly CaseRecord[];
  side: Revision;
}

/** Cases whose status changed, plus new and removed ones. Regressed first, golden order (B's, then A's) within each group. */
export function caseChanges(a: SideCases, b: SideCases): Diff['cases'] {
  const inA = new Map(a.cases.map((c) => [c.id, c]));
  const inB = new Set(b.cases.map((c) => c.id));
  const changed: CaseChange[] = [];
  let matched = 0;
  for (const rb of b.cases) {
    const ra = inA.get(rb.id);
    const sb = sideStatus(rb, b.side);
    if (ra === undefined) {
      changed.push({ id: rb.id, change: 'new', a: null, b: sb, critical: rb.critical, reasons: sideReasons(rb, b.side) });
      continue;
    }
    matched++;
    const sa = sideStatus(ra, a.side);
    if (sa === sb) continue;
    const regressed = RANK[sb] > RANK[sa];
    changed.push({
      id: rb.id,
      change: regressed ? 'regressed' : 'improved',
      a: sa,
      b: sb,
      critical: rb.critical,
      reasons: regressed ? sideReasons(rb, b.side) : sideReasons(ra, a.side),
    });
  }
  for (const ra of a.cases) {
    if (!inB.has(ra.id))
      changed.push({ id: ra.id, change: 'removed', a: sideStatus(ra, a.side), b: null, critical: ra.critical, reasons: [] });
  }
  changed.sort((x, y) => CHANGE_ORDER.indexOf(x.change) - CHANGE_ORDER.indexOf(y.change)); // stable: golden order kept
  const counts = { regressed: 0, improved: 0, new: 0, removed: 0 };
  for (const c of changed) counts[c.change]++;
  return { matched, counts, changed };
}

/** A case's per-case score on one revision; null when it has none. All are higher-is-better. */
export function caseScore(result: RevisionCaseResult, score: CaseScore): number | null {
  switch (score) {
    case 'ref.rougeL':
      return result.ref?.rougeL ?? null;
    case 'rag.recall':
      return result.rag?.recall ?? null;
    case 'numbers.consistency':
      return result.numbers?.consistency ?? null;
  }
}

/** The `top` largest |B − A| per score over matched cases, largest first; unchanged cases are left out. */
export function scoreChanges(a: SideCases, b: SideCases, top: number): ScoreChange[] {
  const inA = new Map(a.cases.map((c) => [c.id, c]));
  const pairs = b.cases.flatMap((rb) => {
    const ra = inA.get(rb.id);
    return ra === undefined ? [] : [{ ra, rb }];
  });
  return CASE_SCORES.flatMap((score) => {
    const rows: ScoreChange[] = [];
    for (const { ra, rb } of pairs) {
      const ra1 = ra[a.side];
      const rb1 = rb[b.side];
      const va = caseScore(ra1, score);
      const vb = caseScore(rb1, score);
      if (va === null || vb === null) continue;
      const delta = vb - va;
      const direction = directionOf(delta, true);
      if (direction === null || direction === 'same') continue;
      rows.push({
        score,
        id: rb.id,
        a: va,
        b: vb,
        delta,
        direction,
        prompt: rb.prompt,
        reference: rb.reference,
        answerA: ra1.outputs[0] ?? null,
        answerB: rb1.outputs[0] ?? null,
      });
    }
    return rows.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta)).slice(0, top);
  });
}
