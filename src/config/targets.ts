// Resolve blue and green targets: shared `target` fields + per-revision fields + CLI overrides,
// env references expanded, secrets checked, docs extraction presets filled.
import type { ConfigIssue } from '../model/errors.js';
import type { Revision } from '../model/outcome.js';
import { expandEnv, hasEnvRef, isSecretHeader } from './env.js';
import type { GoldenCase } from '../model/golden.js';
import type { DocsExtract, ResolvedTarget } from '../targets/options.js';
import type { TargetInput } from '../targets/schema.js';
import { checkTarget, type FieldLocator } from './target-checks.js';

type Located = (path: (string | number)[]) => { path: string; line?: number };

const PRESETS = {
  'azure-on-your-data': { path: 'choices[0].message.context.citations', id: ['filepath', 'url', 'title', 'chunk_id'] },
  sources: { path: 'sources', id: ['id'] },
} as const;

/** Fill the docs extraction from a preset or a custom path. */
export function resolveDocs(d: TargetInput['docs']): DocsExtract {
  if (!d || d.preset === 'none') return { preset: 'none' };
  const ids = d.id === undefined ? undefined : Array.isArray(d.id) ? d.id : [d.id];
  if (d.preset) {
    const p = PRESETS[d.preset];
    return { preset: d.preset, path: d.path ?? p.path, id: ids ?? [...p.id] };
  }
  if (d.path) return { preset: 'custom', path: d.path, id: ids ?? ['id'] };
  return { preset: 'none' };
}

function readyUrl(base: string, readyPath: string | undefined): string | undefined {
  const p = readyPath ?? '/health/ready';
  if (p === '' || p === 'none') return undefined;
  return new URL(p, base).toString();
}

/** Resolve one revision's target; problems are pushed to `issues`. `cases` are checked against the body template. */
export function resolveTarget(
  revision: Revision,
  shared: TargetInput | undefined,
  own: TargetInput | undefined,
  urlOverride: string | undefined,
  env: Record<string, string | undefined>,
  file: string,
  at: Located,
  issues: ConfigIssue[],
  cases: readonly GoldenCase[] = [],
): ResolvedTarget | undefined {
  const t: TargetInput = { ...shared, ...own, headers: { ...shared?.headers, ...own?.headers } };
  if (urlOverride !== undefined) t.url = urlOverride;
  const before = issues.length;
  // Where a field was written: the revision's own block wins over the shared `target` block.
  const where: FieldLocator = (field, sub = []) =>
    at(own && field in own ? [revision, field, ...sub] : shared && field in shared ? ['target', field, ...sub] : [revision]);
  const expand = (field: string, value: string, sub?: string[]): string => {
    const r = expandEnv(value, env);
    for (const name of r.missing) {
      issues.push({
        file,
        ...where(field, sub),
        message: `environment variable ${name} is not set`,
        hint: `export ${name}=… before running revgate (secrets are only read from the environment)`,
      });
    }
    return r.value;
  };

  let url: string | undefined;
  const flag = `--${revision}`;
  if (t.url === undefined) {
    issues.push({
      file,
      ...at([revision]),
      message: `${revision} has no URL`,
      hint: `set ${revision}.url in the suite or pass ${flag} <url>`,
    });
  } else {
    const urlAt = urlOverride !== undefined ? { path: `${revision}.url` } : where('url');
    const from = urlOverride !== undefined ? ` (from ${flag})` : '';
    const missingBefore = issues.length;
    url = urlOverride !== undefined ? t.url : expand('url', t.url);
    if (issues.length === missingBefore) {
      try {
        const u = new URL(url);
        if (!/^https?:$/.test(u.protocol))
          issues.push({
            file,
            ...urlAt,
            message: `not an http(s) URL: ${t.url}${from}`,
            hint: 'use an absolute http(s) URL, e.g. http://127.0.0.1:8081/v1',
          });
        if (u.username || u.password)
          issues.push({
            file,
            ...urlAt,
            message: `credentials in the URL${from}`,
            hint: 'put secrets in headers as ${ENV_VAR} references',
          });
      } catch {
        issues.push({
          file,
          ...urlAt,
          message: `not a valid URL: ${t.url}${from}`,
          hint: 'use an absolute http(s) URL, e.g. http://127.0.0.1:8081/v1',
        });
      }
    }
  }
  const headers: Record<string, string> = {};
  const secretHeaders: string[] = [];
  for (const [name, value] of Object.entries(t.headers ?? {})) {
    if (isSecretHeader(name) && !hasEnvRef(value)) {
      issues.push({
        file,
        ...where('headers', [name]),
        message: `header "${name}" holds a literal secret`,
        hint: `write it as \${MY_${name.replace(/\W/g, '_').toUpperCase()}} and export that variable; suites are committed, secrets are not`,
      });
    }
    if (hasEnvRef(value)) secretHeaders.push(name);
    headers[name] = expand('headers', value, [name]);
  }
  let apiKey: string | undefined;
  if (t.apiKey !== undefined) {
    if (!hasEnvRef(t.apiKey))
      issues.push({
        file,
        ...where('apiKey'),
        message: 'apiKey holds a literal secret',
        hint: 'write it as ${OPENAI_API_KEY} (any variable name) and export that variable; suites are committed, secrets are not',
      });
    apiKey = expand('apiKey', t.apiKey);
  }
  const kind = t.kind ?? 'openai-chat';
  if (kind === 'http-json') {
    for (const field of ['model', 'stream', 'apiKey', 'apiVersion', 'system', 'temperature', 'maxTokens', 'extraBody'] as const) {
      if (t[field] !== undefined)
        issues.push({
          file,
          ...where(field),
          message: `${field} applies to kind openai-chat only`,
          hint: 'remove it, or set kind: openai-chat',
        });
    }
  }
  checkTarget(t, kind, cases, file, where, issues);
  if (issues.length > before || url === undefined) return undefined;
  return {
    revision,
    kind,
    url,
    headers,
    secretHeaders,
    model: t.model,
    apiKey,
    apiVersion: t.apiVersion,
    stream: t.stream ?? false,
    system: t.system,
    temperature: t.temperature,
    maxTokens: t.maxTokens,
    extraBody: t.extraBody,
    body: t.body,
    answer: t.answer ?? (kind === 'http-json' ? 'answer' : 'choices[0].message.content'),
    docs: resolveDocs(t.docs),
    readyUrl: readyUrl(url, t.readyPath),
  };
}
