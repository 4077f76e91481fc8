// Where a rollout's run lives: a new run directory and journal, or the app's unfinished run (from
// the state pointer) to resume. Refuses a second rollout of an app whose last one is unfinished.
// The pointer, journal and approvals are in the suite's state store; the run directory (analysis
// reports) is always local: a run resumed on another machine writes its reports there.
import { resolve } from 'node:path';
import { RolloutStateError } from '../model/errors.js';
import { createRunDir, makeDirs, newRunId } from '../files/run-dir.js';
import type { StateStore } from '../state/types.js';
import { openJournal, readJournal, readPointer, writePointer, type Journal, type Pointer } from './journal.js';
import { foldJournal } from './machine/fold.js';
import { resumable, type RolloutState } from './machine/state.js';
import type { RolloutEvent } from './types.js';

export interface Session {
  journal: Journal;
  runDir: string;
  /** The journal so far (resume only). */
  previous?: RolloutEvent[];
  /** Point the app's state pointer at this run (active while it can be resumed). */
  point(active: boolean): Promise<void>;
}

export interface SessionOptions {
  store: StateStore;
  app: string;
  suiteName: string;
  suiteFile: string;
  reportDir: string;
  cwd: string;
}

export interface LatestRun {
  pointer: Pointer;
  /** The pointer's version when it was read (a new run claims the app only if nobody wrote it since). */
  version: string;
  state: RolloutState;
}

/** The app's pointer and its journal folded, or null when the app never had a rollout. */
export async function latestRun(store: StateStore, app: string): Promise<LatestRun | null> {
  const read = await readPointer(store, app);
  if (!read) return null;
  return { ...read, state: foldJournal(await readJournal(read.pointer.journal, store)) };
}

/** A new run: refused while the app's last rollout is unfinished. */
export async function newSession(o: SessionOptions): Promise<Session> {
  const last = await latestRun(o.store, o.app).catch((e: unknown) => {
    // A pointer we cannot read or follow (its journal gone) does not block a new rollout; a store we
    // cannot reach does.
    if (e instanceof RolloutStateError && /journal not found|not valid JSON/.test(e.message)) return null;
    throw e;
  });
  if (last?.pointer.active && resumable(last.state)) {
    throw new RolloutStateError(
      `${o.app} has an unfinished rollout (run ${last.pointer.runId}, ${last.state.phase.kind} at step ${last.state.step + 1})`,
      '`revgate rollout <suite> --resume` continues it; `revgate rollback <suite>` puts 100% back on blue',
    );
  }
  const { id: runId, dir: runDir } = await createRunDir(resolve(o.cwd, o.reportDir), newRunId(`${o.suiteName}-rollout`));
  const location = o.store.journalOf(runId, runDir);
  const journal = await openJournal(location, runId, [], o.store);
  // The first write claims the app: only if the pointer is still what we read (no rollout started meanwhile).
  let claim: string | null | undefined = (await o.store.readPointer(o.app))?.version ?? null;
  return {
    journal,
    runDir,
    point: async (active) => {
      await pointAt(o, runId, location, active, claim);
      claim = undefined;
    },
  };
}

/** The app's unfinished run, to resume. */
export async function resumeSession(o: SessionOptions): Promise<Session> {
  const last = await latestRun(o.store, o.app);
  if (!last)
    throw new RolloutStateError(`${o.app} has no rollout to resume in ${o.store.where}`, 'start one with `revgate rollout <suite>`');
  if (!resumable(last.state))
    throw new RolloutStateError(
      `run ${last.pointer.runId} of ${o.app} is finished (${last.state.phase.kind === 'done' ? last.state.phase.outcome.kind : last.state.phase.kind}): nothing to resume`,
    );
  const location = last.pointer.journal;
  const previous = await readJournal(location, o.store);
  const journal = await openJournal(location, last.pointer.runId, previous, o.store);
  // Local state: the run directory holds the journal. Elsewhere: this machine's reports/<run>.
  const runDir = o.store.kind === 'local' ? resolve(location, '..') : resolve(o.cwd, o.reportDir, last.pointer.runId);
  await makeDirs(runDir);
  return {
    journal,
    runDir,
    previous,
    point: (active) => pointAt(o, last.pointer.runId, location, active),
  };
}

function pointAt(o: SessionOptions, runId: string, journal: string, active: boolean, ifVersion?: string | null): Promise<void> {
  return writePointer(o.store, { app: o.app, runId, journal, suite: o.suiteFile, active, updatedAt: new Date().toISOString() }, ifVersion);
}
