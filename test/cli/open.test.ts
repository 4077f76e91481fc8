// `revgate open [run]`: which run (named three ways, or the newest under the report directory),
// report.html rendered from report.json when the run wrote none (or rebuilt from cases.jsonl
// when the run never ended), exit 4 with a hint when there is no run. Every run uses --print or
// an injected opener: no browser is ever launched.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { openerFor } from '../../src/cli/opener.js';
import { runCli } from '../../src/cli/run.js';
import { cli, compareCli, runDir, writeSuite } from '../e2e/helpers.js';
import { fixtureReport } from '../report/fixture.js';

const OLD = '20261125-080000-pharmabot-0001';
const NEW = '20261126-220000-pharmabot-7f3a';

/** A report directory with two stored runs (report.json only) and a directory that is no run. */
async function reportsDir(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'revgate-open-'));
  for (const id of [NEW, OLD]) {
    await mkdir(join(cwd, 'reports', id), { recursive: true });
    await writeFile(join(cwd, 'reports', id, 'report.json'), JSON.stringify(fixtureReport()));
  }
  // Sorts after every run id, but holds no run: never picked.
  await mkdir(join(cwd, 'reports', 'zz-notes'));
  return cwd;
}

describe('revgate open --print', () => {
  let cwd = '';
  beforeAll(async () => {
    cwd = await reportsDir();
  });

  it('without a run: the newest run under ./reports, its report.html rendered from report.json first', async () => {
    const page = join(cwd, 'reports', NEW, 'report.html');
    const r = await cli(['open', '--print'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${page}\n`);
    expect(r.stderr).toContain(`had no report.html: rendered it from ${join(cwd, 'reports', NEW, 'report.json')}`);
    expect(await readFile(page, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(existsSync(join(cwd, 'reports', OLD, 'report.html'))).toBe(false);
    // Once written, the page is opened as it is.
    const again = await cli(['open', '--print'], { cwd });
    expect(again).toEqual({ code: 0, stdout: `${page}\n`, stderr: '' });
  });

  it('a run named by its directory, its report.json or its report.html', async () => {
    const page = join(cwd, 'reports', OLD, 'report.html');
    for (const run of [`reports/${OLD}`, `reports/${OLD}/report.json`, `reports/${OLD}/report.html`]) {
      const r = await cli(['open', run, '--print'], { cwd });
      expect(r.code, `${run}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toBe(`${page}\n`);
    }
  });

  it('--out searches another report directory; no run there exits 4 with a hint', async () => {
    const r = await cli(['open', '--out', 'elsewhere', '--print'], { cwd });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no run found in elsewhere [RG_USAGE]');
    expect(r.stderr).toMatch(/hint: run `revgate compare <suite>` first/);

    await mkdir(join(cwd, 'ci-reports', 'run-1'), { recursive: true });
    await writeFile(join(cwd, 'ci-reports', 'run-1', 'report.json'), JSON.stringify(fixtureReport()));
    const found = await cli(['open', '--out', 'ci-reports', '--print'], { cwd });
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toBe(`${join(cwd, 'ci-reports', 'run-1', 'report.html')}\n`);
  });

  it('exits 4 for a path that is no run, and for a report that is not a revgate report', async () => {
    for (const run of ['nowhere', 'reports/zz-notes', 'reports/missing/report.json']) {
      const r = await cli(['open', run, '--print'], { cwd });
      expect(r.code, run).toBe(4);
      expect(r.stderr, run).toMatch(/\[RG_USAGE\]\n {2}hint: name a run directory/);
    }
    await writeFile(join(cwd, 'reports', 'zz-notes', 'report.json'), '{"not": "a report"}');
    const invalid = await cli(['open', 'reports/zz-notes', '--print'], { cwd });
    expect(invalid.code).toBe(4);
    expect(invalid.stderr).toContain('[RG_REPORT_INVALID]');
  });
});

describe('revgate open, opening', () => {
  it('hands the page to the injected opener unless --print; prints the path either way', async () => {
    const cwd = await reportsDir();
    const opened: string[] = [];
    const run = async (argv: string[]) => {
      let stdout = '';
      const code = await runCli(argv, {
        stdout: (s) => void (stdout += s),
        stderr: () => undefined,
        env: {},
        cwd,
        isTTY: false,
        color: false,
        signal: new AbortController().signal,
        openFile: (file) => opened.push(file),
      });
      return { code, stdout };
    };
    const page = join(cwd, 'reports', NEW, 'report.html');
    expect(await run(['open'])).toEqual({ code: 0, stdout: `${page}\n` });
    expect(opened).toEqual([page]);
    expect(await run(['open', '--print'])).toEqual({ code: 0, stdout: `${page}\n` });
    expect(opened).toEqual([page]);
  });

  it('uses the platform opener: xdg-open, open, start', () => {
    expect(openerFor('linux', '/r/report.html')).toEqual({ command: 'xdg-open', args: ['/r/report.html'], verbatim: false });
    expect(openerFor('darwin', '/r/report.html')).toEqual({ command: 'open', args: ['/r/report.html'], verbatim: false });
    expect(openerFor('win32', 'C:\\r x\\report.html')).toEqual({
      command: 'cmd',
      args: ['/d', '/s', '/c', 'start "" "C:\\r x\\report.html"'],
      verbatim: true,
    });
  });
});

describe('revgate open on real runs', () => {
  const bots: Pharmabot[] = [];
  beforeAll(async () => {
    bots.push(await startPharmabot({ seed: 1 }), await startPharmabot({ seed: 2 }));
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.close()));
  });

  it('renders the page of a run that wrote only report.json, and rebuilds a run that never ended', async () => {
    const s = await writeSuite({ blue: `${bots[0]!.url}/v1`, green: `${bots[1]!.url}/v1`, report: { formats: ['json'] } });
    expect((await compareCli(s)).code).toBe(0);
    const dir = await runDir(s.reportsDir);
    const page = join(dir, 'report.html');
    expect(existsSync(page)).toBe(false);

    const r = await cli(['open', '--print'], { cwd: s.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${page}\n`);
    expect(await readFile(page, 'utf8')).toContain('e2e');

    // As a crash leaves it: run.json and cases.jsonl, no report.
    await rm(join(dir, 'report.json'));
    await rm(page);
    const rebuilt = await cli(['open', dir, '--print'], { cwd: s.dir });
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toMatch(
      /had no report\.json \(the run did not end\): rebuilt json, .*html from cases\.jsonl \(10 of 10 cases\)/,
    );
    expect(rebuilt.stdout).toBe(`${page}\n`);
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
    expect(existsSync(page)).toBe(true);
  });
});
