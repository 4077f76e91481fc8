// GitHub Actions integration: the Markdown summary appended to the job summary
// ($GITHUB_STEP_SUMMARY) and the checks that did not pass printed as workflow annotations.
// The environment is passed in (the CLI hands over its injected env): nothing here reads process.*.
import { appendFile } from 'node:fs/promises';
import type { ReportSummary } from '../model/report.js';
import { renderMarkdown } from '../report/markdown.js';
import { sortChecks } from '../report/values.js';
import { sanitizeText } from '../report/sanitize.js';

/** Annotations printed at most (GitHub shows 10 errors and 10 warnings per step, 50 per job). */
export const MAX_ANNOTATIONS = 20;

export interface GitHubIO {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
}

export interface Published {
  /** The job summary file appended to, when $GITHUB_STEP_SUMMARY is set. */
  summaryFile: string | null;
  /** Annotation lines printed (0 outside GitHub Actions). */
  annotations: number;
}

// Workflow-command escaping (actions/toolkit, packages/core/src/command.ts): the message ("data")
// escapes %, CR and LF; property values (title=…) also escape ":" and ",", which would otherwise
// end the value or the property list. "%" first, so the escapes themselves are not escaped again.

/** Escape a workflow-command message: % → %25, \r → %0D, \n → %0A. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow-command property value: as escapeData, plus : → %3A and , → %2C. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line: `::error title=revgate <check>::<reason>`. */
export function annotation(level: 'error' | 'warning' | 'notice', title: string, message: string): string {
  return `::${level} title=${escapeProperty(sanitizeText(title))}::${escapeData(sanitizeText(message))}`;
}

/** Annotations for the voting checks that did not pass: fail and error → ::error, inconclusive → ::warning. */
export function annotationsFor(report: ReportSummary, max = MAX_ANNOTATIONS): string[] {
  const failing = sortChecks(report.checks).filter((c) => !c.advisory && c.status !== 'pass');
  const lines = failing
    .slice(0, max)
    .map((c) => annotation(c.status === 'inconclusive' ? 'warning' : 'error', `revgate ${c.name}`, c.reason));
  if (failing.length > max)
    lines.push(annotation('notice', 'revgate', `${failing.length - max} more checks did not pass; see the job summary or report.json`));
  // A verdict that no check explains (no voting checks at all) still gets one line.
  if (failing.length === 0 && report.verdict.status !== 'pass') {
    const level = report.verdict.status === 'inconclusive' ? 'warning' : 'error';
    lines.push(annotation(level, `revgate ${report.verdict.status}`, report.verdict.reasons.join('; ') || report.verdict.status));
  }
  return lines;
}

/** Publish a report to GitHub Actions: job summary when $GITHUB_STEP_SUMMARY is set, annotations when GITHUB_ACTIONS=true. */
export async function publishToGitHub(report: ReportSummary, io: GitHubIO): Promise<Published> {
  const summaryFile = io.env['GITHUB_STEP_SUMMARY'] || null;
  if (summaryFile !== null) await appendFile(summaryFile, `${renderMarkdown(report)}\n`);
  const lines = io.env['GITHUB_ACTIONS'] === 'true' ? annotationsFor(report) : [];
  for (const line of lines) io.stdout(`${line}\n`);
  return { summaryFile, annotations: lines.length };
}
