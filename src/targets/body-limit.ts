// Bounded response bodies: a target under test may answer with hundreds of megabytes (broken or
// hostile). Bytes are counted on the wire as they arrive — before any decoding or parsing — and
// past `sampling.maxResponseBytes` the body is dropped and the attempt fails with its own error
// class, `response_too_large`, instead of exhausting memory.
import { Transform, type Readable } from 'node:stream';
import { TargetCallError } from './types.js';

/** @default 4 MiB */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** The error of a body past the limit. */
export function tooLarge(limit: number, where = 'the response'): TargetCallError {
  return new TargetCallError('response_too_large', `${where}: body larger than sampling.maxResponseBytes (${limit} bytes); dropped`);
}

/** Read a body to the end, or destroy it and throw `response_too_large` once it passes `limit` bytes. */
export async function readLimited(body: AsyncIterable<Uint8Array> & Pick<Readable, 'destroy'>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      body.destroy();
      throw tooLarge(limit);
    }
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, size);
}

/** A pass-through for streamed bodies (SSE) that errors with `response_too_large` past `limit` bytes. */
export function limitStream(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.byteLength;
      if (size > limit) return done(tooLarge(limit));
      done(null, chunk);
    },
  });
}
