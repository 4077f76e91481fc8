// One line on adaptive sampling, for the console and summary.md: how many looks, the attempts they
// used of the budget, why they stopped, and the α of the last look.
import type { AdaptiveInfo } from '../model/report.js';

const WHY: Record<AdaptiveInfo['stopped'], string> = {
  decided: 'every check decided',
  fail: 'a check failed',
  budget: 'budget spent',
  interrupted: 'a round was interrupted; the last complete look stands',
};

export function adaptiveText(a: AdaptiveInfo): string {
  const rounds = a.looks.length - 1;
  const last = a.looks[a.looks.length - 1];
  const alpha = last === undefined ? '' : `; last look at α ${last.alpha.toPrecision(2)} (spent, Lan-DeMets)`;
  return `adaptive sampling: ${rounds} round${rounds === 1 ? '' : 's'}, ${a.used} of ${a.budget} attempts per revision (planned ${a.planned}), ${WHY[a.stopped]}${alpha}`;
}
