import type { Redactor } from '../secrets/redact.js';

// What a CLI run may touch of the outside world, injected so tests run the CLI in-process (k6 style).
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** stdout is an interactive terminal (and not CI): the progress bar instead of plain lines. */
  isTTY: boolean;
  /** Write ANSI colours: decided once from the environment and the terminal (src/cli/color.ts). */
  color: boolean;
  /** Aborted on SIGINT / SIGTERM with the signal name as reason. */
  signal: AbortSignal;
  /** The redaction layer stdout and stderr go through; commands teach it the secrets of the suite they load. */
  redact?: Redactor;
  /** What to print if a second signal quits at once (a rollout: the traffic state is unknown). */
  onQuit?: (message: string) => void;
  /** Open a file with the desktop's default application (`revgate open`); main.ts spawns the
   *  platform's opener. Absent (tests, library use): nothing is ever launched, the path is printed. */
  openFile?: (file: string) => void;
}
