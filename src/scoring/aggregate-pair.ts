// Green-vs-blue running totals over case records, and their values by catalog name.
import { stats, Sum } from './running.js';
import type { CaseRecord, MetricValue } from '../model/metrics.js';

/** Green-vs-blue running totals (numbers only). */
export class PairTotals {
  readonly driftF1: number[] = [];
  readonly driftRougeL: number[] = [];
  readonly moved = new Sum();
  readonly jaccard = new Sum();
  readonly lost = new Sum();
  readonly noise = new Sum();
  readonly beyondNoise = new Sum();
  readonly numbersChanged = new Sum();
  readonly semanticDrift = new Sum();
  readonly judgeWins = new Sum();
  readonly judgeLosses = new Sum();

  // Add one case. `?.` and `!= null`: records written before the newer fields existed lack them.
  add(c: CaseRecord): void {
    const { pair } = c;
    if (pair.drift !== null) {
      this.driftF1.push(pair.drift.f1);
      this.driftRougeL.push(pair.drift.rougeL);
    }
    if (pair.moved !== null) this.moved.add(pair.moved ? 1 : 0);
    if (pair.docsJaccard !== null) this.jaccard.add(pair.docsJaccard);
    // Lost documents are only observable with expected ids and both retrieved lists.
    if (c.expectedDocs !== null && c.expectedDocs.length > 0 && c.blue.docs !== null && c.green.docs !== null) {
      this.lost.add(pair.lostDocs.length > 0 ? 1 : 0);
    }
    if (pair.noise != null) this.noise.add(pair.noise.rougeL);
    // A band without a green answer places nothing: only cases with a position count.
    if (pair.position != null) this.beyondNoise.add(pair.position === 'below-noise' ? 1 : 0);
    if (pair.numbers != null && pair.numbers.blueQuantities > 0) this.numbersChanged.add(pair.numbers.greenChangedVsBlue ? 1 : 0);
    const semantic = c.semantic ?? null;
    if (semantic?.drift != null) this.semanticDrift.add(semantic.drift);
    if (semantic?.pairwise != null) {
      this.judgeWins.add(semantic.pairwise === 'green' ? 1 : 0);
      this.judgeLosses.add(semantic.pairwise === 'blue' ? 1 : 0);
    }
  }

  values(): Record<string, MetricValue> {
    return {
      'drift.f1.mean': stats(this.driftF1, 'mean'),
      'drift.f1.median': stats(this.driftF1, 'median'),
      'drift.rougeL.mean': stats(this.driftRougeL, 'mean'),
      'drift.rougeL.median': stats(this.driftRougeL, 'median'),
      'drift.moved_share': this.moved.rate(),
      'docs.jaccard.mean': this.jaccard.rate(),
      'docs.lost_share': this.lost.rate(),
      'noise.rougeL.mean': this.noise.rate(),
      'drift.beyond_noise_share': this.beyondNoise.rate(),
      'numbers.changed_share': this.numbersChanged.rate(),
      'semantic.drift.mean': this.semanticDrift.rate(),
      'judge.win_rate': this.judgeWins.rate(),
      'judge.loss_rate': this.judgeLosses.rate(),
    };
  }
}
