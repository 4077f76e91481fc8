// `revgate metrics`: the metric catalog, for writing thresholds.
import { METRICS, metricName } from '../../scoring/catalog.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';

export function runMetrics(k: number, io: CliIO): number {
  const rows = METRICS.map((m) => [metricName(m, k), m.unit, m.kind === 'pair' ? 'pair' : 'green|blue|delta|ratio', m.description]);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  io.stdout(`${['metric'.padEnd(w[0]!), 'unit'.padEnd(w[1]!), 'scopes'.padEnd(w[2]!), 'meaning'].join('  ')}\n`);
  for (const r of rows)
    io.stdout(
      `${r
        .slice(0, 3)
        .map((c, i) => c.padEnd(w[i]!))
        .join('  ')}  ${r[3]}\n`,
    );
  return ExitCode.Pass;
}
