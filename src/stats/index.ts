// Public surface of the pure statistics module (no I/O).
export type { Alternative, TestResult, IntervalResult } from './types.js';
export * from './distributions.js';
export { mulberry32, randomInt, randomNormal, randomBernoulli, type Rng } from './random.js';
export { mean, median, quantileSorted, quantileSelect, averageRanks, tieTerm, type Ranking } from './summary.js';
export { wilcoxonSignedRank, type WilcoxonOptions, type WilcoxonResult } from './wilcoxon.js';
export { signedRankCounts, exactSignedRankP } from './signed-rank-distribution.js';
export { mannWhitneyU, type MannWhitneyOptions, type MannWhitneyResult } from './mann-whitney.js';
export { rankSumPmf, rankSumSf, rankSumQuantile, EXACT_U_MAX_PAIRS } from './rank-sum-distribution.js';
export { hodgesLehmann, type HodgesLehmannResult } from './hodges-lehmann.js';
export { kthPairwiseDifference } from './pairwise-select.js';
export {
  pairedBootstrapMeanCI,
  bootstrapRatioCI,
  bootstrapQuantileRatioCI,
  type BootstrapOptions,
  type PairedBootstrapOptions,
  type BootstrapResult,
  type RatioBootstrapResult,
} from './bootstrap.js';
export { binomialTest, signTest, type SignTestResult } from './sign-test.js';
export { mcnemarExact, type McNemarResult } from './mcnemar.js';
export { wilsonInterval, twoProportionZ, newcombeDiffCI, fisherExact, type FisherResult } from './proportions.js';
export { holm, benjaminiHochberg } from './multiple.js';
export { pairedSampleSize, proportionSampleSize, signTestSampleSize, type SampleSizeResult } from './power.js';
export { alphaSpent, lookAlpha, plannedFirstSpent, SPENDING_RHO } from './spending.js';
export { classifyEffect, type ClassifyInput, type Classification, type EffectClass } from './decide.js';
