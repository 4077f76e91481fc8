// The process edge: the only module that reads argv, env, TTY and signals, and sets the exit code.
import { decideColor } from './color.js';
import { boundHeapGrowth } from './heap.js';
import { openDetached } from './opener.js';
import { runCli } from './run.js';

// Full GCs before the heap runs far past the live data: long runs keep a flat RSS (src/cli/heap.ts).
boundHeapGrowth();

// `revgate … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const controller = new AbortController();
let signals = 0;
let quitMessage = '';
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    signals++;
    if (signals > 1) {
      process.stderr.write(`\n${quitMessage || `revgate: second ${sig}: quitting at once`}\n`);
      process.exit(130);
    }
    process.stderr.write(
      `\nrevgate: ${sig}: stopping, writing a partial report (a rollout rolls back first); send it again to quit at once\n`,
    );
    controller.abort(sig);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  // The progress bar needs a real terminal outside CI; colours follow NO_COLOR / FORCE_COLOR too.
  isTTY: Boolean(process.stdout.isTTY) && !process.env.CI,
  color: decideColor(process.env, Boolean(process.stdout.isTTY)),
  signal: controller.signal,
  onQuit: (message) => (quitMessage = message),
  openFile: (file) => openDetached(file, process.platform),
});
