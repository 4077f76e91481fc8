// zod schema of `rollout.live`: live metrics analysed at intervals during each hold while green
// carries a share of real traffic (green against blue over the same window), and the limits.
import { z } from 'zod';
import { Duration } from '../model/duration-schema.js';
import { Rate } from '../model/rate-schema.js';

export const AzureMonitorSourceSchema = z
  .object({
    resourceId: z
      .string()
      .min(1)
      .optional()
      .describe(
        'ARM id of the container app whose metrics are read. Default: built from the azure-container-apps backend (/subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.App/containerApps/<app>); may use ${ENV_VAR}',
      ),
    metricsEndpoint: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Regional Azure Monitor metrics endpoint of the app's region, e.g. https://westeurope.metrics.monitor.azure.com (plain http only for a loopback emulator). Required for azure-monitor; may use ${ENV_VAR}",
      ),
    logs: z
      .object({
        workspaceId: z.string().min(1).describe("Log Analytics workspace id (GUID) with the app's request logs; may use ${ENV_VAR}"),
        endpoint: z.string().min(1).optional().describe('Log Analytics endpoint. Default: https://api.loganalytics.io/v1'),
        query: z
          .string()
          .min(1)
          .optional()
          .describe(
            'Latency query: app-insights (AppRequests with a RevisionName property), console-logs (Container Apps console logs with JSON durationMs lines), or a KQL template with {start} {end} {revisions} {maxSamples} returning RevisionName, Count, Samples, P50, P95, P99, Mean per revision. Default: app-insights',
          ),
      })
      .strict()
      .optional()
      .describe('Per-revision latency from Log Analytics (Azure Monitor metrics have no revision dimension for ResponseTime)'),
  })
  .strict()
  .describe('Azure Monitor source: request and 5xx counts per revision, restarts, and latency from Log Analytics');

export const LiveSchema = z
  .object({
    source: z
      .enum(['local', 'azure-monitor'])
      .describe(
        "Where live metrics come from: local (the embedded proxy's own counters; local backend only) or azure-monitor (Azure Monitor metrics + Log Analytics)",
      ),
    azure: AzureMonitorSourceSchema.optional(),
    delay: Duration.optional().describe(
      "Ingestion delay of the source: windows end at now − delay, never later (data younger than that may not have arrived). Default: the source's own (local 0; azure-monitor 3m)",
    ),
    interval: Duration.optional().describe('How often the live window is analysed during a hold. Default: rollout.analysisInterval'),
    window: Duration.default(300_000).describe(
      "Length of the window judged at each interval (never starting before the step's traffic). Default: 5m",
    ),
    minRequests: z
      .number()
      .int()
      .min(1)
      .default(50)
      .describe(
        "Fewer user requests than this on blue or on green in a window → inconclusive (never a pass). revgate's own requests (probes, golden replays) do not count. A hold ends only when its whole window has enough; otherwise it is extended (maxExtension). Default: 50",
      ),
    maxExtension: Duration.optional().describe(
      "How long a hold is extended, one interval at a time, while its window is undecided (e.g. too few user requests); then onInconclusive applies. Default: the step's hold",
    ),
    maxErrorRate: Rate.default(0.01).describe(
      'Largest acceptable 5xx rate of green; above it AND significantly above blue (Fisher exact) is a clear breach → rollback at once. Default: 1%',
    ),
    maxErrorRateIncrease: Rate.default(0.005).describe(
      'Largest acceptable green − blue 5xx rate increase; an increase significantly above it (Newcombe interval) fails. Default: 0.5%',
    ),
    maxLatencyShift: Duration.default(100).describe(
      'Largest acceptable latency shift of green over blue (Hodges-Lehmann, significant by Mann-Whitney U), where the source has raw samples. Default: 100ms',
    ),
    maxP95Ratio: z
      .number()
      .positive()
      .default(1.5)
      .describe('Largest acceptable green / blue p95 latency ratio, where the source only has aggregates. Default: 1.5'),
    alpha: z.number().gt(0).lt(1).default(0.05).describe("Significance level of the window's tests (Holm over the window). Default: 0.05"),
    confidence: z.number().gt(0).lt(1).default(0.95).describe('Confidence of the intervals. Default: 0.95'),
    queryRetries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe('Retries of a failing metrics query (backoff 250 ms, doubling); still failing → error → rollback. Default: 2'),
    onInconclusive: z
      .enum(['rollback', 'pause'])
      .optional()
      .describe(
        'Live analysis still inconclusive when the hold ends: roll back, or pause. Never a promotion. Default: rollout.onInconclusive',
      ),
  })
  .strict()
  .describe(
    "Live analysis during holds: every interval, green against blue over the last window of real traffic; a clear breach rolls back at once, a fail or a failing source rolls back, inconclusive at the hold's end applies onInconclusive",
  );
export type LiveFile = z.output<typeof LiveSchema>;
