// End to end: the real CLI (in-process) against real pharmabot services on loopback — the gate's
// main outcomes, the report files, re-rendering without traffic, streaming, http-json, and help.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPharmabot, type Pharmabot } from '../../reference/pharmabot/index.js';
import { cli, compareCli, GOOD_THRESHOLDS, pharmabotCases, readJsonl, readReport, ROOT, runDir, writeSuite } from './helpers.js';

const unescapeMd = (s: string) => s.replace(/\\_/g, '_').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');

const bots: Pharmabot[] = [];
async function bot(seed: number, flaws: Parameters<typeof startPharmabot>[0] = {}): Promise<Pharmabot> {
  const b = await startPharmabot({ seed, ...flaws });
  bots.push(b);
  return b;
}
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.close()));
});

describe('revgate compare, end to end', () => {
  it('passes a good green (exit 0), writes valid reports, and `report --from` re-renders them without traffic', async () => {
    const blue = await bot(1);
    const green = await bot(2);
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1` });

    const run = await compareCli(s);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const dir = await runDir(s.reportsDir);
    const report = await readReport(dir);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'revgate', version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version });
    expect(report.verdict.status).toBe('pass');
    expect(report.run).toMatchObject({ complete: true, interrupted: null, casesDone: 10, casesPlanned: 10, outputDir: dir });
    expect(report.cases).toHaveLength(10);
    expect(report.checks.filter((c: { kind: string }) => c.kind === 'threshold')).toHaveLength(GOOD_THRESHOLDS.length);
    expect(report.metrics.green['error_rate'].value).toBe(0);
    expect(report.metrics.blue['rag.recall@5'].value).toBeGreaterThan(0.8);
    expect(report.errors).toEqual([]);
    expect(await readJsonl(join(dir, 'results.jsonl'))).toHaveLength(20);
    expect(await readJsonl(join(dir, 'cases.jsonl'))).toHaveLength(10);
    expect(run.stdout).toMatch(/PASS/);

    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(md).toMatch(/pass/i);
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toMatch(/<testsuites?[\s>]/);
    expect(junit).not.toMatch(/<failure/);

    // Re-render into another dir: no server is called, the Markdown is byte-identical.
    const before = blue.stats().requests + green.stats().requests;
    const out = join(s.dir, 'rerender');
    const again = await cli(['report', '--from', join(dir, 'report.json'), '--format', 'md,junit', '--out', out], { cwd: s.dir });
    expect(again.code, again.stderr).toBe(0);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toBe(md);
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toBe(junit);
    expect(blue.stats().requests + green.stats().requests).toBe(before);
    // In place (the default): the files are rewritten identically.
    const inPlace = await cli(['report', '--from', join(dir, 'report.json'), '--format', 'md,junit'], { cwd: s.dir });
    expect(inPlace.code).toBe(0);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe(md);
  });

  it('fails a flawed green (short answers + refusals) with exit 1 and the failing checks in report and summary', async () => {
    const blue = await bot(1);
    const green = await bot(3, { flaws: { shortAnswers: true, refusalRate: 0.5 } });
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1` });

    const run = await compareCli(s);
    expect(run.code, run.stderr).toBe(1);
    const dir = await runDir(s.reportsDir);
    const report = await readReport(dir);
    expect(report.verdict.status).toBe('fail');
    expect(report.run.complete).toBe(true);
    const failed = report.checks.filter((c: { status: string }) => c.status === 'fail').map((c: { expr: string }) => c.expr);
    expect(failed).toEqual(expect.arrayContaining(['refusal_rate <= 5%', 'delta.ref.rougeL.mean >= -0.2']));
    expect(report.metrics.green['refusal_rate'].value).toBeGreaterThan(0.05);
    expect(report.metrics.blue['refusal_rate'].value).toBe(0);
    expect(report.verdict.reasons.join('\n')).toMatch(/refusal_rate = \d+(\.\d+)?% > 5%/);
    // Transport was clean: the failure is about quality, not errors.
    expect(report.metrics.green['error_rate'].value).toBe(0);

    // summary.md states every failing reason (Markdown-escaped: `\_`, `&gt;`).
    const md = unescapeMd(await readFile(join(dir, 'summary.md'), 'utf8'));
    expect(md).toMatch(/\*\*FAIL\*\*/);
    expect(report.verdict.reasons.length).toBeGreaterThanOrEqual(2);
    for (const reason of report.verdict.reasons) expect(md).toContain(reason);
    expect(md).toMatch(/green\.refusal_rate = \d+% > 5%/);
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<failure/);
    // `report --from` exits with the report's verdict code.
    expect((await cli(['report', '--from', join(dir, 'report.json'), '--format', 'console'], { cwd: s.dir })).code).toBe(1);
  });

  it('records ttftMs and ttft.p95 for a streaming openai-chat target, multi-turn cases included', async () => {
    const blue = await bot(1);
    const green = await bot(2);
    const cases = pharmabotCases();
    const multiTurn = cases.filter((c) => Array.isArray(c.messages)).map((c) => String(c.id));
    expect(multiTurn.length).toBeGreaterThan(0);
    const s = await writeSuite({ blue: `${blue.url}/v1`, green: `${green.url}/v1`, cases, target: { stream: true } });

    const run = await compareCli(s);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const dir = await runDir(s.reportsDir);
    const results = await readJsonl(join(dir, 'results.jsonl'));
    expect(results).toHaveLength(cases.length * 2);
    for (const r of results) {
      expect(r.ok).toBe(true);
      expect(r.ttftMs).toBeGreaterThan(0);
      expect(r.ttftMs).toBeLessThanOrEqual(r.latencyMs);
    }
    const report = await readReport(dir);
    expect(report.targets.green.stream).toBe(true);
    expect(report.metrics.green['ttft.p95'].value).toBeGreaterThan(0);
    expect(report.metrics.blue['ttft.p95'].value).toBeGreaterThan(0);
    // The multi-turn follow-ups were answered from the whole conversation: pinworm doses, angina treatments.
    for (const id of multiTurn) {
      const c = report.cases.find((x: { id: string }) => x.id === id);
      expect(c, id).toBeDefined();
      const green = results.find((r) => r.caseId === id && r.revision === 'green');
      expect(green.text.length).toBeGreaterThan(20);
    }
    expect(report.verdict.status).toBe('pass');
  });

  it('gates an http-json target (POST /ask, sources preset)', async () => {
    const blue = await bot(1);
    const green = await bot(2);
    const s = await writeSuite({
      blue: `${blue.url}/ask`,
      green: `${green.url}/ask`,
      target: { kind: 'http-json', model: undefined, body: { question: '{{question}}' }, answer: 'answer', docs: { preset: 'sources' } },
    });

    const run = await compareCli(s);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const dir = await runDir(s.reportsDir);
    const report = await readReport(dir);
    expect(report.targets.green.kind).toBe('http-json');
    expect(report.verdict.status).toBe('pass');
    const results = await readJsonl(join(dir, 'results.jsonl'));
    expect(results.every((r) => r.ok && typeof r.text === 'string' && r.text.length > 0 && r.docs.length > 0)).toBe(true);
    // The retriever finds the expected document for most MedQuAD questions.
    expect(report.metrics.green['rag.recall@5'].value).toBeGreaterThan(0.8);
    expect(green.stats().byStatus['200']).toBeGreaterThanOrEqual(10);
  });
});

describe('revgate CLI surface', () => {
  it('--version prints the package version; --help shows examples and exit codes; an unknown flag exits 4', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    const v = await cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(version);

    for (const argv of [['--help'], ['compare', '--help']]) {
      const h = await cli(argv);
      expect(h.code, argv.join(' ')).toBe(0);
      expect(h.stdout).toContain('Examples');
      expect(h.stdout).toMatch(/Exit codes/);
      for (const code of ['0', '1', '2', '3', '4', '130']) expect(h.stdout).toMatch(new RegExp(`^\\s+${code}\\s+\\w`, 'm'));
    }

    const bad = await cli(['compare', 'suites/pharmabot.yaml', '--no-such-flag']);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/unknown option/);
    expect((await cli(['no-such-command'])).code).toBe(4);
  });
});
