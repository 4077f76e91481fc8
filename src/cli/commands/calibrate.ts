// `revgate calibrate <suite>`: the A/A run, its noise floor and the proposed margins (src/run/calibrate.ts).
import { loadSuite } from '../../config/load-suite.js';
import { calibrate } from '../../run/calibrate.js';
import { secretValuesOf } from '../../run/secrets.js';
import { ExitCode } from '../exit-codes.js';
import type { CalibrateFlags } from '../flags.js';
import { formatIssue } from '../format-error.js';
import type { CliIO } from '../io.js';

export async function runCalibrate(file: string, flags: CalibrateFlags, io: CliIO): Promise<number> {
  const { blue, concurrency, repeats, timeout, out } = flags;
  // green is never called (calibrate puts blue on both sides): a placeholder spares it a "has no URL" error.
  const overrides = { blue, green: 'http://127.0.0.1:9/unused', concurrency, repeats, timeout, out };
  const { suite, warnings } = await loadSuite(file, { overrides, env: io.env, cwd: io.cwd });
  io.redact?.add(secretValuesOf(suite));
  for (const w of warnings) if (!w.path.startsWith('green')) io.stderr(`revgate: warning:\n${formatIssue(w)}\n`);
  io.stderr(`revgate: calibrating ${suite.name}: blue ${suite.targets.blue.url} against itself, ${suite.cases.length} cases\n`);
  const result = await calibrate(suite, { signal: io.signal, onWaiting: (text) => io.stderr(`revgate: ${text}\n`) });
  const run = result.report.run;
  if (!run.complete || result.report.checks.some((c) => c.kind === 'run' && c.status === 'error')) {
    io.stderr(`revgate: the A/A run could not measure: ${result.report.verdict.reasons.join('; ')}\n`);
    return ExitCode.RunError;
  }
  io.stdout(result.fragment);
  io.stderr(`revgate: wrote ${result.file}\n`);
  return ExitCode.Pass;
}
