// An example for YOUR repository (not run by revgate's own tests): a vitest test that replays a
// revgate suite against your staging revisions and fails on anything but a `pass` verdict.
//
//   npm install --save-dev revgate vitest
//   BLUE_URL=https://myapp--blue.example.io/v1 GREEN_URL=https://myapp--green.example.io/v1 npx vitest run release-gate
//
// The same code is exercised against the reference service by revgate's test/public/library.test.ts.
import { describe, expect, it } from 'vitest';
import { compare, loadSuite } from 'revgate';

const BLUE_URL = process.env.BLUE_URL; // the revision serving traffic now
const GREEN_URL = process.env.GREEN_URL; // the candidate revision (staging)

// Without the URLs (a laptop, a fork's PR) the gate is skipped rather than failed.
describe.skipIf(!BLUE_URL || !GREEN_URL)('release gate (revgate)', () => {
  it(
    'green is not worse than blue',
    async () => {
      // Validates the suite, its golden sets and thresholds; throws a ConfigError listing every problem.
      const { suite } = await loadSuite('suites/pharmabot.yaml', {
        overrides: { blue: BLUE_URL, green: GREEN_URL, out: 'reports' },
        env: process.env, // ${VAR} references in the suite expand from here
      });
      // Replays, scores, gates and writes reports/<run-id>/{report.json,summary.md,junit.xml}.
      const { summary, files } = await compare(suite);
      // pass | fail | inconclusive | error: only pass may ship. The reasons say which checks did not pass.
      expect(summary.verdict.status, `${summary.verdict.reasons.join('\n')}\n(see ${files.md ?? files.json})`).toBe('pass');
    },
    30 * 60_000,
  );
});
