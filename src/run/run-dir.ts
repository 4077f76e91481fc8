// Each run writes to its own directory: <report.dir>/<run-id>/.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A sortable, unique run id: 20261126-231502-pharmabot-3fa2. */
export function newRunId(suiteName: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const slug = suiteName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'suite';
  return `${stamp}-${slug}-${randomBytes(2).toString('hex')}`;
}

/** Create the run directory and return the paths of its files. */
export async function createRunDir(baseDir: string, runId: string) {
  const dir = resolve(baseDir, runId);
  await mkdir(dir, { recursive: true });
  return {
    dir,
    results: join(dir, 'results.jsonl'),
    cases: join(dir, 'cases.jsonl'),
    report: join(dir, 'report.json'),
  };
}
