// One end-to-end rollout through the real Azure adapter (the ARM SDK with a static token, never
// DefaultAzureCredential) against the Container Apps emulator, with pharmabot revisions answering
// at the URLs the suite maps to the revision names.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, expect, it } from 'vitest';
import { startAcaEmulator, type AcaEmulator } from '../../reference/aca-emulator/server.js';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { readJournal } from '../../src/rollout/journal.js';
import { cli, medquadCases } from '../e2e/helpers.js';
import { FAST_STEPS } from './helpers.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

it('rolls out on Azure Container Apps (emulated ARM): pins latestRevision, promotes, deactivates blue', async () => {
  const blue: Pharmabot = await startPharmabot({ seed: 1 });
  const green: Pharmabot = await startPharmabot({ seed: 2 });
  // Traffic follows "latest" (blue, the newer revision here): it must be pinned by name before anything moves.
  const arm: AcaEmulator = await startAcaEmulator({
    traffic: [{ latestRevision: true, weight: 100 }],
    revisions: [{ suffix: 'green' }, { suffix: 'blue' }],
    pollsUntilDone: 1,
  });
  open.push(blue, green, arm);
  const dir = await mkdtemp(join(tmpdir(), 'revgate-azure-'));
  await writeFile(join(dir, 'golden.yaml'), stringify({ cases: medquadCases(10) }));
  const suiteFile = join(dir, 'suite.yaml');
  await writeFile(
    suiteFile,
    stringify({
      name: 'azure-e2e',
      golden: 'golden.yaml',
      target: { kind: 'openai-chat', model: 'pharmabot-1', docs: { preset: 'azure-on-your-data' } },
      sampling: { concurrency: 4, warmup: 0, retries: 1, timeout: '5s', readyTimeout: '2s', seed: 1 },
      scoring: { minCases: 5 },
      thresholds: ['error_rate <= 1%', 'refusal_rate <= 5%', 'delta.ref.rougeL.mean >= -0.4'],
      report: { formats: ['json'], dir: join(dir, 'reports') },
      rollout: {
        backend: {
          kind: 'azure-container-apps',
          subscriptionId: '${SUB}',
          resourceGroup: arm.resourceGroup,
          app: arm.app,
          endpoint: arm.url,
        },
        urls: { 'pharmabot--blue': blue.url, 'pharmabot--green': green.url },
        green: 'pharmabot--green',
        urlPath: '/v1',
        steps: FAST_STEPS,
        keepPrevious: '300ms',
        lockTtl: '30s',
        stateDir: join(dir, '.revgate'),
      },
    }),
  );
  const r = await cli(['rollout', suiteFile, '--token', 'test-token'], { cwd: dir, env: { SUB: arm.subscriptionId } });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/PROMOTED/);
  expect(arm.state.traffic.filter((t) => (t.weight ?? 0) > 0)).toEqual([
    expect.objectContaining({ revisionName: 'pharmabot--green', weight: 100 }),
  ]);
  expect(arm.revision('blue').active).toBe(false);
  // Every ARM call carried the bearer token; the PATCHes sent whole tables.
  expect(arm.requests.every((q) => q.auth)).toBe(true);
  const patches = arm.requests.filter((q) => q.method === 'PATCH' && JSON.stringify(q.body).includes('"traffic"'));
  expect(patches.length).toBeGreaterThanOrEqual(6);
  expect(JSON.stringify(patches[0]!.body)).toMatch(/"revisionName":"pharmabot--blue","weight":100/);
  expect(JSON.stringify(patches.map((p) => p.body))).not.toMatch(/latestRevision":true/);
  const journal = JSON.parse(
    await import('node:fs').then((fs) => fs.readFileSync(join(dir, '.revgate', 'rollouts', 'pharmabot.json'), 'utf8')),
  ).journal as string;
  const started = (await readJournal(journal)).find((e) => e.type === 'started');
  expect(started).toMatchObject({ fingerprint: { revision: 'pharmabot--green', images: ['revgate.azurecr.io/pharmabot:green'] } });
  const status = await cli(['status', suiteFile, '--token', 'test-token'], { cwd: dir, env: { SUB: arm.subscriptionId } });
  expect(status.stdout).toMatch(/traffic: pharmabot--green 100%/);
});
