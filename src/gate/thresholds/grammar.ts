// The threshold grammar and its parser (syntax only; the catalog checks live in thresholds.ts).
//
//   expression := [ scope "." ] metric op value
//   scope      := "green" | "blue" | "delta" | "ratio" | "pair"
//                 (omitted: green for revision metrics, pair for pair metrics)
//   metric     := a catalog name, [A-Za-z0-9_@.]+  e.g. latency.p95, rag.recall@5, drift.rougeL.mean
//   op         := "<=" | ">=" | "==" | "!=" | "<" | ">"
//   value      := [ "+" | "-" ] number [ unit ]
//   number     := digits [ "." digits ] | "." digits
//   unit       := "%" | "ms" | "s" | "m"
//
// Whitespace is allowed around op and value. Examples:
//   green.error_rate <= 1%        ratio.latency.p95 <= 1.2       delta.rag.recall@5 >= -0.02
//   ref.rougeL.mean >= 0.4        drift.moved_share <= 0.2       latency.p99 < 2s
//
// Parsing is split from validation (k6's thresholds_parser.go): here we only find the parts,
// thresholds.ts then checks them against the metric catalog and converts the limit to base units.
import type { Op, Scope } from '../../model/verdict.js';

export const SCOPES: readonly Scope[] = ['green', 'blue', 'delta', 'ratio', 'pair'];
export const OPS: readonly Op[] = ['<', '<=', '>', '>=', '==', '!='];
export type ValueUnit = '%' | 'ms' | 's' | 'm';

export interface ParsedExpression {
  /** Undefined when the expression names no scope (the metric's kind picks the default). */
  scope?: Scope;
  metric: string;
  op: Op;
  /** The number as written, sign included, before any unit conversion. */
  rawValue: number;
  unitSuffix: ValueUnit | null;
}

export type ParseResult = { ok: true; value: ParsedExpression } | { ok: false; message: string; hint: string };

const FORM_HINT = 'write `[scope.]metric op value`, e.g. "green.error_rate <= 1%" or "ratio.latency.p95 <= 1.2"';
const OPS_HINT = 'operators: < <= > >= == !=';
const VALUE_HINT = 'a number with an optional sign and unit: 0.4, -0.02, 1%, -2%, 800ms, 1.2s, 2m';
const METRIC_CHARS = /^[A-Za-z0-9_@.]+$/;
const VALUE = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*([A-Za-z%]*)$/;
const UNITS: readonly string[] = ['%', 'ms', 's', 'm'];
/** Likely typos of an operator, and what was meant. */
const OP_TYPOS: Record<string, Op> = { '=<': '<=', '=>': '>=', '=': '==', '===': '==', '!==': '!=', '<>': '!=' };

/** Split a threshold expression into scope, metric, operator and value (no catalog checks). */
export function parseExpression(text: string): ParseResult {
  const expr = text.trim();
  if (expr === '') return fail('empty threshold expression', FORM_HINT);
  const opMatch = /[<>=!]+/.exec(expr);
  if (!opMatch) return fail(`no comparison operator in "${expr}"`, `${OPS_HINT}, e.g. "latency.p95 <= 800ms"`);
  const opText = opMatch[0];
  if (!isOp(opText)) {
    const meant = OP_TYPOS[opText];
    return fail(`unknown operator "${opText}" in "${expr}"`, meant ? `did you mean "${meant}"? ${OPS_HINT}` : OPS_HINT);
  }
  const left = expr.slice(0, opMatch.index).trim();
  const right = expr.slice(opMatch.index + opText.length).trim();
  if (left === '') return fail(`missing metric before "${opText}" in "${expr}"`, FORM_HINT);
  if (!METRIC_CHARS.test(left) || left.startsWith('.') || left.endsWith('.') || left.includes('..')) {
    return fail(`invalid metric name "${left}"`, metricHint(left));
  }
  if (right === '') return fail(`missing value after "${opText}" in "${expr}"`, VALUE_HINT);
  const valueMatch = VALUE.exec(right);
  if (!valueMatch) return fail(`invalid value "${right}" in "${expr}"`, VALUE_HINT);
  const unit = valueMatch[2]!;
  if (unit !== '' && !UNITS.includes(unit)) {
    return fail(`unknown unit "${unit}" in "${right}"`, 'units: % for rates and scores; ms, s, m for durations; none for plain numbers');
  }
  const { scope, metric } = splitScope(left);
  const value: ParsedExpression = {
    metric,
    op: opText,
    rawValue: Number(valueMatch[1]),
    unitSuffix: unit === '' ? null : (unit as ValueUnit),
  };
  if (scope !== undefined) value.scope = scope;
  return { ok: true, value };
}

/** Split a leading scope word off a dotted name: `ratio.latency.p95` → ratio + latency.p95. */
export function splitScope(name: string): { scope?: Scope; metric: string } {
  const dot = name.indexOf('.');
  const head = dot < 0 ? '' : name.slice(0, dot);
  return isScope(head) ? { scope: head, metric: name.slice(dot + 1) } : { metric: name };
}

function metricHint(left: string): string {
  if (/^p\(\d+(\.\d+)?\)$/.test(left) || /p\(\d+/.test(left)) {
    return 'percentiles are metric names here, not k6 aggregations: write latency.p95 (p50, p90, p95, p99, mean)';
  }
  return 'metric names look like latency.p95, error_rate, rag.recall@5 or drift.rougeL.mean';
}

function isOp(text: string): text is Op {
  return (OPS as readonly string[]).includes(text);
}

function isScope(text: string): text is Scope {
  return (SCOPES as readonly string[]).includes(text);
}

function fail(message: string, hint: string): ParseResult {
  return { ok: false, message, hint };
}
