// `revgate report --from report.json`: re-render without replaying traffic.
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { publishToGitHub } from '../../ci/github.js';
import { UsageError } from '../../errors.js';
import { renderConsole } from '../../report/console.js';
import { loadReport } from '../../report/load.js';
import { rendererFor, RENDERERS } from '../../report/renderers.js';
import { exitForVerdict } from '../exit-codes.js';
import type { CliIO } from '../io.js';

export async function runReport(flags: Record<string, unknown>, io: CliIO): Promise<number> {
  const from = resolve(io.cwd, String(flags.from));
  const formats = (flags.format as string[] | undefined) ?? ['md', 'junit'];
  const unknown = formats.filter((f) => f !== 'console' && !(f in RENDERERS));
  if (unknown.length) throw new UsageError(`unknown format ${unknown.map((f) => `"${f}"`).join(', ')}`, `choose from ${[...Object.keys(RENDERERS), 'console'].join(', ')}`);
  const report = await loadReport(from);
  const outDir = flags.out === undefined ? dirname(from) : resolve(io.cwd, String(flags.out));
  await mkdir(outDir, { recursive: true });
  for (const format of formats) {
    if (format === 'console') {
      io.stdout(renderConsole(report, { color: io.isTTY }));
      continue;
    }
    const r = rendererFor(format);
    const file = join(outDir, r.file);
    await writeFile(file, r.renderReport ? r.renderReport(report) : r.render(report));
    io.stdout(`wrote ${file}\n`);
  }
  await publishToGitHub(report, io);
  return exitForVerdict(report.verdict.status);
}
