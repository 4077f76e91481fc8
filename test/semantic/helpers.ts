// The LLM emulator on 127.0.0.1:0 and a fresh temp cache dir per test, both cleaned up afterwards.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startLlmEmulator, type LlmEmulator, type LlmEmulatorOptions } from '../../reference/llm-emulator/server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Register something to close after the current test. */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

/** An emulator, closed after the test. */
export async function emulator(options: LlmEmulatorOptions = {}): Promise<LlmEmulator> {
  const emu = await startLlmEmulator(options);
  onCleanup(() => emu.close());
  return emu;
}

/** A temporary directory, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-semantic-'));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir`, relative, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

export const KEY = 'sk-test-semantic-0123456789';
