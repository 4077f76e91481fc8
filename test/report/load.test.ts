import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportInvalidError } from '../../src/model/errors.js';
import { jsonErrorPosition } from '../../src/report/json-position.js';
import { loadReport } from '../../src/report/load.js';
import { fixtureReport } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'revgate-load-'));
let n = 0;
function write(text: string): string {
  const file = join(dir, `report-${n++}.json`);
  writeFileSync(file, text);
  return file;
}
function withField(path: string, value: unknown): string {
  const data = JSON.parse(JSON.stringify(fixtureReport())) as Record<string, Record<string, unknown>>;
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) (data as Record<string, unknown>)[head] = value;
  else data[head]![tail] = value;
  return write(JSON.stringify(data, (_k, v: unknown) => v));
}
async function failure(file: string): Promise<ReportInvalidError> {
  const error = await loadReport(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportInvalidError);
  expect((error as ReportInvalidError).code).toBe('RG_REPORT_INVALID');
  return error as ReportInvalidError;
}

describe('loadReport', () => {
  it('reads back a report it can render', async () => {
    const report = fixtureReport();
    const loaded = await loadReport(write(JSON.stringify(report)));
    expect(loaded).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it.each([
    ['{\n  "schemaVersion": 1,\n  "run": }', 'invalid JSON at line 3, column 10 (position 33)'],
    ['{"schemaVersion": 1', 'unexpected end of JSON at line 1, column 20 (position 19)'],
    ['', 'unexpected end of JSON at line 1, column 1 (position 0)'],
    ['[1, 2]', 'expected a JSON object, got array'],
  ])('rejects %j with the position', async (text, detail) => {
    const file = write(text);
    expect((await failure(file)).message).toBe(`${file} is not a revgate report: ${detail}`);
  });

  it.each([
    [2, 'report schema 2 is newer than this revgate understands (1)'],
    [0, 'report schema 0 is older than this revgate reads (1)'],
    ['1', 'field `schemaVersion` should be an integer, got "1"'],
    [undefined, 'missing field `schemaVersion`'],
  ])('checks schemaVersion %j', async (version, detail) => {
    expect((await failure(withField('schemaVersion', version))).message).toContain(detail);
  });

  it.each([
    ['run.outputDir', undefined, 'missing field `run.outputDir`'],
    ['checks', {}, 'field `checks` should be an array, got object'],
    ['verdict', null, 'field `verdict` should be an object, got null'],
    ['run.complete', 'yes', 'field `run.complete` should be a boolean, got string'],
    ['cases', undefined, 'missing field `cases`'],
  ])('names a missing or mistyped field: %s', async (path, value, detail) => {
    expect((await failure(withField(path, value))).message).toContain(detail);
  });

  it('says when the file does not exist', async () => {
    expect((await failure(join(dir, 'nope.json'))).message).toContain('file not found');
  });
});

describe('jsonErrorPosition', () => {
  it.each([
    ['{"a": [1, 2,]}', 12],
    ['{"a": "tab\there"}', 10],
    ['{"a": 01}', 7],
    ['{"a": tru}', 9],
    ['{"a": "\\x"}', 8],
    ['{} x', 3],
  ])('%j fails at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)?.offset).toBe(offset);
  });

  it('returns null for valid JSON', () => {
    expect(jsonErrorPosition(' {"a": [1, -2.5e+3, "\\u00e9", true, null, {}]} ')).toBeNull();
  });
});
