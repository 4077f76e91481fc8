// Whether revgate writes ANSI colours: decided once, at the process edge (main.ts), from the
// environment and whether stdout is a terminal, then handed to every renderer through CliIO.
// Pure, so the rules are unit-tested without a terminal.

/**
 * The colour rules, in order:
 * 1. `FORCE_COLOR` set to anything but "", "0" or "false" forces colours, even into a pipe or a CI
 *    log (it is set for one run on purpose, so it wins over a standing `NO_COLOR`, as in Node and
 *    supports-color); "0" or "false" turns them off.
 * 2. `NO_COLOR` set to any non-empty value turns them off (https://no-color.org).
 * 3. `TERM=dumb` turns them off: such a terminal prints escape codes as text.
 * 4. Otherwise colours only when stdout is a terminal.
 */
export function decideColor(env: Readonly<Record<string, string | undefined>>, stdoutIsTTY: boolean): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stdoutIsTTY;
}
