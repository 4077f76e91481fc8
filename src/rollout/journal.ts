// The durable record of a rollout: reports/<run>/journal.jsonl, one event per line, each appended
// with write + fsync before the engine acts on it; and the pointer .revgate/rollouts/<app>.json
// (written to a temp file, fsynced, renamed over the old one) naming the app's latest run.
import { mkdir, open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../files/atomic-write.js';
import { RolloutStateError } from '../model/errors.js';
import type { RolloutEvent, RolloutEventBody } from './types.js';

/** Where events go: a file (fsync per event) or memory (--dry-run). */
export interface Journal {
  readonly runId: string;
  /** The journal file, or null in memory. */
  readonly file: string | null;
  /** Append one event (write + fsync before it resolves); `at` defaults to now. */
  append(body: RolloutEventBody, at?: string): Promise<RolloutEvent>;
  close(): Promise<void>;
}

/** Open (or continue) `file` for appends; `seq` continues from `previous` events. */
export async function openJournal(file: string, runId: string, previous: readonly RolloutEvent[] = []): Promise<Journal> {
  const handle: FileHandle = await open(file, 'a');
  let seq = previous.reduce((m, e) => Math.max(m, e.seq), 0);
  let tail: Promise<unknown> = Promise.resolve();
  return {
    runId,
    file,
    append(body, at) {
      const event = { v: 1, seq: ++seq, at: at ?? new Date().toISOString(), runId, ...body } as RolloutEvent;
      // Appends are serialised: an event is on disk (fsynced) before the next one is written.
      const done = tail.then(async () => {
        await handle.write(`${JSON.stringify(event)}\n`);
        await handle.sync();
        return event;
      });
      tail = done.catch(() => undefined);
      return done;
    },
    async close() {
      await tail;
      await handle.close();
    },
  };
}

/** A journal kept in memory (dry runs write nothing). */
export function memoryJournal(runId: string, sink: RolloutEvent[] = []): Journal {
  let seq = 0;
  return {
    runId,
    file: null,
    async append(body, at) {
      const event = { v: 1, seq: ++seq, at: at ?? new Date().toISOString(), runId, ...body } as RolloutEvent;
      sink.push(event);
      return event;
    },
    async close() {},
  };
}

/** Read a journal. A torn last line (a crash mid-write) is ignored; a corrupt line elsewhere is an error. */
export async function readJournal(file: string): Promise<RolloutEvent[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new RolloutStateError(
      `journal not found: ${file}`,
      'is the state pointer stale? `revgate status <suite>` shows the active rollout',
    );
  }
  const lines = text.split('\n');
  const out: RolloutEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const e = JSON.parse(line) as RolloutEvent;
      if (e.v !== 1 || typeof e.type !== 'string') throw new Error('not a journal event');
      out.push(e);
    } catch {
      const last = lines.slice(i + 1).every((l) => l.trim() === '');
      if (!last)
        throw new RolloutStateError(
          `${file}:${i + 1}: corrupt journal line`,
          'the journal is append-only; restore it or start a new rollout',
        );
    }
  });
  return out;
}

/** The state pointer of an app: which run is (or was last) rolling it out. */
export interface Pointer {
  app: string;
  runId: string;
  journal: string;
  suite: string;
  /** False once the run finished for good (promoted, rolled back, failed). */
  active: boolean;
  updatedAt: string;
}

export function pointerFile(stateDir: string, app: string): string {
  return join(stateDir, 'rollouts', `${app.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
}

/** Write the pointer atomically: temp file, fsync, rename, fsync the directory. */
export async function writePointer(stateDir: string, p: Pointer): Promise<void> {
  const file = pointerFile(stateDir, p.app);
  const dir = join(stateDir, 'rollouts');
  await mkdir(dir, { recursive: true });
  await writeAtomic(file, `${JSON.stringify(p, null, 2)}\n`, { syncDir: true });
}

/** The app's pointer, or null when it has none. */
export async function readPointer(stateDir: string, app: string): Promise<Pointer | null> {
  try {
    return JSON.parse(await readFile(pointerFile(stateDir, app), 'utf8')) as Pointer;
  } catch {
    return null;
  }
}

/** Every pointer under `stateDir` (for `rollout approve` without --app). */
export async function listPointers(stateDir: string): Promise<Pointer[]> {
  const dir = join(stateDir, 'rollouts');
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Pointer[] = [];
  for (const n of names.filter((x) => x.endsWith('.json'))) {
    try {
      out.push(JSON.parse(await readFile(join(dir, n), 'utf8')) as Pointer);
    } catch {
      /* a pointer being replaced: skip */
    }
  }
  return out;
}
