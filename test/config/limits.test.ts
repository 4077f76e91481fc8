// Input that would exhaust revgate instead of being refused: a YAML alias bomb and a YAML golden
// set too large to parse whole. Both are config errors (exit 4) naming the file and the fix.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { runCli } from '../../src/cli/run.js';
import { MAX_YAML_GOLDEN_BYTES } from '../../src/config/golden.js';
import { captureIO, fixture, GOLDEN, SUITE } from './helpers.js';

describe('input limits', () => {
  it('a YAML alias bomb is a config error (exit 4), not an internal one', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const cwd = await fixture({ 'suite.yaml': SUITE, 'golden.yaml': `${bomb.join('\n')}\ncases:\n  - id: one\n    question: q\n` });
    const io = captureIO(cwd);
    expect(await runCli(['validate', 'suite.yaml'], io)).toBe(ExitCode.InvalidConfig);
    expect(io.err).toMatch(/golden\.yaml:1 : YAML: .*alias.* \(more than 100 alias expansions\)|golden\.yaml:1: YAML: .*alias/i);
    expect(io.err).toMatch(/hint: write the values out instead of nesting aliases/);
  });

  it('a YAML golden set over the YAML limit is refused with the fix (JSONL); the same cases as JSONL load', async () => {
    const filler = `# ${'x'.repeat(1000)}\n`.repeat(Math.ceil(MAX_YAML_GOLDEN_BYTES / 1000) + 10);
    const cwd = await fixture({ 'suite.yaml': SUITE, 'golden.yaml': `${GOLDEN}${filler}` });
    const io = captureIO(cwd);
    expect(await runCli(['validate', 'suite.yaml'], io)).toBe(ExitCode.InvalidConfig);
    expect(io.err).toMatch(/golden\.yaml: YAML golden set of \d+ MiB is over the 32 MiB YAML limit/);
    expect(io.err).toMatch(/hint: write large golden sets as JSONL/);
    const jsonl = await fixture({
      'suite.yaml': SUITE.replace('golden: golden.yaml', 'golden: golden.jsonl'),
      'golden.jsonl': '{"id":"one","question":"q"}\n{"id":"two","question":"r"}\n',
    });
    const ok = captureIO(jsonl);
    expect(await runCli(['validate', 'suite.yaml'], ok), ok.err).toBe(ExitCode.Pass);
  });
});
