// Probability distributions used by the tests: normal, Student t, binomial, hypergeometric.
export { normalPdf, normalCdf, normalSf, normalQuantile, pValueFromZ, zCritical } from './normal.js';
export { logGamma, logChoose, regularizedBeta, studentTCdf } from './special.js';
export { binomialLogPmf, binomialPmf, binomialCdf, binomialSf, hypergeometricLogPmf, hypergeometricPmf } from './discrete.js';
