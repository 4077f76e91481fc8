// The compiled CLI as a real process (SIGKILL, SIGINT, resume tests): output collected, exit awaited.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../e2e/helpers.js';

export const BIN = join(ROOT, 'bin/revgate.js');

/** Start `revgate <args>` in `cwd`; stdout and stderr are collected together. */
export function run(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { child, exited, output: () => out };
}
