// `${ENV_VAR}` references: the only way secrets enter a suite. Values are expanded at load time
// and never written back to reports or logs.

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Header names whose values are secrets: a literal value there is refused. */
const SECRET_HEADER = /^(authorization|proxy-authorization|api-key|x-api-key|ocp-apim-subscription-key|cookie|x-functions-key)$/i;

/** True when the value is built from env references (and so may carry a secret). */
export function hasEnvRef(value: string): boolean {
  return /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(value);
}

/** True when a header of this name must not hold a literal value. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

/** Expand `${VAR}` references; names of missing variables are returned, not thrown. */
export function expandEnv(value: string, env: Record<string, string | undefined>): { value: string; missing: string[] } {
  const missing: string[] = [];
  const out = value.replace(REF, (_, name: string) => {
    const v = env[name];
    if (v === undefined) {
      missing.push(name);
      return '';
    }
    return v;
  });
  return { value: out, missing };
}
