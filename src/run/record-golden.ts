// `revgate record` as named steps: replay one revision, then write each golden set's copy with
// the recorded references. Returns what was written and which cases kept their old reference.
import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import type { ResolvedSuite } from '../config/resolved.js';
import { OutputDirError, RecordWriteError, UsageError } from '../model/errors.js';
import { writeAtomic } from '../files/atomic-write.js';
import { makeDirs } from '../files/run-dir.js';
import type { Revision } from '../model/outcome.js';
import { rewriteGolden, type Recording } from '../record/golden-writer.js';
import { recordedPath } from '../record/paths.js';
import { secretValuesOf } from './secrets.js';
import { recordRevision, type RecordedCase, type RecordResult } from '../record/recorder.js';

export interface RecordGoldenOptions {
  revision: Revision;
  repeats?: number;
  /** One output file; only for a suite with one golden file. */
  out?: string;
  updateDocs?: boolean;
  /** Paths are resolved against and shown relative to this directory. */
  cwd: string;
  signal?: AbortSignal;
  onCase?: (done: number, total: number) => void;
  /** The revision is not ready yet: what is waited for, within seconds. */
  onWaiting?: (text: string) => void;
  /** @default new Date() */
  now?: Date;
}

export interface RecordGoldenResult {
  /** Source golden file → recorded file (paths as shown). */
  files: { source: string; written: string; recorded: number; kept: number }[];
  /** Cases that kept their old reference, and why. */
  failed: RecordedCase[];
  stopped: RecordResult['stopped'];
}

/** Plan the output paths (refusing to overwrite a source), record, and write the new golden files. */
export async function recordGolden(suite: ResolvedSuite, options: RecordGoldenOptions): Promise<RecordGoldenResult> {
  const plan = outputs(suite, options);
  // Every output must be writable before anything is sent.
  for (const { target } of plan) await probeWritable(dirname(target));
  const started = options.now ?? new Date();
  const result = await recordRevision(
    { ...suite, secrets: secretValuesOf(suite) },
    {
      revision: options.revision,
      ...(options.repeats === undefined ? {} : { repeats: options.repeats }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onCase ? { onCase: options.onCase } : {}),
      ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
    },
  );
  const recordings = new Map<string, Recording>();
  for (const c of result.cases) if (c.answer !== null) recordings.set(c.id, { answer: c.answer, docs: c.docs });
  const header = [
    `Recorded by revgate record from ${options.revision} ${suite.targets[options.revision].url}`,
    `at ${started.toISOString()}${(options.repeats ?? 1) > 1 ? ` (medoid of ${options.repeats} answers per case, by ROUGE-L)` : ''}: the references are that revision's answers.`,
    `Review before committing: a recorded answer is not necessarily a correct one.`,
    ...(options.updateDocs ? ['expected_docs were set from the retrieved documents: retrieved is not relevant, check them.'] : []),
  ];
  const files: RecordGoldenResult['files'] = [];
  for (const { set, source, target } of plan) {
    const text = await readFile(source, 'utf8');
    const ids = new Set(set.cases.map((c) => c.id));
    const mine = new Map([...recordings].filter(([id]) => ids.has(id)));
    const format = extname(source).toLowerCase() === '.jsonl' ? 'jsonl' : 'yaml';
    try {
      await writeAtomic(target, rewriteGolden(text, { format, recordings: mine, updateDocs: options.updateDocs ?? false, header }));
    } catch (e) {
      // The answers cost a replay: never lose them to a write that failed.
      const saved = join(tmpdir(), `revgate-recorded-${started.getTime()}-${randomUUID().slice(0, 8)}.jsonl`);
      await writeFile(saved, [...recordings].map(([id, r]) => JSON.stringify({ id, ...r })).join('\n') + '\n');
      throw new RecordWriteError(relative(options.cwd, target) || target, saved, recordings.size, e);
    }
    files.push({
      source: set.file,
      written: relative(options.cwd, target) || target,
      recorded: mine.size,
      kept: set.cases.length - mine.size,
    });
  }
  return { files, failed: result.cases.filter((c) => c.answer === null), stopped: result.stopped };
}

/** Create `dir` if needed and check a file can be created in it (OutputDirError otherwise). */
async function probeWritable(dir: string): Promise<void> {
  try {
    await makeDirs(dir);
    const probe = join(dir, `.revgate-probe-${randomUUID().slice(0, 8)}`);
    await writeFile(probe, '', { flag: 'wx' });
    await rm(probe, { force: true });
  } catch (e) {
    throw new OutputDirError(dir, e);
  }
}

/** Where each golden set is written; never over a source golden file. */
function outputs(suite: ResolvedSuite, options: RecordGoldenOptions) {
  const sources = suite.golden.map((set) => ({ set, source: resolve(options.cwd, set.file) }));
  if (options.out !== undefined && sources.length > 1) {
    throw new UsageError(
      `--out names one file but suite ${suite.name} has ${sources.length} golden files`,
      'drop --out: each golden file is recorded next to itself as <name>.recorded.yaml',
    );
  }
  const plan = sources.map((s) => ({
    ...s,
    target: options.out === undefined ? recordedPath(s.source) : resolve(options.cwd, options.out),
  }));
  const all = new Set(sources.map((s) => s.source));
  for (const p of plan) {
    if (all.has(p.target))
      throw new UsageError(
        `refusing to overwrite the golden file ${relative(options.cwd, p.target) || p.target}`,
        'record into a new file (--out) and review it before replacing the original',
      );
  }
  return plan;
}
