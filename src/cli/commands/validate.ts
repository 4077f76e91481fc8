// `revgate validate <suite>`: every problem at once, nothing sent.
import { loadSuite } from '../../config/load-suite.js';
import { ROLLOUT_PENDING_URL } from '../../config/rollout.js';
import { formatStat } from '../../gate/statistical/format.js';
import { findStatTest } from '../../gate/statistical/tests.js';
import { ExitCode } from '../exit-codes.js';
import { formatIssue } from '../format-error.js';
import type { ValidateFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { overridesFrom } from './compare.js';
import { secretValuesOf } from '../../run/secrets.js';
import type { ResolvedSuite } from '../../config/resolved.js';
import { resolveRunArg } from '../../run/locate-run.js';
import { powerLines, powerPlan } from '../../run/power-plan.js';
import { loadRunReport } from '../run-arg.js';

export async function runValidate(file: string, flags: ValidateFlags, io: CliIO): Promise<number> {
  const { suite, warnings } = await loadSuite(file, { overrides: overridesFrom(flags), env: io.env, cwd: io.cwd });
  io.redact?.add(secretValuesOf(suite));
  for (const w of warnings) io.stderr(`revgate: warning:\n${formatIssue(w)}\n`);
  const critical = suite.cases.filter((c) => c.critical).length;
  io.stdout(
    [
      `${suite.file}: valid`,
      `  cases:      ${suite.cases.length} (${critical} critical) from ${suite.golden.map((g) => `${g.file} (${g.cases.length})`).join(', ')}`,
      `  blue:       ${suite.targets.blue.kind} ${shownUrl(suite.targets.blue.url)}`,
      `  green:      ${suite.targets.green.kind} ${shownUrl(suite.targets.green.url)}`,
      `  sampling:   concurrency ${suite.sampling.concurrency}, repeats ${suite.sampling.repeats}, warm-up ${suite.sampling.warmup}`,
      `  thresholds: ${suite.thresholdSpecs.length}`,
      ...suite.thresholdSpecs.map(
        (t) => `    - ${t.name}${t.tags.length ? ` [tags: ${t.tags.join(', ')}]` : ''}${t.advisory ? ' (advisory)' : ''}`,
      ),
      `  statistical tests: ${suite.statSpecs.length}${suite.statSpecs.length > 0 ? ` (α ${suite.statistics.alpha}, ${Math.round(suite.statistics.confidence * 100)}% intervals, correction ${suite.statistics.correction}, ${suite.statistics.resamples} resamples, seed ${suite.statistics.seed})` : ''}`,
      ...suite.statSpecs.map(
        (t) =>
          `    - ${t.name === t.test ? t.test : `${t.name} (test ${t.test})`}: ${t.maxRatio !== null ? `maxRatio ${t.maxRatio}` : `minEffect ${formatStat(t.minEffect, findStatTest(t.test)?.unit ?? 'score')}`}${t.tags.length ? ` [tags: ${t.tags.join(', ')}]` : ''}${t.advisory ? ' (advisory)' : ''}`,
      ),
      ...(await power(suite, flags.baseline, io)),
      '',
    ].join('\n'),
  );
  return ExitCode.Pass;
}

/** The power block: what each test can detect at this size (from --baseline's noise when given). */
async function power(suite: ResolvedSuite, baseline: string | undefined, io: CliIO): Promise<string[]> {
  if (suite.statSpecs.length === 0) return [];
  const report = baseline === undefined ? null : await loadRunReport(resolveRunArg(io.cwd, baseline), io);
  const lines = powerLines(powerPlan(suite, report), { cases: suite.cases.length, repeats: suite.sampling.repeats });
  return [
    `  power (α ${suite.statistics.alpha}, power ${suite.statistics.power}${report ? `, noise of run ${report.run.id}` : ''}):`,
    ...lines.map((l) => `    ${l.warn ? 'WARNING ' : ''}${l.line}`),
  ];
}

/** The placeholder of rollout suites is not a URL anyone should see. */
function shownUrl(url: string): string {
  return url === ROLLOUT_PENDING_URL ? "(the rollout's revision URL + urlPath)" : url;
}
