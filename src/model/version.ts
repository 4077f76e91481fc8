// The package version, read once from package.json (kept out of the CLI's hot path for --version).
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // try the next location (src/ under vitest, dist/src/ when compiled)
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
