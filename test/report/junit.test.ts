import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJUnit } from '../../src/report/junit.js';
import { CONTROL, fixtureSummary } from './fixture.js';
import { findAll, parseXml, type XmlElement } from './xml.js';

const hasXmllint = ((): boolean => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function suite(root: XmlElement, name: string): XmlElement {
  const found = root.children.find((c) => c.name === 'testsuite' && c.attrs['name'] === name);
  if (!found) throw new Error(`no testsuite ${name}`);
  return found;
}

describe('renderJUnit', () => {
  const report = fixtureSummary();
  const xml = renderJUnit(report);
  const root = parseXml(xml);

  it('is a well-formed testsuites document with run totals', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(root.name).toBe('testsuites');
    // 10 non-critical checks + 3 critical cases; voting fails: 4 checks + 1 case; errors: 1 check + 1 case; 1 skipped.
    // (The critical-kind check of dosage-01 is counted once, in the critical-cases suite.)
    expect(root.attrs).toMatchObject({ name: 'revgate', tests: '13', failures: '5', errors: '2', skipped: '1', time: '252.500' });
  });

  it('writes one testcase per check, advisory non-pass only as system-out', () => {
    const checks = suite(root, 'checks');
    const cases = findAll(checks, 'testcase');
    // Critical-case checks are not repeated here: they are the critical-cases suite.
    expect(cases.map((c) => c.attrs['name'])).toEqual(report.checks.filter((c) => c.kind !== 'critical').map((c) => c.name));
    expect(checks.attrs).toMatchObject({ tests: '10', failures: '4', errors: '1', skipped: '1' });
    expect(cases.every((c) => c.attrs['classname'] === 'revgate.pharmabot.checks' && c.attrs['time'] === '0')).toBe(true);
    const byName = (name: string): XmlElement => cases.find((c) => c.attrs['name'] === name)!;
    expect(byName('green latency.p95 < 1s').children[0]).toMatchObject({
      name: 'failure',
      attrs: { message: 'latency.p95 1.2s >= limit 1s', type: 'fail' },
    });
    expect(byName('green latency.p95 < 1s').children[0]!.text).toContain('limit: 1000');
    expect(byName('ttft.p95 < 400ms').children[0]).toMatchObject({ name: 'error', attrs: { type: 'error' } });
    expect(byName('drift.rougeL.mean > 0.6').children[0]).toMatchObject({
      name: 'skipped',
      attrs: { message: 'no data: no case had output on both sides' },
    });
    expect(byName('latency.p50 < 800ms').children).toEqual([]);
    const advisory = byName('refusal_rate < 2%').children;
    expect(advisory.map((c) => c.name)).toEqual(['system-out']);
    expect(advisory[0]!.text).toBe('advisory fail: refusal_rate 5.0% >= 2% (advisory)');
  });

  it('writes one testcase per critical case', () => {
    const critical = suite(root, 'critical-cases');
    const cases = findAll(critical, 'testcase');
    expect(cases.map((c) => [c.attrs['name'], c.children.map((k) => k.name)])).toEqual([
      ['dosage-01', ['failure']],
      ['dosage-<02>', ['error']],
      ['dosage-03', []],
    ]);
    expect(critical.attrs).toMatchObject({ tests: '3', failures: '1', errors: '1', skipped: '0' });
  });

  it('carries verdict, suite and run id as properties', () => {
    const props = Object.fromEntries(findAll(suite(root, 'checks'), 'property').map((p) => [p.attrs['name'], p.attrs['value']]));
    expect(props).toMatchObject({ verdict: 'fail', suite: 'pharmabot', 'run.id': report.run.id });
  });

  it('strips characters XML 1.0 forbids and keeps line breaks in attributes', () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).toContain('bell nul esc vt lone ok');
    const hostile = fixtureSummary();
    hostile.suite.name = `a"b<c>&${CONTROL}`;
    hostile.checks[0]!.reason = 'line one\nline two\t"quoted" ]]> &amp;';
    const parsed = parseXml(renderJUnit(hostile));
    const first = findAll(parsed, 'testcase')[0]!;
    expect(first.attrs['classname']).toBe('revgate.a"b<c>&bell nul esc vt lone ok.checks');
    expect(first.children[0]!.attrs['message']).toBe('line one\nline two\t"quoted" ]]> &amp;');
  });

  it.skipIf(!hasXmllint)('passes xmllint when it is installed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'revgate-junit-'));
    const file = join(dir, 'junit.xml');
    const hostile = fixtureSummary();
    hostile.checks[0]!.reason = `]]> <![CDATA[ ${CONTROL} \uFFFE \u{1F600}`;
    writeFileSync(file, renderJUnit(hostile));
    expect(() => execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('parseXml (the test helper) rejects what CI parsers reject', () => {
  it.each([
    ['<a><b></a></b>', /closes/],
    ['<a x="1" x="2"/>', /duplicate/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a>a & b</a>', /bare &/],
    ['<a x="<"/>', /< in attribute/],
    ['<a/><b/>', /after the root/],
    ['<a>\u0007</a>', /illegal character/],
  ])('%j', (xml, error) => {
    expect(() => parseXml(xml)).toThrow(error);
  });
});
