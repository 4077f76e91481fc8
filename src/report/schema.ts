// The `report` section of a suite: where and how reports are written.
import { z } from 'zod';

const FORMATS = ['json', 'md', 'junit', 'html'] as const;

/** What a run writes unless told otherwise (compare, merge): every format, the HTML page included
 *  (`revgate open` shows it). */
export const DEFAULT_REPORT_FORMATS: readonly (typeof FORMATS)[number][] = FORMATS;

export const ReportSchema = z
  .object({
    formats: z
      .array(z.enum(FORMATS))
      .default([...DEFAULT_REPORT_FORMATS])
      .describe(
        'Report formats written besides results.jsonl (html: the self-contained comparison page report.html). Flag: --format json,md,html. Default: [json, md, junit, html]',
      ),
    dir: z
      .string()
      .default('reports')
      .describe('Output directory, relative to the current directory; each run writes <dir>/<run-id>/. Flag: --out. Default: reports'),
    topCases: z.number().int().min(0).max(100).default(5).describe('How many most-regressed cases the Markdown summary shows. Default: 5'),
  })
  .strict()
  .describe('Where and how reports are written');

export type ReportOptions = z.output<typeof ReportSchema>;
