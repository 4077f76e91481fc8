// Every secret value a resolved suite holds: the targets' API keys and secret headers, the
// embeddings and judge keys, and the values of the variables the suite marks secret.
import type { ResolvedSuite } from '../config/resolved.js';

/** The values the redaction layer (src/secrets/redact.ts) must never let out. */
export function secretValuesOf(suite: Pick<ResolvedSuite, 'targets' | 'semantic' | 'secretValues'>): string[] {
  const out: (string | undefined)[] = [...(suite.secretValues ?? [])];
  for (const t of Object.values(suite.targets)) {
    out.push(t.apiKey);
    for (const name of t.secretHeaders) out.push(t.headers[name]);
  }
  out.push(suite.semantic.embeddings?.apiKey, suite.semantic.judge?.apiKey);
  return out.filter((v): v is string => typeof v === 'string' && v !== '');
}
