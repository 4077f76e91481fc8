// `npm run demo`: the main job end to end on loopback, no cloud account. A reference pharmabot
// serves as blue; candidate greens are gated and rolled out with the real CLI:
//   1. compare, a good release (same model, another random seed)      → PASS (exit 0)
//   2. compare, a flawed release (short answers, refusals, slower)     → FAIL (exit 1)
//   3. rollout of the good release through the embedded weighted proxy:
//      validate at 0%, canary 10% and 50%, cut over, keep blue warm, deactivate it → promoted (exit 0)
//   4. rollout of the flawed release → rolled back to blue at the validation step (exit 1)
//   5. rollout of a release that passes the golden replay but breaks under real traffic during the
//      10% canary hold (5xx) → the live analysis rolls it back at that interval (exit 1)
// During every rollout, background "user" traffic goes through the local proxy (started as soon as
// the CLI prints the proxy's URL), so the live analysis judges green against blue on real requests.
import { rm } from 'node:fs/promises';
import { startPharmabot } from '../reference/pharmabot/server.js';
import { decideColor } from '../src/cli/color.js';
import type { CliIO } from '../src/cli/io.js';
import { runCli } from '../src/cli/run.js';
import { startUserTraffic, type UserTraffic } from './user-traffic.js';

const controller = new AbortController();
process.on('SIGINT', () => controller.abort('SIGINT'));

// The demo's own headings follow the CLI's colour rules (NO_COLOR, FORCE_COLOR, a terminal).
const color = decideColor(process.env, Boolean(process.stdout.isTTY));
const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
const say = (s: string) => process.stdout.write(`\n${bold(`== ${s}`)}\n`);
const io = (env: Record<string, string> = {}, onStderr?: (s: string) => void): CliIO => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => {
    process.stderr.write(s);
    onStderr?.(s);
  },
  env: { ...process.env, ...env },
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY) && !process.env.CI,
  color,
  signal: controller.signal,
});

const ROLLOUT_SUITE = 'suites/demo-rollout.yaml';
const ROLLOUT_STATE = 'reports/.revgate-demo';

const blue = await startPharmabot({ name: 'blue', seed: 1 });
const good = await startPharmabot({ name: 'green-good', seed: 2 });
const flawed = await startPharmabot({
  name: 'green-flawed',
  seed: 3,
  flaws: { shortAnswers: true, refusalRate: 0.08, extraLatencyMs: 40 },
});
const breaking = await startPharmabot({ name: 'green-breaks', seed: 4 });
const outcomes: { what: string; code: number; expected: number }[] = [];
const step = async (what: string, expected: number, argv: string[], env?: Record<string, string>) => {
  say(what);
  const code = await runCli(argv, io(env));
  outcomes.push({ what, code, expected });
};
// A rollout with background user traffic through its local proxy; `onLog` sees what the CLI prints.
const rollout = async (what: string, expected: number, green: string, onLog?: (s: string) => void) => {
  say(what);
  let traffic: UserTraffic | undefined;
  const env = { REVGATE_DEMO_BLUE_URL: blue.url, REVGATE_DEMO_GREEN_URL: green };
  const code = await runCli(
    ['rollout', ROLLOUT_SUITE],
    io(env, (s) => {
      const proxy = /local proxy for \S+ listening on (http:\/\/\S+)/.exec(s);
      if (proxy && !traffic) traffic = startUserTraffic({ url: proxy[1]!, workers: 6 });
      onLog?.(s);
    }),
  );
  const sent = await traffic?.stop();
  if (sent)
    process.stdout.write(
      `  background user traffic through the proxy: ${sent.sent} requests (${Object.entries(sent.byStatus)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')})\n`,
    );
  outcomes.push({ what, code, expected });
};
try {
  await step(`compare: blue ${blue.url} vs a good green ${good.url}`, 0, [
    'compare',
    'suites/pharmabot.yaml',
    '--blue',
    `${blue.url}/v1`,
    '--green',
    `${good.url}/v1`,
    '--seed',
    '7',
  ]);
  await step(`compare: blue ${blue.url} vs a flawed green ${flawed.url} (short answers, 8% refusals, +40 ms)`, 1, [
    'compare',
    'suites/pharmabot.yaml',
    '--blue',
    `${blue.url}/v1`,
    '--green',
    `${flawed.url}/v1`,
    '--seed',
    '7',
  ]);

  await rm(ROLLOUT_STATE, { recursive: true, force: true });
  await rollout(
    'rollout of the good green on the local backend: 0% → 10% → 50% → 100% with live analysis during holds, blue kept warm, then deactivated',
    0,
    good.url,
  );
  await step('status after the cut-over', 0, ['status', ROLLOUT_SUITE], {
    REVGATE_DEMO_BLUE_URL: blue.url,
    REVGATE_DEMO_GREEN_URL: good.url,
  });

  await rm(ROLLOUT_STATE, { recursive: true, force: true });
  await rollout('rollout of the flawed green: rolled back to blue at once', 1, flawed.url);

  await rm(ROLLOUT_STATE, { recursive: true, force: true });
  let broke = false;
  await rollout(
    'rollout of a green that breaks under real traffic (5xx from 1 s into the 10% canary hold): rolled back by the live analysis',
    1,
    breaking.url,
    (s) => {
      if (broke || !/holding .* at 10%/.test(s)) return;
      broke = true;
      setTimeout(() => breaking.setFlaws({ errorRate: 0.3 }), 1000).unref();
    },
  );

  say('demo outcome');
  for (const o of outcomes) {
    process.stdout.write(`  ${o.code === o.expected ? 'as expected' : 'UNEXPECTED '}  exit ${o.code}  ${o.what}\n`);
  }
  process.stdout.write(
    '  reports: reports/<run-id>/ (report.json, summary.md, junit.xml, report.html, results.jsonl; journal.jsonl for rollouts)\n',
  );
  process.exitCode = outcomes.every((o) => o.code === o.expected) ? 0 : 1;
} finally {
  await Promise.all([blue.close(), good.close(), flawed.close(), breaking.close()]);
}
