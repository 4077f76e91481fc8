// Binomial and hypergeometric distributions, computed in log space.
import { logChoose } from './special.js';

// ln P(X = k) for X ~ Binomial(n, p).
export function binomialLogPmf(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || k < 0 || k > n) return -Infinity;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  return logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

// P(X = k) for X ~ Binomial(n, p).
export function binomialPmf(k: number, n: number, p: number): number {
  return Math.exp(binomialLogPmf(k, n, p));
}

// P(X ≤ k) for X ~ Binomial(n, p): sums the shorter tail term by term (exact to rounding).
export function binomialCdf(k: number, n: number, p: number): number {
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  if (kk <= n * p) return sumPmf(0, kk, n, p);
  return 1 - sumPmf(kk + 1, n, n, p);
}

// P(X ≥ k) for X ~ Binomial(n, p).
export function binomialSf(k: number, n: number, p: number): number {
  const kk = Math.ceil(k);
  if (kk <= 0) return 1;
  if (kk > n) return 0;
  if (kk >= n * p) return sumPmf(kk, n, n, p);
  return 1 - sumPmf(0, kk - 1, n, p);
}

function sumPmf(from: number, to: number, n: number, p: number): number {
  let s = 0;
  for (let i = from; i <= to; i++) s += binomialPmf(i, n, p);
  return Math.min(1, s);
}

// ln P(X = k) for X ~ Hypergeometric: k successes in `draws` draws from a population
// of `population` items of which `successes` are successes (scipy: hypergeom(M, n, N)).
export function hypergeometricLogPmf(k: number, population: number, successes: number, draws: number): number {
  return logChoose(successes, k) + logChoose(population - successes, draws - k) - logChoose(population, draws);
}

// P(X = k) for the hypergeometric distribution above.
export function hypergeometricPmf(k: number, population: number, successes: number, draws: number): number {
  return Math.exp(hypergeometricLogPmf(k, population, successes, draws));
}
