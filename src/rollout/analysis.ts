// Golden replay at a step behind one interface: compare() of green against blue at their revision
// URLs (every case at 0%, a deterministic sample at canary steps). Live metrics are src/rollout/live.ts.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ResolvedSuite } from '../config/resolved.js';
import type { GoldenCase } from '../model/golden.js';
import { compare } from '../run/compare.js';
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

/** Golden replay: compare() of green against blue at their revision URLs; the step verdict is the compare verdict. */
export function goldenReplay(suiteFor: (urls: { blue: string; green: string }) => Promise<ResolvedSuite>): StepAnalysis {
  return {
    async run(step, ctx) {
      const base = await suiteFor(ctx.urls);
      const cases = step.mode === 'full' ? base.cases : sampleCases(base.cases, step.sample ?? 50, `step-${step.index}`);
      const suite: ResolvedSuite = { ...base, cases, report: { ...base.report, dir: join(ctx.runDir, 'analysis') } };
      try {
        const { summary, files } = await compare(suite, { signal: ctx.signal, runId: `step-${step.index + 1}-${step.weight}pct-${step.attempt}-${Date.now().toString(36)}` });
        return { status: summary.verdict.status, reasons: summary.verdict.reasons, reportDir: summary.run.outputDir, ...(files.results ? { resultsFile: files.results } : {}), warmup: suite.sampling.warmup };
      } catch (e) {
        return { status: 'error', reasons: [`analysis failed: ${e instanceof Error ? e.message : String(e)}`] };
      }
    },
  };
}
