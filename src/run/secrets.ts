// Every secret value a resolved suite holds: the targets' API keys and secret headers, the
// embeddings and judge keys, and the values of the variables the suite marks secret.
import type { ResolvedSuite } from '../config/resolved.js';

/** The values the redaction layer (src/secrets/redact.ts) must never let out. */
export function secretValuesOf(
  suite: Pick<ResolvedSuite, 'targets' | 'semantic' | 'secretValues'> & Partial<Pick<ResolvedSuite, 'rollout'>>,
): string[] {
  const out: (string | undefined)[] = [...(suite.secretValues ?? [])];
  for (const t of Object.values(suite.targets)) {
    out.push(t.apiKey);
    for (const name of t.secretHeaders) out.push(t.headers[name]);
  }
  out.push(suite.semantic.embeddings?.apiKey, suite.semantic.judge?.apiKey);
  const state = suite.rollout?.state;
  if (state?.backend === 'azure-blob' && state.connectionString !== undefined) {
    out.push(state.connectionString);
    // The parts that authenticate, should one be printed on its own.
    for (const m of state.connectionString.matchAll(/(?:AccountKey|SharedAccessSignature)=([^;]+)/gi)) out.push(m[1]);
  }
  return out.filter((v): v is string => typeof v === 'string' && v !== '');
}
