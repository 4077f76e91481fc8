// Command-line flags that override suite values, and naming the flag when its value is invalid.
import type { ConfigIssue } from '../model/errors.js';

/** Command-line values that override the suite file (flags win); an undefined value (a flag not given) keeps the suite's. */
export interface SuiteOverrides {
  blue?: string;
  green?: string;
  concurrency?: number;
  repeats?: number;
  timeout?: string | number;
  retries?: number;
  warmup?: number;
  deadline?: string | number;
  seed?: number;
  readyTimeout?: string | number;
  maxAttempts?: number;
  out?: string;
  formats?: string[];
}

const SAMPLING_FLAGS = [
  'concurrency',
  'repeats',
  'timeout',
  'retries',
  'warmup',
  'deadline',
  'seed',
  'readyTimeout',
  'maxAttempts',
] as const;
const FLAG_NAMES: Record<string, string> = { readyTimeout: 'ready-timeout', maxAttempts: 'budget' };

export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Apply the flags to the raw suite `data`; returns YAML path → flag, for the values that came from a flag. */
export function applyOverrides(data: Record<string, unknown>, o: SuiteOverrides): Map<string, string> {
  const from = new Map<string, string>();
  const set = (section: 'sampling' | 'report', key: string, value: unknown, flag: string) => {
    if (value === undefined) return;
    const current = data[section];
    if (current !== undefined && !isMapping(current)) return; // the schema reports the section itself
    data[section] = { ...current, [key]: value };
    from.set(`${section}.${key}`, flag);
  };
  for (const key of SAMPLING_FLAGS) set('sampling', key, o[key], `--${FLAG_NAMES[key] ?? key}`);
  set('report', 'dir', o.out, '--out');
  set('report', 'formats', o.formats, '--format');
  return from;
}

/** A problem with a value that came from a flag: say which flag, and drop the suite line (it is not there). */
export function attributeToFlag(issue: ConfigIssue, fromFlag: ReadonlyMap<string, string>): ConfigIssue {
  for (const [path, flag] of fromFlag) {
    if (issue.path === path || issue.path.startsWith(`${path}[`)) {
      const { line: _line, ...rest } = issue;
      return { ...rest, message: `${issue.message} (from ${flag})` };
    }
  }
  return issue;
}
