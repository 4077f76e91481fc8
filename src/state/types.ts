// The rollout state store: where the durable state a `--resume` needs lives — the app's pointer (which
// run, active or not), each run's journal (an append-only event log) and its approvals. `local` keeps
// files on this machine (the default); `azure-blob` keeps them in an Azure Storage container next to
// the app, so a rollout can pause in one CI job and resume in another. The store only moves text: the
// rollout engine (src/rollout/) owns what the lines mean.

/** An append-only log opened for writing (a journal or an approvals file). */
export interface AppendLog {
  /** Append one line (the store adds nothing); durable before the promise resolves. */
  append(line: string): Promise<void>;
  close(): Promise<void>;
}

/** A document with the version a conditional write compares against. */
export interface Versioned {
  text: string;
  /** An ETag (blob) or a content digest (file). */
  version: string;
}

export interface StateStore {
  readonly kind: 'local' | 'azure-blob';
  /** Where the state lives, for messages: a directory, or a container URL and prefix. */
  readonly where: string;
  /** The journal location of a new run: a file in its run directory, or a blob under the store's prefix. */
  journalOf(runId: string, runDir: string): string;
  /** The location of `name` next to `location` (a run's approvals beside its journal). */
  sibling(location: string, name: string): string;
  /** A location as people should see it (a path, or the blob's URL without credentials). */
  show(location: string): string;
  /**
   * Open a log for appends, creating it when missing. `exclusive`: an append fails with
   * RG_ROLLOUT_STATE when anything else appended since this log was opened (two writers of one journal).
   */
  openAppend(location: string, options?: { exclusive?: boolean }): Promise<AppendLog>;
  /** The whole text at `location`, or null when there is none. */
  read(location: string): Promise<string | null>;
  /** The app's pointer, or null when the app never had a rollout. */
  readPointer(app: string): Promise<Versioned | null>;
  /**
   * Replace the app's pointer. `ifVersion`: write only when the pointer is still that version (null:
   * only when there is none); else RG_ROLLOUT_STATE (another rollout wrote it meanwhile).
   */
  writePointer(app: string, text: string, options?: { ifVersion?: string | null }): Promise<void>;
  /** The text of every app's pointer. */
  listPointers(): Promise<string[]>;
}

/** The file or blob name of an app's pointer (app names are ARM names; anything else becomes `_`). */
export function pointerName(app: string): string {
  return `${app.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;
}
