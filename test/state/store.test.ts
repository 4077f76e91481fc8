// The StateStore contract, run against both stores: local files and Azure Blob Storage (Azurite, a
// real emulator on port 0, through the real @azure/storage-blob client).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/state/open.js';
import type { StateStore } from '../../src/state/types.js';
import { startAzurite, DEV_KEY, type Azurite } from './azurite.js';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => azurite?.stop());

let n = 0;
const stores: Record<string, () => Promise<{ store: StateStore; runDir: string }>> = {
  local: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revgate-state-'));
    return { store: await openStateStore({ backend: 'local' }, { stateDir: join(dir, '.revgate') }), runDir: join(dir, 'reports', 'r1') };
  },
  'azure-blob': async () => {
    const store = await openStateStore(
      { backend: 'azure-blob', container: `state-${++n}`, prefix: 'team/app/', connectionString: azurite.connectionString },
      { stateDir: '.revgate' },
    );
    return { store, runDir: 'unused' };
  },
};

describe.each(Object.keys(stores))('%s state store', (kind) => {
  it('appends lines durably and reads them back; a missing log reads as null', async () => {
    const { store, runDir } = await stores[kind]!();
    const journal = store.journalOf('r1', runDir);
    expect(await store.read(journal)).toBeNull();
    const log = await store.openAppend(journal, { exclusive: true });
    await log.append('{"seq":1}\n');
    await log.append('{"seq":2}\n');
    await log.close();
    expect(await store.read(journal)).toBe('{"seq":1}\n{"seq":2}\n');
    // Reopened (a resumed run), it continues after what is there.
    const again = await store.openAppend(journal, { exclusive: true });
    await again.append('{"seq":3}\n');
    expect((await store.read(journal))!.split('\n').filter(Boolean)).toHaveLength(3);
    expect(store.sibling(journal, 'approvals.jsonl')).toMatch(/r1[/\\]approvals\.jsonl$/);
  });

  it('refuses an append to an exclusive log that another writer appended to', async () => {
    const { store, runDir } = await stores[kind]!();
    const journal = store.journalOf('r2', runDir);
    const a = await store.openAppend(journal, { exclusive: true });
    const b = await store.openAppend(journal, { exclusive: true });
    await a.append('a1\n');
    await expect(b.append('b1\n')).rejects.toMatchObject({ code: 'RG_ROLLOUT_STATE', message: expect.stringMatching(/another process/) });
    await a.append('a2\n');
    expect(await store.read(journal)).toBe('a1\na2\n');
    // A shared log (approvals) takes appends from anyone.
    const approvals = store.sibling(journal, 'approvals.jsonl');
    const x = await store.openAppend(approvals);
    const y = await store.openAppend(approvals);
    await x.append('x\n');
    await y.append('y\n');
    expect(await store.read(approvals)).toBe('x\ny\n');
  });

  it('pointers: conditional create and replace, list', async () => {
    const { store } = await stores[kind]!();
    expect(await store.readPointer('pharmabot')).toBeNull();
    await store.writePointer('pharmabot', '{"runId":"r1"}', { ifVersion: null });
    // A second "create if none" loses: another rollout claimed the app first.
    await expect(store.writePointer('pharmabot', '{"runId":"r2"}', { ifVersion: null })).rejects.toMatchObject({
      code: 'RG_ROLLOUT_STATE',
    });
    const v1 = (await store.readPointer('pharmabot'))!;
    expect(v1.text).toBe('{"runId":"r1"}');
    await store.writePointer('pharmabot', '{"runId":"r1","active":false}', { ifVersion: v1.version });
    await expect(store.writePointer('pharmabot', '{"runId":"r3"}', { ifVersion: v1.version })).rejects.toThrow(
      /changed by another rollout/,
    );
    await store.writePointer('other app', '{"runId":"o1"}');
    expect((await store.listPointers()).sort()).toEqual(['{"runId":"o1"}', '{"runId":"r1","active":false}']);
  });
});

describe('azure-blob store', () => {
  it('never shows the account key: messages name the container URL only', async () => {
    const { store } = await stores['azure-blob']!();
    expect(store.where).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/state-\d+\/team\/app\/$/);
    expect(store.show('team/app/runs/r1/journal.jsonl')).not.toContain(DEV_KEY);
  });

  it('reads create nothing: a missing container reads as "no rollout yet"; the first write creates it', async () => {
    const { store } = await stores['azure-blob']!();
    expect(await store.listPointers()).toEqual([]);
    expect(await store.readPointer('pharmabot')).toBeNull();
    expect(await store.read('team/app/runs/r1/journal.jsonl')).toBeNull();
    await store.writePointer('pharmabot', '{}', { ifVersion: null });
    expect(await store.listPointers()).toEqual(['{}']);
  });

  it('an unreachable account is an RG_ROLLOUT_STATE error naming the store, not a hang', async () => {
    const dead = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;`;
    const store = await openStateStore(
      { backend: 'azure-blob', container: 'nowhere', prefix: '', connectionString: dead },
      { stateDir: '.revgate' },
    );
    await expect(store.readPointer('pharmabot')).rejects.toMatchObject({
      code: 'RG_ROLLOUT_STATE',
      message: expect.stringMatching(
        /state store http:\/\/127\.0\.0\.1:9\/devstoreaccount1\/nowhere\/: reading rollouts\/pharmabot\.json failed/,
      ),
    });
  }, 60_000);

  it("the local store keeps today's layout: pointer under <stateDir>/rollouts, journal in the run directory", async () => {
    const { store, runDir } = await stores.local!();
    await store.writePointer('pharmabot', '{}\n');
    expect(await readFile(join(store.where, 'rollouts', 'pharmabot.json'), 'utf8')).toBe('{}\n');
    expect(store.journalOf('r1', runDir)).toBe(join(runDir, 'journal.jsonl'));
  });
});
