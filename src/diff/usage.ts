// Tokens and cost per 1,000 requests, from the reported usage means and prices per million tokens.
import type { FlatMetrics } from '../model/metrics.js';
import { relativeChange } from './metrics.js';
import type { Price, UsageDiff, UsageSide } from './model.js';

const REQUESTS = 1000;
const PER_MILLION = 1_000_000;

/** Tokens per 1k requests of one side (means per request × 1000) and, with prices, its cost in USD. */
export function usageSide(metrics: FlatMetrics, price: Price | null): UsageSide {
  const per1k = (name: string): number | null => {
    const v = metrics[name]?.value;
    return v === null || v === undefined ? null : v * REQUESTS;
  };
  const promptPer1k = per1k('tokens.prompt.mean');
  const completionPer1k = per1k('tokens.completion.mean');
  const totalPer1k = per1k('tokens.total.mean');
  return {
    promptPer1k,
    completionPer1k,
    totalPer1k,
    n: metrics['tokens.total.mean']?.n ?? 0,
    price,
    costPer1k: costPer1k(promptPer1k, completionPer1k, price),
  };
}

/** USD for the given input and output tokens at `price` (USD per million tokens); null when something is missing. */
export function costPer1k(promptTokens: number | null, completionTokens: number | null, price: Price | null): number | null {
  if (price === null || promptTokens === null || completionTokens === null) return null;
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / PER_MILLION;
}

/** Both sides' tokens and cost per 1k requests and how B moved; null when neither reported usage. */
export function usageDiff(a: FlatMetrics, b: FlatMetrics, prices: { a: Price | null; b: Price | null }): UsageDiff | null {
  const ua = usageSide(a, prices.a);
  const ub = usageSide(b, prices.b);
  if (ua.totalPer1k === null && ub.totalPer1k === null) return null;
  const delta = (x: number | null, y: number | null): number | null => (x === null || y === null ? null : y - x);
  return {
    a: ua,
    b: ub,
    tokensDelta: delta(ua.totalPer1k, ub.totalPer1k),
    tokensRelative: relativeChange(ua.totalPer1k, ub.totalPer1k),
    costDelta: delta(ua.costPer1k, ub.costPer1k),
    costRelative: relativeChange(ua.costPer1k, ub.costPer1k),
  };
}
