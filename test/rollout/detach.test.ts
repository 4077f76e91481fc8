// A rollout across CI jobs: state in Azure Blob Storage (Azurite, the real emulator, on port 0), each
// job a separate CLI run on a "fresh machine" (its reports and local state removed before the next).
// Job 1 runs to the approval gate and exits 5; job 2 (behind the reviewers) approves, cuts over and
// exits 0 with blue warm; job 3 deactivates blue. An approval recorded after the deadline never counts.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../e2e/helpers.js';
import { readJournal } from '../../src/rollout/journal.js';
import { openStateStore } from '../../src/state/open.js';
import { startAzurite, DEV_KEY, type Azurite } from '../state/azurite.js';
import { bench, type Bench } from './helpers.js';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => azurite?.stop());
const benches: Bench[] = [];
afterEach(async () => {
  await Promise.all(benches.splice(0).map((b) => b.close()));
});

let n = 0;
async function setup(rollout: Record<string, unknown>) {
  const container = `ci-${++n}`;
  const b = await bench({
    rollout: {
      steps: [{ weight: 0, analysis: 'full' }, { weight: 50, hold: '100ms', approval: true }, { weight: 100 }],
      state: { backend: 'azure-blob', container, prefix: 'pharmabot/', connectionString: '${STATE_CONNECTION}' },
      ...rollout,
    },
  });
  benches.push(b);
  const env = { STATE_CONNECTION: azurite.connectionString };
  const store = await openStateStore(
    { backend: 'azure-blob', container, prefix: 'pharmabot/', connectionString: azurite.connectionString },
    { stateDir: b.stateDir },
  );
  /** A new CI machine: nothing of the last job's reports or local rollout state survives (the app does). */
  const freshMachine = () => rm(join(b.dir, 'reports'), { recursive: true, force: true });
  const traffic = () => JSON.parse(readFileSync(join(b.stateDir, 'traffic', 'pharmabot.json'), 'utf8')).traffic as unknown[];
  return { b, env, store, freshMachine, traffic };
}

describe('rollout --detach with an azure-blob state store', () => {
  it('three jobs: gate (exit 5) → approve + cut over (exit 0, blue warm) → deactivate (exit 0)', async () => {
    const { b, env, store, freshMachine, traffic } = await setup({ keepPrevious: '1s', approvalTimeout: '10m' });

    const job1 = await cli(['rollout', b.suiteFile, '--detach'], { cwd: b.dir, env });
    expect(job1.code, job1.stdout + job1.stderr).toBe(5);
    expect(job1.stdout).toMatch(/AWAITING APPROVAL: step 2 \(50% on green\) waits for an approval until/);
    expect(job1.stdout).toMatch(/continue: revgate rollout .* --resume --approve/);
    expect(job1.stderr).toMatch(/state: http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/ci-\d+\/pharmabot\//);
    expect(traffic()).toContainEqual(expect.objectContaining({ revision: 'pharmabot--v2', weight: 50 }));
    // Nothing of the state is on this machine: the pointer and journal are in the container.
    expect(existsSync(join(b.stateDir, 'rollouts'))).toBe(false);
    const pointer = JSON.parse((await store.readPointer('pharmabot'))!.text) as { journal: string; active: boolean };
    expect(pointer).toMatchObject({ active: true, journal: expect.stringMatching(/^pharmabot\/runs\/.+\/journal\.jsonl$/) });
    // The lock was released: the app is free between jobs (the pointer keeps a second rollout out).
    const status = await cli(['status', b.suiteFile], { cwd: b.dir, env });
    expect(status.stdout).toMatch(/lock: free/);
    expect(status.stdout).toMatch(/awaiting approval of step 2 until .*: revgate rollout approve --suite/);
    const second = await cli(['rollout', b.suiteFile], { cwd: b.dir, env });
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/pharmabot has an unfinished rollout/);
    // No secret of the connection string in anything printed.
    for (const out of [job1.stdout, job1.stderr, status.stdout, second.stderr]) expect(out).not.toContain(DEV_KEY);

    await freshMachine();
    const job2 = await cli(['rollout', b.suiteFile, '--resume', '--approve', 'release-bot', '--detach'], { cwd: b.dir, env });
    expect(job2.code, job2.stdout + job2.stderr).toBe(0);
    expect(job2.stderr).toMatch(/approved step 2 \(50% on green\) of pharmabot, run .* as release-bot/);
    expect(job2.stdout).toMatch(/CUT OVER: pharmabot--v2 serves 100%; pharmabot--v1 stays warm until/);
    expect(traffic()).toContainEqual(expect.objectContaining({ revision: 'pharmabot--v2', weight: 100 }));

    await freshMachine();
    const job3 = await cli(['rollout', b.suiteFile, '--resume'], { cwd: b.dir, env });
    expect(job3.code, job3.stdout + job3.stderr).toBe(0);
    expect(job3.stdout).toMatch(/PROMOTED: pharmabot--v2 serves 100%; pharmabot--v1 deactivated/);

    const events = await readJournal(pointer.journal, store);
    expect(events.filter((e) => e.type === 'resumed')).toHaveLength(2);
    expect(events.find((e) => e.type === 'approved')).toMatchObject({ step: 1, by: 'release-bot' });
    expect(events.filter((e) => e.type === 'finished').map((e) => (e as { outcome: string }).outcome)).toEqual([
      'awaiting-approval',
      'cut-over',
      'promoted',
    ]);
    // Sequence numbers run on across the three processes: one journal, no gap, no repeat.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(JSON.parse((await store.readPointer('pharmabot'))!.text)).toMatchObject({ active: false });
  }, 120_000);

  it('an approval recorded after the deadline does not count: --resume rolls back (exit 2)', async () => {
    const { b, env, traffic } = await setup({ approvalTimeout: '300ms' });
    const job1 = await cli(['rollout', b.suiteFile, '--detach'], { cwd: b.dir, env });
    expect(job1.code, job1.stdout + job1.stderr).toBe(5);
    const deadline = Date.parse(/until (\S+)/.exec(job1.stdout)![1]!);
    // The gate's own deadline is the event: approve only once it has passed.
    while (Date.now() <= deadline) await new Promise((ok) => setTimeout(ok, deadline - Date.now() + 5));
    const late = await cli(['rollout', 'approve', '--suite', b.suiteFile], { cwd: b.dir, env });
    expect(late.code, late.stderr).toBe(0);
    const job2 = await cli(['rollout', b.suiteFile, '--resume'], { cwd: b.dir, env });
    expect(job2.code, job2.stdout + job2.stderr).toBe(2);
    expect(job2.stdout).toMatch(/ROLLED BACK: step 2: no approval within/);
    expect(traffic()).toContainEqual(expect.objectContaining({ revision: 'pharmabot--v1', weight: 100 }));
  }, 120_000);

  it('--approve needs --resume (exit 4, nothing moved); a literal connection string is refused (exit 4)', async () => {
    const { b, env } = await setup({});
    const r = await cli(['rollout', b.suiteFile, '--approve'], { cwd: b.dir, env });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--approve continues a rollout waiting at an approval gate[\s\S]*use it with --resume/);
    const bad = await bench({
      rollout: { state: { backend: 'azure-blob', container: 'x-state', connectionString: `AccountKey=${DEV_KEY}` } },
    });
    benches.push(bad);
    const v = await cli(['validate', bad.suiteFile], { cwd: bad.dir });
    expect(v.code).toBe(4);
    expect(v.stderr + v.stdout).toMatch(/rollout\.state\.connectionString[\s\S]*only a \$\{ENV_VAR\} reference is allowed/);
    expect(v.stderr + v.stdout).not.toContain(DEV_KEY);
  }, 60_000);
});
