// Write report.json by streaming: the summary fields first, then every case read back line by
// line from cases.jsonl, so a 100k-case run never holds all cases in memory.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { ReportSummary } from '../report/model.js';

/** Write `<summary fields>, "cases": [<cases.jsonl lines>]` as one JSON document. */
export async function writeReportJson(file: string, summary: ReportSummary, casesJsonl: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const head = JSON.stringify(summary, null, 2);
  await write(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "cases": [`);
  let first = true;
  const lines = createInterface({ input: createReadStream(casesJsonl), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    await write(`${first ? '\n' : ',\n'}    ${line}`);
    first = false;
  }
  await write(first ? ']\n}\n' : '\n  ]\n}\n');
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
}
