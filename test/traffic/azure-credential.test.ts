// The static-token credential (DefaultAzureCredential is never constructed in tests).
import { describe, expect, it } from 'vitest';
import { resolveAzureCredential, staticTokenCredential } from '../../src/traffic/azure/index.js';

const jwt = (claims: object): string => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('Azure credentials', () => {
  it('wraps a bare token, a `Bearer …` header value or `az account get-access-token` JSON', async () => {
    for (const raw of ['abc', ' Bearer abc\n', JSON.stringify({ accessToken: 'abc', expiresOn: '2030-01-01 00:00:00.000000' })]) {
      expect((await staticTokenCredential(raw).getToken('https://management.azure.com/.default'))?.token).toBe('abc');
    }
  });

  it('takes the expiry from the JWT exp claim, else one hour ahead', async () => {
    expect((await staticTokenCredential(jwt({ exp: 2_000_000_000 })).getToken([]))?.expiresOnTimestamp).toBe(2_000_000_000_000);
    const fallback = (await staticTokenCredential('opaque').getToken([]))!.expiresOnTimestamp;
    expect(Math.abs(fallback - Date.now() - 3_600_000)).toBeLessThan(5_000);
  });

  it('prefers --token, then REVGATE_AZURE_TOKEN', async () => {
    expect((await (await resolveAzureCredential({ token: 'cli', env: { REVGATE_AZURE_TOKEN: 'env' } })).getToken([]))?.token).toBe('cli');
    expect((await (await resolveAzureCredential({ env: { REVGATE_AZURE_TOKEN: 'env' } })).getToken([]))?.token).toBe('env');
  });

  it('refuses an empty token', () => {
    expect(() => staticTokenCredential('  ')).toThrow(/empty/);
  });
});
