// `revgate rollout` with a `live:` section through the CLI in-process: the CLI opens the local source
// on its own proxy; user traffic starts once the CLI prints the proxy URL; a green that breaks
// mid-hold exits 1 with every window in the journal and a report file per window.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startUserTraffic, type UserTraffic } from '../../scripts/user-traffic.js';
import { runCli } from '../../src/cli/run.js';
import { readJournal } from '../../src/rollout/journal.js';
import { cli } from '../e2e/helpers.js';
import type { Bench } from './helpers.js';
import { liveBench, type LiveEvent } from './live-helpers.js';

const benches: Bench[] = [];
afterEach(async () => {
  await Promise.all(benches.splice(0).map((b) => b.close()));
});

describe('revgate rollout with live analysis (CLI)', () => {
  it('--dry-run describes the live analysis; a green breaking under real traffic exits 1, journaled window by window', async () => {
    const b = await liveBench({ steps: [{ weight: 50, hold: '5s' }, { weight: 100 }] });
    benches.push(b);
    const dry = await cli(['rollout', b.suiteFile, '--dry-run'], { cwd: b.dir });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/live analysis during holds at 1-99%: local, every 250 ms over 1000 ms windows, minRequests 20/);

    let traffic: UserTraffic | undefined;
    let stderr = '';
    const code = await runCli(['rollout', b.suiteFile], {
      stdout: () => undefined,
      stderr: (s) => {
        stderr += s;
        const proxy = /local proxy for \S+ listening on (http:\/\/\S+)/.exec(s);
        if (proxy && !traffic) traffic = startUserTraffic({ url: proxy[1]!, workers: 4 });
        if (/holding .* at 50%/.test(s)) setTimeout(() => b.green.setFlaws({ errorRate: 1 }), 800);
      },
      env: { CI: '1' },
      cwd: b.dir,
      isTTY: false,
      color: false,
      signal: new AbortController().signal,
    });
    await traffic?.stop();
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/live analysis from local every 250 ms over 1000 ms windows \(delay 0 ms\)/);
    expect(stderr).toMatch(/CLEAR BREACH/);
    const [run] = await readdir(join(b.dir, 'reports'));
    const events = await readJournal(join(b.dir, 'reports', run!, 'journal.jsonl'));
    const live = events.filter((e): e is LiveEvent => e.type === 'live');
    expect(live.length).toBeGreaterThanOrEqual(2);
    expect(live.at(-1)).toMatchObject({ status: 'fail', breach: true });
    expect(live.every((e) => e.file && existsSync(e.file))).toBe(true);
    expect(events.find((e) => e.type === 'finished')).toMatchObject({ outcome: 'rolled-back', cause: 'fail' });
  });
});
