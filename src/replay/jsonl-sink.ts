// Append-only JSON Lines file with backpressure: results stream to disk as they arrive,
// so memory stays flat however large the suite.
import { createWriteStream, type WriteStream } from 'node:fs';

/** Bytes buffered before writers wait for the OS (fs streams default to 16 KiB). */
const HIGH_WATER_MARK = 1024 * 1024;
const DONE: Promise<void> = Promise.resolve();

export class JsonlSink<T> {
  private readonly stream: WriteStream;
  private failed: Error | undefined;
  /** While the buffer is over the high-water mark: one promise every writer waits on. */
  private drained: Promise<void> | undefined;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { flags: 'a', highWaterMark: HIGH_WATER_MARK });
    this.stream.on('error', (e) => (this.failed = e));
  }

  /** Append one record; waits for the OS when the buffer is full. */
  write(record: T): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.stream.write(`${JSON.stringify(record)}\n`)) return this.drained ?? DONE;
    return (this.drained ??= this.waitForDrain());
  }

  /** Flush and close the file. */
  async close(): Promise<void> {
    if (this.stream.closed) return;
    await new Promise<void>((res, rej) => this.stream.end((e?: Error | null) => (e ? rej(e) : res())));
    if (this.failed) throw this.failed;
  }

  private waitForDrain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error): void => {
        this.stream.off('drain', onDrain);
        this.stream.off('error', onError);
        this.drained = undefined;
        if (error) reject(error);
        else resolve();
      };
      const onDrain = (): void => done();
      const onError = (e: Error): void => done(e);
      this.stream.on('drain', onDrain);
      this.stream.on('error', onError);
    });
  }
}
