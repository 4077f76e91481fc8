// Standard normal distribution: density, CDF, survival function and quantile.
import type { Alternative } from './types.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

// Standard normal density φ(x).
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

// Upper tail Q(x) = 1 − Φ(x), accurate in relative terms far into the tail.
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 1 - normalSf(-x);
  if (x < 3) return 0.5 - marsagliaHalf(x);
  if (x > 38) return 0;
  return normalPdf(x) * laplaceContinuedFraction(x);
}

// Standard normal CDF Φ(x).
export function normalCdf(x: number): number {
  return normalSf(-x);
}

// Φ(x) − 1/2 by Marsaglia's series (J. Stat. Softw. 11(4), 2004):
// φ(x)·Σ x^(2k+1)/(1·3·…·(2k+1)); all terms positive, so no cancellation for 0 ≤ x < 3.
function marsagliaHalf(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 1; k < 200 && term > 1e-17 * sum; k++) {
    term *= x2 / (2 * k + 1);
    sum += term;
  }
  return normalPdf(x) * sum;
}

// Laplace's continued fraction Q(x)/φ(x) = 1/(x + 1/(x + 2/(x + 3/(x + …)))), x ≥ 3,
// evaluated by the modified Lentz algorithm (Numerical Recipes 3rd ed. §5.2).
function laplaceContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = x + k * d;
    d = d === 0 ? tiny : d;
    c = x + k / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

// Acklam's rational approximation to Φ⁻¹ (rel. error 1.15e-9), then two Halley steps
// against the accurate CDF above, giving full double precision.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function poly(coefs: number[], x: number): number {
  return coefs.reduce((acc, c) => acc * x + c, 0);
}

function acklam(p: number): number {
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

// Standard normal quantile Φ⁻¹(p); ±Infinity at p = 0 / 1, NaN outside [0, 1].
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Work in the lower tail so the residual keeps relative precision.
  const lower = p <= 0.5;
  const target = lower ? p : 1 - p;
  let x = acklam(target);
  for (let i = 0; i < 2; i++) {
    const e = normalCdf(x) - target;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    x -= u / (1 + 0.5 * x * u);
  }
  return lower ? x : -x;
}

// P-value of a standard-normal statistic z for the given alternative.
export function pValueFromZ(z: number, alternative: Alternative): number {
  if (alternative === 'greater') return normalSf(z);
  if (alternative === 'less') return normalCdf(z);
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

// Two-sided critical value z_{1−(1−confidence)/2}, e.g. 1.959964 for 0.95.
export function zCritical(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}
