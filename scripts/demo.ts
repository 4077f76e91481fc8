// `npm run demo`: the main job end to end on loopback, no cloud account. Starts a reference
// pharmabot as blue, then gates two candidate greens with the real CLI:
//   1. a good release (same model, another random seed)      → expected PASS
//   2. a flawed release (short answers, refusals, slower)    → expected FAIL
import { startPharmabot } from '../reference/pharmabot/server.js';
import { runCli } from '../src/cli/run.js';

const controller = new AbortController();
process.on('SIGINT', () => controller.abort('SIGINT'));

const say = (s: string) => process.stdout.write(`\n\x1b[1m== ${s}\x1b[0m\n`);
const io = {
  stdout: (s: string) => process.stdout.write(s),
  stderr: (s: string) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY) && !process.env.CI,
  signal: controller.signal,
};

const blue = await startPharmabot({ name: 'blue', seed: 1 });
const good = await startPharmabot({ name: 'green-good', seed: 2 });
const flawed = await startPharmabot({
  name: 'green-flawed',
  seed: 3,
  flaws: { shortAnswers: true, refusalRate: 0.08, extraLatencyMs: 40 },
});
const outcomes: string[] = [];
try {
  say(`blue ${blue.url} (serving)  vs  green ${good.url} (a good release)`);
  const a = await runCli(['compare', 'suites/pharmabot.yaml', '--blue', `${blue.url}/v1`, '--green', `${good.url}/v1`, '--seed', '7'], io);
  outcomes.push(`good release   → exit ${a} (${a === 0 ? 'pass, as expected' : 'UNEXPECTED'})`);

  say(`blue ${blue.url} (serving)  vs  green ${flawed.url} (short answers, 8% refusals, +40 ms)`);
  const b = await runCli(['compare', 'suites/pharmabot.yaml', '--blue', `${blue.url}/v1`, '--green', `${flawed.url}/v1`, '--seed', '7'], io);
  outcomes.push(`flawed release → exit ${b} (${b === 1 ? 'fail, as expected' : 'UNEXPECTED'})`);

  say('demo outcome');
  for (const o of outcomes) process.stdout.write(`  ${o}\n`);
  process.stdout.write('  reports: reports/<run-id>/ (report.json, summary.md, junit.xml, results.jsonl)\n');
  process.exitCode = a === 0 && b === 1 ? 0 : 1;
} finally {
  await Promise.all([blue.close(), good.close(), flawed.close()]);
}
