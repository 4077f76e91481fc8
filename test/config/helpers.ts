// Fixtures for config tests: each test writes its suite and golden files into its own temp dir.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { loadSuite, type LoadSuiteOptions } from '../../src/config/load-suite.js';
import { ConfigError, type ConfigIssue } from '../../src/model/errors.js';
import type { CliIO } from '../../src/cli/io.js';

export const SUITE = `name: demo
golden: golden.yaml
target:
  kind: openai-chat
  model: m1
blue:
  url: http://127.0.0.1:8081/v1
green:
  url: http://127.0.0.1:8082/v1
thresholds:
  - error_rate <= 1%
`;

export const GOLDEN = `cases:
  - id: one
    question: What is aspirin?
  - id: two
    question: What is ibuprofen?
`;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Write `files` (path → text) into a fresh temp dir; returns the dir. */
export async function fixture(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'revgate-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** Load `suite.yaml` from a fixture of the default suite and golden set with `files` replacing them. */
export async function load(files: Record<string, string> = {}, options: Omit<LoadSuiteOptions, 'cwd'> = {}) {
  const cwd = await fixture({ 'suite.yaml': SUITE, 'golden.yaml': GOLDEN, ...files });
  return loadSuite('suite.yaml', { env: {}, ...options, cwd });
}

/** The issues of the ConfigError that loading throws (fails the test when it loads). */
export async function issuesOf(files: Record<string, string>, options: Omit<LoadSuiteOptions, 'cwd'> = {}): Promise<ConfigIssue[]> {
  try {
    await load(files, options);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError, but the suite loaded');
}

/** A CLI io that records what the CLI prints. */
export function captureIO(cwd: string, env: Record<string, string | undefined> = {}): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
    env,
    cwd,
    isTTY: false,
    color: false,
    signal: new AbortController().signal,
  };
  return io;
}
