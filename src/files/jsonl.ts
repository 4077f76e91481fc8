// JSONL files read line by line (results.jsonl, cases.jsonl): memory stays flat whatever the run's size.
import { existsSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The non-empty lines of `file`, streamed. */
export async function* jsonlLines(file: string): AsyncGenerator<string> {
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() !== '') yield line;
  }
}

/**
 * Every complete JSON line of a file that may have been cut by a crash: a torn line is skipped and
 * a missing file is empty (the durable record of a run that died mid-write).
 */
export async function* readJsonlTolerant<T>(file: string): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  for await (const line of jsonlLines(file)) {
    try {
      yield JSON.parse(line) as T;
    } catch {
      // a torn last line
    }
  }
}
