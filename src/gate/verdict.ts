// Checks → verdict: the worst voting status wins (Argo Rollouts' phase order).
import { STATUS_ORDER, type CheckResult, type Status, type Verdict } from '../model/verdict.js';

export const NO_VOTING_CHECKS = 'no voting checks: add thresholds or critical cases';

/** The worse of two statuses by STATUS_ORDER (pass < inconclusive < error < fail). */
export function worst(a: Status, b: Status): Status {
  return rank(b) > rank(a) ? b : a;
}

/** The verdict over the voting (non-advisory) checks; without a threshold or critical check it is never pass. */
export function decideVerdict(checks: readonly CheckResult[]): Verdict {
  const voting = checks.filter((c) => !c.advisory);
  const broken = voting.filter((c) => c.precondition === true && c.status !== 'pass');
  if (broken.length > 0) return preconditionVerdict(voting, broken);
  const counts: Record<Status, number> = { pass: 0, inconclusive: 0, error: 0, fail: 0 };
  const problems: { status: Status; reason: string }[] = [];
  for (const check of voting) {
    counts[check.status] += 1;
    if (check.status !== 'pass') problems.push({ status: check.status, reason: check.reason });
  }
  // Run checks are preconditions: a sound run with nothing to measure against is not a pass.
  if (!voting.some((c) => c.kind !== 'run')) problems.push({ status: 'inconclusive', reason: NO_VOTING_CHECKS });
  const status = problems.reduce<Status>((acc, p) => worst(acc, p.status), 'pass');
  // Array.prototype.sort is stable: checks of equal status keep their order.
  const reasons = problems.sort((a, b) => rank(b.status) - rank(a.status)).map((p) => p.reason);
  return { status, reasons, counts };
}

function rank(status: Status): number {
  return STATUS_ORDER.indexOf(status);
}

// A failed precondition makes every other check meaningless (a regression against a baseline that
// answered nothing is no evidence): the verdict is the precondition's (error), whatever else failed.
function preconditionVerdict(voting: readonly CheckResult[], broken: readonly CheckResult[]): Verdict {
  const counts: Record<Status, number> = { pass: 0, inconclusive: 0, error: 0, fail: 0 };
  for (const check of voting) counts[check.status] += 1;
  const status = broken.reduce<Status>((acc, c) => worst(acc, c.status), 'pass');
  const others = voting.filter((c) => c.precondition !== true && c.status !== 'pass').length;
  const reasons = broken.map((c) => c.reason);
  if (others > 0)
    reasons.push(
      `the comparison is not meaningful: ${others} other check${others === 1 ? '' : 's'} not counted (fix the setup, then run again)`,
    );
  return { status, reasons, counts };
}
