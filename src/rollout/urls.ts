// Where a revision is replayed: an explicit URL from rollout.urls, a label URL (`label:<name>`),
// or the revision's own URL (its FQDN on Azure).
import type { AppInfo, RevisionInfo } from '../traffic/types.js';

/**
 * Azure Container Apps label URL, built from the app's ingress FQDN: `https://<app>---<label>.<env>…`
 * (triple dash; the API has no field for it). Null when the app has no ingress FQDN.
 */
export function labelUrl(ingressFqdn: string | null, label: string): string | null {
  if (!ingressFqdn) return null;
  const [app, ...rest] = ingressFqdn.split('.');
  return rest.length === 0 ? null : `https://${app}---${label}.${rest.join('.')}`;
}

/** The replay URL of a revision (without urlPath). */
export function revisionUrl(revision: RevisionInfo, app: Pick<AppInfo, 'ingressFqdn'>, overrides: Record<string, string>): string | null {
  const o = overrides[revision.name];
  if (o === undefined) return revision.url;
  const label = /^label:(.+)$/.exec(o);
  return label ? labelUrl(app.ingressFqdn, label[1]!) : o;
}
