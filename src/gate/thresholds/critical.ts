// Critical cases: one check each, and a critical case that fails fails the run (Kayenta's critical metrics).
import type { CaseRecord } from '../../model/metrics.js';
import type { CheckResult } from '../../model/verdict.js';

/** One voting check per critical case: fail when green fails it, error when every green attempt errored. */
export function criticalChecks(cases: Iterable<CaseRecord>): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const c of cases) {
    if (c.critical) checks.push(criticalCheck(c));
  }
  return checks;
}

function criticalCheck(c: CaseRecord): CheckResult {
  const why = c.reasons.length > 0 ? c.reasons.join('; ') : 'no reason recorded';
  const { passes, n } = c.green.assertions;
  const reason =
    c.status === 'fail'
      ? `critical case ${c.id} failed: ${why}`
      : c.status === 'error'
        ? `critical case ${c.id} errored: ${why}`
        : `critical case ${c.id} passed${n > 0 ? ` (${passes}/${n} attempts pass its assertions)` : ''}`;
  return {
    id: `critical:${c.id}`,
    name: `critical case ${c.id}`,
    kind: 'critical',
    expr: `critical ${c.id}`,
    tags: c.tags,
    advisory: false,
    value: n > 0 ? passes / n : null,
    n: c.green.attempts,
    status: c.status,
    reason,
  };
}
