// The durable record of a rollout: its journal, one event per line, each appended durably (a file
// write + fsync, or an acknowledged append-blob block) before the engine acts on it; and the app's
// pointer naming its latest run. Both live in the suite's state store (src/state/): local files by
// default (reports/<run>/journal.jsonl and .revgate/rollouts/<app>.json), or an Azure container.
import { RolloutStateError } from '../model/errors.js';
import { localStateStore } from '../state/local.js';
import type { StateStore } from '../state/types.js';
import type { RolloutEvent, RolloutEventBody } from './types.js';

/** Local files: the store of a journal named by its path (tests, tools reading a run directory). */
export const FILE_STORE: StateStore = localStateStore('.revgate');

/** Where events go: a file (fsync per event) or memory (--dry-run). */
export interface Journal {
  readonly runId: string;
  /** Where the journal is, as people should see it (a path or a blob URL), or null in memory. */
  readonly file: string | null;
  /** Its location in the state store (what pointers hold), or null in memory. */
  readonly location: string | null;
  /** Append one event (write + fsync before it resolves); `at` defaults to now. */
  append(body: RolloutEventBody, at?: string): Promise<RolloutEvent>;
  close(): Promise<void>;
}

/** Open (or continue) the journal at `location` for appends; `seq` continues from `previous` events. */
export async function openJournal(
  location: string,
  runId: string,
  previous: readonly RolloutEvent[] = [],
  store: StateStore = FILE_STORE,
): Promise<Journal> {
  // Exclusive: an append fails if anything else appended since we opened (one writer per journal).
  const log = await store.openAppend(location, { exclusive: true });
  let seq = previous.reduce((m, e) => Math.max(m, e.seq), 0);
  let tail: Promise<unknown> = Promise.resolve();
  return {
    runId,
    file: store.show(location),
    location,
    append(body, at) {
      const event = { v: 1, seq: ++seq, at: at ?? new Date().toISOString(), runId, ...body } as RolloutEvent;
      // Appends are serialised: an event is durable before the next one is written.
      const done = tail.then(async () => {
        await log.append(`${JSON.stringify(event)}\n`);
        return event;
      });
      tail = done.catch(() => undefined);
      return done;
    },
    async close() {
      await tail;
      await log.close();
    },
  };
}

/** A journal kept in memory (dry runs write nothing). */
export function memoryJournal(runId: string, sink: RolloutEvent[] = []): Journal {
  let seq = 0;
  return {
    runId,
    file: null,
    location: null,
    async append(body, at) {
      const event = { v: 1, seq: ++seq, at: at ?? new Date().toISOString(), runId, ...body } as RolloutEvent;
      sink.push(event);
      return event;
    },
    async close() {},
  };
}

/** Read a journal. A torn last line (a crash mid-write) is ignored; a corrupt line elsewhere is an error. */
export async function readJournal(location: string, store: StateStore = FILE_STORE): Promise<RolloutEvent[]> {
  const file = store.show(location);
  const text = await store.read(location);
  if (text === null) {
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
  /** The journal's location in the state store (a path for local state, a blob name in Azure). */
  journal: string;
  suite: string;
  /** False once the run finished for good (promoted, rolled back, failed). */
  active: boolean;
  updatedAt: string;
}

/** The app's pointer and its version (for a conditional replace), or null when it has none. */
export async function readPointer(store: StateStore, app: string): Promise<{ pointer: Pointer; version: string } | null> {
  const r = await store.readPointer(app);
  if (r === null) return null;
  try {
    return { pointer: JSON.parse(r.text) as Pointer, version: r.version };
  } catch {
    throw new RolloutStateError(`the state pointer of ${app} in ${store.where} is not valid JSON`, 'remove it to start over');
  }
}

/** Write the pointer durably (atomic rename, or a blob upload); `ifVersion` as in StateStore.writePointer. */
export async function writePointer(store: StateStore, p: Pointer, ifVersion?: string | null): Promise<void> {
  await store.writePointer(p.app, `${JSON.stringify(p, null, 2)}\n`, ifVersion === undefined ? {} : { ifVersion });
}

/** Every pointer in the store (for `rollout approve` without --app); a pointer being replaced is skipped. */
export async function listPointers(store: StateStore): Promise<Pointer[]> {
  const out: Pointer[] = [];
  for (const text of await store.listPointers()) {
    try {
      out.push(JSON.parse(text) as Pointer);
    } catch {
      /* a pointer being replaced: skip */
    }
  }
  return out;
}
