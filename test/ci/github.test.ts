// GitHub Actions integration: workflow-command escaping, annotations for the checks that did not
// pass, the job summary appended to $GITHUB_STEP_SUMMARY (through the CLI with injected env), and
// the Markdown summary fitting a PR comment with collapsible case details.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotation, annotationsFor, escapeData, escapeProperty, MAX_ANNOTATIONS, publishToGitHub } from '../../src/ci/github.js';
import type { CheckResult } from '../../src/model/verdict.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { cli } from '../e2e/helpers.js';
import { fixtureReport, fixtureSummary, highlight } from '../report/fixture.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'revgate-ci-'));
}

describe('workflow-command escaping', () => {
  it.each([
    ['plain text', 'plain text', 'plain text'],
    ['5% more', '5%25 more', '5%25 more'],
    ['line 1\nline 2\r\n', 'line 1%0Aline 2%0D%0A', 'line 1%0Aline 2%0D%0A'],
    ['a: b, c', 'a: b, c', 'a%3A b%2C c'],
    ['%0A is literal', '%250A is literal', '%250A is literal'],
    ['::error::injected', '::error::injected', '%3A%3Aerror%3A%3Ainjected'],
  ])('%j → data %j, property %j', (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });

  it('writes `::level title=<property>::<data>`', () => {
    expect(annotation('error', 'revgate ratio.latency.p95 <= 1.2, tagged: x', 'p95 = 1.34 > 1.2\n(green 812ms)')).toBe(
      '::error title=revgate ratio.latency.p95 <= 1.2%2C tagged%3A x::p95 = 1.34 > 1.2%0A(green 812ms)',
    );
  });
});

describe('annotations', () => {
  it('one per voting check that did not pass: fail and error → ::error, inconclusive → ::warning; advisory and passing checks none', () => {
    const report = fixtureSummary();
    const lines = annotationsFor(report);
    const voting = report.checks.filter((c) => !c.advisory && c.status !== 'pass');
    expect(lines).toHaveLength(voting.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) title=revgate [^:]+::/);
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(voting.filter((c) => c.status === 'inconclusive').length);
    expect(lines.some((l) => l.includes('tokens.total.mean'))).toBe(false);
    expect(lines.some((l) => l.includes('refusal_rate < 2%25'))).toBe(false);
    expect(lines.every((l) => !l.slice(2).includes('\n'))).toBe(true);
    // Worst first: the first line is an error.
    expect(lines[0]).toMatch(/^::error title=revgate /);
  });

  it('caps the number of annotations and says how many more', () => {
    const report = fixtureSummary();
    const many: CheckResult[] = Array.from({ length: 30 }, (_, i) => ({
      id: `c${i}`,
      name: `c${i}`,
      kind: 'threshold',
      expr: `c${i}`,
      advisory: false,
      value: 1,
      n: 9,
      status: 'fail',
      reason: `c${i} failed`,
    }));
    report.checks = many;
    const lines = annotationsFor(report);
    expect(lines).toHaveLength(MAX_ANNOTATIONS + 1);
    expect(lines.at(-1)).toBe('::notice title=revgate::10 more checks did not pass; see the job summary or report.json');
  });

  it('explains a non-pass verdict without failing checks (no voting checks)', () => {
    const report = fixtureSummary();
    report.checks = [];
    report.verdict = {
      status: 'inconclusive',
      reasons: ['no voting checks: add thresholds or critical cases'],
      counts: { pass: 0, inconclusive: 0, error: 0, fail: 0 },
    };
    // The message is data: ":" stays as it is (only the title property escapes it).
    expect(annotationsFor(report)).toEqual(['::warning title=revgate inconclusive::no voting checks: add thresholds or critical cases']);
  });

  it('prints nothing for a pass', () => {
    const report = fixtureSummary();
    report.checks = report.checks.filter((c) => c.status === 'pass');
    report.verdict = { status: 'pass', reasons: [], counts: { pass: 2, inconclusive: 0, error: 0, fail: 0 } };
    expect(annotationsFor(report)).toEqual([]);
  });
});

describe('publishToGitHub', () => {
  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY and prints annotations only when GITHUB_ACTIONS=true', async () => {
    const file = join(await tempDir(), 'step-summary.md');
    await writeFile(file, '# earlier step\n');
    let out = '';
    const report = fixtureSummary();
    const r = await publishToGitHub(report, { env: { GITHUB_STEP_SUMMARY: file }, stdout: (s) => void (out += s) });
    expect(r).toEqual({ summaryFile: file, annotations: 0 });
    expect(out).toBe('');
    expect(await readFile(file, 'utf8')).toBe(`# earlier step\n${renderMarkdown(report)}\n`);

    const again = await publishToGitHub(report, {
      env: { GITHUB_STEP_SUMMARY: file, GITHUB_ACTIONS: 'true' },
      stdout: (s) => void (out += s),
    });
    expect(again.annotations).toBeGreaterThan(0);
    expect(out.trimEnd().split('\n')).toHaveLength(again.annotations);
    expect(await readFile(file, 'utf8')).toBe(`# earlier step\n${renderMarkdown(report)}\n${renderMarkdown(report)}\n`);
  });

  it('does nothing outside GitHub Actions', async () => {
    let out = '';
    expect(await publishToGitHub(fixtureSummary(), { env: { CI: '1' }, stdout: (s) => void (out += s) })).toEqual({
      summaryFile: null,
      annotations: 0,
    });
    expect(out).toBe('');
  });

  it('is wired into `revgate report --from`: job summary appended via the injected env, annotations on stdout', async () => {
    const dir = await tempDir();
    const reportFile = join(dir, 'report.json');
    await writeFile(reportFile, JSON.stringify(fixtureReport()));
    const summary = join(dir, 'summary-file.md');
    await writeFile(summary, 'before\n');
    const run = await cli(['report', '--from', reportFile, '--format', 'console'], {
      cwd: dir,
      env: { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' },
    });
    expect(run.code, run.stderr).toBe(1);
    const text = await readFile(summary, 'utf8');
    expect(text.startsWith('before\n## revgate: **FAIL** — pharmabot')).toBe(true);
    expect(run.stdout).toMatch(/^::error title=revgate critical dosage-01::critical case dosage-01 failed/m);
    expect(run.stdout).toMatch(/^::warning title=revgate /m);

    const quiet = await cli(['report', '--from', reportFile, '--format', 'console'], { cwd: dir });
    expect(quiet.stdout).not.toMatch(/^::/m);
  });
});

describe('the Markdown summary as a PR comment', () => {
  it("stays under GitHub's comment limit with huge cases, which are collapsible <details> blocks", () => {
    const big = fixtureSummary();
    big.highlights = Array.from({ length: 200 }, (_, n) => highlight(`case-${n}`, 50_000));
    const md = renderMarkdown(big);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const opened = md.match(/<details><summary>/g) ?? [];
    expect(opened.length).toBeGreaterThan(0);
    expect((md.match(/<\/details>/g) ?? []).length).toBe(opened.length);
    expect(md).toMatch(/more regressed cases? left out to fit a GitHub comment/);
  });
});
