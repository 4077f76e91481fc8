// Credentials for the Azure adapters: a static bearer token (`--token`, or REVGATE_AZURE_TOKEN from
// `az account get-access-token`), else DefaultAzureCredential — imported lazily, because constructing it
// probes the instance metadata address (never in tests).
import type { AccessToken, TokenCredential } from '@azure/identity';

export interface CredentialSource {
  /** A token given on the command line (`--token`). */
  token?: string;
  /** The environment to read REVGATE_AZURE_TOKEN from (the CLI passes process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

// The `exp` claim of a JWT, in ms; undefined when the token is not a readable JWT.
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Strips `Bearer ` and accepts the JSON printed by `az account get-access-token` as well as the bare token. */
export function normalizeToken(raw: string): string {
  const text = raw.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { accessToken?: unknown };
      if (typeof parsed.accessToken === 'string') return parsed.accessToken.trim();
    } catch {
      // fall through: use the text as given
    }
  }
  return text.replace(/^Bearer\s+/i, '');
}

// A TokenCredential that always returns one token (expiry from its JWT `exp`, else one hour from now).
export function staticTokenCredential(raw: string): TokenCredential {
  const token = normalizeToken(raw);
  if (token === '') throw new TypeError('empty Azure access token');
  const expiresOnTimestamp = jwtExpiry(token) ?? Date.now() + 3_600_000;
  return {
    getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp }),
  };
}

// The credential to use: an explicit token, REVGATE_AZURE_TOKEN, or DefaultAzureCredential.
export async function resolveAzureCredential(source: CredentialSource = {}): Promise<TokenCredential> {
  const token = source.token ?? source.env?.REVGATE_AZURE_TOKEN;
  if (token !== undefined && token.trim() !== '') return staticTokenCredential(token);
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}
