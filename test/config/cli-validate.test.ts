// `revgate validate` in-process: how config problems reach a person, and the exit code.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { runCli } from '../../src/cli/run.js';
import { captureIO, fixture, GOLDEN, SUITE } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('revgate validate', () => {
  it('prints every problem as file:line path: message with its hint, exits 4', async () => {
    const cwd = await fixture({
      'suites/bad.yaml': `${SUITE.replace('golden: golden.yaml', 'golden: ../golden.yaml').replace('  - error_rate <= 1%', '  - latncy.p95 < 1s')}sampling:\n  concurency: 4\n`,
      'golden.yaml': `${GOLDEN}  - id: three\n`,
    });
    const io = captureIO(cwd);
    const code = await runCli(['validate', 'suites/bad.yaml'], io);
    expect(code).toBe(ExitCode.InvalidConfig);
    expect(io.out).toBe('');
    expect(io.err).toBe(
      [
        'revgate: 3 problems in the configuration (nothing was sent):',
        '  suites/bad.yaml:11 thresholds[0]: unknown metric "latncy.p95"',
        '      hint: did you mean "latency.p95"?',
        '  suites/bad.yaml:13 sampling.concurency: unknown field "concurency" in sampling',
        '      hint: did you mean "concurrency"? known fields in sampling: concurrency, repeats, timeout, retries, backoff, warmup, deadline, readyTimeout, seed, maxAttempts, maxResponseBytes',
        '  golden.yaml:6 cases[2]: a case needs `messages`, `question` or `vars`',
        '      hint: add `question: …` (single turn) or `messages: [{role: user, content: …}]` (multi-turn)',
        '',
      ].join('\n'),
    );
  });

  it('names the flag when a flag value is bad', async () => {
    const cwd = await fixture({ 'suite.yaml': SUITE, 'golden.yaml': GOLDEN });
    const io = captureIO(cwd);
    expect(await runCli(['validate', 'suite.yaml', '--green', 'ftp://x/v1'], io)).toBe(ExitCode.InvalidConfig);
    expect(io.err).toContain(
      '  suite.yaml green.url: not an http(s) URL: ftp://x/v1 (from --green)\n      hint: use an absolute http(s) URL',
    );
  });

  it('a missing suite file exits 4 with a hint', async () => {
    const io = captureIO(await fixture({}));
    expect(await runCli(['validate', 'nope.yaml'], io)).toBe(ExitCode.InvalidConfig);
    expect(io.err).toContain('revgate: file not found: nope.yaml [RG_CONFIG_NOT_FOUND]');
  });

  it('suites/pharmabot.yaml is valid (exit 0)', async () => {
    const io = captureIO(root);
    const code = await runCli(['validate', 'suites/pharmabot.yaml'], io);
    expect(io.err).toBe('');
    expect(code).toBe(ExitCode.Pass);
    expect(io.out).toContain('suites/pharmabot.yaml: valid');
    expect(io.out).toMatch(
      /cases: +\d+ \(\d+ critical\) from golden\/pharmabot\.yaml \(\d+\), datasets\/medquad-rag\/golden\.jsonl \(\d+\)/,
    );
    expect(io.out).toContain('blue:       openai-chat http://127.0.0.1:8081/v1');
  });
});
