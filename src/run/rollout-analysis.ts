// Golden replay at a rollout step: compare() of green against blue at their revision URLs (every case
// at 0%, a deterministic sample at canary steps); the step verdict is the compare verdict.
import { join } from 'node:path';
import type { ResolvedSuite } from '../config/resolved.js';
import { sampleCases, type StepAnalysis } from '../rollout/analysis.js';
import { compare } from './compare.js';

/** Golden replay: compare() of green against blue at their revision URLs; the step verdict is the compare verdict. */
export function goldenReplay(suiteFor: (urls: { blue: string; green: string }) => Promise<ResolvedSuite>): StepAnalysis {
  return {
    async run(step, ctx) {
      const base = await suiteFor(ctx.urls);
      const cases = step.mode === 'full' ? base.cases : sampleCases(base.cases, step.sample ?? 50, `step-${step.index}`);
      const suite: ResolvedSuite = { ...base, cases, report: { ...base.report, dir: join(ctx.runDir, 'analysis') } };
      try {
        const { summary, files } = await compare(suite, {
          signal: ctx.signal,
          runId: `step-${step.index + 1}-${step.weight}pct-${step.attempt}-${Date.now().toString(36)}`,
        });
        return {
          status: summary.verdict.status,
          reasons: summary.verdict.reasons,
          reportDir: summary.run.outputDir,
          ...(files.results ? { resultsFile: files.results } : {}),
          warmup: suite.sampling.warmup,
        };
      } catch (e) {
        return { status: 'error', reasons: [`analysis failed: ${e instanceof Error ? e.message : String(e)}`] };
      }
    },
  };
}
