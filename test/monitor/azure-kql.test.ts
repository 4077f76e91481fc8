// The latency queries' placeholders and the reading of their result tables by column name (pure functions).
import { describe, expect, it } from 'vitest';
import type { LogsTable } from '@azure/monitor-query-logs';
import { MonitorError } from '../../src/model/errors.js';
import { APP_INSIGHTS_QUERY, CONSOLE_LOGS_QUERY, renderLatencyQuery } from '../../src/monitor/azure/index.js';
import { readLatencyTable } from '../../src/monitor/azure/logs.js';
import { DEFAULT_COLUMNS } from '../../src/monitor/azure/options.js';

const window = {
  from: new Date('2025-01-01T10:00:00Z'),
  to: new Date('2025-01-01T10:05:00Z'),
  revisions: ['app--blue', "app--o'x"],
  maxSamples: 200,
};

describe('latency KQL', () => {
  it('fills every placeholder of the defaults and of a custom template', () => {
    for (const name of ['app-insights', 'console-logs']) {
      const kql = renderLatencyQuery(name, window);
      expect(kql).not.toMatch(/\{(start|end|revisions|maxSamples)\}/);
      expect(kql).toContain('let windowStart = datetime(2025-01-01T10:00:00.000Z);');
      expect(kql).toContain('let windowEnd = datetime(2025-01-01T10:05:00.000Z);');
      expect(kql).toContain(`let revisions = dynamic(["app--blue","app--o'x"]);`);
      expect(kql).toContain('make_list(DurationMs, 200)');
      expect(kql.startsWith('// revgate:latency')).toBe(true);
    }
    expect(APP_INSIGHTS_QUERY).toContain('Properties["RevisionName"]');
    expect(CONSOLE_LOGS_QUERY).toMatch(/union isfuzzy=true/);
    expect(renderLatencyQuery('T | where t between ({start} .. {end}) and r in ({revisions}) | take {maxSamples}', window)).toBe(
      'T | where t between (datetime(2025-01-01T10:00:00.000Z) .. datetime(2025-01-01T10:05:00.000Z)) and r in (dynamic(["app--blue","app--o\'x"])) | take 200',
    );
  });
});

describe('reading the latency table', () => {
  const table = (columns: string[], rows: unknown[][]): LogsTable => ({
    name: 'PrimaryResult',
    columnDescriptors: columns.map((name) => ({ name, type: 'string' })),
    rows: rows as LogsTable['rows'],
  });

  it('maps columns by name (case-insensitive, configurable); complete samples kept, capped ones dropped', () => {
    const columns = { ...DEFAULT_COLUMNS, revision: 'Rev', samples: 'Durations', count: 'N' };
    const t = table(
      ['rev', 'Durations', 'N', 'P95', 'Seen'],
      [
        ['app--blue', [10, 20, 30], 3, 29, new Date()],
        ["APP--O'X", '[5,6]', 9, '6.5', new Date()],
        ['app--unknown', [1], 1, 1, new Date()],
      ],
    );
    const out = readLatencyTable(t, columns, window.revisions);
    expect(out['app--blue']).toEqual({ latencyMs: [10, 20, 30], latency: { p50: null, p95: 29, p99: null, mean: null } });
    expect(out["app--o'x"]).toEqual({ latencyMs: null, latency: { p50: null, p95: 6.5, p99: null, mean: null } });
    expect(Object.keys(out)).toEqual(['app--blue', "app--o'x"]);
  });

  it('a revision without a row had no samples; a result without the needed columns is an error', () => {
    expect(readLatencyTable(table(['RevisionName', 'Samples'], []), DEFAULT_COLUMNS, ['a'])).toEqual({
      a: { latencyMs: [], latency: { p50: null, p95: null, p99: null, mean: null } },
    });
    expect(() => readLatencyTable(table(['Revision', 'Samples'], []), DEFAULT_COLUMNS, ['a'])).toThrow(MonitorError);
    expect(() => readLatencyTable(table(['RevisionName', 'Count'], []), DEFAULT_COLUMNS, ['a'])).toThrow(
      /needs RevisionName and Samples or quantiles/,
    );
  });
});
