// Up-front checks of a resolved target that need more than its schema: the request template can be
// filled for every case, response paths parse, fields fit the target kind, the readiness endpoint
// is usable. Every problem is pushed (all at once, before any request is sent).
import type { ConfigIssue } from '../model/errors.js';
import { parsePath } from '../targets/path.js';
import { missingPlaceholders } from '../targets/template.js';
import type { GoldenCase } from '../model/golden.js';
import type { TargetInput } from '../targets/schema.js';

/** Where a field of the merged target was written (`green.body` or `target.body`). */
export type FieldLocator = (field: string, sub?: (string | number)[]) => { path: string; line?: number };

/** How many case ids an issue names before "and N more". */
const SHOWN_IDS = 3;

export function checkTarget(
  t: TargetInput,
  kind: 'openai-chat' | 'http-json',
  cases: readonly GoldenCase[],
  file: string,
  where: FieldLocator,
  issues: ConfigIssue[],
): void {
  const push = (field: string, message: string, hint: string, sub?: (string | number)[]) =>
    issues.push({ file, ...where(field, sub), message, hint });

  if (kind === 'openai-chat') {
    for (const field of ['body', 'answer'] as const) {
      if (t[field] !== undefined) {
        push(
          field,
          `${field} applies to kind http-json only`,
          'openai-chat builds the request from the case messages and reads choices[0].message.content; remove it, or set kind: http-json',
        );
      }
    }
  }
  if (kind === 'http-json') {
    for (const [placeholder, ids] of missingByPlaceholder(t.body, cases)) {
      if (!placeholder.startsWith('vars.')) {
        push('body', `unknown placeholder {{${placeholder}}}`, PLACEHOLDERS);
        continue;
      }
      const shown = ids
        .slice(0, SHOWN_IDS)
        .map((id) => `"${id}"`)
        .join(', ');
      const more = ids.length > SHOWN_IDS ? ` and ${ids.length - SHOWN_IDS} more` : '';
      push(
        'body',
        `{{${placeholder}}} has no value for ${ids.length} case${ids.length === 1 ? '' : 's'}: ${shown}${more}`,
        placeholderHint(placeholder),
      );
    }
    checkPath(t.answer, 'answer', push);
  }
  checkPath(t.docs?.path, 'docs', push, ['path']);

  const ready = t.readyPath;
  if (ready !== undefined && ready !== '' && ready !== 'none' && !ready.startsWith('/') && !isAbsoluteUrl(ready)) {
    push(
      'readyPath',
      `readyPath "${ready}" is neither a path starting with "/" nor an absolute URL`,
      'write e.g. /health/ready (resolved against the target URL), https://host/ready, or "none" to skip the readiness check',
    );
  }
}

function checkPath(
  path: string | undefined,
  field: string,
  push: (field: string, message: string, hint: string, sub?: (string | number)[]) => void,
  sub?: (string | number)[],
): void {
  if (path === undefined) return;
  try {
    parsePath(path);
  } catch (e) {
    push(
      field,
      (e as Error).message,
      'names separated by dots, list indexes in brackets: answer, data.text, choices[0].message.content',
      sub,
    );
  }
}

/** placeholder → ids of the cases that cannot fill it, in case order. */
function missingByPlaceholder(body: unknown, cases: readonly GoldenCase[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of cases) {
    for (const p of missingPlaceholders(body, c)) out.set(p, [...(out.get(p) ?? []), c.id]);
  }
  return out;
}

const PLACEHOLDERS = 'placeholders: {{question}}, {{messages}}, {{case.id}}, {{vars.<name>}}';

function placeholderHint(placeholder: string): string {
  return `add \`vars: { ${placeholder.slice('vars.'.length)}: … }\` to those cases, or remove {{${placeholder}}} from the body`;
}

function isAbsoluteUrl(s: string): boolean {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
}
