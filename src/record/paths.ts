// Where a recorded golden file goes: next to its source, never over it.
import { basename, dirname, extname, join } from 'node:path';

/** `golden/pharmabot.yaml` → `golden/pharmabot.recorded.yaml` (JSONL sources are recorded as YAML too). */
export function recordedPath(goldenFile: string): string {
  const ext = extname(goldenFile);
  return join(dirname(goldenFile), `${basename(goldenFile, ext)}.recorded.yaml`);
}
