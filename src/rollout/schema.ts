// zod schema of a suite's `rollout:` section: the traffic backend, which revisions are blue and
// green, the steps (weight, hold, analysis, approval) and the safety timings. Every field carries
// a description: it becomes the editor help in schemas/suite.schema.json.
import { z } from 'zod';
import { Duration } from '../model/duration-schema.js';
import { LiveSchema } from './live-schema.js';
import { StateSchema } from '../state/schema.js';

const LocalRevisionSchema = z
  .object({
    name: z.string().min(1).describe('Revision name, e.g. "pharmabot--v1"'),
    url: z.string().min(1).describe('Where the revision listens, e.g. http://127.0.0.1:8081; may use ${ENV_VAR}'),
  })
  .strict()
  .describe('A revision behind the local proxy');

export const LocalBackendSchema = z
  .object({
    kind: z.literal('local').describe('The embedded weighted reverse proxy (src/traffic/local)'),
    app: z.string().min(1).describe('App name (the lock and the state pointer are per app)'),
    listen: z
      .object({
        host: z.string().default('127.0.0.1').describe('Listen address. Default: 127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(0).describe('Listen port; 0 picks a free one. Default: 0'),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 0 })
      .describe('Where the proxy listens'),
    revisions: z
      .array(LocalRevisionSchema)
      .min(1)
      .superRefine((revs, ctx) => {
        revs.forEach((x, i) => {
          if (revs.findIndex((y) => y.name === x.name) !== i)
            ctx.addIssue({
              code: 'custom',
              path: [i, 'name'],
              message: `revision ${x.name} is listed twice`,
              params: { hint: 'revision names are unique' },
            });
        });
      })
      .describe('The revisions the proxy can route to'),
  })
  .strict()
  .describe('Local backend: an embedded weighted reverse proxy in front of revisions on this machine');

export const AzureBackendSchema = z
  .object({
    kind: z.literal('azure-container-apps').describe('Azure Container Apps ingress traffic weights'),
    subscriptionId: z.string().min(1).describe('Azure subscription id; may be a ${ENV_VAR} reference, e.g. "${AZURE_SUBSCRIPTION_ID}"'),
    resourceGroup: z.string().min(1).describe('Resource group of the container app'),
    app: z.string().min(1).describe('Container app name'),
    endpoint: z.string().min(1).optional().describe('ARM endpoint (sovereign clouds, emulators). Default: https://management.azure.com'),
  })
  .strict()
  .describe('Azure Container Apps backend (credentials from DefaultAzureCredential: env, workload identity, managed identity, Azure CLI)');

export const BackendSchema = z.discriminatedUnion('kind', [LocalBackendSchema, AzureBackendSchema]).describe('The traffic backend');

export const StepSchema = z
  .object({
    weight: z.number().int().min(0).max(100).describe('Percent of traffic on green during this step, 0-100'),
    hold: Duration.optional().describe('How long to stay at this weight after the analysis passed, watching green\'s health, e.g. "10m"'),
    analysis: z
      .enum(['full', 'sample', 'none'])
      .default('none')
      .describe('Golden replay at this step: full (every case), sample (a deterministic sample of `sample` cases) or none. Default: none'),
    sample: z.number().int().min(1).optional().describe('Cases replayed when analysis is sample. Default: 50'),
    approval: z
      .boolean()
      .default(false)
      .describe('Wait for `revgate rollout approve` before leaving this step (fail closed). Default: false'),
  })
  .strict()
  .describe('One rollout step');

/** Checks across steps, at the array level so they run alongside problems elsewhere in the section. */
function checkSteps(steps: z.output<typeof StepSchema>[], ctx: z.core.$RefinementCtx<z.output<typeof StepSchema>[]>): void {
  const issue = (path: (string | number)[], message: string, hint: string) =>
    ctx.addIssue({ code: 'custom', path, message, params: { hint } });
  steps.forEach((s, i) => {
    const prev = steps[i - 1];
    if (prev && s.weight < prev.weight)
      issue(
        [i, 'weight'],
        `weight ${s.weight} is below the previous step's ${prev.weight}`,
        'weights never decrease; a rollback is automatic, not a step',
      );
    if (s.analysis === 'sample' && s.sample === undefined)
      issue([i, 'sample'], 'analysis: sample needs `sample` (the number of cases)', 'e.g. sample: 50');
    if (s.analysis !== 'sample' && s.sample !== undefined)
      issue([i, 'sample'], '`sample` applies only to analysis: sample', 'set analysis: sample, or remove sample');
  });
  const last = steps[steps.length - 1];
  if (last && last.weight !== 100)
    issue([steps.length - 1, 'weight'], `the last step must put 100% on green, not ${last.weight}`, 'add a final step {weight: 100}');
}

type RolloutShape = { backend: z.output<typeof BackendSchema>; live?: z.output<typeof LiveSchema> | undefined };

/** The live source must fit the backend; every mismatch is reported (with the others in the file). */
function checkLive(r: RolloutShape, ctx: Pick<z.core.$RefinementCtx<unknown>, 'addIssue'>): void {
  const live = r.live;
  if (!live) return;
  const issue = (path: (string | number)[], message: string, hint: string) =>
    ctx.addIssue({ code: 'custom', path: ['live', ...path], message, params: { hint } });
  if (live.source === 'local' && r.backend.kind !== 'local')
    issue(
      ['source'],
      "live source local reads the embedded proxy's counters: it needs backend kind local",
      'use source: azure-monitor with an azure-container-apps backend',
    );
  if (live.source === 'local' && live.azure)
    issue(['azure'], '`azure` applies only to source: azure-monitor', 'remove it, or set source: azure-monitor');
  if (live.source === 'azure-monitor' && !live.azure?.metricsEndpoint)
    issue(
      ['azure', 'metricsEndpoint'],
      'source azure-monitor needs azure.metricsEndpoint (the regional metrics endpoint of the app)',
      'e.g. https://westeurope.metrics.monitor.azure.com',
    );
  if (live.source === 'azure-monitor' && r.backend.kind !== 'azure-container-apps' && !live.azure?.resourceId)
    issue(
      ['azure', 'resourceId'],
      'source azure-monitor needs azure.resourceId when the backend is not azure-container-apps',
      'e.g. /subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.App/containerApps/<app>',
    );
}

const DEFAULT_STEPS = [
  { weight: 0, analysis: 'full' },
  { weight: 10, hold: '10m', analysis: 'sample', sample: 50 },
  { weight: 50, hold: '10m' },
  { weight: 100 },
];

export const RolloutSchema = z
  .object({
    backend: BackendSchema,
    blue: z
      .string()
      .min(1)
      .default('auto')
      .describe('The serving revision: "auto" (the revision carrying 100% of traffic) or a revision name. Flag: --blue. Default: auto'),
    green: z
      .string()
      .min(1)
      .default('latest')
      .describe('The new revision: "latest" (the newest revision) or a revision name. Flag: --green. Default: latest'),
    urls: z
      .record(z.string(), z.string())
      .default({})
      .describe(
        'Replay URL per revision name, overriding the revision\'s own URL; may use ${ENV_VAR}; "label:<name>" uses the Azure label URL https://<app>---<name>.<environment domain> built from the app\'s ingress FQDN',
      ),
    urlPath: z.string().default('').describe('Appended to revision URLs for the replay targets, e.g. "/v1". Default: ""'),
    steps: z
      .array(StepSchema)
      .min(1)
      .superRefine(checkSteps)
      .default(StepSchema.array().parse(DEFAULT_STEPS))
      .describe(
        'The steps, in order; weights never decrease and the last one is 100. Default: 0% full → 10% sample 50, hold 10m → 50% hold 10m → 100%',
      ),
    keepPrevious: Duration.default(3_600_000).describe(
      'How long blue stays active at 0% after the cutover (instant rollback), then it is deactivated. Default: 1h',
    ),
    onInconclusive: z
      .enum(['rollback', 'pause'])
      .default('rollback')
      .describe(
        'An analysis still inconclusive when its hold ends: roll back, or pause (traffic stays, exit 2, continue with --resume). Default: rollback',
      ),
    analysisInterval: Duration.default(60_000).describe(
      'How often an inconclusive analysis is repeated during a hold (and live analysis runs, unless live.interval). Default: 1m',
    ),
    live: LiveSchema.optional(),
    approvalTimeout: Duration.default(3_600_000).describe(
      'How long an approval gate waits; no approval in time → rollback (fail closed). Default: 1h',
    ),
    pollInterval: Duration.default(5_000).describe(
      "How often green's health, fingerprint (GET /version) and approvals are checked while waiting: one ARM read each time (ARM throttles reads per subscription). Default: 5s",
    ),
    writeTimeout: Duration.default(120_000).describe(
      'How long a traffic write (or activate/deactivate) is retried while the platform is busy (409), throttling (429) or failing (5xx), waiting for its read-back to verify; then the step fails and rolls back. Default: 2m',
    ),
    rollbackTimeout: Duration.default(600_000).describe(
      'How long a rollback keeps waiting for an operation in flight and retrying 409/429/5xx until 100% blue reads back verified; then ROLLBACK FAILED (exit 3) names the last known table. Default: 10m',
    ),
    lockTtl: Duration.default(300_000).describe(
      'Lifetime of the rollout lock, renewed while running; an expired lock is stale (broken only with --break-lock). Default: 5m',
    ),
    stateDir: z
      .string()
      .default('.revgate')
      .describe(
        "Directory of the local state (pointers <stateDir>/rollouts/<app>.json; the local backend's lock), relative to the working directory. Default: .revgate",
      ),
    state: StateSchema,
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.blue !== 'auto' && r.blue === r.green)
      ctx.addIssue({
        code: 'custom',
        path: ['green'],
        message: 'blue and green name the same revision',
        params: { hint: 'green is the new revision' },
      });
    checkLive(r, ctx);
  })
  .describe('Progressive delivery: shift traffic step by step, analysing green at each step; any breach rolls back to blue at once');
export type RolloutInput = z.input<typeof RolloutSchema>;
export type RolloutFile = z.output<typeof RolloutSchema>;
export type RolloutStep = z.output<typeof StepSchema>;
export type BackendConfig = z.output<typeof BackendSchema>;
