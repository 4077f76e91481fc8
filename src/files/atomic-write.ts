// Outputs are written whole or not at all: to a temporary file next to the target, fsynced, then
// renamed over it (rename is atomic on one file system). A Ctrl-C, a kill -9 or a full disk during
// the write leaves the previous file (or none), never half of one.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

// A unique name per write: concurrent writers of one file (processes or calls) never share a temp file.
const tempOf = (file: string) => join(dirname(file), `.${basename(file)}.${randomUUID().slice(0, 13)}.tmp`);

export interface AtomicWriteOptions {
  /** fsync the file before the rename (durable against power loss, slower). @default true */
  fsync?: boolean;
  /** Also fsync the directory after the rename, so the rename itself survives a crash (journals, pointers). @default false */
  syncDir?: boolean;
}

/** Write `data` to `file` atomically. */
export async function writeAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const tmp = tempOf(file);
  try {
    const h = await open(tmp, 'w');
    try {
      await h.writeFile(data);
      if (options.fsync !== false) await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  if (options.syncDir) {
    // Best effort: some file systems refuse to open or fsync a directory.
    const d = await open(dirname(file), 'r').catch(() => undefined);
    await d?.sync().catch(() => undefined);
    await d?.close();
  }
}

/** A stream to a temporary file; `commit()` ends it and renames it over `file`, `abort()` removes it. */
export function atomicStream(file: string): {
  stream: WriteStream;
  write: (chunk: string) => Promise<void>;
  commit: () => Promise<void>;
  abort(): Promise<void>;
} {
  const tmp = tempOf(file);
  const stream = createWriteStream(tmp);
  return {
    stream,
    async write(chunk) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async commit() {
      await new Promise<void>((res, rej) => stream.end((e?: Error | null) => (e ? rej(e) : res())));
      await rename(tmp, file);
    },
    async abort() {
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
}
