// Load a suite: parse, apply CLI overrides, validate, load golden sets, resolve targets and
// thresholds. Every problem in every file is collected and thrown at once as a ConfigError,
// before any request is sent.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError, ConfigNotFoundError, type ConfigIssue } from '../model/errors.js';
import { parseStatSpecs } from '../gate/statistical/specs.js';
import { parseThresholds } from '../gate/thresholds/parse.js';
import type { GoldenCase } from '../model/golden.js';
import { loadGoldenFile, type CaseLocation } from './golden.js';
import type { LoadedGoldenSet, ResolvedSuite } from './resolved.js';
import { applyOverrides, attributeToFlag, isMapping, type SuiteOverrides } from './overrides.js';
import { duplicateIds, lineFromPath, ordered } from './suite-issues.js';
import { SuiteSchema, type SuiteFile } from './suite-schema.js';
import { resolveSemantic } from './semantic.js';
import { resolveRollout, ROLLOUT_PENDING_URL } from './rollout.js';
import { resolveTarget } from './targets.js';
import { formatPath, parseYaml, type PathSegment } from './yaml-source.js';
import { PARSE_OPTIONS, zodIssues } from './zod-issues.js';

export type { SuiteOverrides } from './overrides.js';

export interface LoadSuiteOptions {
  overrides?: SuiteOverrides;
  /** Variables that `${NAME}` references expand from; pass `process.env` to use the environment. @default {} */
  env?: Record<string, string | undefined>;
  /** The suite path is resolved, and paths in messages are shown, relative to this directory. @default the current directory */
  cwd?: string;
}

export interface LoadedSuite {
  suite: ResolvedSuite;
  /** Problems that do not stop a run (e.g. expected_docs without a docs extractor). */
  warnings: ConfigIssue[];
}

/** Load and validate a suite file and everything it references. Throws ConfigError listing every problem. */
export async function loadSuite(file: string, options: LoadSuiteOptions = {}): Promise<LoadedSuite> {
  // The caller hands over its working directory and environment (the CLI passes its own): config/ never reads process.*.
  const cwd = resolve(options.cwd ?? '.');
  const env = options.env ?? {};
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
  if (!isMapping(source.data)) {
    throw new ConfigError([
      { file: shown, path: '', line: 1, message: 'a suite is a YAML mapping', hint: 'see suites/pharmabot.yaml for an example' },
    ]);
  }
  const data = { ...source.data };
  const fromFlag = applyOverrides(data, options.overrides ?? {});
  const at = (path: PathSegment[]) => {
    const line = source.lineOf(path);
    return { path: formatPath(path), ...(line === undefined ? {} : { line }) };
  };

  const issues: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  // Parse the whole suite; when it fails, keep going with the sections that are valid on their
  // own, so golden, target and threshold problems are reported in the same ConfigError.
  const parsed = SuiteSchema.safeParse(data, PARSE_OPTIONS);
  let cfg: Partial<SuiteFile>;
  let valid: (key: keyof SuiteFile) => boolean = () => true;
  if (parsed.success) cfg = parsed.data;
  else {
    issues.push(...zodIssues(parsed.error, shown, source.lineOf, [], SuiteSchema).map((i) => attributeToFlag(i, fromFlag)));
    const ok = validSections(data);
    cfg = ok.cfg;
    valid = (key) => ok.keys.has(key);
  }

  const golden: LoadedGoldenSet[] = [];
  const locations = new Map<LoadedGoldenSet, CaseLocation[]>();
  for (const [i, g] of (cfg.golden ?? []).entries()) {
    const gAbs = resolve(dirname(abs), g);
    const gShown = relative(cwd, gAbs) || gAbs;
    const r = await loadGoldenFile(gAbs, gShown);
    if (r.notFound) {
      issues.push({
        file: shown,
        ...at(['golden', ...(Array.isArray(data.golden) ? [i] : [])]),
        message: `golden file not found: ${g}${g === gShown ? '' : ` (looked for ${gShown})`}`,
        hint: 'golden paths are relative to the suite file',
      });
    } else issues.push(...r.issues);
    const set = { file: gShown, cases: r.cases };
    golden.push(set);
    locations.set(set, r.locations);
  }
  const cases = golden.flatMap((g) => g.cases);
  issues.push(...duplicateIds(golden, locations));
  if (cfg.golden !== undefined && cases.length === 0 && issues.length === 0)
    issues.push({ file: shown, ...at(['golden']), message: 'the golden sets hold no cases', hint: 'add cases to the golden files' });

  const targetsValid = valid('target') && valid('blue') && valid('green');
  // With a rollout, replay URLs come from the revisions (resolved per step): a missing URL waits for them.
  const rollout = valid('rollout') && cfg.rollout ? resolveRollout(cfg.rollout, env, shown, at, issues) : undefined;
  const urlFor = (rev: 'blue' | 'green') =>
    options.overrides?.[rev] ?? (data.rollout !== undefined && !hasUrl(cfg, rev) ? ROLLOUT_PENDING_URL : undefined);
  const blue = targetsValid ? resolveTarget('blue', cfg.target, cfg.blue, urlFor('blue'), env, shown, at, issues, cases) : undefined;
  const green = targetsValid ? resolveTarget('green', cfg.target, cfg.green, urlFor('green'), env, shown, at, issues, cases) : undefined;

  const semantic = resolveSemantic(cfg.scoring, env, shown, at, issues);
  const k = cfg.scoring?.k ?? rawK(data.scoring);
  const { specs, issues: thresholdIssues } = parseThresholds(cfg.thresholds ?? [], { k, file: shown, basePath: 'thresholds' });
  const { specs: statSpecs, issues: statIssues } = parseStatSpecs(cfg.thresholds ?? [], { file: shown, basePath: 'thresholds' });
  issues.push(
    ...[...thresholdIssues, ...statIssues].map((t) => ({ ...t, ...(t.line === undefined ? lineFromPath(t.path, source.lineOf) : {}) })),
  );

  for (const t of [blue, green]) {
    if (t && t.docs.preset === 'none' && cases.some((c) => c.expected_docs?.length)) {
      warnings.push({
        file: shown,
        ...at([t.revision]),
        message: `golden cases have expected_docs but ${t.revision} reads no retrieved documents, so RAG metrics stay empty`,
        hint: 'set target.docs (preset: azure-on-your-data | sources, or path / id)',
      });
    }
  }
  if (issues.length > 0 || !parsed.success || !blue || !green) throw new ConfigError(ordered(issues));

  const suite = parsed.data;
  return {
    suite: {
      file: shown,
      name: suite.name,
      description: suite.description,
      golden,
      cases,
      targets: { blue, green },
      sampling: suite.sampling,
      scoring: suite.scoring,
      thresholds: suite.thresholds,
      thresholdSpecs: specs,
      statSpecs,
      statistics: suite.statistics,
      // report.dir is relative to the caller's working directory (the CLI's), not the process's.
      report: { ...suite.report, dir: resolve(cwd, suite.report.dir) },
      semantic,
      ...(rollout ? { rollout } : {}),
      configHash: configHash(data, cases),
      secretValues: suite.secrets.map((name) => env[name]).filter((v): v is string => v !== undefined && v !== ''),
    },
    warnings: ordered(warnings),
  };
}

/** The top-level sections of an invalid suite that are valid on their own (the others are left out). */
function validSections(data: Record<string, unknown>): { cfg: Partial<SuiteFile>; keys: Set<string> } {
  const cfg: Record<string, unknown> = {};
  const keys = new Set<string>();
  for (const [key, schema] of Object.entries(SuiteSchema.shape)) {
    const r = (schema as z.ZodType).safeParse(data[key]);
    if (!r.success) continue;
    keys.add(key);
    if (r.data !== undefined) cfg[key] = r.data;
  }
  return { cfg: cfg, keys };
}

/** True when the suite gives `rev` a URL (its own block or the shared target). */
function hasUrl(cfg: Partial<SuiteFile>, rev: 'blue' | 'green'): boolean {
  return cfg[rev]?.url !== undefined || cfg.target?.url !== undefined;
}

/** scoring.k as written, when the scoring section is invalid for another reason. */
function rawK(scoring: unknown): number {
  const k = isMapping(scoring) ? scoring.k : undefined;
  return typeof k === 'number' && Number.isInteger(k) && k >= 1 ? k : 5;
}

/** sha256 over the suite as written (env references unexpanded, so no secret enters it) and the cases.
 *  Where reports are written (report.dir / --out, report.formats) is left out: shard jobs writing to
 *  different directories ran the same configuration, and `revgate merge` compares this hash. */
function configHash(data: Record<string, unknown>, cases: GoldenCase[]): string {
  const h = createHash('sha256');
  const { dir: _dir, formats: _formats, ...report } = isMapping(data.report) ? data.report : {};
  h.update(JSON.stringify({ ...data, ...(data.report === undefined ? {} : { report }) }));
  for (const c of cases) h.update(JSON.stringify(c));
  return `sha256:${h.digest('hex')}`;
}
