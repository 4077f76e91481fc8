// Resolve blue and green targets: shared `target` fields + per-revision fields + CLI overrides,
// env references expanded, secrets checked, docs extraction presets filled.
import type { ConfigIssue } from '../errors.js';
import type { Revision } from '../targets/types.js';
import { expandEnv, hasEnvRef, isSecretHeader } from './env.js';
import type { DocsExtract, ResolvedTarget } from './resolved.js';
import type { TargetInput } from './suite-schema.js';

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

/** Resolve one revision's target; problems are pushed to `issues`. */
export function resolveTarget(
  revision: Revision,
  shared: TargetInput | undefined,
  own: TargetInput | undefined,
  urlOverride: string | undefined,
  env: Record<string, string | undefined>,
  file: string,
  at: Located,
  issues: ConfigIssue[],
): ResolvedTarget | undefined {
  const t: TargetInput = { ...shared, ...own, headers: { ...shared?.headers, ...own?.headers } };
  if (urlOverride !== undefined) t.url = urlOverride;
  const before = issues.length;
  // Where a field was written: the revision's own block wins over the shared `target` block.
  const where = (field: string) => at(own && field in own ? [revision, field] : shared && field in shared ? ['target', field] : [revision]);
  const expand = (field: string, value: string): string => {
    const r = expandEnv(value, env);
    for (const name of r.missing) {
      issues.push({ file, ...where(field), message: `environment variable ${name} is not set`, hint: `export ${name}=… before running revgate (secrets are only read from the environment)` });
    }
    return r.value;
  };

  if (t.url === undefined) {
    issues.push({ file, ...at([revision]), message: `${revision} has no URL`, hint: `set ${revision}.url in the suite or pass --${revision} <url>` });
  } else {
    try {
      const u = new URL(t.url);
      if (u.username || u.password) issues.push({ file, ...where('url'), message: 'credentials in the URL', hint: 'put secrets in headers as ${ENV_VAR} references' });
    } catch {
      issues.push({ file, ...where('url'), message: `not a valid URL: ${t.url}`, hint: 'use an absolute http(s) URL' });
    }
  }
  const headers: Record<string, string> = {};
  const secretHeaders: string[] = [];
  for (const [name, value] of Object.entries(t.headers ?? {})) {
    if (isSecretHeader(name) && !hasEnvRef(value)) {
      issues.push({ file, ...at([own?.headers && name in own.headers ? revision : 'target', 'headers', name]), message: `header "${name}" holds a literal secret`, hint: `write it as \${MY_${name.replace(/\W/g, '_').toUpperCase()}} and export that variable; suites are committed, secrets are not` });
    }
    if (hasEnvRef(value)) secretHeaders.push(name);
    headers[name] = expand('headers', value);
  }
  let apiKey: string | undefined;
  if (t.apiKey !== undefined) {
    if (!hasEnvRef(t.apiKey)) issues.push({ file, ...where('apiKey'), message: 'apiKey holds a literal secret', hint: 'write it as ${OPENAI_API_KEY} (any variable name) and export that variable' });
    apiKey = expand('apiKey', t.apiKey);
  }
  const kind = t.kind ?? 'openai-chat';
  if (kind === 'http-json' && (t.stream || t.model !== undefined)) {
    issues.push({ file, ...where(t.stream ? 'stream' : 'model'), message: `${t.stream ? 'stream' : 'model'} applies to kind openai-chat only`, hint: 'remove it, or set kind: openai-chat' });
  }
  if (issues.length > before || t.url === undefined) return undefined;
  return {
    revision,
    kind,
    url: t.url,
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
    readyUrl: readyUrl(t.url, t.readyPath),
  };
}
