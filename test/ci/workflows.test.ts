// The documented GitHub workflows are valid YAML with the keys they promise, and live outside
// .github/workflows (revgate's own CI must not run them). The composite action: action.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../e2e/helpers.js';

type Loose = any;
interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  name?: string;
}

function load(file: string): Loose {
  return parse(readFileSync(join(ROOT, file), 'utf8'), { prettyErrors: true, uniqueKeys: true });
}
const steps = (job: Loose): Step[] => job.steps as Step[];
const runs = (job: Loose): string =>
  steps(job)
    .map((s) => s.run ?? '')
    .join('\n');
const uses = (job: Loose): string[] => steps(job).flatMap((s) => (s.uses ? [s.uses] : []));

describe('docs/github workflows', () => {
  it("are examples, not this repository's workflows", () => {
    expect(existsSync(join(ROOT, '.github/workflows/revgate-example.yml'))).toBe(false);
    for (const f of ['compare-on-pr.yml', 'compare-sharded.yml', 'rollout-on-deploy.yml', 'rollout-approval.yml', 'README.md'])
      expect(existsSync(join(ROOT, 'docs/github', f)), f).toBe(true);
  });

  it('compare-on-pr.yml: compare on pull requests, upload the reports, comment, fail on non-pass', () => {
    const wf = load('docs/github/compare-on-pr.yml');
    expect(wf.on.pull_request).toBeDefined();
    expect(wf.permissions['pull-requests']).toBe('write');
    const job = wf.jobs.gate;
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(runs(job)).toMatch(/npx revgate compare suites\/pharmabot\.yaml[\s\\]+--blue "\$BLUE_URL" --green "\$GREEN_URL"/);
    expect(uses(job)).toEqual(
      expect.arrayContaining(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/upload-artifact@v4', 'actions/github-script@v7']),
    );
    const upload = steps(job).find((s) => s.uses === 'actions/upload-artifact@v4')!;
    expect(upload.if).toBe('always()');
    const comment = steps(job).find((s) => s.uses === 'actions/github-script@v7')!;
    expect(String(comment.with?.script)).toMatch(/updateComment[\s\S]*createComment/);
    const last = steps(job).at(-1)!;
    expect(last.if).toBe("steps.revgate.outputs.exit-code != '0'");
    expect(last.run).toMatch(/exit 1/);
  });

  it('compare-sharded.yml: a 4-shard matrix, then a merge job over the downloaded artifacts', () => {
    const wf = load('docs/github/compare-sharded.yml');
    const shard = wf.jobs.shard;
    expect(shard.strategy.matrix.shard).toEqual([1, 2, 3, 4]);
    expect(shard.strategy['fail-fast']).toBe(false);
    expect(runs(shard)).toContain('--shard ${{ matrix.shard }}/4');
    expect(uses(shard)).toContain('actions/upload-artifact@v4');
    const merge = wf.jobs.merge;
    expect(merge.needs).toBe('shard');
    expect(merge.if).toBe('always()');
    const download = steps(merge).find((s) => s.uses === 'actions/download-artifact@v4')!;
    expect(download.with).toMatchObject({ pattern: 'revgate-shard-*', path: 'shards' });
    expect(runs(merge)).toMatch(/npx revgate merge shards\/\*\/\*\/report\.json/);
  });

  it('rollout-on-deploy.yml: azure/login with OIDC, then revgate rollout', () => {
    const wf = load('docs/github/rollout-on-deploy.yml');
    expect(wf.permissions['id-token']).toBe('write');
    const job = wf.jobs.rollout;
    const login = steps(job).find((s) => s.uses?.startsWith('azure/login@'))!;
    expect(login.with).toEqual({
      'client-id': '${{ secrets.AZURE_CLIENT_ID }}',
      'tenant-id': '${{ secrets.AZURE_TENANT_ID }}',
      'subscription-id': '${{ secrets.AZURE_SUBSCRIPTION_ID }}',
    });
    expect(JSON.stringify(login.with)).not.toMatch(/client-secret|creds/);
    const loginAt = steps(job).indexOf(login);
    const rolloutAt = steps(job).findIndex((s) => s.run?.includes('npx revgate rollout suites/pharmabot-rollout-azure.yaml'));
    expect(rolloutAt).toBeGreaterThan(loginAt);
  });
});

describe('rollout-approval.yml: the seed procedure, each phase a job', () => {
  const wf = load('docs/github/rollout-approval.yml');
  const jobs = wf.jobs as Record<string, Loose>;
  const needs = (j: string): string[] => [jobs[j].needs ?? []].flat();

  it('deploy → validate → canary → approval → cutover → keep-warm → deactivate, in that order', () => {
    const order = ['deploy', 'validate', 'canary', 'approval', 'cutover', 'keep-warm', 'deactivate'];
    order.slice(1).forEach((j, i) => expect(needs(j), j).toContain(order[i]));
    expect(wf.concurrency['cancel-in-progress']).toBe(false);
    expect(wf.permissions['id-token']).toBe('write');
    expect(wf.env.SUITE).toBe('suites/pharmabot-rollout-ci.yaml');
  });

  it('validate gates with a golden replay at 0%; the canary job treats exit 5 (awaiting approval) as its success', () => {
    expect(runs(jobs.validate)).toMatch(/npx revgate compare "\$SUITE" --blue .* --green /);
    const canary = runs(jobs.canary);
    expect(canary).toMatch(/npx revgate rollout "\$SUITE" .*--detach/);
    expect(canary).toMatch(/set \+e[\s\S]*code=\$\?[\s\S]*\[ "\$code" -eq 5 \] \|\| exit "\$code"/);
  });

  it('the approval is a GitHub environment with reviewers; later jobs resume from the saved state', () => {
    expect(jobs.approval.environment).toBe('production');
    expect(runs(jobs.approval)).toMatch(/npx revgate rollout approve --suite "\$SUITE" --by "\$\{\{ github\.actor \}\}"/);
    expect(runs(jobs.cutover)).toMatch(/npx revgate rollout "\$SUITE" --resume --detach/);
    expect(jobs['keep-warm'].environment).toBe('keep-warm');
    expect(runs(jobs.deactivate)).toMatch(/npx revgate rollout "\$SUITE" --resume$/m);
    expect(jobs.rollback.if).toBe('failure() || cancelled()');
    expect(runs(jobs.rollback)).toMatch(/npx revgate rollback "\$SUITE"/);
    // Every job that talks to Azure signs in with OIDC first, and installs runtime dependencies only.
    for (const [name, job] of Object.entries(jobs)) {
      const at = steps(job).findIndex((x) => x.uses === 'azure/login@v2');
      expect(at, name).toBeGreaterThanOrEqual(0);
      expect(
        steps(job).findIndex((x) => /npx revgate/.test(x.run ?? '')),
        name,
      ).toSatisfy((i: number) => i === -1 || i > at);
      if (/npx revgate/.test(runs(job))) expect(runs(job), name).toContain('npm ci --omit=dev');
    }
  });

  it('its suite keeps the state in Azure Blob, approves before 100% and keeps blue warm', async () => {
    const { loadSuite } = await import('../../src/config/load-suite.js');
    const { suite } = await loadSuite('suites/pharmabot-rollout-ci.yaml', {
      env: {
        AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001',
        REVGATE_STATE_ACCOUNT_URL: 'https://acct.blob.core.windows.net',
      },
    });
    expect(suite.rollout?.state).toMatchObject({
      backend: 'azure-blob',
      url: 'https://acct.blob.core.windows.net',
      container: 'revgate-state',
    });
    expect(suite.rollout?.steps.some((s) => s.approval && s.weight < 100)).toBe(true);
    expect(suite.rollout?.keepPrevious).toBeGreaterThan(0);
  });
});

describe('the rollout suite the deploy workflow runs', () => {
  it('is a valid suite with an azure-container-apps rollout and live Azure Monitor analysis', async () => {
    const { loadSuite } = await import('../../src/config/load-suite.js');
    const { suite } = await loadSuite('suites/pharmabot-rollout-azure.yaml', {
      env: { AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001' },
    });
    expect(suite.rollout?.backend.kind).toBe('azure-container-apps');
    expect(suite.rollout?.live?.source).toBe('azure-monitor');
  });
});
