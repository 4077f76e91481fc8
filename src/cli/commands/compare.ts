// `revgate compare <suite>`: load and validate, replay, gate, print the summary, exit by verdict.
import { publishToGitHub } from '../../ci/github.js';
import { loadSuite, type SuiteOverrides } from '../../config/load-suite.js';
import { parseShard, selectShard } from '../../config/shard.js';
import { selectFrom, selectionCriteria } from './selection.js';
import { renderConsole } from '../../report/console.js';
import { compare } from '../../run/compare.js';
import { exitForVerdict } from '../exit-codes.js';
import { formatIssue } from '../format-error.js';
import type { CompareFlags } from '../flags.js';
import { resolveRunArg } from '../../run/locate-run.js';
import { powerLines, powerPlan } from '../../run/power-plan.js';
import { loadRunReport } from '../run-arg.js';
import type { CliIO } from '../io.js';
import { createProgress } from '../progress.js';
import { secretValuesOf } from '../../run/secrets.js';

/** The suite overrides among the flags (compare's, or validate's URLs). */
export function overridesFrom(flags: Partial<CompareFlags>): SuiteOverrides {
  const { blue, green, concurrency, repeats, timeout, retries, warmup, deadline, seed, readyTimeout, budget, out, format } = flags;
  const o: SuiteOverrides = {
    blue,
    green,
    concurrency,
    repeats,
    timeout,
    retries,
    warmup,
    deadline,
    seed,
    readyTimeout,
    maxAttempts: budget,
    out,
    formats: format,
  };
  return o;
}

export async function runCompare(file: string, flags: CompareFlags, io: CliIO): Promise<number> {
  // A bad --shard is a usage error before anything is read or sent.
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const loaded = await loadSuite(file, { overrides: overridesFrom(flags), env: io.env, cwd: io.cwd });
  io.redact?.add(secretValuesOf(loaded.suite));
  for (const w of loaded.warnings) io.stderr(`revgate: warning:\n${formatIssue(w)}\n`);
  // Selection first, so the shards of one run split the same selected set.
  const selected = selectFrom(loaded.suite, selectionCriteria(flags), io);
  const suite = shard ? selectShard(selected, shard) : selected;
  if (shard)
    io.stderr(
      `revgate: shard ${shard.index}/${shard.total}: ${suite.cases.length} of ${selected.cases.length} cases (assigned by FNV-1a hash of the case id)\n`,
    );
  const mode = flags.progress === 'auto' ? (io.isTTY ? 'bar' : 'lines') : flags.progress;
  // Power before the run: margins this suite is too small to detect, from a previous run's noise.
  if (flags.baseline !== undefined) {
    const report = await loadRunReport(resolveRunArg(io.cwd, flags.baseline), io);
    for (const l of powerLines(powerPlan(suite, report), { cases: suite.cases.length, repeats: suite.sampling.repeats }))
      if (l.warn) io.stderr(`revgate: warning: ${l.line}\n`);
  }
  io.stderr(
    `revgate: ${suite.name}: ${suite.cases.length} cases x ${suite.sampling.repeats} repeats on blue ${suite.targets.blue.url} and green ${suite.targets.green.url}\n`,
  );
  const progress = createProgress(mode, io.stderr);
  let result;
  try {
    result = await compare(suite, {
      signal: io.signal,
      onProgress: (p) => progress.update(p),
      // Printed whatever the progress mode: silence while a revision is down reads as a hang.
      onWaiting: (text) => io.stderr(`revgate: ${text}\n`),
      onPhase: (phase, detail) => {
        if (mode === 'none') return;
        if (phase === 'ready') io.stderr('revgate: waiting for readiness…\n');
        if (phase === 'warmup' && detail !== '0') io.stderr(`revgate: warming up (${detail} requests per revision, not measured)…\n`);
        if (phase === 'adaptive') io.stderr(`revgate: checks undecided, adaptive sampling ${detail}…\n`);
      },
    });
  } finally {
    progress.stop();
  }
  io.stdout(renderConsole(result.summary, { color: io.color }));
  for (const w of result.writeErrors ?? []) io.stderr(`revgate: writing failed, the verdict above stands: ${w}\n`);
  await publishToGitHub(result.summary, io).catch((e: unknown) =>
    io.stderr(`revgate: the GitHub job summary could not be written: ${e instanceof Error ? e.message : String(e)}\n`),
  );
  return exitForVerdict(result.summary.verdict.status, result.summary.run.interrupted);
}
