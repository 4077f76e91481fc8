// The process edge: the only module that reads argv, env, TTY and signals, and sets the exit code.
import { runCli } from './run.js';

const controller = new AbortController();
let signals = 0;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    signals++;
    if (signals > 1) process.exit(130);
    process.stderr.write(`\nrevgate: ${sig}: stopping, writing a partial report (send again to quit at once)\n`);
    controller.abort(sig);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY) && !process.env.CI,
  signal: controller.signal,
});
