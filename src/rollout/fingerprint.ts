// The fingerprint of green: revision name, images, and GET <url>/version when the service exposes
// one. A change mid-rollout means green is not the release that was analysed: restart from step 1.
import type { RevisionInfo } from '../traffic/types.js';
import type { Fingerprint } from './types.js';

/** Read the fingerprint; a missing or non-JSON /version is recorded as null, not an error. */
export async function readFingerprint(rev: RevisionInfo, url: string | null, signal?: AbortSignal): Promise<Fingerprint> {
  return { revision: rev.name, images: [...rev.images].sort(), version: url ? await readVersion(url, signal) : null };
}

async function readVersion(url: string, signal?: AbortSignal): Promise<unknown> {
  try {
    const timeout = AbortSignal.timeout(5000);
    const res = await fetch(`${url.replace(/\/+$/, '')}/version`, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (res.status !== 200) return null;
    return await res.json();
  } catch {
    return null;
  }
}

/** JSON with sorted keys, so equal fingerprints compare equal. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export function sameFingerprint(a: Fingerprint | null, b: Fingerprint | null): boolean {
  return stable(a) === stable(b);
}

/** `pharmabot--v2 {"model":…}` for logs. */
export function formatFingerprint(f: Fingerprint): string {
  return `${f.revision}${f.images.length ? ` [${f.images.join(', ')}]` : ''}${f.version === null ? '' : ` ${stable(f.version)}`}`;
}
