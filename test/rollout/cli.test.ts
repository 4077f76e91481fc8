// The rollout commands through the CLI in-process (k6 style): --dry-run moves nothing, status,
// rollback, approve, config errors all at once, and a whole rollout with the real local proxy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../e2e/helpers.js';
import { readJournal } from '../../src/rollout/journal.js';
import { bench, type Bench } from './helpers.js';

const benches: Bench[] = [];
afterEach(async () => {
  await Promise.all(benches.splice(0).map((b) => b.close()));
});
async function setup(o: Parameters<typeof bench>[0] = {}): Promise<Bench> {
  const b = await bench(o);
  benches.push(b);
  return b;
}
const stored = (b: Bench) => JSON.parse(readFileSync(join(b.stateDir, 'traffic', 'pharmabot.json'), 'utf8'));

describe('revgate rollout / status / rollback / approve', () => {
  it('--dry-run prints the plan and every call, and moves nothing', async () => {
    const b = await setup();
    await cli(['status', b.suiteFile], { cwd: b.dir }); // creates the local state (100% blue)
    const before = stored(b).traffic;
    const r = await cli(['rollout', b.suiteFile, '--dry-run'], { cwd: b.dir });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/would call local setWeights\(pharmabot--v1 100% \/ pharmabot--v2 0%\)/);
    expect(r.stdout).toMatch(/would call local setWeights\(pharmabot--v1 90% \/ pharmabot--v2 10%\)/);
    expect(r.stdout).toMatch(/would call local deactivate\(pharmabot--v1\)/);
    expect(r.stdout).toMatch(/would call local acquireLock/);
    expect(r.stdout).toMatch(/read {2}local readWeights\(\)/);
    expect(r.stdout).toMatch(/would replay 6 golden cases against green http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(r.stdout).toMatch(/nothing was moved/);
    // The same machine on a virtual clock: holds are described, never waited for; nothing claims to be verified.
    expect(r.stdout).toMatch(/holding 200ms at 10%\n {2}would wait 200ms/);
    expect(r.stdout).not.toMatch(/\(verified\)/);
    expect(stored(b).traffic).toEqual(before);
    expect(stored(b).revisions.every((x: { active: boolean }) => x.active)).toBe(true);
  });

  it('promotes through the CLI, then status shows the finished rollout; rollback puts 100% on blue', async () => {
    const b = await setup();
    const r = await cli(['rollout', b.suiteFile], { cwd: b.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PROMOTED/);
    expect(r.stderr).toMatch(/local proxy for pharmabot listening on http:\/\/127\.0\.0\.1:\d+/);
    const s = await cli(['status', b.suiteFile], { cwd: b.dir });
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/traffic: pharmabot--v2 100%/);
    expect(s.stdout).toMatch(/pharmabot--v1 +0% +inactive/);
    expect(s.stdout).toMatch(/rollout: last run .*: pharmabot--v1 → pharmabot--v2, promoted/);
    expect(s.stdout).toMatch(/lock: free/);
    // Emergency: back to the previous revision named in the journal (activated again).
    const back = await cli(['rollback', b.suiteFile], { cwd: b.dir });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/pharmabot--v1 serves 100% \(verified\)/);
    expect(stored(b).traffic).toEqual([{ revision: 'pharmabot--v1', weight: 100 }]);
  });

  it('a flawed green exits 1 (rolled back), then a second rollout is allowed', async () => {
    const b = await setup({ green: { flaws: { refusalRate: 0.6 } } });
    const r = await cli(['rollout', b.suiteFile], { cwd: b.dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/ROLLED BACK/);
    expect(stored(b).traffic.filter((e: { weight: number }) => e.weight > 0)).toEqual([{ revision: 'pharmabot--v1', weight: 100 }]);
  });

  it('approve: the running rollout waits at its gate until `revgate rollout approve`', async () => {
    const b = await setup({ rollout: { steps: [{ weight: 0 }, { weight: 50, approval: true }, { weight: 100 }], approvalTimeout: '20s' } });
    const running = cli(['rollout', b.suiteFile], { cwd: b.dir });
    let status = '';
    for (let i = 0; i < 200 && !/awaiting approval of step 2/.test(status); i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      status = (await cli(['status', b.suiteFile], { cwd: b.dir })).stdout;
    }
    expect(status).toMatch(/rollout: ACTIVE run/);
    const a = await cli(['rollout', 'approve', '--by', 'alice'], { cwd: b.dir });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/approved step 2 \(50% on green\) of pharmabot/);
    const r = await running;
    expect(r.code, r.stderr).toBe(0);
    const journal = JSON.parse(readFileSync(join(b.stateDir, 'rollouts', 'pharmabot.json'), 'utf8')).journal as string;
    expect((await readJournal(journal)).find((e) => e.type === 'approved')).toMatchObject({ step: 1, by: 'alice' });
  });

  it('an invalid rollout section lists every problem at once (exit 4), nothing moved', async () => {
    const b = await setup();
    const file = join(b.dir, 'bad.yaml');
    await writeFile(
      file,
      stringify({
        name: 'bad',
        golden: 'golden.yaml',
        rollout: {
          backend: { kind: 'azure-container-apps', subscriptionId: '${NO_SUCH_SUB}', resourceGroup: 'rg', app: 'a' },
          steps: [{ weight: 50 }, { weight: 10, analysis: 'sample' }],
          onInconclusive: 'maybe',
          urlPath: 'v1',
        },
      }),
    );
    const r = await cli(['rollout', file], { cwd: b.dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/rollout\.steps\[1\]\.weight: weight 10 is below the previous step's 50/);
    expect(r.stderr).toMatch(/rollout\.steps\[1\]\.sample/);
    expect(r.stderr).toMatch(/rollout\.steps\[1\]\.weight: the last step must put 100% on green/);
    expect(r.stderr).toMatch(/rollout\.onInconclusive/);
  });

  it('a suite without a rollout section is a usage error', async () => {
    const b = await setup();
    const file = join(b.dir, 'plain.yaml');
    await writeFile(
      file,
      stringify({ name: 'plain', golden: 'golden.yaml', blue: { url: 'http://127.0.0.1:1/v1' }, green: { url: 'http://127.0.0.1:2/v1' } }),
    );
    const r = await cli(['status', file], { cwd: b.dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/has no rollout: section/);
    expect(r.stderr).toContain('see docs/rollout.md');
  });
});
