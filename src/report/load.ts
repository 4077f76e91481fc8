// Read a report.json back (for `revgate report --from`), refusing anything the renderers cannot trust.
import { readFile } from 'node:fs/promises';
import { ReportInvalidError } from '../model/errors.js';
import { jsonErrorPosition } from './json-position.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../model/report.js';

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** The fields the renderers read, by dotted path. Checked in order, so parents come before children. */
const REQUIRED: [string, Kind][] = [
  ['tool', 'object'],
  ['tool.version', 'string'],
  ['run', 'object'],
  ['run.id', 'string'],
  ['run.startedAt', 'string'],
  ['run.durationMs', 'number'],
  ['run.complete', 'boolean'],
  ['run.casesDone', 'number'],
  ['run.casesPlanned', 'number'],
  ['run.outputDir', 'string'],
  ['suite', 'object'],
  ['suite.name', 'string'],
  ['targets', 'object'],
  ['config', 'object'],
  ['metrics', 'object'],
  ['metrics.blue', 'object'],
  ['metrics.green', 'object'],
  ['metrics.pair', 'object'],
  ['metricsByTag', 'object'],
  ['checks', 'array'],
  ['verdict', 'object'],
  ['verdict.status', 'string'],
  ['verdict.reasons', 'array'],
  ['verdict.counts', 'object'],
  ['errors', 'array'],
  ['critical', 'array'],
  ['highlights', 'array'],
  ['cases', 'array'],
];

/** Read and check a report.json; throws ReportInvalidError naming the first problem found. */
export async function loadReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ReportInvalidError(file, code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(cause)})`);
  }
  const data = parseJson(file, text);
  checkVersion(file, data);
  for (const [path, kind] of REQUIRED) {
    const problem = fieldProblem(data, path, kind);
    if (problem !== null) throw new ReportInvalidError(file, problem);
  }
  return data as Report;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const at = jsonErrorPosition(text);
    const where = at === null ? '' : ` at line ${at.line}, column ${at.column} (position ${at.offset})`;
    const what = at !== null && at.offset >= text.length ? 'unexpected end of JSON' : 'invalid JSON';
    throw new ReportInvalidError(file, `${what}${where}`);
  }
}

function checkVersion(file: string, data: unknown): void {
  if (kindOf(data) !== 'object') throw new ReportInvalidError(file, `expected a JSON object, got ${kindOf(data)}`);
  const version = (data as Record<string, unknown>)['schemaVersion'];
  if (version === undefined) throw new ReportInvalidError(file, 'missing field `schemaVersion`');
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new ReportInvalidError(file, `field \`schemaVersion\` should be an integer, got ${JSON.stringify(version)}`);
  }
  if (version > REPORT_SCHEMA_VERSION) {
    throw new ReportInvalidError(file, `report schema ${version} is newer than this revgate understands (${REPORT_SCHEMA_VERSION})`);
  }
  if (version < REPORT_SCHEMA_VERSION) {
    throw new ReportInvalidError(file, `report schema ${version} is older than this revgate reads (${REPORT_SCHEMA_VERSION})`);
  }
}

function fieldProblem(data: unknown, path: string, kind: Kind): string | null {
  let value: unknown = data;
  for (const key of path.split('.')) value = (value as Record<string, unknown>)[key];
  if (value === undefined) return `missing field \`${path}\``;
  const actual = kindOf(value);
  return actual === kind ? null : `field \`${path}\` should be ${article(kind)} ${kind}, got ${actual}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function article(kind: Kind): string {
  return kind === 'object' || kind === 'array' ? 'an' : 'a';
}
