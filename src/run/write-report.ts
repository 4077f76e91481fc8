// Write report.json by streaming: the summary fields first, then every case read back line by
// line from cases.jsonl, so a 100k-case run never holds all cases in memory.
import type { ReportSummary } from '../model/report.js';
import { atomicStream } from '../files/atomic-write.js';
import { jsonlLines } from '../files/jsonl.js';

/** Write `<summary fields>, "cases": [<cases.jsonl lines>]` as one JSON document, atomically. */
export async function writeReportJson(file: string, summary: ReportSummary, casesJsonl: string): Promise<void> {
  const out = atomicStream(file);
  try {
    await writeBody(out.write, summary, casesJsonl);
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
}

async function writeBody(write: (chunk: string) => Promise<void>, summary: ReportSummary, casesJsonl: string): Promise<void> {
  const head = JSON.stringify(summary, null, 2);
  await write(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "cases": [`);
  let first = true;
  for await (const line of jsonlLines(casesJsonl)) {
    await write(`${first ? '\n' : ',\n'}    ${line}`);
    first = false;
  }
  await write(first ? ']\n}\n' : '\n  ]\n}\n');
}
