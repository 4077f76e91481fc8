// Rollout timings on an emulated Azure with realistic operations (2 s each, Retry-After 1 s, the
// SDK's own polling, the default pollInterval and lock TTL): ARM calls per minute during a hold, and
// the time from a breach seen to 100% blue verified — with nothing in flight, and with another
// actor's 8 s operation in flight (every write meanwhile is refused with 409). Prints figures.
//   npm run bench:rollout
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startRevisionFront } from '../reference/aca-emulator/ingress.js';
import { startAcaEmulator, type AcaEmulator } from '../reference/aca-emulator/server.js';
import { startPharmabot } from '../reference/pharmabot/index.js';
import { loadSuite } from '../src/config/load-suite.js';
import { goldenReplay } from '../src/run/rollout-analysis.js';
import { memoryJournal } from '../src/rollout/journal.js';
import { runRollout } from '../src/rollout/run-rollout.js';
import type { RolloutEvent } from '../src/rollout/types.js';
import { createAzureContainerAppsRouter, staticTokenCredential } from '../src/traffic/azure/index.js';

const TOKEN = 'bench-token';
const HOLD_S = Number(process.env.HOLD_S ?? 60);

interface Scenario {
  name: string;
  /** Called once the canary hold began. */
  duringHold?: (emu: AcaEmulator, events: RolloutEvent[]) => Promise<void>;
}

async function scenario(s: Scenario): Promise<{ events: RolloutEvent[]; emu: AcaEmulator; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-bench-rollout-'));
  const blue = await startPharmabot({ seed: 1 });
  const green = await startPharmabot({ seed: 2 });
  const fronts = { 'pharmabot--blue': await startRevisionFront(blue.url), 'pharmabot--green': await startRevisionFront(green.url) };
  const emu = await startAcaEmulator({ token: TOKEN, operationMs: 2000, pollRetryAfterSeconds: 1 });
  await writeFile(join(dir, 'golden.yaml'), stringify({ cases: [{ id: 'c1', question: 'What is glaucoma?' }] }));
  await writeFile(
    join(dir, 'suite.yaml'),
    stringify({
      name: 'bench',
      golden: 'golden.yaml',
      target: { kind: 'openai-chat', model: 'pharmabot-1' },
      report: { formats: ['json'], dir: join(dir, 'reports') },
      rollout: {
        backend: {
          kind: 'azure-container-apps',
          subscriptionId: emu.subscriptionId,
          resourceGroup: emu.resourceGroup,
          app: emu.app,
          endpoint: emu.url,
        },
        urls: { 'pharmabot--blue': fronts['pharmabot--blue'].url, 'pharmabot--green': fronts['pharmabot--green'].url },
        green: 'pharmabot--green',
        urlPath: '/v1',
        steps: [{ weight: 0 }, { weight: 10, hold: `${HOLD_S}s` }, { weight: 100 }],
        keepPrevious: '1s',
        stateDir: join(dir, '.revgate'),
      },
    }),
  );
  const { suite } = await loadSuite(join(dir, 'suite.yaml'), { cwd: dir, env: {} });
  const router = createAzureContainerAppsRouter({
    subscriptionId: emu.subscriptionId,
    resourceGroup: emu.resourceGroup,
    app: emu.app,
    credential: staticTokenCredential(TOKEN),
    endpoint: emu.url,
    allowInsecureLoopback: true,
  });
  const events: RolloutEvent[] = [];
  const journal = memoryJournal('bench', events);
  let started = false;
  const watcher = setInterval(() => {
    if (!started && events.some((e) => e.type === 'hold')) {
      started = true;
      void s.duringHold?.(emu, events);
    }
  }, 20);
  await runRollout({
    router,
    journal,
    plan: suite.rollout!,
    analysis: goldenReplay(async () => suite),
    approvals: { find: async () => null },
    runDir: dir,
    owner: 'bench',
    suite: 'bench',
    signal: new AbortController().signal,
    log: () => undefined,
  });
  clearInterval(watcher);
  return {
    events,
    emu,
    close: async () => {
      await emu.close();
      await Promise.all(Object.values(fronts).map((f) => f.close()));
      await Promise.all([blue.close(), green.close()]);
    },
  };
}

const at = (e: RolloutEvent | undefined) => (e ? Date.parse(e.at) : NaN);

// A write by another actor: a tags PATCH that runs `ms` on the emulator.
async function foreignWrite(emu: AcaEmulator, ms: number): Promise<void> {
  const before = emu.settings.operationMs;
  emu.settings.operationMs = ms;
  const url = `${emu.url}/subscriptions/${emu.subscriptionId}/resourceGroups/${emu.resourceGroup}/providers/Microsoft.App/containerApps/${emu.app}?api-version=2025-07-01`;
  const res = await fetch(url, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ tags: { deployedBy: 'someone-else' } }),
  });
  emu.settings.operationMs = before;
  if (res.status !== 202) throw new Error(`foreign write answered ${res.status}`);
}

async function main(): Promise<void> {
  console.log(
    `rollout timings on the ACA emulator: operations 2 s, Retry-After 1 s, pollInterval 5s (default), lockTtl 5m (default), canary hold ${HOLD_S} s`,
  );
  // 1. A healthy hold: ARM calls per minute.
  const quiet = await scenario({ name: 'quiet hold' });
  const hold = quiet.events.find((e) => e.type === 'hold');
  const passed = quiet.events.find((e) => e.type === 'step-passed' && e.step === 1);
  const calls = quiet.emu.requests.filter((q) => q.at >= at(hold) && q.at <= at(passed));
  const arm = calls.filter((q) =>
    ['getApp', 'listRevisions', 'getRevision', 'patchApp', 'revisionAction', 'operationStatus', 'operationResult'].includes(q.route),
  );
  const minutes = (at(passed) - at(hold)) / 60_000;
  const byRoute: Record<string, number> = {};
  for (const q of arm) byRoute[q.route] = (byRoute[q.route] ?? 0) + 1;
  console.log(
    `  hold: ${(minutes * 60).toFixed(1)} s, ARM calls ${arm.length} = ${(arm.length / minutes).toFixed(1)}/min ${JSON.stringify(byRoute)}`,
  );
  await quiet.close();

  // 2. Green turns Unhealthy mid-hold, nothing in flight.
  const plain = await scenario({
    name: 'breach',
    duringHold: async (emu) => void setTimeout(() => emu.setHealth('green', 'Unhealthy'), 3000),
  });
  const report = (name: string, events: RolloutEvent[]) => {
    const breach = events.find((e) => e.type === 'breach');
    const requested = events.find((e) => e.type === 'rollback-requested');
    const verified = events.find((e) => e.type === 'rolled-back');
    console.log(
      `  ${name}: breach seen → rollback requested ${at(requested) - at(breach)} ms, → 100% blue verified ${at(verified) - at(breach)} ms`,
    );
  };
  report('breach, nothing in flight', plain.events);
  await plain.close();

  // 3. The same breach while another actor's 8 s operation runs.
  const busy = await scenario({
    name: 'breach while busy',
    duringHold: async (emu) =>
      void setTimeout(() => {
        void foreignWrite(emu, 8000);
        emu.setHealth('green', 'Unhealthy');
      }, 3000),
  });
  report('breach, another 8 s operation in flight', busy.events);
  console.log(`    409s waited out: ${busy.emu.requests.filter((q) => q.status === 409).length}`);
  await busy.close();
}

await main();
