// A target as the targets read it: defaults filled and ${ENV} references expanded by config/.
import type { Revision } from '../model/outcome.js';

export type DocsExtract =
  | { preset: 'none' }
  | { preset: 'custom'; path: string; id: string[] }
  | { preset: 'azure-on-your-data' | 'sources'; path: string; id: string[] };

export interface ResolvedTarget {
  revision: Revision;
  kind: 'openai-chat' | 'http-json';
  url: string;
  /** Headers with `${ENV}` references expanded. Never written to reports or logs. */
  headers: Record<string, string>;
  /** Header names whose values came from env references (redacted in reports). */
  secretHeaders: string[];
  model: string | undefined;
  /** Expanded API key; never written to reports or logs. */
  apiKey: string | undefined;
  apiVersion: string | undefined;
  stream: boolean;
  system: string | undefined;
  temperature: number | undefined;
  maxTokens: number | undefined;
  extraBody: Record<string, unknown> | undefined;
  body: unknown;
  answer: string;
  docs: DocsExtract;
  /** Absolute readiness URL, or undefined to skip the check. */
  readyUrl: string | undefined;
}
