// The Azure Monitor metrics batch endpoint for the emulated container app:
// POST /subscriptions/{s}/metrics:getBatch?api-version=2024-02-01&metricnamespace=Microsoft.App/containerApps
//   &metricnames=Requests,Replicas&starttime=…&endtime=…&interval=PT1M&aggregation=Total&filter=…&top=…
// body {"resourceids":[…]} → {"values":[{starttime, endtime, interval, namespace, resourceregion, resourceid,
// value:[{id, type, name:{value,localizedValue}, unit, errorCode, timeseries:[{metadatavalues:[{name:{value,
// localizedValue}, value}], data:[{timeStamp, total, …}]}]}]}]} — the shape @azure/monitor-query-metrics 1.0 reads.
// Numbers come from the traffic source, bucketed on interval boundaries and cut at the window and the ingestion delay.
import { ArmError } from './http.js';
import type { AppState } from './model.js';
import { ingested, otherOf, parseIsoDuration, type MonitorSettings, type TrafficSample, type TrafficSource } from './traffic-source.js';

const NAMESPACE = 'Microsoft.App/containerApps';
/** Metrics the emulator serves and the dimensions it models (Azure has more: podName, statusCode, deploymentName). */
const METRICS: Record<string, { name: string; dims: string[]; description: string }> = {
  requests: { name: 'Requests', dims: ['revisionName', 'statusCodeCategory'], description: 'Requests processed' },
  replicas: { name: 'Replicas', dims: ['revisionName'], description: 'Number of replicas count of container app' },
  restartcount: { name: 'RestartCount', dims: ['revisionName'], description: 'Restart count of container app replicas' },
};
const AGGREGATIONS = ['average', 'minimum', 'maximum', 'total', 'count'];

/** `dim eq 'v'` clauses grouped by dimension (lower-cased); '*' means split by every value. */
type Filter = Map<string, { dim: string; values: string[] }>;

// Parses `revisionName eq 'a' or revisionName eq 'b' and statusCodeCategory eq '*'` (no parentheses, as Azure's examples).
export function parseFilter(text: string | null): Filter {
  const filter: Filter = new Map();
  if (text === null || text.trim() === '') return filter;
  const clause = /(\w+)\s+eq\s+'((?:[^']|'')*)'/gi;
  let matched = 0;
  for (const m of text.matchAll(clause)) {
    matched += m[0].length;
    const dim = m[1]!;
    const entry = filter.get(dim.toLowerCase()) ?? { dim, values: [] };
    entry.values.push(m[2]!.replace(/''/g, "'"));
    filter.set(dim.toLowerCase(), entry);
  }
  const rest = text
    .replace(clause, '')
    .replace(/\b(and|or)\b/gi, '')
    .trim();
  if (matched === 0 || rest !== '')
    throw new ArmError(
      400,
      'BadRequest',
      `The $filter '${text}' is invalid (the emulator reads "dim eq 'value'" clauses joined by and/or).`,
    );
  return filter;
}

const splits = (filter: Filter): boolean => [...filter.values()].some((f) => f.values.includes('*') || f.values.length > 1);
const accepts = (filter: Filter, dim: string, value: string): boolean => {
  const f = filter.get(dim.toLowerCase());
  return f === undefined || f.values.includes('*') || f.values.some((v) => v.toLowerCase() === value.toLowerCase());
};

// The value of every (revision, category) cell of one metric in one bucket.
function cells(
  metric: string,
  samples: Record<string, TrafficSample>,
  state: AppState,
): { revisionName: string; statusCodeCategory?: string; value: number }[] {
  const out: { revisionName: string; statusCodeCategory?: string; value: number }[] = [];
  if (metric === 'Requests') {
    for (const [revisionName, s] of Object.entries(samples)) {
      const byCategory: [string, number][] = [
        ['2xx', s.ok2xx],
        ['3xx', otherOf(s)],
        ['4xx', s.errors4xx],
        ['5xx', s.errors5xx],
      ];
      for (const [statusCodeCategory, value] of byCategory) if (value > 0) out.push({ revisionName, statusCodeCategory, value });
    }
  } else if (metric === 'Replicas') {
    const names = new Set([...state.revisions.filter((r) => r.active).map((r) => r.name), ...Object.keys(samples)]);
    for (const revisionName of names) {
      const value = samples[revisionName]?.replicas ?? state.revisions.find((r) => r.name === revisionName)?.replicas ?? 0;
      out.push({ revisionName, value });
    }
  } else {
    for (const [revisionName, s] of Object.entries(samples)) out.push({ revisionName, value: s.restarts ?? 0 });
  }
  return out;
}

interface Series {
  meta: Record<string, string>;
  points: (number | undefined)[];
}

// One metric over the buckets: series split by the filter's dimensions, ordered by volume and cut at `top`.
function metricJson(
  resourceId: string,
  key: string,
  buckets: { at: number; samples: Record<string, TrafficSample> | undefined }[],
  ctx: BatchContext,
): unknown {
  const def = METRICS[key]!;
  for (const f of ctx.filter.values()) {
    if (!def.dims.some((d) => d.toLowerCase() === f.dim.toLowerCase())) {
      throw new ArmError(
        400,
        'BadRequest',
        `Metric: ${def.name} does not support requested dimension combination: ${f.dim}, supported ones are: ${def.dims.join(',')}`,
      );
    }
  }
  const split = def.dims.filter((d) => ctx.filter.has(d.toLowerCase()));
  const series = new Map<string, Series>();
  buckets.forEach((bucket, i) => {
    for (const cell of bucket.samples === undefined ? [] : cells(def.name, bucket.samples, ctx.state)) {
      const meta: Record<string, string> = {};
      let ok = true;
      for (const d of split) {
        const value = (cell as unknown as Record<string, string | undefined>)[d] ?? '';
        ok &&= accepts(ctx.filter, d, value);
        meta[d] = value;
      }
      if (!ok) continue;
      const id = JSON.stringify(meta);
      const s = series.get(id) ?? { meta, points: buckets.map((b) => (b.samples === undefined ? undefined : 0)) };
      s.points[i] = (s.points[i] ?? 0) + cell.value;
      series.set(id, s);
    }
  });
  let list = [...series.values()];
  if (list.length === 0 && split.length === 0) list = [{ meta: {}, points: buckets.map((b) => (b.samples === undefined ? undefined : 0)) }];
  const sum = (s: Series): number => s.points.reduce<number>((a, b) => a + (b ?? 0), 0);
  list.sort((a, b) => sum(b) - sum(a));
  if (splits(ctx.filter)) list = list.slice(0, ctx.top);
  return {
    id: `${resourceId}/providers/Microsoft.Insights/metrics/${def.name}`,
    type: 'Microsoft.Insights/metrics',
    name: { value: def.name, localizedValue: def.name },
    displayDescription: def.description,
    unit: 'Count',
    errorCode: 'Success',
    timeseries: list.map((s) => ({
      metadatavalues: Object.entries(s.meta).map(([name, value]) => ({ name: { value: name, localizedValue: name }, value })),
      data: buckets.map((b, i) => {
        const v = s.points[i];
        const point: Record<string, unknown> = { timeStamp: new Date(b.at).toISOString() };
        if (v !== undefined) for (const a of ctx.aggregations) point[a] = a === 'count' ? 1 : v;
        return point;
      }),
    })),
  };
}

interface BatchContext {
  state: AppState;
  filter: Filter;
  top: number;
  aggregations: string[];
}

// Answers one metrics:getBatch request.
export function metricsBatch(
  query: URLSearchParams,
  body: unknown,
  state: AppState,
  source: TrafficSource | undefined,
  settings: MonitorSettings,
): { status: number; body: unknown } {
  const namespace = query.get('metricnamespace') ?? '';
  if (namespace.toLowerCase() !== NAMESPACE.toLowerCase())
    throw new ArmError(400, 'BadRequest', `Metric namespace '${namespace}' is not supported for this resource; use ${NAMESPACE}.`);
  const names = (query.get('metricnames') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) throw new ArmError(400, 'BadRequest', 'metricnames is required.');
  const keys = names.map((n) => {
    if (METRICS[n.toLowerCase()] === undefined)
      throw new ArmError(
        400,
        'BadRequest',
        `Failed to find metric configuration for provider: Microsoft.App, resource Type: containerApps, metric: ${n}, Valid metrics: ${Object.values(
          METRICS,
        )
          .map((m) => m.name)
          .join(',')}`,
      );
    return n.toLowerCase();
  });
  const end = Date.parse(query.get('endtime') ?? '') || Date.now();
  const start = Date.parse(query.get('starttime') ?? '') || end - 3_600_000;
  if (!(start < end)) throw new ArmError(400, 'BadRequest', 'starttime must be before endtime.');
  const intervalText = query.get('interval') ?? 'PT1M';
  const interval = intervalText.toUpperCase() === 'FULL' ? end - start : parseIsoDuration(intervalText);
  if (interval === undefined || interval < 60_000)
    throw new ArmError(400, 'BadRequest', `Invalid interval '${intervalText}' (the finest grain is PT1M).`);
  const aggregations = (query.get('aggregation') ?? 'average').split(',').map((a) => a.trim().toLowerCase());
  for (const a of aggregations) if (!AGGREGATIONS.includes(a)) throw new ArmError(400, 'BadRequest', `Invalid aggregation '${a}'.`);
  const top = Number(query.get('top') ?? '10');
  const ctx: BatchContext = {
    state,
    filter: parseFilter(query.get('filter')),
    top: Number.isInteger(top) && top > 0 ? top : 10,
    aggregations,
  };

  const ids = (body as { resourceids?: unknown } | undefined)?.resourceids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string'))
    throw new ArmError(400, 'BadRequest', 'The body must be {"resourceids": [ … ]}.');
  const appId = `/subscriptions/${state.subscriptionId}/resourceGroups/${state.resourceGroup}/providers/Microsoft.App/containerApps/${state.name}`;

  // Buckets on interval boundaries (FULL: one), each read over its part of [start, end); unset when not ingested yet.
  const first = intervalText.toUpperCase() === 'FULL' ? start : Math.floor(start / interval) * interval;
  const cutoff = Date.now() - settings.ingestionDelayMs;
  const buckets: { at: number; samples: Record<string, TrafficSample> | undefined }[] = [];
  for (let at = first; at < end; at += interval) {
    const from = Math.max(at, start);
    buckets.push({ at, samples: from >= cutoff ? undefined : ingested(source, settings, from, Math.min(at + interval, end)) });
  }
  const values = ids.map((resourceId) => {
    if (resourceId.toLowerCase() !== appId.toLowerCase())
      throw new ArmError(400, 'ResourceNotFound', `The resource '${resourceId}' was not found (the emulator serves ${appId}).`);
    return {
      starttime: new Date(start).toISOString(),
      endtime: new Date(end).toISOString(),
      interval: intervalText,
      namespace: NAMESPACE,
      resourceregion: state.region,
      resourceid: resourceId,
      value: keys.map((key) => metricJson(resourceId, key, buckets, ctx)),
    };
  });
  return { status: 200, body: { values } };
}
