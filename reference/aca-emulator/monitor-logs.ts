// The Log Analytics query endpoint: POST /v1/workspaces/{id}/query, body {query, timespan} →
// {tables:[{name:'PrimaryResult', columns:[{name,type}], rows}]} (plus `error` for a partial failure).
//
// No KQL engine: the emulator answers revgate's latency queries only, recognised by their marker comment
// `// revgate:latency` (the defaults in src/monitor/azure/kql.ts carry it; a custom query may too). From the
// query it reads `let windowStart = datetime(…)`, `let windowEnd = datetime(…)`, `let revisions = dynamic([…])`
// and the cap of `make_list(…, N)`; the body's `timespan` is the window when the lets are absent. It answers
// one row per revision with requests in the window: RevisionName, Count, Samples (dynamic, as a JSON string like
// the real API), P50, P95, P99 (nearest rank), Mean — the columns the default queries project.
import { ArmError } from './http.js';
import { ingested, parseIsoDuration, type MonitorSettings, type TrafficSource } from './traffic-source.js';
import type { Fault } from './faults.js';

export const LATENCY_MARKER = 'revgate:latency';

const COLUMNS = [
  { name: 'RevisionName', type: 'string' },
  { name: 'Count', type: 'long' },
  { name: 'Samples', type: 'dynamic' },
  { name: 'P50', type: 'real' },
  { name: 'P95', type: 'real' },
  { name: 'P99', type: 'real' },
  { name: 'Mean', type: 'real' },
];

// [from, to) of a Log Analytics timespan: `start/end`, `start/duration`, `duration/end` or `duration` (ending now).
export function parseTimespan(text: string, now = Date.now()): { from: number; to: number } | undefined {
  const [a = '', b] = text.split('/');
  const time = (s: string): number | undefined => (/^\d{4}-/.test(s) && !Number.isNaN(Date.parse(s)) ? Date.parse(s) : undefined);
  if (b === undefined) {
    const d = parseIsoDuration(a);
    return d === undefined ? undefined : { from: now - d, to: now };
  }
  const [ta, tb, da, db] = [time(a), time(b), parseIsoDuration(a), parseIsoDuration(b)];
  if (ta !== undefined && tb !== undefined) return { from: ta, to: tb };
  if (ta !== undefined && db !== undefined) return { from: ta, to: ta + db };
  if (da !== undefined && tb !== undefined) return { from: tb - da, to: tb };
  return undefined;
}

const letDatetime = (query: string, name: string): number | undefined => {
  const m = new RegExp(`let\\s+${name}\\s*=\\s*datetime\\(([^)]+)\\)`, 'i').exec(query);
  return m === null ? undefined : Date.parse(m[1]!.trim());
};

function nearestRank(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// Answers one Log Analytics query.
export function logsQuery(
  workspaceId: string,
  body: unknown,
  settings: MonitorSettings,
  source: TrafficSource | undefined,
  fault: Fault | undefined,
): { status: number; body: unknown } {
  if (workspaceId.toLowerCase() !== settings.workspaceId.toLowerCase()) {
    throw new ArmError(404, 'WorkspaceNotFoundError', `The workspace could not be found: ${workspaceId}`);
  }
  const { query, timespan } = (body ?? {}) as { query?: unknown; timespan?: unknown };
  if (typeof query !== 'string' || query.trim() === '')
    throw new ArmError(400, 'BadArgumentError', 'The request had some invalid properties: query is required.');
  if (!query.includes(LATENCY_MARKER)) {
    throw new ArmError(
      400,
      'BadArgumentError',
      `The emulator has no KQL engine: it answers only queries marked '// ${LATENCY_MARKER}' (see reference/aca-emulator/README.md).`,
    );
  }
  const revisionsText = /let\s+revisions\s*=\s*dynamic\((\[[^\]]*\])\)/i.exec(query)?.[1];
  const revisions = revisionsText === undefined ? undefined : (JSON.parse(revisionsText) as unknown[]).map(String);
  const cap = Number(/make_list\([^,()]+,\s*(\d+)\s*\)/i.exec(query)?.[1] ?? '1048576');
  const span = typeof timespan === 'string' ? parseTimespan(timespan) : undefined;
  const from = letDatetime(query, 'windowStart') ?? span?.from;
  const to = letDatetime(query, 'windowEnd') ?? span?.to;
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) {
    throw new ArmError(400, 'BadArgumentError', 'No time window: send a timespan or let windowStart/windowEnd = datetime(…).');
  }
  const samples = ingested(source, settings, from, to);
  const rows: unknown[][] = [];
  for (const [revision, s] of Object.entries(samples)) {
    if (revisions !== undefined && !revisions.includes(revision)) continue;
    if (s.latencyMs.length === 0) continue;
    const sorted = [...s.latencyMs].sort((a, b) => a - b);
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    rows.push([
      revision,
      sorted.length,
      JSON.stringify(s.latencyMs.slice(0, cap)),
      nearestRank(sorted, 50),
      nearestRank(sorted, 95),
      nearestRank(sorted, 99),
      mean,
    ]);
  }
  const result: Record<string, unknown> = { tables: [{ name: 'PrimaryResult', columns: COLUMNS, rows }] };
  if (fault?.kind === 'partial') {
    result.error = {
      code: fault.code ?? 'PartialError',
      message: fault.message ?? 'There were some errors when processing your query.',
      details: [
        {
          code: 'EngineError',
          message: 'Something went wrong processing your query on the server.',
          innererror: { code: 'E_QUERY_RESULT_SET_TOO_LARGE' },
        },
      ],
    };
  }
  return { status: 200, body: result };
}
