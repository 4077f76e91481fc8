import { describe, expect, it } from 'vitest';
import { criticalChecks } from '../../../src/gate/thresholds/critical.js';
import { caseRecord } from '../fixtures.js';

describe('criticalChecks', () => {
  it('one voting check per critical case, status from the case', () => {
    const cases = [
      caseRecord({ id: 'dosage-1', critical: true, status: 'pass' }),
      caseRecord({ id: 'plain', critical: false, status: 'fail', reasons: ['ignored: not critical'] }),
      caseRecord({ id: 'dosage-2', critical: true, status: 'fail', reasons: ['contains "mg": 1/3 attempts pass', 'refused'] }),
      caseRecord({ id: 'dosage-3', critical: true, status: 'error', reasons: ['every attempt failed: 5xx'] }),
      caseRecord({ id: 'dosage-4', critical: true, status: 'fail' }),
    ];
    const checks = criticalChecks(cases);
    expect(checks.map((c) => [c.id, c.kind, c.status, c.advisory, c.reason])).toEqual([
      ['critical:dosage-1', 'critical', 'pass', false, 'critical case dosage-1 passed (3/3 attempts pass its assertions)'],
      ['critical:dosage-2', 'critical', 'fail', false, 'critical case dosage-2 failed: contains "mg": 1/3 attempts pass; refused'],
      ['critical:dosage-3', 'critical', 'error', false, 'critical case dosage-3 errored: every attempt failed: 5xx'],
      ['critical:dosage-4', 'critical', 'fail', false, 'critical case dosage-4 failed: no reason recorded'],
    ]);
  });

  it('accepts any iterable and returns [] without critical cases', () => {
    function* none() {
      yield caseRecord({ id: 'a' });
    }
    expect(criticalChecks(none())).toEqual([]);
    expect(criticalChecks([])).toEqual([]);
  });
});
