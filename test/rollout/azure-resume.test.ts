// The compiled CLI as a real process against the busy ACA emulator: SIGKILL late in a canary hold,
// then `--resume` judges the whole hold from its journaled start (a healthy canary is promoted); and
// a second Ctrl-C quits at once, saying the traffic state is unknown. Needs `npm run build`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { readJournal } from '../../src/rollout/journal.js';
import { decodeLock, LOCK_TAG } from '../../src/traffic/azure/lock.js';
import type { RolloutEvent } from '../../src/rollout/types.js';
import { startUserTraffic, type UserTraffic } from '../../scripts/user-traffic.js';
import { ROOT } from '../e2e/helpers.js';
import { armTable, azureBench, BLUE, GREEN, TOKEN, type AzureBench } from './azure-bench.js';
import { run } from './spawn.js';

const open: { close(): Promise<void> }[] = [];
let traffic: UserTraffic | undefined;
afterEach(async () => {
  await traffic?.stop();
  traffic = undefined;
  await Promise.all(open.splice(0).map((x) => x.close()));
});

/** Poll `f` (every 50 ms) until it returns something, or fail after `ms`. */
let context: (() => string) | undefined;
async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${context ? `\n${context()}` : ''}`);
    await sleep(50);
  }
}

const journalOf = (out: string) => /journal (\S+journal\.jsonl)/.exec(out)?.[1];

async function bench(o: Parameters<typeof azureBench>[0]): Promise<AzureBench> {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) throw new Error('run `npm run build` first');
  const b = await azureBench(o);
  open.push(b);
  return b;
}

it('SIGKILL late in a canary hold, then --resume judges the whole hold from its journaled start and promotes a healthy canary', async () => {
  const b = await bench({
    emulator: { pollRetryAfterSeconds: 1, operationMs: 500 },
    rollout: { steps: [{ weight: 0 }, { weight: 20, hold: '4s' }, { weight: 100 }], lockTtl: '6s' },
    live: { minRequests: 20, interval: '500ms', window: '1s', maxExtension: '0ms' },
  });
  traffic = startUserTraffic({ url: b.ingress, workers: 4 });
  const first = run(['rollout', b.suiteFile, '--token', TOKEN], b.dir);
  context = first.output;
  const journal = await until('the journal', () => journalOf(first.output()));
  type Hold = Extract<RolloutEvent, { type: 'hold' }>;
  const hold = await until(
    'the canary hold',
    async () =>
      (await readJournal(journal).catch(() => [] as RolloutEvent[])).find((e) => e.type === 'hold' && e.step === 1) as Hold | undefined,
  );
  // Late in the hold: half a second before its end.
  await sleep(Math.max(0, Date.parse(hold.until) - 500 - Date.now()));
  first.child.kill('SIGKILL');
  expect(await first.exited, first.output()).toBeNull();
  const before = await readJournal(journal);
  // The crashed process's lock expires (lockTtl 6 s: renewals of a 1 s operation every 2 s); only then may --break-lock take it.
  await until('the stale lock', () => {
    const lock = decodeLock(b.emu.state.tags[LOCK_TAG]);
    return lock && Date.parse(lock.expiresAt) < Date.now() ? lock : undefined;
  });
  const second = run(['rollout', b.suiteFile, '--token', TOKEN, '--resume', '--break-lock'], b.dir);
  expect(await second.exited, second.output()).toBe(0);
  const after = (await readJournal(journal)).slice(before.length);
  expect(after[0]).toMatchObject({ type: 'resumed' });
  const final = after.find((e): e is Extract<RolloutEvent, { type: 'live' }> => e.type === 'live' && e.final && e.step === 1)!;
  expect(final.status).toBe('pass');
  // The window starts where the hold started (the weights' verification), not at the resume.
  expect(final.window!.from).toBe(hold.since);
  expect(final.checks.find((c) => c.id === 'live.error_rate')!.live!.green!.requests).toBeGreaterThanOrEqual(20);
  expect(after.filter((e) => e.type === 'hold')).toHaveLength(0);
  expect(after.at(-1)).toMatchObject({ type: 'finished', outcome: 'promoted' });
  expect(armTable(b.emu)).toEqual([{ revision: GREEN, weight: 100 }]);
});

it('a second Ctrl-C quits at once and says the traffic state is unknown and what to run', async () => {
  const b = await bench({
    emulator: { pollRetryAfterSeconds: 1, operationMs: 3000 },
    rollout: { steps: [{ weight: 0 }, { weight: 10, hold: '30s' }, { weight: 100 }] },
  });
  const p = run(['rollout', b.suiteFile, '--token', TOKEN], b.dir);
  context = p.output;
  const journal = await until('the journal', () => journalOf(p.output()));
  await until('the canary hold', async () => (await readJournal(journal).catch(() => [])).find((e) => e.type === 'hold'));
  p.child.kill('SIGINT');
  // The rollback write is slow (3 s): while it runs, the second Ctrl-C.
  await until('the rollback', async () => (await readJournal(journal)).find((e) => e.type === 'rollback-requested'));
  p.child.kill('SIGINT');
  expect(await p.exited).toBe(130);
  expect(p.output()).toMatch(/the traffic state is unknown/);
  expect(p.output()).toMatch(/revgate status .*suite\.yaml/);
  expect(p.output()).toMatch(/revgate rollback .*suite\.yaml/);
  // The rollback it had sent is still applied by the platform; nothing else moved.
  await b.emu.whenIdle();
  expect(armTable(b.emu)).toEqual([{ revision: BLUE, weight: 100 }]);
});
