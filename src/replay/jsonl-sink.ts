// Append-only JSON Lines file with backpressure: results stream to disk as they arrive,
// so memory stays flat however large the suite.
import { createWriteStream, type WriteStream } from 'node:fs';

/** Bytes buffered before writers wait for the OS (fs streams default to 16 KiB). */
const HIGH_WATER_MARK = 1024 * 1024;
const DONE: Promise<void> = Promise.resolve();
/** Pending characters that make a write hand its batch to the stream at once. */
const FLUSH_CHARS = 64 * 1024;

export class JsonlSink<T> {
  private readonly stream: WriteStream;
  private failed: Error | undefined;
  /** While the buffer is over the high-water mark: one promise every writer waits on. */
  private drained: Promise<void> | undefined;
  /** Lines not yet handed to the stream, and the end-of-turn flush that will hand them over. */
  private pending = '';
  private flushLater: NodeJS.Immediate | undefined;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { flags: 'a', highWaterMark: HIGH_WATER_MARK });
    this.stream.on('error', (e) => (this.failed = e));
  }

  /**
   * Append one record; waits for the OS when the buffer is full. Lines written in the same turn of
   * the event loop go to the file as one chunk (at the end of the turn, or once FLUSH_CHARS are
   * pending): one stream write per batch, not per line.
   */
  write(record: T): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.pending += `${JSON.stringify(record)}\n`;
    if (this.pending.length >= FLUSH_CHARS) return this.flush();
    this.flushLater ??= setImmediate(() => void this.flush().catch(() => undefined));
    return this.drained ?? DONE;
  }

  /** Hand the pending lines to the stream. */
  private flush(): Promise<void> {
    if (this.flushLater !== undefined) {
      clearImmediate(this.flushLater);
      this.flushLater = undefined;
    }
    const chunk = this.pending;
    this.pending = '';
    if (chunk === '' || this.stream.write(chunk)) return this.drained ?? DONE;
    return (this.drained ??= this.waitForDrain());
  }

  /** Flush and close the file. */
  async close(): Promise<void> {
    if (this.stream.closed) return;
    // The last lines go before the end; end() reports a failed write.
    if (!this.failed) void this.flush().catch(() => undefined);
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
