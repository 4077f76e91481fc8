// Append-only JSON Lines file with backpressure: results stream to disk as they arrive,
// so memory stays flat however large the suite.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class JsonlSink<T> {
  private readonly stream: WriteStream;
  private failed: Error | undefined;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (e) => (this.failed = e));
  }

  /** Append one record; waits for the OS when the buffer is full. */
  async write(record: T): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.stream.write(`${JSON.stringify(record)}\n`)) await once(this.stream, 'drain');
  }

  /** Flush and close the file. */
  async close(): Promise<void> {
    if (this.stream.closed) return;
    await new Promise<void>((res, rej) => this.stream.end((e?: Error | null) => (e ? rej(e) : res())));
    if (this.failed) throw this.failed;
  }
}
