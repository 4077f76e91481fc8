// `revgate record <suite>`: replay one revision and write its answers as new golden references.
import { loadSuite, type SuiteOverrides } from '../../config/load-suite.js';
import { recordGolden } from '../../run/record-golden.js';
import type { Revision } from '../../model/outcome.js';
import { ExitCode } from '../exit-codes.js';
import { formatIssue } from '../format-error.js';
import type { RecordFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { secretValuesOf } from '../../run/secrets.js';
import { selectFrom, selectionCriteria } from './selection.js';

/** The revision not recorded is never called: a placeholder URL spares it a "has no URL" error. */
const UNUSED_URL = 'http://127.0.0.1:9/unused';

export async function runRecord(file: string, flags: RecordFlags, io: CliIO): Promise<number> {
  const { revision, url, concurrency, timeout, retries, warmup, readyTimeout } = flags;
  const other: Revision = revision === 'blue' ? 'green' : 'blue';
  const overrides: SuiteOverrides = {
    concurrency,
    timeout,
    retries,
    warmup,
    readyTimeout,
    [other]: UNUSED_URL,
    ...(url === undefined ? {} : { [revision]: url }),
  };
  const loaded = await loadSuite(file, { overrides: overrides, env: io.env, cwd: io.cwd });
  io.redact?.add(secretValuesOf(loaded.suite));
  for (const w of loaded.warnings) if (!w.path.startsWith(other)) io.stderr(`revgate: warning:\n${formatIssue(w)}\n`);
  // Unselected cases are not replayed and keep their reference in the recorded file.
  const suite = selectFrom(loaded.suite, selectionCriteria(flags), io);
  const repeats = flags.repeats ?? 1;
  io.stderr(
    `revgate: recording ${revision} ${suite.targets[revision].url}: ${suite.cases.length} cases x ${repeats} attempt${repeats === 1 ? '' : 's'}\n`,
  );
  const result = await recordGolden(suite, {
    revision,
    repeats,
    updateDocs: flags.updateDocs === true,
    cwd: io.cwd,
    signal: io.signal,
    onWaiting: (text) => io.stderr(`revgate: ${text}\n`),
    ...(flags.out === undefined ? {} : { out: flags.out }),
  });
  for (const f of result.files) io.stdout(`wrote ${f.written} (${f.recorded} references recorded, ${f.kept} kept) from ${f.source}\n`);
  if (result.failed.length > 0) {
    io.stderr(`revgate: ${result.failed.length} case${result.failed.length === 1 ? '' : 's'} not recorded (old reference kept):\n`);
    for (const c of result.failed)
      io.stderr(
        `  ${c.id}: ${c.failures.at(-1) ?? 'no answer'}${c.failures.length > 1 ? ` (${c.failures.length} failed attempts)` : ''}\n`,
      );
  }
  io.stderr('revgate: review the recorded file before committing it\n');
  if (result.stopped === 'SIGINT' || result.stopped === 'SIGTERM') return ExitCode.Interrupted;
  return ExitCode.Pass;
}
