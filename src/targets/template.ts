// Rendering the http-json request body template for one golden case.
import type { GoldenCase } from '../model/golden.js';
import { RevgateError } from '../model/errors.js';
import { caseMessages, caseQuestion } from './messages.js';

/** The body sent when a target gives none. */
export const DEFAULT_BODY = { question: '{{question}}', messages: '{{messages}}' } as const;

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([\w.-]+)\s*\}\}$/;

/** A placeholder the case cannot fill (e.g. `{{vars.drug}}` on a case without that var). */
export class TemplateError extends RevgateError {
  constructor(
    readonly placeholder: string,
    caseId: string,
  ) {
    super('RG_TEMPLATE', `{{${placeholder}}} has no value for case "${caseId}"`, {
      hint: 'give the case that var, or drop the placeholder from target.body',
    });
  }
}

/**
 * Deep-copy `template`, filling placeholders from the case:
 * - a string that is exactly `{{messages}}` becomes the messages array (elsewhere: its JSON);
 * - a string that is exactly one placeholder of a number/boolean var keeps that type;
 * - `{{question}}`, `{{vars.name}}`, `{{case.id}}` are interpolated into strings.
 * Throws TemplateError for a placeholder the case cannot fill.
 */
export function renderBody(template: unknown, testCase: GoldenCase): unknown {
  return walk(template === undefined ? DEFAULT_BODY : template, testCase);
}

/** Placeholders in `template` that `testCase` cannot fill (for validating every case before a run). */
export function missingPlaceholders(template: unknown, testCase: GoldenCase): string[] {
  const missing = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const [, name] of node.matchAll(PLACEHOLDER)) if (lookup(name as string, testCase) === undefined) missing.add(name as string);
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(template === undefined ? DEFAULT_BODY : template);
  return [...missing];
}

function walk(node: unknown, testCase: GoldenCase): unknown {
  if (typeof node === 'string') return renderString(node, testCase);
  if (Array.isArray(node)) return node.map((item) => walk(item, testCase));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, testCase)]));
  }
  return node;
}

function renderString(text: string, testCase: GoldenCase): unknown {
  const whole = WHOLE.exec(text);
  if (whole !== null) return valueOf(whole[1] as string, testCase);
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = valueOf(name, testCase);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

function valueOf(name: string, testCase: GoldenCase): unknown {
  const value = lookup(name, testCase);
  if (value === undefined) throw new TemplateError(name, testCase.id);
  return value;
}

function lookup(name: string, testCase: GoldenCase): unknown {
  if (name === 'messages') return caseMessages(testCase);
  if (name === 'question') return caseQuestion(testCase);
  if (name === 'case.id') return testCase.id;
  if (name.startsWith('vars.')) return testCase.vars?.[name.slice('vars.'.length)];
  return undefined;
}
