// A run is named the same way in every command that reads one: its directory, its report.json or
// its report.html — `report <run>` (and the older `report --from <run>`), `diff <a> <b>`.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { cli } from '../e2e/helpers.js';
import { fixtureReport, fixtureSummary } from '../report/fixture.js';

let cwd = '';
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'revgate-run-arg-'));
  for (const id of ['a', 'b']) {
    await mkdir(join(cwd, 'reports', id), { recursive: true });
    await writeFile(join(cwd, 'reports', id, 'report.json'), JSON.stringify(fixtureReport()));
  }
});

describe('revgate report <run>', () => {
  it.each([['reports/a'], ['reports/a/report.json'], ['reports/a/report.html'], ['--from', 'reports/a']])(
    're-renders the run named %s',
    async (...run: string[]) => {
      const r = await cli(['report', ...run, '--format', 'md'], { cwd });
      // The fixture's verdict is FAIL: report exits with the verdict's code.
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe(`wrote ${join(cwd, 'reports', 'a', 'summary.md')}\n`);
      expect(await readFile(join(cwd, 'reports', 'a', 'summary.md'), 'utf8')).toBe(renderMarkdown(fixtureSummary()));
    },
  );

  it('the argument and --from may name the run together only if they agree', async () => {
    expect((await cli(['report', 'reports/a', '--from', 'reports/a', '--format', 'md'], { cwd })).code).toBe(1);
    const both = await cli(['report', 'reports/a', '--from', 'reports/b', '--format', 'md'], { cwd });
    expect(both.code).toBe(4);
    expect(both.stderr).toContain('two runs named: reports/a and --from reports/b [RG_USAGE]');
  });

  it('exits 4 when no run is named, or the directory holds none', async () => {
    const none = await cli(['report', '--format', 'md'], { cwd });
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/no run named \[RG_USAGE\]\n {2}hint: name a run directory/);
    const empty = await cli(['report', 'reports', '--format', 'md'], { cwd });
    expect(empty.code).toBe(4);
    expect(empty.stderr).toContain('is not a run directory (no report.json, no run.json + cases.jsonl)');
    expect(existsSync(join(cwd, 'reports', 'summary.md'))).toBe(false);
  });
});

describe('revgate diff <a> <b>', () => {
  it('takes runs by directory as well as by report.json', async () => {
    const byDir = await cli(['diff', 'reports/a', 'reports/b'], { cwd });
    expect(byDir.code, byDir.stderr).toBe(0);
    const byFile = await cli(['diff', 'reports/a/report.json', 'reports/b/report.json'], { cwd });
    expect(byFile.code, byFile.stderr).toBe(0);
    // The diff names its inputs as given; apart from that, it is the same diff.
    expect(byDir.stdout.replace(/reports\/([ab])\/report\.json/g, 'reports/$1')).toBe(
      byFile.stdout.replace(/reports\/([ab])\/report\.json/g, 'reports/$1'),
    );
  });
});
