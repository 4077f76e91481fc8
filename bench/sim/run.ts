// `npm run sim`: is the verdict trustworthy? A/A false alarms and the power to catch injected
// regressions of known size, measured with the real pipeline (pharmabots on 127.0.0.1, loadSuite +
// compare in-process). Prints Markdown tables and writes reports/sim-<date>.json.
//
//   node dist/bench/sim/run.js [--runs 200] [--power-runs 40] [--cases 60] [--repeats 3]
//                              [--seed 1] [--only aa,refusals,…] [--resamples 2000]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, SIM_TESTS, FIXED_THRESHOLDS, resolveOptions, runScenario, type ScenarioRun } from './harness.js';
import { AA, EXTRA, REGRESSIONS, type Scenario } from './scenarios.js';
import { aaTable, paramsLine, powerTable, summarize, type ScenarioSummary } from './summary.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    'power-runs': { type: 'string', default: '40' },
    cases: { type: 'string', default: '60' },
    repeats: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    resamples: { type: 'string', default: '2000' },
    only: { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    out: { type: 'string', default: join(ROOT, 'reports') },
  },
});

const runs = Number(values.runs);
const powerRuns = Number(values['power-runs']);
const options = resolveOptions({
  cases: Number(values.cases),
  repeats: Number(values.repeats),
  seed: Number(values.seed),
  resamples: Number(values.resamples),
  concurrency: Number(values.concurrency),
});
const only = values.only ? new Set(values.only.split(',')) : null;
const scenarios: Scenario[] = only === null ? [AA, ...REGRESSIONS] : [AA, ...REGRESSIONS, ...EXTRA].filter((s) => only.has(s.key));

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

const log = (s: string): void => void process.stderr.write(`${s}\n`);
const started = Date.now();
const totalRuns = scenarios.reduce((s, sc) => s + (sc === AA ? runs : powerRuns), 0);
let doneRuns = 0;
const clock = (ms: number): string => `${Math.floor(ms / 60000)}m${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')}s`;

log(`revgate sim: ${paramsLine(options, runs, powerRuns)}`);
const results: ScenarioRun[] = [];
for (const sc of scenarios) {
  const n = sc === AA ? runs : powerRuns;
  let fails = 0;
  let inconclusive = 0;
  log(`[${sc.key}] ${sc.title}: ${n} runs`);
  const r = await runScenario(sc, {
    ...options,
    runs: n,
    signal: controller.signal,
    onRun: (x, done, total) => {
      doneRuns++;
      if (x.verdict === 'fail') fails++;
      if (x.verdict === 'inconclusive') inconclusive++;
      const elapsed = Date.now() - started;
      const eta = (elapsed / doneRuns) * (totalRuns - doneRuns);
      const failed = Object.entries(x.checks)
        .filter(([, c]) => c.status === 'fail')
        .map(([k]) => k);
      if (done % 10 === 0 || done === total || x.verdict === 'fail' || x.verdict === 'error') {
        log(
          `[${sc.key}] ${done}/${total} ${x.verdict}${failed.length ? ` (${failed.join(', ')})` : ''} ${(x.ms / 1000).toFixed(1)}s | fail ${fails} inconclusive ${inconclusive} | elapsed ${clock(elapsed)} eta ${clock(eta)}`,
        );
      }
    },
  });
  results.push(r);
  await writeJson(true);
}

const summaries = results.map(summarize);
const aa = summaries.find((s) => s.key === AA.key);
const power = summaries.filter((s) => s.key !== AA.key);
const elapsed = Date.now() - started;

const out: string[] = [];
out.push(`## revgate simulation (${new Date().toISOString().slice(0, 10)})`, '');
out.push(`Parameters: ${paramsLine(options, runs, powerRuns)}. Wall time ${clock(elapsed)}.`, '');
out.push(
  `Statistical tests: ${SIM_TESTS.map((t) => `${t.test} (${t.maxRatio !== undefined ? `maxRatio ${t.maxRatio}` : `minEffect ${t.minEffect}`})`).join(', ')}.`,
);
out.push(`Fixed thresholds (advisory, separate column): ${FIXED_THRESHOLDS.join(', ')}.`, '');
if (aa) {
  out.push(`### A/A (${aa.runs} runs, ${aa.seconds.toFixed(0)} s)`, '', aaTable(aa), '');
  out.push(
    `Whole gate: pass ${pct(aa.verdict.pass.rate)}, fail ${pct(aa.verdict.fail.rate)}, inconclusive ${pct(aa.verdict.inconclusive.rate)}, error ${pct(aa.verdict.error.rate)}.`,
    '',
  );
}
if (power.length > 0) out.push(`### Injected regressions (${powerRuns} runs each)`, '', powerTable(power), '');
process.stdout.write(`${out.join('\n')}\n`);

const file = await writeJson(false);
log(`wrote ${file}`);
if (controller.signal.aborted) process.exitCode = 130;

// The JSON report, rewritten after every scenario (complete: false until the last), so an
// interrupted or cut-short run keeps what it measured.
async function writeJson(partial: boolean): Promise<string> {
  const date = new Date().toISOString().slice(0, 10);
  await mkdir(values.out, { recursive: true });
  const file = join(values.out, `sim-${date}.json`);
  const summaries = results.map(summarize);
  const json = {
    tool: 'revgate sim',
    date: new Date().toISOString(),
    complete: !partial && !controller.signal.aborted,
    wallSeconds: (Date.now() - started) / 1000,
    params: {
      ...options,
      runs,
      powerRuns,
      tests: SIM_TESTS,
      fixedThresholds: FIXED_THRESHOLDS,
      alpha: 0.05,
      confidence: 0.95,
      correction: 'holm',
      scoring: { k: 5, driftTolerance: 0.5, minCases: 8 },
    },
    scenarios: results.map((r, i) => ({
      ...summaries[i]!,
      flaws: r.scenario.flaws,
      retries: r.scenario.retries ?? 2,
      pool: r.scenario.pool ?? 'all',
      serverSeeds: r.seeds,
      perRun: r.runs,
    })),
  };
  await writeFile(file, `${JSON.stringify(json, null, 1)}\n`);
  return file;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
export type { ScenarioSummary };
