// `npm run sim:adaptive`: does adaptive sampling decide small suites without raising false alarms?
// A/A runs at 30 and 60 cases, and each injected regression, with and without adaptive sampling
// (sampling.maxAttempts = budget × cases × repeats): the share of runs that pass, fail (a false
// alarm in A/A, a detection otherwise) and stay inconclusive, and the attempts used.
//
//   node dist/bench/sim/adaptive.js [--runs 40] [--power-runs 10] [--budget 3] [--cases 30,60] [--only aa,short]
import { parseArgs } from 'node:util';
import { runScenario, SIM_TESTS } from './harness.js';
import { AA, REGRESSIONS, type Scenario } from './scenarios.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    'power-runs': { type: 'string', default: '10' },
    budget: { type: 'string', default: '3' },
    cases: { type: 'string', default: '30,60' },
    repeats: { type: 'string', default: '3' },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});

const budget = Number(values.budget);
// The gate a team would run at these sizes (what `revgate calibrate` proposes): the sim's
// statistical tests, with changed quantities checked by a fixed limit — "a changed dosage is
// never noise" decides at any size — instead of numbers.consistency, which 60 random MedQuAD
// cases (about 11 with a quantity) can never decide.
const TESTS = SIM_TESTS.filter((t) => t.test !== 'numbers.consistency');
const VOTING = ['numbers.changed_share <= 0'];
const EXPECT: Record<string, string> = { numbers: 'numbers.changed_share <= 0', 'numbers-numeric': 'numbers.changed_share <= 0' };
const only = values.only ? new Set(values.only.split(',')) : null;
const scenarios: Scenario[] = [AA, ...REGRESSIONS].filter((s) => only === null || only.has(s.key));
const rows: string[] = [];
const log = (s: string) => void process.stderr.write(`${s}\n`);

for (const cases of values.cases.split(',').map(Number)) {
  for (const scenario of scenarios) {
    // Regressions are measured at the largest case count only: the question there is power.
    if (scenario !== AA && cases !== Math.max(...values.cases.split(',').map(Number))) continue;
    for (const b of [1, budget]) {
      const runs = scenario === AA ? Number(values.runs) : Number(values['power-runs']);
      const r = await runScenario(scenario, {
        runs,
        cases,
        repeats: Number(values.repeats),
        budget: b,
        seed: Number(values.seed),
        tests: TESTS,
        voting: VOTING,
      });
      const count = (s: string) => r.runs.filter((x) => x.verdict === s).length;
      const expected = EXPECT[scenario.key] ?? scenario.expect;
      const caught =
        expected === null ? null : r.runs.filter((x) => x.checks[expected]?.status === 'fail' || x.votingFailed.includes(expected)).length;
      const attempts = r.runs.reduce((s, x) => s + x.attempts, 0) / r.runs.length;
      const pct = (n: number) => `${((100 * n) / runs).toFixed(0)}%`;
      const row = `| ${scenario.title} | ${cases} | ${b === 1 ? 'off' : `${b}× plan`} | ${runs} | ${pct(count('pass'))} | ${pct(count('fail'))} | ${pct(count('inconclusive'))} | ${caught === null ? '—' : pct(caught)} | ${attempts.toFixed(0)} |`;
      rows.push(row);
      log(row);
    }
  }
}

console.log('| scenario | cases | adaptive | runs | pass | fail | inconclusive | expected check fails | attempts / revision (mean) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
