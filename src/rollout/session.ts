// Where a rollout's run lives: a new run directory and journal, or the app's unfinished run (from
// the state pointer) to resume. Refuses a second rollout of an app whose last one is unfinished.
import { join, resolve } from 'node:path';
import { RolloutStateError } from '../model/errors.js';
import { createRunDir, newRunId } from '../files/run-dir.js';
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
  stateDir: string;
  app: string;
  suiteName: string;
  suiteFile: string;
  reportDir: string;
  cwd: string;
}

/** The app's pointer and its journal folded, or null when the app never had a rollout. */
export async function latestRun(stateDir: string, app: string): Promise<{ pointer: Pointer; state: RolloutState } | null> {
  const pointer = await readPointer(stateDir, app);
  if (!pointer) return null;
  return { pointer, state: foldJournal(await readJournal(pointer.journal)) };
}

/** A new run: refused while the app's last rollout is unfinished. */
export async function newSession(o: SessionOptions): Promise<Session> {
  const last = await latestRun(o.stateDir, o.app).catch(() => null);
  if (last?.pointer.active && resumable(last.state)) {
    throw new RolloutStateError(
      `${o.app} has an unfinished rollout (run ${last.pointer.runId}, ${last.state.phase.kind} at step ${last.state.step + 1})`,
      '`revgate rollout <suite> --resume` continues it; `revgate rollback <suite>` puts 100% back on blue',
    );
  }
  const { id: runId, dir: runDir } = await createRunDir(resolve(o.cwd, o.reportDir), newRunId(`${o.suiteName}-rollout`));
  const journal = await openJournal(join(runDir, 'journal.jsonl'), runId);
  return { journal, runDir, point: (active) => pointAt(o, runId, journal.file!, active) };
}

/** The app's unfinished run, to resume. */
export async function resumeSession(o: SessionOptions): Promise<Session> {
  const last = await latestRun(o.stateDir, o.app);
  if (!last) throw new RolloutStateError(`${o.app} has no rollout to resume`, 'start one with `revgate rollout <suite>`');
  if (!resumable(last.state))
    throw new RolloutStateError(
      `run ${last.pointer.runId} of ${o.app} is finished (${last.state.phase.kind === 'done' ? last.state.phase.outcome.kind : last.state.phase.kind}): nothing to resume`,
    );
  const previous = await readJournal(last.pointer.journal);
  const journal = await openJournal(last.pointer.journal, last.pointer.runId, previous);
  return {
    journal,
    runDir: resolve(last.pointer.journal, '..'),
    previous,
    point: (active) => pointAt(o, last.pointer.runId, journal.file!, active),
  };
}

function pointAt(o: SessionOptions, runId: string, journal: string, active: boolean): Promise<void> {
  return writePointer(o.stateDir, { app: o.app, runId, journal, suite: o.suiteFile, active, updatedAt: new Date().toISOString() });
}
