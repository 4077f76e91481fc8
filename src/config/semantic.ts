// Resolve the measuring endpoints (embeddings, judge): keys only from the environment.
import type { ConfigIssue } from '../model/errors.js';
import { expandEnv, hasEnvRef } from './env.js';
import type { SemanticConfig } from './resolved.js';
import type { SuiteFile } from './suite-schema.js';

type Located = (path: (string | number)[]) => { path: string; line?: number };

/** Build the semantic config from `scoring.embeddings` / `scoring.judge`; problems go to `issues`. */
export function resolveSemantic(
  scoring: Partial<SuiteFile['scoring']> | undefined,
  env: Record<string, string | undefined>,
  file: string,
  at: Located,
  issues: ConfigIssue[],
): SemanticConfig {
  const key = (section: 'embeddings' | 'judge', value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    if (!hasEnvRef(value)) {
      issues.push({
        file,
        ...at(['scoring', section, 'apiKey']),
        message: 'apiKey holds a literal secret',
        hint: 'write it as ${OPENAI_API_KEY} (any variable name) and export that variable',
      });
    }
    const r = expandEnv(value, env);
    for (const name of r.missing) {
      issues.push({
        file,
        ...at(['scoring', section, 'apiKey']),
        message: `environment variable ${name} is not set`,
        hint: `export ${name}=… before running revgate`,
      });
    }
    return r.value;
  };
  const out: SemanticConfig = {};
  const e = scoring?.embeddings;
  if (e) {
    out.embeddings = { ...endpoint(e, key('embeddings', e.apiKey)), batchSize: e.batchSize };
  }
  const j = scoring?.judge;
  if (j) {
    out.judge = {
      ...endpoint(j, key('judge', j.apiKey)),
      temperature: j.temperature,
      seed: j.seed,
      mode: j.mode,
      ...(j.rubric === undefined ? {} : { rubric: j.rubric }),
    };
    out.concurrency = j.concurrency;
  }
  return out;
}

/** The fields every measuring endpoint (embeddings, judge) resolves the same way. */
function endpoint(
  e: { url: string; model: string; apiVersion?: string | undefined; timeout: number; retries: number; cache: string | false },
  apiKey: string | undefined,
) {
  return { baseURL: e.url, model: e.model, apiKey, apiVersion: e.apiVersion, timeoutMs: e.timeout, retries: e.retries, cacheDir: e.cache };
}
