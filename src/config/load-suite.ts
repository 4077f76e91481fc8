// Load a suite: parse, apply CLI overrides, validate, load golden sets, resolve targets and
// thresholds. Every problem in every file is collected and thrown at once as a ConfigError,
// before any request is sent.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { ConfigError, ConfigNotFoundError, type ConfigIssue } from '../errors.js';
import { parseThresholds } from '../gate/thresholds.js';
import type { GoldenCase } from './golden-schema.js';
import { loadGoldenFile, zodIssues } from './golden.js';
import type { LoadedGoldenSet, ResolvedSuite } from './resolved.js';
import { SuiteSchema } from './suite-schema.js';
import { resolveTarget } from './targets.js';
import { formatPath, parseYaml, type PathSegment } from './yaml-source.js';

/** Command-line values that override the suite file (flags win). */
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
  out?: string;
  formats?: string[];
}

export interface LoadSuiteOptions {
  overrides?: SuiteOverrides;
  env?: Record<string, string | undefined>;
  /** Paths in messages are shown relative to this directory. */
  cwd?: string;
}

export interface LoadedSuite {
  suite: ResolvedSuite;
  /** Problems that do not stop a run (e.g. expected_docs without a docs extractor). */
  warnings: ConfigIssue[];
}

const SAMPLING_FLAGS = ['concurrency', 'repeats', 'timeout', 'retries', 'warmup', 'deadline', 'seed', 'readyTimeout'] as const;

function applyOverrides(data: Record<string, unknown>, o: SuiteOverrides): void {
  const sampling = { ...(data.sampling as Record<string, unknown> | undefined) };
  for (const key of SAMPLING_FLAGS) if (o[key] !== undefined) sampling[key] = o[key];
  data.sampling = sampling;
  const report = { ...(data.report as Record<string, unknown> | undefined) };
  if (o.out !== undefined) report.dir = o.out;
  if (o.formats !== undefined) report.formats = o.formats;
  data.report = report;
}

/** Load and validate a suite file and everything it references. Throws ConfigError listing every problem. */
export async function loadSuite(file: string, options: LoadSuiteOptions = {}): Promise<LoadedSuite> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const abs = resolve(cwd, file);
  const shown = relative(cwd, abs) || abs;
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch {
    throw new ConfigNotFoundError(shown);
  }
  const { source, issues: yamlIssues } = parseYaml(shown, text);
  if (!source) throw new ConfigError(yamlIssues);
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    throw new ConfigError([{ file: shown, path: '', line: 1, message: 'a suite is a YAML mapping', hint: 'see suites/pharmabot.yaml for an example' }]);
  }
  const data = { ...(source.data as Record<string, unknown>) };
  applyOverrides(data, options.overrides ?? {});
  const at = (path: PathSegment[]) => {
    const line = source.lineOf(path);
    return { path: formatPath(path), ...(line === undefined ? {} : { line }) };
  };

  const parsed = SuiteSchema.safeParse(data);
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error, shown, source.lineOf));
  const cfg = parsed.data;
  const issues: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];

  const golden: LoadedGoldenSet[] = [];
  for (const [i, g] of cfg.golden.entries()) {
    const gAbs = resolve(dirname(abs), g);
    const gShown = relative(cwd, gAbs) || gAbs;
    const r = await loadGoldenFile(gAbs, gShown);
    if (r.issues.length > 0 && r.issues[0]?.message === 'golden file not found') {
      issues.push({ file: shown, ...at(['golden', ...(Array.isArray(data.golden) ? [i] : [])]), message: `golden file not found: ${gShown}`, hint: 'golden paths are relative to the suite file' });
    } else issues.push(...r.issues);
    golden.push({ file: gShown, cases: r.cases });
  }
  const cases = golden.flatMap((g) => g.cases);
  issues.push(...duplicateIds(golden));
  if (cases.length === 0 && issues.length === 0) issues.push({ file: shown, ...at(['golden']), message: 'the golden sets hold no cases', hint: 'add cases to the golden files' });

  const blue = resolveTarget('blue', cfg.target, cfg.blue, options.overrides?.blue, env, shown, at, issues);
  const green = resolveTarget('green', cfg.target, cfg.green, options.overrides?.green, env, shown, at, issues);

  const { specs, issues: thresholdIssues } = parseThresholds(cfg.thresholds, { k: cfg.scoring.k, file: shown, basePath: 'thresholds' });
  issues.push(...thresholdIssues.map((t) => ({ ...t, ...(t.line === undefined ? lineFromPath(t.path, source.lineOf) : {}) })));

  for (const t of [blue, green]) {
    if (t && t.docs.preset === 'none' && cases.some((c) => c.expected_docs?.length)) {
      warnings.push({ file: shown, ...at([t.revision]), message: `golden cases have expected_docs but ${t.revision} reads no retrieved documents, so RAG metrics stay empty`, hint: 'set target.docs (preset: azure-on-your-data | sources, or path / id)' });
    }
  }
  if (issues.length > 0 || !blue || !green) throw new ConfigError(issues);

  return {
    suite: {
      file: shown,
      name: cfg.name,
      description: cfg.description,
      golden,
      cases,
      targets: { blue, green },
      sampling: cfg.sampling,
      scoring: cfg.scoring,
      thresholds: cfg.thresholds,
      thresholdSpecs: specs,
      report: cfg.report,
      configHash: configHash(data, cases),
    },
    warnings,
  };
}

function lineFromPath(path: string, lineOf: (p: PathSegment[]) => number | undefined): { line?: number } {
  const segs: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segs.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  const line = lineOf(segs);
  return line === undefined ? {} : { line };
}

function duplicateIds(golden: LoadedGoldenSet[]): ConfigIssue[] {
  const seen = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const g of golden) {
    for (const c of g.cases) {
      const first = seen.get(c.id);
      if (first !== undefined) issues.push({ file: g.file, path: `id ${JSON.stringify(c.id)}`, message: `duplicate case id (first in ${first})`, hint: 'case ids must be unique across all golden files of a suite' });
      else seen.set(c.id, g.file);
    }
  }
  return issues;
}

/** sha256 over the suite as written (env references unexpanded, so no secret enters it) and the cases. */
function configHash(data: Record<string, unknown>, cases: GoldenCase[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(data));
  for (const c of cases) h.update(JSON.stringify(c));
  return `sha256:${h.digest('hex')}`;
}
