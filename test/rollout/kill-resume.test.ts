// Crash safety with the compiled CLI as a real process: SIGKILL during a hold, then
// `rollout --resume` continues from the last verified state and promotes. Needs `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { readJournal } from '../../src/rollout/journal.js';
import { ROOT } from '../e2e/helpers.js';
import { bench, types, type Bench } from './helpers.js';
import { run } from './spawn.js';

const benches: Bench[] = [];
afterEach(async () => {
  await Promise.all(benches.splice(0).map((b) => b.close()));
});

async function journalOf(reports: string): Promise<string | undefined> {
  if (!existsSync(reports)) return undefined;
  const runs = (await readdir(reports)).filter((r) => existsSync(join(reports, r, 'journal.jsonl')));
  return runs[0] ? join(reports, runs[0], 'journal.jsonl') : undefined;
}

it('SIGKILL during a hold, then --resume finishes the rollout from the last verified table', async () => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) throw new Error('run `npm run build` first');
  const steps = [{ weight: 0, analysis: 'full' }, { weight: 10, hold: '4s' }, { weight: 50, hold: '200ms' }, { weight: 100 }];
  const b = await bench({ rollout: { steps, lockTtl: '1s' } });
  benches.push(b);
  const first = run(['rollout', b.suiteFile], b.dir);
  const until = Date.now() + 30_000;
  let journal: string | undefined;
  for (;;) {
    journal = await journalOf(join(b.dir, 'reports'));
    if (journal && (await readJournal(journal)).some((e) => e.type === 'hold' && e.step === 1)) break;
    if (Date.now() > until || first.child.exitCode !== null) throw new Error(`no hold reached\n${first.output()}`);
    await sleep(50);
  }
  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull();
  const before = await readJournal(journal);
  expect(before.at(-1)?.type).toBe('hold');
  // The crashed process's lock is still live: --resume is refused until it is stale and --break-lock is given.
  const refused = run(['rollout', b.suiteFile, '--resume'], b.dir);
  expect(await refused.exited, refused.output()).toBe(3);
  expect(refused.output()).toMatch(/RG_TRAFFIC_LOCKED/);
  await sleep(1100);
  const second = run(['rollout', b.suiteFile, '--resume', '--break-lock'], b.dir);
  expect(await second.exited, second.output()).toBe(0);
  const events = await readJournal(journal);
  const after = types(events.slice(before.length));
  // Resumed at step 2 (10%): the hold keeps its journaled end, the 0% analysis is not repeated.
  expect(after[0]).toBe('resumed');
  expect(events.find((e) => e.type === 'resumed')).toMatchObject({
    actual: [
      { revision: 'pharmabot--v1', weight: 90 },
      { revision: 'pharmabot--v2', weight: 10 },
    ],
  });
  expect(after.filter((t) => t === 'analysis')).toHaveLength(0);
  expect(after.slice(-3)).toEqual(['weights-verified', 'deactivated', 'finished']);
  expect(events.at(-1)).toMatchObject({ type: 'finished', outcome: 'promoted' });
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  // The local backend's stored table: green 100%, blue deactivated.
  const stored = JSON.parse(readFileSync(join(b.stateDir, 'traffic', 'pharmabot.json'), 'utf8'));
  expect(stored.traffic).toEqual([{ revision: 'pharmabot--v2', weight: 100 }]);
  expect(stored.revisions.find((r: { name: string }) => r.name === 'pharmabot--v1').active).toBe(false);
  const pointer = JSON.parse(readFileSync(join(b.stateDir, 'rollouts', 'pharmabot.json'), 'utf8'));
  expect(pointer).toMatchObject({ active: false, journal: journal });
});
