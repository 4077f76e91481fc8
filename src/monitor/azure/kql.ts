// The latency queries run in Log Analytics, one row per revision: RevisionName, Count, Samples (raw durations in
// ms, capped by make_list), P50/P95/P99 (KQL percentile(): an estimate, T-Digest) and Mean.
//
// Placeholders of a template (defaults or a custom query): {start} and {end} → datetime(…) literals of the
// window [start, end); {revisions} → dynamic(["app--blue","app--green"]); {maxSamples} → the sample cap.
// The `// revgate:latency` marker names the query in the workspace's query log (and lets the test emulator
// recognise it; it has no KQL engine).

/**
 * Workspace-based Application Insights (table `AppRequests`: `DurationMs`, `Properties`, `ItemCount`).
 * The revision comes from the custom property `RevisionName`: have the app add it to its request telemetry
 * (Container Apps sets the env var CONTAINER_APP_REVISION). `Count` sums ItemCount, so sampled telemetry shows
 * as Count > samples, and only the quantiles are used then.
 */
export const APP_INSIGHTS_QUERY = `// revgate:latency source=app-insights
let windowStart = {start};
let windowEnd = {end};
let revisions = {revisions};
AppRequests
| where TimeGenerated >= windowStart and TimeGenerated < windowEnd
| extend RevisionName = tostring(Properties["RevisionName"])
| where RevisionName in (revisions)
| summarize Count = sum(ItemCount), Samples = make_list(DurationMs, {maxSamples}),
    P50 = percentile(DurationMs, 50), P95 = percentile(DurationMs, 95), P99 = percentile(DurationMs, 99),
    Mean = avg(DurationMs) by RevisionName`;

/**
 * Container Apps console logs: `ContainerAppConsoleLogs_CL` (Log Analytics destination, columns suffixed `_s`)
 * or `ContainerAppConsoleLogs` (diagnostic settings, no suffixes); `union isfuzzy=true` reads whichever exists
 * (a missing one may surface as a PartialFailure, which is used and reported). Each access-log line must be JSON
 * with a numeric `durationMs` field; lines without it are ignored.
 */
export const CONSOLE_LOGS_QUERY = `// revgate:latency source=console-logs
let windowStart = {start};
let windowEnd = {end};
let revisions = {revisions};
union isfuzzy=true
    (ContainerAppConsoleLogs_CL | project TimeGenerated, RevisionName = tostring(RevisionName_s), Log = tostring(Log_s)),
    (ContainerAppConsoleLogs | project TimeGenerated, RevisionName = tostring(RevisionName), Log = tostring(Log))
| where TimeGenerated >= windowStart and TimeGenerated < windowEnd and RevisionName in (revisions)
| extend DurationMs = toreal(parse_json(Log).durationMs)
| where isnotnull(DurationMs)
| summarize Count = count(), Samples = make_list(DurationMs, {maxSamples}),
    P50 = percentile(DurationMs, 50), P95 = percentile(DurationMs, 95), P99 = percentile(DurationMs, 99),
    Mean = avg(DurationMs) by RevisionName`;

const datetime = (d: Date): string => `datetime(${d.toISOString()})`;
// A KQL dynamic array of strings (JSON string literals are valid KQL string literals).
const dynamicStrings = (values: readonly string[]): string => `dynamic(${JSON.stringify(values)})`;

// The KQL to run: a named default or a custom template, with its placeholders filled.
export function renderLatencyQuery(
  query: string,
  window: { from: Date; to: Date; revisions: readonly string[]; maxSamples: number },
): string {
  const template = query === 'app-insights' ? APP_INSIGHTS_QUERY : query === 'console-logs' ? CONSOLE_LOGS_QUERY : query;
  const values: Record<string, string> = {
    start: datetime(window.from),
    end: datetime(window.to),
    revisions: dynamicStrings(window.revisions),
    maxSamples: String(window.maxSamples),
  };
  return template.replace(/\{(start|end|revisions|maxSamples)\}/g, (_, name: string) => values[name]!);
}
