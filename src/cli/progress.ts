// Progress: a cli-progress bar on an interactive terminal, periodic plain lines otherwise (CI logs).
import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';
import type { ReplayProgress } from '../replay/engine.js';

export interface ProgressView {
  update(p: ReplayProgress): void;
  stop(): void;
}

/** Pick the display: `bar` on a TTY, `lines` every `intervalMs` elsewhere, or `none`. */
export function createProgress(mode: 'bar' | 'lines' | 'none', write: (s: string) => void, intervalMs = 5000): ProgressView {
  if (mode === 'none') return { update() {}, stop() {} };
  if (mode === 'bar') {
    // Loaded for a bar only (an interactive terminal): CI runs and `--progress none` never pay for it.
    const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
    const bar = new cliProgress.SingleBar(
      {
        format: 'replay |{bar}| {value}/{total} cases | {attempts} attempts | errors blue {eb} green {eg} | {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        if (!started) {
          bar.start(p.casesPlanned, 0, { attempts: 0, eb: 0, eg: 0 });
          started = true;
        }
        bar.update(p.casesDone, { attempts: p.attemptsDone, eb: p.errors.blue, eg: p.errors.green });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  let latest: ReplayProgress | undefined;
  const line = (p: ReplayProgress) =>
    write(
      `replay: ${p.casesDone}/${p.casesPlanned} cases, ${p.attemptsDone}/${p.attemptsPlanned} attempts, errors blue ${p.errors.blue} green ${p.errors.green}\n`,
    );
  return {
    update(p) {
      latest = p;
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        line(p);
      }
    },
    stop() {
      if (latest && latest.casesDone !== 0) line(latest);
    },
  };
}
