// rollout.live in a suite: defaults resolved from the rollout and the backend; every problem at once.
import { describe, expect, it } from 'vitest';
import { issuesOf, load, SUITE } from '../config/helpers.js';

const LOCAL_BACKEND = `  backend:
    kind: local
    app: pharmabot
    revisions:
      - { name: pharmabot--v1, url: "http://127.0.0.1:8081" }
      - { name: pharmabot--v2, url: "http://127.0.0.1:8082" }`;
const AZURE_BACKEND = `  backend: { kind: azure-container-apps, subscriptionId: sub-1, resourceGroup: rg, app: pharmabot }`;
const suite = (backend: string, live: string, extra = '') =>
  `${SUITE}rollout:\n${backend}\n  analysisInterval: 30s\n  onInconclusive: pause\n${extra}  live:\n${live}`;

describe('rollout.live', () => {
  it('resolves defaults: interval and onInconclusive from the rollout, rates as shares, durations in ms', async () => {
    const { suite: s } = await load({
      'suite.yaml': suite(LOCAL_BACKEND, '    source: local\n    window: 2s\n    maxErrorRate: 2%\n    minRequests: 20\n'),
    });
    expect(s.rollout!.live).toEqual({
      source: 'local',
      intervalMs: 30_000,
      windowMs: 2000,
      minRequests: 20,
      maxErrorRate: 0.02,
      maxErrorRateIncrease: 0.005,
      maxLatencyShiftMs: 100,
      maxP95Ratio: 1.5,
      alpha: 0.05,
      confidence: 0.95,
      queryRetries: 2,
      onInconclusive: 'pause',
    });
  });

  it("azure-monitor: the resource id defaults to the backend's app; delay and logs pass through", async () => {
    const live =
      '    source: azure-monitor\n    delay: 2m\n    interval: 1m\n    onInconclusive: rollback\n    azure:\n      metricsEndpoint: https://westeurope.metrics.monitor.azure.com\n      logs: { workspaceId: "${WS}", query: console-logs }\n';
    const { suite: s } = await load({ 'suite.yaml': suite(AZURE_BACKEND, live) }, { env: { WS: 'ws-guid' } });
    expect(s.rollout!.live).toMatchObject({
      source: 'azure-monitor',
      delayMs: 120_000,
      intervalMs: 60_000,
      onInconclusive: 'rollback',
      azure: {
        resourceId: '/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.App/containerApps/pharmabot',
        metricsEndpoint: 'https://westeurope.metrics.monitor.azure.com',
        logs: { workspaceId: 'ws-guid', query: 'console-logs' },
      },
    });
  });

  it('reports every problem of the section at once, with its YAML path', async () => {
    const live =
      '    source: azure-monitor\n    window: soon\n    maxErrorRate: 150%\n    maxErrorRateIncrease: lots\n    minRequests: 0\n    queryRetries: -1\n    maxP95Ratio: 0\n    colour: red\n';
    const issues = await issuesOf({ 'suite.yaml': suite(LOCAL_BACKEND, live) });
    const paths = issues.map((i) => i.path);
    for (const p of [
      'rollout.live.window',
      'rollout.live.maxErrorRate',
      'rollout.live.maxErrorRateIncrease',
      'rollout.live.minRequests',
      'rollout.live.queryRetries',
      'rollout.live.maxP95Ratio',
    ])
      expect(paths).toContain(p);
    expect(issues.some((i) => /colour/.test(i.message))).toBe(true);
    expect(issues.find((i) => i.path === 'rollout.live.maxErrorRate')!.message).toMatch(/expected a rate like "1%"/);
  });

  it('the source must fit the backend', async () => {
    const local = await issuesOf({ 'suite.yaml': suite(AZURE_BACKEND, '    source: local\n    azure: { resourceId: x }\n') });
    expect(local.map((i) => [i.path, i.message])).toEqual(
      expect.arrayContaining([
        ['rollout.live.source', expect.stringMatching(/needs backend kind local/)],
        ['rollout.live.azure', expect.stringMatching(/applies only to source: azure-monitor/)],
      ]),
    );
    const azure = await issuesOf({ 'suite.yaml': suite(LOCAL_BACKEND, '    source: azure-monitor\n') });
    expect(azure.map((i) => i.path)).toEqual(
      expect.arrayContaining(['rollout.live.azure.metricsEndpoint', 'rollout.live.azure.resourceId']),
    );
  });
});
