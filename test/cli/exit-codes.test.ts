// Exit codes have one definition (src/cli/exit-codes.ts): every command's --help and the tables of
// docs/exit-codes.md are rendered from it, so a changed meaning cannot drift between them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_EXIT_CODES,
  COMPARE_EXIT_CODES,
  ExitCode,
  ROLLOUT_EXIT_CODES,
  exitCodesHelp,
  renderExitCodeBlocks,
} from '../../src/cli/exit-codes.js';
import { runCli } from '../../src/cli/run.js';

async function help(argv: string[]): Promise<string> {
  let out = '';
  const code = await runCli([...argv, '--help'], {
    stdout: (s) => (out += s),
    stderr: () => undefined,
    env: {},
    cwd: process.cwd(),
    isTTY: false,
    color: false,
    signal: new AbortController().signal,
  });
  expect(code).toBe(ExitCode.Pass);
  return out;
}

describe('exit codes, defined once', () => {
  it('the tables of docs/exit-codes.md are the rendering of the definitions (run `npm run docs` after a change)', () => {
    const page = readFileSync(new URL('../../docs/exit-codes.md', import.meta.url), 'utf8');
    for (const block of ['compare', 'rollout', 'commands']) expect(page).toContain(`<!-- exit-codes:${block} -->`);
    expect(renderExitCodeBlocks(page)).toBe(page);
    for (const r of [...COMPARE_EXIT_CODES, ...ROLLOUT_EXIT_CODES]) expect(page).toContain(`| ${r.code} | ${r.outcome} | ${r.meaning} |`);
    for (const [command, table] of Object.entries(COMMAND_EXIT_CODES))
      for (const r of table) expect(page).toContain(`| \`${command}\` | ${r.code} | ${r.outcome} | ${r.meaning} |`);
    // One home: the README links the page instead of holding a copy that `npm run docs` would also have to keep.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).not.toContain('<!-- exit-codes:');
    expect(readme).toContain('(docs/exit-codes.md)');
  });

  it('every command prints its own table in --help', async () => {
    expect(await help([])).toContain(exitCodesHelp(COMPARE_EXIT_CODES));
    expect(await help(['compare'])).toContain(exitCodesHelp(COMPARE_EXIT_CODES));
    expect(await help(['rollout'])).toContain(exitCodesHelp(ROLLOUT_EXIT_CODES));
    for (const [command, table] of Object.entries(COMMAND_EXIT_CODES)) expect(await help([command])).toContain(exitCodesHelp(table));
  });

  it('a code keeps one number per outcome', () => {
    expect(Object.values(ExitCode)).toEqual([0, 1, 2, 3, 4, 5, 130]);
    for (const table of [COMPARE_EXIT_CODES, ROLLOUT_EXIT_CODES, ...Object.values(COMMAND_EXIT_CODES)])
      expect(new Set(table.map((r) => r.code)).size).toBe(table.length);
  });
});
