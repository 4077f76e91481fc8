// `revgate diff <run A> <run B>`: one revision of run B against one of run A
// (model v1 vs v2, last release vs this one). A report, not a gate: exits 0, or 4 on bad input.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { computeDiff } from '../../diff/compute.js';
import type { Price } from '../../diff/model.js';
import { DIFF_RENDERERS, diffFormats } from '../../diff/renderers.js';
import { UsageError } from '../../model/errors.js';
import { loadReport } from '../../report/load.js';
import { resolveRunArg } from '../../run/locate-run.js';
import { VERSION } from '../../model/version.js';
import { ExitCode } from '../exit-codes.js';
import type { DiffFlags } from '../flags.js';
import type { CliIO } from '../io.js';
import { makeDirs } from '../../files/run-dir.js';
import { hasCriteria } from '../../config/select.js';
import { selectDiffCases } from '../../run/diff-selection.js';
import { selectionText } from '../../report/selection.js';
import { selectionCriteria } from './selection.js';

/** Default formats written with --out (without it, Markdown goes to stdout). */
const OUT_FORMATS = ['md', 'html', 'json'];

export async function runDiff(fileA: string, fileB: string, flags: DiffFlags, io: CliIO): Promise<number> {
  const formats = diffFormats(flags.format ?? (flags.out === undefined ? ['md'] : OUT_FORMATS));
  if (flags.out === undefined && formats.length > 1)
    throw new UsageError('several formats need --out <dir>', 'without --out, one format is printed to stdout');
  const prices = { a: priceFor('a', flags), b: priceFor('b', flags) };
  // A run is named as in every command: its directory, report.json or report.html.
  const [ra, rb] = await Promise.all([loadReport(resolveRunArg(io.cwd, fileA).json), loadReport(resolveRunArg(io.cwd, fileB).json)]);
  // --filter / --tag / --limit: both runs cut to the same case ids, their metrics recomputed.
  const criteria = { ...selectionCriteria(flags), seed: flags.seed };
  const selected = hasCriteria(criteria) ? selectDiffCases({ report: ra, file: fileA }, { report: rb, file: fileB }, criteria) : undefined;
  if (selected) io.stderr(`revgate: ${selectionText(selected.selection)}\n`);
  const a = selected?.a ?? ra;
  const b = selected?.b ?? rb;
  const diff = computeDiff(
    { report: a, file: fileA, side: flags.aSide, price: prices.a },
    { report: b, file: fileB, side: flags.bSide, price: prices.b },
    {
      toolVersion: VERSION,
      ...(flags.top === undefined ? {} : { top: flags.top }),
      ...(selected ? { selection: selected.selection } : {}),
    },
  );
  for (const w of diff.warnings) io.stderr(`revgate: warning: ${w}\n`);
  if (flags.out === undefined) {
    io.stdout(DIFF_RENDERERS[formats[0]!].render(diff));
    return ExitCode.Pass;
  }
  const dir = resolve(io.cwd, flags.out);
  await makeDirs(dir);
  for (const format of formats) {
    const r = DIFF_RENDERERS[format];
    const file = join(dir, r.file);
    await writeFile(file, r.render(diff));
    io.stdout(`wrote ${file}\n`);
  }
  return ExitCode.Pass;
}

/** A side's prices: its own flags (--price-in-a) over the shared ones (--price-in); both or neither. */
function priceFor(side: 'a' | 'b', flags: DiffFlags): Price | null {
  const suffix = side.toUpperCase();
  const own = side === 'a' ? { input: flags.priceInA, output: flags.priceOutA } : { input: flags.priceInB, output: flags.priceOutB };
  const input = usd(own.input, `--price-in-${side}`) ?? usd(flags.priceIn, '--price-in');
  const output = usd(own.output, `--price-out-${side}`) ?? usd(flags.priceOut, '--price-out');
  if (input === undefined && output === undefined) return null;
  if (input === undefined || output === undefined) {
    const missing = input === undefined ? 'input' : 'output';
    throw new UsageError(
      `run ${suffix} has a price for ${missing === 'input' ? 'output' : 'input'} tokens but none for ${missing} tokens`,
      `give both --price-in and --price-out (or --price-${missing === 'input' ? 'in' : 'out'}-${side}), in USD per 1M tokens`,
    );
  }
  return { inputPerMillion: input, outputPerMillion: output };
}

function usd(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`${flag} must be a price ≥ 0 in USD per 1M tokens, got "${value}"`, 'e.g. --price-in 2.5 --price-out 10');
  return n;
}
