// Per-revision latency from Log Analytics: run the latency query (kql.ts) over the window and read its rows by
// column name. Raw samples are used when the row holds all of them (Count ≤ samples); otherwise only quantiles.
import { LogsQueryResultStatus, type LogsQueryClient, type LogsTable } from '@azure/monitor-query-logs';
import { MonitorError } from '../../model/errors.js';
import type { RevisionWindow } from '../../model/live.js';
import { renderLatencyQuery } from './kql.js';
import { SOURCE, type LatencyColumns } from './options.js';

export type Latency = Pick<RevisionWindow, 'latencyMs' | 'latency'>;

export interface LatencyCall {
  client: LogsQueryClient;
  workspaceId: string;
  query: string;
  columns: LatencyColumns;
  maxSamples: number;
  from: Date;
  to: Date;
  revisions: readonly string[];
  signal: AbortSignal | undefined;
}

// A number from a cell (numbers, numeric strings); null for empty cells.
function num(cell: unknown): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'string' && cell.trim() !== '' && Number.isFinite(Number(cell))) return Number(cell);
  return null;
}

// Raw durations from a dynamic cell (the SDK parses dynamic JSON; a string is parsed here as a fallback).
function samples(cell: unknown): number[] | null {
  let value = cell;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (!Array.isArray(value)) return null;
  return value.map(num).filter((v): v is number => v !== null);
}

// The latency of each revision read from the result table; revisions without a row had no samples.
export function readLatencyTable(
  table: LogsTable | undefined,
  columns: LatencyColumns,
  revisions: readonly string[],
): Record<string, Latency> {
  const names = (table?.columnDescriptors ?? []).map((c) => String(c.name ?? ''));
  const index = (name: string): number => names.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  const at = Object.fromEntries((Object.keys(columns) as (keyof LatencyColumns)[]).map((k) => [k, index(columns[k])])) as Record<
    keyof LatencyColumns,
    number
  >;
  if (table !== undefined && (at.revision < 0 || (at.samples < 0 && at.p50 < 0 && at.p95 < 0 && at.p99 < 0 && at.mean < 0))) {
    throw new MonitorError(
      'RG_MONITOR_QUERY',
      SOURCE,
      `the latency query returned columns [${names.join(', ')}]: it needs ${columns.revision} and ${columns.samples} or quantiles`,
      {
        hint: 'map the columns of a custom query with logs.columns, e.g. { revision: "Rev", samples: "Durations" }',
      },
    );
  }
  const out: Record<string, Latency> = Object.fromEntries(
    revisions.map((r) => [r, { latencyMs: [], latency: { p50: null, p95: null, p99: null, mean: null } }]),
  );
  for (const row of table?.rows ?? []) {
    const name: unknown = row[at.revision];
    const revision = revisions.find((r) => typeof name === 'string' && r.toLowerCase() === name.toLowerCase());
    if (revision === undefined) continue;
    const cell = (i: number): unknown => (i < 0 ? undefined : row[i]);
    const raw = samples(cell(at.samples));
    const count = num(cell(at.count));
    // Capped by make_list, or sampled telemetry: the samples are a subset, so only the quantiles stand for the window.
    const complete = raw !== null && (count === null || count <= raw.length);
    out[revision] = {
      latencyMs: complete ? raw : null,
      latency: { p50: num(cell(at.p50)), p95: num(cell(at.p95)), p99: num(cell(at.p99)), mean: num(cell(at.mean)) },
    };
  }
  return out;
}

// Runs the latency query for [from, to); a PartialFailure is used and reported through `warn`.
export async function queryLatency(call: LatencyCall, warn: (message: string) => void): Promise<Record<string, Latency>> {
  const kql = renderLatencyQuery(call.query, { from: call.from, to: call.to, revisions: call.revisions, maxSamples: call.maxSamples });
  const result = await call.client.queryWorkspace(
    call.workspaceId,
    kql,
    { startTime: call.from, endTime: call.to },
    { abortSignal: call.signal },
  );
  let tables: LogsTable[];
  if (result.status === LogsQueryResultStatus.PartialFailure) {
    tables = result.partialTables;
    warn(
      `Log Analytics answered the latency query in part (${result.partialError.code ?? 'PartialError'}: ${result.partialError.message ?? ''}); latency may be incomplete`,
    );
  } else if (result.status === LogsQueryResultStatus.Success) {
    tables = result.tables;
  } else {
    throw new MonitorError(
      'RG_MONITOR_QUERY',
      SOURCE,
      `Log Analytics latency query failed (status ${String((result as { status?: unknown }).status)})`,
    );
  }
  return readLatencyTable(tables[0], call.columns, call.revisions);
}
