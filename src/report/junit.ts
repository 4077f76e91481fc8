// JUnit XML for CI test reporters (Jenkins, GitLab, GitHub test-report actions).
// One testsuite of gate checks, one of critical cases (their gate checks are not repeated in the
// first suite, so one failing critical case is one failure). Advisory checks never count as failures:
// their non-pass outcome is written to <system-out>, the way Argo's dry-run metrics are measured but do not vote.
import type { CheckResult } from '../model/verdict.js';
import type { ReportSummary } from '../model/report.js';
import { selectionText } from './selection.js';
import { escapeXml } from './text.js';

interface TestCase {
  classname: string;
  name: string;
  /** The child element, already rendered; empty for a plain pass. */
  body: string;
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
}

/** Render the report summary as a JUnit XML document. */
export function renderJUnit(report: ReportSummary): string {
  const prefix = `revgate.${report.suite.name}`;
  const properties = renderProperties(report);
  const checks = report.checks.filter((c) => c.kind !== 'critical').map((c) => checkCase(`${prefix}.checks`, c));
  const critical = report.critical.map((c): TestCase => criticalCase(`${prefix}.critical`, c));
  const all = [...checks, ...critical];
  const seconds = (report.run.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="revgate" ${countAttrs(all)} time="${seconds}">`,
    renderSuite('checks', checks, properties, report.run.startedAt),
    renderSuite('critical-cases', critical, properties, report.run.startedAt),
    '</testsuites>',
    '',
  ].join('\n');
}

function checkCase(classname: string, check: CheckResult): TestCase {
  const base = { classname, name: check.name };
  if (check.status === 'pass') return { ...base, body: '', outcome: 'pass' };
  if (check.advisory) return { ...base, body: element('system-out', `advisory ${check.status}: ${check.reason}`), outcome: 'pass' };
  const detail = checkDetail(check);
  if (check.status === 'fail') return { ...base, body: failure('failure', check.reason, 'fail', detail), outcome: 'failure' };
  if (check.status === 'error') return { ...base, body: failure('error', check.reason, 'error', detail), outcome: 'error' };
  return { ...base, body: `<skipped message="${escapeXml(check.reason, 'attr')}"/>`, outcome: 'skipped' };
}

/** The facts behind a check, as the body of its <failure> or <error>. */
function checkDetail(check: CheckResult): string {
  const facts: [string, unknown][] = [
    ['expr', check.expr],
    ['scope', check.scope],
    ['value', check.value],
    ['limit', check.limit],
    ['blue', check.blue],
    ['green', check.green],
    ['n', check.n],
    ['tags', check.tags?.join(',') || undefined],
  ];
  const stats = check.stats;
  if (stats) {
    facts.push(
      ['test', stats.test],
      ['outcome', stats.outcome],
      ['estimate', stats.estimate],
      ['interval', stats.interval === null ? null : `[${stats.interval[0]}, ${stats.interval[1]}] (${stats.confidence * 100}%)`],
      ['p', stats.pValue],
      ['p.holm', stats.pAdjusted],
      ['effect', stats.effectSize === null ? null : `${stats.effectSize.name} = ${stats.effectSize.value}`],
      ['minEffect', stats.minEffect],
      ['noiseFloor', stats.noiseFloor],
      ['needed', stats.needed],
    );
  }
  return facts
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');
}

function criticalCase(classname: string, c: ReportSummary['critical'][number]): TestCase {
  const base = { classname, name: c.id };
  const message = c.reasons[0] ?? `critical case ${c.status}`;
  const detail = c.reasons.join('\n');
  if (c.status === 'fail') return { ...base, body: failure('failure', message, 'fail', detail), outcome: 'failure' };
  if (c.status === 'error') return { ...base, body: failure('error', message, 'error', detail), outcome: 'error' };
  return { ...base, body: '', outcome: 'pass' };
}

function failure(tag: 'failure' | 'error', message: string, type: string, detail: string): string {
  return `<${tag} message="${escapeXml(message, 'attr')}" type="${type}">${escapeXml(detail)}</${tag}>`;
}

function element(tag: string, text: string): string {
  return `<${tag}>${escapeXml(text)}</${tag}>`;
}

function renderProperties(report: ReportSummary): string {
  const props: [string, string][] = [
    ['verdict', report.verdict.status],
    ['suite', report.suite.name],
    ['run.id', report.run.id],
    ['run.complete', String(report.run.complete)],
    ...(report.run.selection ? [['run.selection', selectionText(report.run.selection)] as [string, string]] : []),
    ['revgate.version', report.tool.version],
  ];
  const lines = props.map(([name, value]) => `      <property name="${escapeXml(name, 'attr')}" value="${escapeXml(value, 'attr')}"/>`);
  return ['    <properties>', ...lines, '    </properties>'].join('\n');
}

function renderSuite(name: string, cases: TestCase[], properties: string, timestamp: string): string {
  const head = `  <testsuite name="${name}" ${countAttrs(cases)} time="0" timestamp="${escapeXml(timestamp, 'attr')}">`;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${escapeXml(c.classname, 'attr')}" name="${escapeXml(c.name, 'attr')}" time="0"`;
    return c.body === '' ? `${open}/>` : `${open}>\n      ${c.body}\n    </testcase>`;
  });
  return [head, properties, ...body, '  </testsuite>'].join('\n');
}

function countAttrs(cases: TestCase[]): string {
  const count = (o: TestCase['outcome']): number => cases.filter((c) => c.outcome === o).length;
  return `tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}"`;
}
