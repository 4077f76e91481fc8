// Alpha spending over repeated looks at growing data (group-sequential testing). A run that looks
// at its data after the planned attempts and again after each adaptive round must not raise its
// false-alarm rate with the number of looks. Each look k tests at level
//   α_k = α · (f(t_k) − f(t_{k−1})),   f(t) = min(1, t^ρ)
// where t_k is the information fraction (attempts used / the attempts budget) and f is the power
// family of spending functions (Kim & DeMets 1987, Biometrika 74:149; spending functions: Lan &
// DeMets 1983, Biometrika 70:659). The looks are combined by the union bound (Bonferroni over
// looks): P(any false alarm) ≤ Σ α_k = α · f(t_last) ≤ α, whatever the correlation between looks —
// conservative, but valid without computing the joint distribution of the test statistics, and
// valid for every test family revgate runs (exact, rank and bootstrap tests alike).

/** ρ = 1 spends α in proportion to the data (Pocock-like); larger ρ keeps more for later looks. */
export const SPENDING_RHO = 1;

/** Cumulative α spent at information fraction `t` ∈ [0, 1]. */
export function alphaSpent(t: number, alpha: number, rho = SPENDING_RHO): number {
  if (!(t > 0)) return 0;
  return alpha * Math.min(1, t) ** rho;
}

/** The level of one look: the α spent between the previous look (`tPrev`) and this one (`t`). */
export function lookAlpha(tPrev: number, t: number, alpha: number, rho = SPENDING_RHO): number {
  return Math.max(0, alphaSpent(t, alpha, rho) - alphaSpent(tPrev, alpha, rho));
}

/**
 * A spending function that keeps most of α for the planned look: `share`·α is spent at the planned
 * information fraction `tPlanned` (so a run that decides at its planned size decides almost as it
 * would without adaptive sampling), the rest linearly over the later looks up to t = 1. Any
 * non-decreasing f with f(0) = 0 and f(1) = α is a valid spending function (Lan & DeMets 1983).
 */
export function plannedFirstSpent(t: number, tPlanned: number, alpha: number, share = 0.8): number {
  if (!(t > 0)) return 0;
  if (tPlanned >= 1) return alpha;
  if (t <= tPlanned) return alpha * share * (t / tPlanned);
  return alpha * Math.min(1, share + ((1 - share) * (t - tPlanned)) / (1 - tPlanned));
}
