// The `local` state store: today's files. Pointers under <stateDir>/rollouts/<app>.json (temp file,
// fsync, rename, fsync the directory); a run's journal and approvals in its run directory, each line
// written and fsynced before the append resolves.
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeAtomic } from '../files/atomic-write.js';
import { RolloutStateError } from '../model/errors.js';
import { pointerName, type AppendLog, type StateStore, type Versioned } from './types.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export function localStateStore(stateDir: string): StateStore {
  const rollouts = join(stateDir, 'rollouts');
  const readText = (file: string) => readFile(file, 'utf8').catch(() => null);
  return {
    kind: 'local',
    where: stateDir,
    journalOf: (_runId, runDir) => join(runDir, 'journal.jsonl'),
    sibling: (location, name) => join(dirname(location), name),
    show: (location) => location,
    async openAppend(file, options) {
      await mkdir(dirname(file), { recursive: true });
      const handle = await open(file, 'a');
      // Exclusive logs: the size we expect before each append (another process appending moves it).
      let size = options?.exclusive ? (await handle.stat()).size : -1;
      const log: AppendLog = {
        async append(line) {
          if (size >= 0) {
            const now = (await stat(file)).size;
            if (now !== size)
              throw new RolloutStateError(`${file} was appended to by another process`, 'only one revgate may run a rollout at a time');
          }
          const bytes = Buffer.from(line, 'utf8');
          await handle.write(bytes);
          await handle.sync();
          if (size >= 0) size += bytes.length;
        },
        close: () => handle.close(),
      };
      return log;
    },
    read: readText,
    async readPointer(app) {
      const text = await readText(join(rollouts, pointerName(app)));
      return text === null ? null : ({ text, version: digest(text) } satisfies Versioned);
    },
    async writePointer(app, text, options) {
      const file = join(rollouts, pointerName(app));
      if (options?.ifVersion !== undefined) {
        // The rollout lock serialises writers; this read-compare-write only catches a writer that
        // ignored it (the blob store makes the same check atomic with an ETag condition).
        const now = await readText(file);
        const version = now === null ? null : digest(now);
        if (version !== options.ifVersion)
          throw new RolloutStateError(
            `the state pointer of ${app} was changed by another rollout`,
            'check it with `revgate status <suite>`',
          );
      }
      await mkdir(rollouts, { recursive: true });
      await writeAtomic(file, text, { syncDir: true });
    },
    async listPointers() {
      const names = await readdir(rollouts).catch(() => [] as string[]);
      const out: string[] = [];
      for (const n of names.filter((x) => x.endsWith('.json'))) {
        const text = await readText(join(rollouts, n));
        if (text !== null) out.push(text);
      }
      return out;
    },
  };
}
