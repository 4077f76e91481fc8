// The analysis of green at a step, behind one interface (the golden replay is src/run/rollout-analysis.ts;
// live metrics are src/rollout/live.ts).
import { createHash } from 'node:crypto';
import type { GoldenCase } from '../model/golden.js';
import type { AnalysisStatus } from './types.js';

export interface StepInfo {
  /** 0-based step index. */
  index: number;
  weight: number;
  /** Every case, or a deterministic sample of `sample` cases. */
  mode: 'full' | 'sample';
  sample?: number;
  /** 1 for the first analysis of this step, more when an inconclusive one is repeated. */
  attempt: number;
}

export interface AnalysisContext {
  signal: AbortSignal;
  /** Replay URLs (revision URL + urlPath, or the configured override). */
  urls: { blue: string; green: string };
  /** The rollout's run directory; analysis reports go under <runDir>/analysis/. */
  runDir: string;
}

export interface AnalysisResult {
  status: AnalysisStatus;
  reasons: string[];
  reportDir?: string;
  /** The replay's attempts (results.jsonl): revgate's own requests, subtracted from live counts. */
  resultsFile?: string;
  /** Warm-up calls per revision before the replay. */
  warmup?: number;
}

/** One kind of analysis of green at a step. */
export interface StepAnalysis {
  run(step: StepInfo, ctx: AnalysisContext): Promise<AnalysisResult>;
}

/** `n` cases picked by a hash of (seed, case id): the same cases for the same step on every run and resume. */
export function sampleCases<T extends Pick<GoldenCase, 'id'>>(cases: readonly T[], n: number, seed: string): T[] {
  if (n >= cases.length) return [...cases];
  const key = (c: T) => createHash('sha256').update(`${seed}\0${c.id}`).digest('hex');
  const picked = new Set([...cases].sort((a, b) => key(a).localeCompare(key(b))).slice(0, n));
  return cases.filter((c) => picked.has(c));
}
