// Opening a file with the desktop's default application (`revgate open`): xdg-open, open or
// start. Fire and forget: revgate has printed the path already, so a machine without an opener
// (a server, a container) loses nothing, and the browser must outlive revgate.
import { spawn } from 'node:child_process';

export interface OpenerCommand {
  command: string;
  args: string[];
  /** Windows: pass the arguments to cmd.exe as written (cmd has its own quoting rules). */
  verbatim: boolean;
}

/** The platform's opener for `file`. */
export function openerFor(platform: NodeJS.Platform, file: string): OpenerCommand {
  if (platform === 'darwin') return { command: 'open', args: [file], verbatim: false };
  // `start` is a cmd.exe builtin; its first quoted argument is a window title, hence the "".
  if (platform === 'win32') return { command: 'cmd', args: ['/d', '/s', '/c', `start "" "${file}"`], verbatim: true };
  return { command: 'xdg-open', args: [file], verbatim: false };
}

/** Launch the opener detached and forget it; every failure (no opener installed) is ignored. */
export function openDetached(file: string, platform: NodeJS.Platform): void {
  const { command, args, verbatim } = openerFor(platform, file);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsVerbatimArguments: verbatim });
    // A missing opener is reported asynchronously as an 'error' event: without a listener it would crash.
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // spawn itself throws only on invalid arguments; the path is printed either way.
  }
}
