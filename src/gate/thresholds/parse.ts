// Configured thresholds → validated ThresholdSpecs, reporting every problem at once.
import type { ThresholdInput } from '../schema.js';
import type { ConfigIssue } from '../../model/errors.js';
import { findMetric, metricName, metricNames, type MetricDef } from '../../scoring/catalog.js';
import { formatExact } from '../format.js';
import { parseExpression, type ParsedExpression } from './grammar.js';
import { normaliseLimit } from './limits.js';
import { closestMetrics, lookupMetric, writtenK } from '../metric-lookup.js';
import type { Scope, ThresholdSpec } from '../../model/verdict.js';

export interface ParseThresholdsOptions {
  /** scoring.k: the cut-off that `rag.*@{k}` names must carry. */
  k: number;
  /** The suite file, for issue locations. */
  file: string;
  /** YAML path of the thresholds list. @default "thresholds" */
  basePath?: string;
}

interface Located {
  path: string;
  issue: (message: string, hint: string) => ConfigIssue;
}

/** Parse and validate every configured threshold; specs for the valid ones, issues for all the others. */
export function parseThresholds(
  inputs: readonly ThresholdInput[],
  options: ParseThresholdsOptions,
): { specs: ThresholdSpec[]; issues: ConfigIssue[] } {
  const basePath = options.basePath ?? 'thresholds';
  const specs: ThresholdSpec[] = [];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, string>();
  inputs.forEach((input, index) => {
    // `test:` entries are statistical (stat-specs.ts); one without `check` is reported by the schema.
    if (typeof input !== 'string' && input.check === undefined) return;
    const entryPath = `${basePath}[${index}]`;
    const exprPath = typeof input === 'string' ? entryPath : `${entryPath}.check`;
    const at = (path: string): Located => ({
      path,
      issue: (message, hint) => ({ file: options.file, path, message, hint }),
    });
    const result = parseOne(input, options.k, at(exprPath));
    if ('issue' in result) {
      issues.push(result.issue);
      return;
    }
    const first = seen.get(result.spec.id);
    if (first !== undefined) {
      issues.push(
        at(entryPath).issue(
          `duplicate threshold "${result.spec.id}" (same check as ${first})`,
          'remove one of them, or give them different tags',
        ),
      );
      return;
    }
    seen.set(result.spec.id, entryPath);
    specs.push(result.spec);
  });
  return { specs, issues };
}

/** The stable id of a check: normalised expression plus its tag scope (sorted). */
export function thresholdId(scope: Scope, metric: string, op: string, limit: number, def: MetricDef, tags: readonly string[]): string {
  const unit = scope === 'ratio' ? 'factor' : def.unit;
  const expr = `${scope}.${metric} ${op} ${formatExact(limit, unit)}`;
  return tags.length > 0 ? `${expr} [${[...tags].sort().join(', ')}]` : expr;
}

function parseOne(input: ThresholdInput, k: number, at: Located): { spec: ThresholdSpec } | { issue: ConfigIssue } {
  const check = typeof input === 'string' ? input : (input.check ?? '');
  const parsed = parseExpression(check);
  if (!parsed.ok) return { issue: at.issue(parsed.message, parsed.hint) };
  const def = findMetric(parsed.value.metric, k);
  if (!def) return { issue: unknownMetric(parsed.value, k, at) };
  const scope = parsed.value.scope ?? (def.kind === 'pair' ? 'pair' : 'green');
  const scopeProblem = checkScope(scope, parsed.value.metric, def);
  if (scopeProblem) return { issue: at.issue(scopeProblem.message, scopeProblem.hint) };
  const limit = normaliseLimit(parsed.value, scope, def);
  if (!limit.ok) return { issue: at.issue(limit.message, limit.hint) };
  const tags = typeof input === 'string' ? [] : [...new Set(input.tags ?? [])];
  const { metric, op } = parsed.value;
  const id = thresholdId(scope, metric, op, limit.limit, def, tags);
  const name = typeof input !== 'string' && input.name !== undefined ? input.name : check.trim();
  const advisory = typeof input !== 'string' && input.advisory === true;
  return { spec: { id, name, expr: check.trim(), scope, metric, op, limit: limit.limit, tags, advisory } };
}

function checkScope(scope: Scope, metric: string, def: MetricDef): { message: string; hint: string } | undefined {
  if (def.kind === 'pair' && scope !== 'pair') {
    return {
      message: `scope "${scope}" does not apply to pair metric ${metric}`,
      hint: `${metric} already compares green with blue: write "${metric} ..." or "pair.${metric} ..."`,
    };
  }
  if (def.kind === 'revision' && scope === 'pair') {
    return {
      message: `scope "pair" does not apply to revision metric ${metric}`,
      hint: `use green. (the default), blue., delta. (green − blue) or ratio. (green / blue), e.g. "delta.${metric} ..."`,
    };
  }
  return undefined;
}

function unknownMetric(parsed: ParsedExpression, k: number, at: Located): ConfigIssue {
  const { metric, scope } = parsed;
  const n = writtenK(metric);
  if (n !== undefined && n !== k) {
    const def = lookupMetric(metric)!;
    return at.issue(
      `unknown metric "${metric}": scoring.k is ${k}`,
      `write "${metricName(def, k)}", or set scoring.k: ${n} to gate on the top ${n}`,
    );
  }
  // `canary.latency.p95`: a scope word that is not one of ours, in front of a known metric.
  const dot = metric.indexOf('.');
  if (scope === undefined && dot > 0 && findMetric(metric.slice(dot + 1), k)) {
    return at.issue(
      `unknown scope "${metric.slice(0, dot)}" in "${metric}"`,
      'scopes: green, blue, delta, ratio (revision metrics) and pair (pair metrics)',
    );
  }
  const suggestions = closestMetrics(metric, k).map((name) => `"${name}"`);
  const hint =
    suggestions.length > 0
      ? `did you mean ${suggestions.length > 1 ? `${suggestions.slice(0, -1).join(', ')} or ${suggestions.at(-1)}` : suggestions[0]}?`
      : `known metrics: ${[...metricNames('revision', k), ...metricNames('pair', k)].join(', ')}`;
  return at.issue(`unknown metric "${metric}"`, hint);
}
