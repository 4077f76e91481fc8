// Outputs are written whole or not at all: to a temporary file next to the target, fsynced, then
// renamed over it (rename is atomic on one file system). A Ctrl-C, a kill -9 or a full disk during
// the write leaves the previous file (or none), never half of one.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tempOf = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);

/** Write `data` to `file` atomically. */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempOf(file);
  try {
    const h = await open(tmp, 'w');
    try {
      await h.writeFile(data);
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** A stream to a temporary file; `commit()` ends it and renames it over `file`, `abort()` removes it. */
export function atomicStream(file: string): { stream: WriteStream; write(chunk: string): Promise<void>; commit(): Promise<void>; abort(): Promise<void> } {
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
