// How far V8 lets the heap grow between full garbage collections, for the CLI's process.
import { setFlagsFromString } from 'node:v8';

/**
 * Old-generation growth allowed after a full GC, in percent of what survived it. V8's default
 * grows the heap by up to 4x the live data when collection is cheap relative to the program: a
 * 100,000-case compare (about 100 MB live: the golden set and the metric samples) then peaked at
 * about 500 MB RSS, almost all of it garbage not yet collected. At 15 % the peak follows the live
 * data for a few more full GCs (measured in README "Benchmarks").
 */
export const HEAP_GROWING_PERCENT = 15;

/**
 * Set V8's heap growing factor for this process, unless node was started with its own
 * (`--heap-growing-percent` in the command line or NODE_OPTIONS). The CLI calls this at start-up;
 * a program embedding `compare()` decides for its own process.
 */
export function boundHeapGrowth(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): boolean {
  const given = [...execArgv, env['NODE_OPTIONS'] ?? ''].some((a) => /heap[-_]growing[-_]percent/.test(a));
  if (given) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
