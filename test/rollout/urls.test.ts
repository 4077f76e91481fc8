// Where revisions are replayed: overrides, Azure label URLs, the revision's own FQDN.
import { describe, expect, it } from 'vitest';
import { labelUrl, revisionUrl } from '../../src/rollout/urls.js';
import type { RevisionInfo } from '../../src/traffic/types.js';

const rev = (name: string, url: string | null): RevisionInfo => ({
  name,
  url,
  active: true,
  weight: 0,
  createdTime: null,
  healthState: 'Healthy',
  runningState: 'Running',
  provisioningState: 'Provisioned',
  images: [],
  replicas: 1,
  error: null,
});
const app = { ingressFqdn: 'pharmabot.kindocean-1a2b3c.westeurope.azurecontainerapps.io' };

describe('revision URLs', () => {
  it('builds the Azure label URL with a triple dash from the ingress FQDN', () => {
    expect(labelUrl(app.ingressFqdn, 'green')).toBe('https://pharmabot---green.kindocean-1a2b3c.westeurope.azurecontainerapps.io');
    expect(labelUrl(null, 'green')).toBeNull();
    expect(labelUrl('localhost', 'green')).toBeNull();
  });

  it('prefers an explicit URL, then a label, then the revision FQDN', () => {
    const green = rev('pharmabot--v2', 'https://pharmabot--v2.kindocean-1a2b3c.westeurope.azurecontainerapps.io');
    expect(revisionUrl(green, app, {})).toBe(green.url);
    expect(revisionUrl(green, app, { 'pharmabot--v2': 'http://127.0.0.1:9000' })).toBe('http://127.0.0.1:9000');
    expect(revisionUrl(green, app, { 'pharmabot--v2': 'label:canary' })).toBe(
      'https://pharmabot---canary.kindocean-1a2b3c.westeurope.azurecontainerapps.io',
    );
    expect(revisionUrl(rev('x', null), { ingressFqdn: null }, { x: 'label:canary' })).toBeNull();
  });
});
